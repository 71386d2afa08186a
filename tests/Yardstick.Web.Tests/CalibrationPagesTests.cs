using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yardstick.App.Demo;

namespace Yardstick.Web.Tests;

/// <summary>
/// The calibration page (<c>/periods/{label}/calibration</c>, admins) and its API over the demo's industrial 2026-10
/// (InReview): both come from App's CalibrationView; a final grade set through the API (on a host of its own) moves the
/// group's counts from before to after and shows in the page's people.
/// </summary>
public sealed class CalibrationPagesTests(DemoHosts hosts) : IClassFixture<DemoHosts>
{
    private static async Task<JsonElement> ViewAsync(HttpClient api) =>
        JsonDocument.Parse(await api.GetStringAsync("/api/v1/periods/2026-10/calibration")).RootElement;

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Page_Admin_ShowsTheGroupsAndPeopleAsTheApi(string provider)
    {
        var browser = await hosts.SignInAsync(provider, "hr@industrial.demo");
        using var api = await (await hosts.HostAsync(provider)).ApiAsync("hr@industrial.demo", LoadDemo.Password);

        var html = await Pages.OkAsync(browser, "/periods/2026-10/calibration");

        var view = await ViewAsync(api);
        var people = view.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("people").EnumerateArray()).ToList();
        Assert.Contains(people, p => p.GetProperty("person").GetString() == "zhang_wei");
        var rows = Pages.Rows(html, "data-person");
        Assert.Equal(people.Select(p => p.GetProperty("person").GetString()), rows.Select(r => r.Key));
        // person, total, computed grade, final grade: zhang_wei is E1's 100.77, grade A, not calibrated
        var zhang = Assert.Single(rows, r => r.Key == "zhang_wei");
        Assert.Equal(["zhang_wei", "100.77", "A", "A", ""], zhang.Cells[..5]);
        Assert.Equal(view.GetProperty("groups").GetArrayLength(), html.Split("data-group=").Length - 1);
        Assert.Contains("id=\"calibrate-submit\"", html, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Page_Manager_IsRefusedAndShowsNoOne(string provider)
    {
        var browser = await hosts.SignInAsync(provider, "li_ming@industrial.demo");

        var html = await Pages.OkAsync(browser, "/periods/2026-10/calibration");

        Assert.Contains("id=\"cal-refused\"", html, StringComparison.Ordinal);
        Assert.Empty(Pages.Rows(html, "data-person"));
        Assert.DoesNotContain("calibrate-submit", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"calibration-link\"", await Pages.OkAsync(browser, "/periods/2026-10"), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Grade_SetThenRemoved_CountsMoveAndTheComputedGradeReturns(string provider)
    {
        await using var copy = await hosts.OwnAsync(provider);
        using var api = await copy.ApiAsync("hr@industrial.demo", LoadDemo.Password);
        var before = await ViewAsync(api);
        int Count(JsonElement view, string grade, string when) => view.GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("grades").EnumerateArray()).Where(c => c.GetProperty("grade").GetString() == grade).Sum(c => c.GetProperty(when).GetInt32());

        var set = await api.PostAsJsonAsync("/api/v1/periods/2026-10/people/zhang_wei/grade", new { grade = "B", reason = "校准会议：与同组对比后下调" });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var answer = JsonDocument.Parse(await set.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("zhang_wei", "B"), (answer.GetProperty("person").GetString(), answer.GetProperty("grade").GetString()));
        var after = await ViewAsync(api);
        Assert.Equal(Count(before, "A", "after") - 1, Count(after, "A", "after"));
        Assert.Equal(Count(before, "B", "after") + 1, Count(after, "B", "after"));
        Assert.Equal(Count(before, "A", "before"), Count(after, "A", "before"));
        var zhang = after.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("people").EnumerateArray()).Single(p => p.GetProperty("person").GetString() == "zhang_wei");
        Assert.Equal(("A", "B", "hr@industrial.demo"), (zhang.GetProperty("computedGrade").GetString(), zhang.GetProperty("grade").GetString(), zhang.GetProperty("calibration").GetProperty("author").GetString()));
        var page = await Pages.OkAsync(await LoginAsync(copy), "/periods/2026-10/calibration");
        Assert.Equal(["zhang_wei", "100.77", "A", "B", "hr@industrial.demo: 校准会议：与同组对比后下调"], Pages.Rows(page, "data-person").Single(r => r.Key == "zhang_wei").Cells[..5]);

        var removed = await api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/periods/2026-10/people/zhang_wei/grade") { Content = JsonContent.Create(new { reason = "撤销：复核后维持原等级" }) });

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("A", JsonDocument.Parse(await removed.Content.ReadAsStringAsync()).RootElement.GetProperty("grade").GetString());
        Assert.Equal(Count(before, "A", "after"), Count(await ViewAsync(api), "A", "after"));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Grade_BadInputs_422NamingTheFieldOr404(string provider)
    {
        using var api = await (await hosts.HostAsync(provider)).ApiAsync("hr@industrial.demo", LoadDemo.Password);

        var noReason = await api.PostAsJsonAsync("/api/v1/periods/2026-10/people/zhang_wei/grade?lang=en", new { grade = "B", reason = "" });
        var noGrade = await api.PostAsJsonAsync("/api/v1/periods/2026-10/people/zhang_wei/grade?lang=en", new { grade = "Z", reason = "a reason long enough" });
        var nobody = await api.PostAsJsonAsync("/api/v1/periods/2026-10/people/nobody/grade?lang=en", new { grade = "B", reason = "a reason long enough" });
        var locked = await api.PostAsJsonAsync("/api/v1/periods/2026-09/people/zhang_wei/grade?lang=en", new { grade = "B", reason = "a reason long enough" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("\"reason\"", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noGrade.StatusCode);
        Assert.Contains("'Z' is not a grade", await noGrade.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
        // nothing was written: zhang_wei is still uncalibrated
        var view = await ViewAsync(api);
        Assert.All(view.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("people").EnumerateArray()),
            p => Assert.Equal(JsonValueKind.Null, p.GetProperty("calibration").ValueKind));
    }

    private static async Task<HttpClient> LoginAsync(WebHost host)
    {
        var browser = host.Browser();
        await Pages.LoginThroughFormAsync(browser, "hr@industrial.demo", LoadDemo.Password);
        return browser;
    }
}
