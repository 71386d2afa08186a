using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Yardstick.App.Demo;

namespace Yardstick.Web.Tests;

/// <summary>
/// The manual-entry grid (<c>/periods/{label}/manual</c>) and its API (<c>…/manual-actuals</c>) over the demo's industrial 2026-10:
/// T1's innovation_reserve (manual, rating 1–5) of li_ming's reports, zhang_wei's E1 value 3.5. InReview: read-only with the
/// reason; reopened (on a host of its own): li_ming's save through the API is what the page then shows.
/// </summary>
public sealed partial class ManualEntryTests(DemoHosts hosts) : IClassFixture<DemoHosts>
{
    private static async Task<JsonElement> GridAsync(HttpClient api, string period = "2026-10") =>
        JsonDocument.Parse(await api.GetStringAsync($"/api/v1/periods/{period}/manual-actuals?lang=en")).RootElement;

    /// <summary>The inputs of the page: (person, indicator) → value, and whether it is disabled.</summary>
    private static Dictionary<(string, string), (string Value, bool Disabled)> Inputs(string html) => Input().Matches(html)
        .ToDictionary(m => (m.Groups["person"].Value, m.Groups["indicator"].Value), m => (WebUtility.HtmlDecode(m.Groups["value"].Value), m.Groups["rest"].Value.Contains("disabled", StringComparison.Ordinal)));

    [GeneratedRegex("""<input type="number"[^>]*?data-person="(?<person>[^"]+)" data-indicator="(?<indicator>[^"]+)"(?<rest>[^>]*?)value="(?<value>[^"]*)"[^>]*>""")]
    private static partial Regex Input();

    private static Task<HttpResponseMessage> PutAsync(HttpClient api, params object[] values) =>
        api.PutAsJsonAsync("/api/v1/periods/2026-10/manual-actuals?lang=en", new { values });

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Page_ManagerInReview_ShowsTheApisRowsReadOnlyWithTheReason(string provider)
    {
        var browser = await hosts.SignInAsync(provider, "li_ming@industrial.demo");
        using var api = await (await hosts.HostAsync(provider)).ApiAsync("li_ming@industrial.demo", LoadDemo.Password);

        var html = await Pages.OkAsync(browser, "/periods/2026-10/manual");

        var grid = await GridAsync(api);
        Assert.False(grid.GetProperty("mayEnter").GetBoolean());
        Assert.StartsWith("cannot enter manual indicators: ", grid.GetProperty("readOnly").GetString(), StringComparison.Ordinal);
        Assert.Equal(["innovation_reserve"], grid.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        var rows = grid.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("person").GetString() == "zhang_wei");
        Assert.DoesNotContain(rows, r => r.GetProperty("person").GetString() == "li_ming");
        Assert.Equal(rows.Select(r => r.GetProperty("person").GetString()), Pages.Rows(html, "data-person").Select(r => r.Key));
        var zhang = rows.Single(r => r.GetProperty("person").GetString() == "zhang_wei").GetProperty("cells")[0];
        Assert.Equal(3.5m, zhang.GetProperty("value").GetDecimal());
        var inputs = Inputs(html);
        Assert.Equal(rows.Count, inputs.Count);
        Assert.Equal(("3.5", true), inputs[("zhang_wei", "innovation_reserve")]);
        Assert.Contains("id=\"manual-readonly\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"manual-link\"", await Pages.OkAsync(browser, "/periods/2026-10"), StringComparison.Ordinal);
        // the state refuses the save too: nothing changes
        Assert.Equal(HttpStatusCode.Conflict, (await PutAsync(api, new { person = "zhang_wei", indicator = "innovation_reserve", value = 4.5m })).StatusCode);
        Assert.Equal(3.5m, (await GridAsync(api)).GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("person").GetString() == "zhang_wei").GetProperty("cells")[0].GetProperty("value").GetDecimal());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Page_Pm_IsRefusedAndShowsNoOne(string provider)
    {
        var browser = await hosts.SignInAsync(provider, "zhang_wei@industrial.demo");
        using var api = await (await hosts.HostAsync(provider)).ApiAsync("zhang_wei@industrial.demo", LoadDemo.Password);

        var html = await Pages.OkAsync(browser, "/periods/2026-10/manual");
        var answer = await api.GetAsync("/api/v1/periods/2026-10/manual-actuals");

        Assert.Contains("id=\"manual-refused\"", html, StringComparison.Ordinal);
        Assert.Empty(Pages.Rows(html, "data-person"));
        Assert.Empty(Inputs(html));
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.DoesNotContain("id=\"manual-link\"", await Pages.OkAsync(browser, "/periods/2026-10"), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Save_ManagerAfterReopen_StoredAsThePageShowsAndBadCellsNamedWithNothingWritten(string provider)
    {
        await using var copy = await hosts.OwnAsync(provider);
        using var admin = await copy.ApiAsync("hr@industrial.demo", LoadDemo.Password);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/v1/periods/2026-10/reopen", new { reason = "the reserve review came in late" })).StatusCode);
        using var api = await copy.ApiAsync("li_ming@industrial.demo", LoadDemo.Password);

        var saved = await PutAsync(api, new { person = "zhang_wei", indicator = "innovation_reserve", value = 4.5m });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var counts = JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((0, 1, 0, 0), (counts.GetProperty("added").GetInt32(), counts.GetProperty("changed").GetInt32(), counts.GetProperty("unchanged").GetInt32(), counts.GetProperty("removed").GetInt32()));
        var grid = await GridAsync(api);
        Assert.True(grid.GetProperty("mayEnter").GetBoolean());
        var cell = grid.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("person").GetString() == "zhang_wei").GetProperty("cells")[0];
        Assert.Equal((4.5m, "li_ming@industrial.demo", "manual"), (cell.GetProperty("value").GetDecimal(), cell.GetProperty("author").GetString(), cell.GetProperty("source").GetString()));
        var browser = copy.Browser();
        await Pages.LoginThroughFormAsync(browser, "li_ming@industrial.demo", LoadDemo.Password);
        var html = await Pages.OkAsync(browser, "/periods/2026-10/manual");
        Assert.Equal(("4.5", false), Inputs(html)[("zhang_wei", "innovation_reserve")]);
        Assert.DoesNotContain("id=\"manual-readonly\"", html, StringComparison.Ordinal);

        var six = await PutAsync(api, new { person = "zhang_wei", indicator = "innovation_reserve", value = 6 }, new { person = "zhang_wei", indicator = "csat", value = 4 });
        var other = await PutAsync(api, new { person = "zhao_lei", indicator = "innovation_reserve", value = 4 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, six.StatusCode);
        var errors = JsonDocument.Parse(await six.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal("zhang_wei: 6 is outside the rating scale of 'innovation_reserve'; expected 1–5", errors.GetProperty("values[0].value")[0].GetString());
        Assert.StartsWith("'csat' is not entered by hand", errors.GetProperty("values[1].indicator")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(4.5m, (await GridAsync(api)).GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("person").GetString() == "zhang_wei").GetProperty("cells")[0].GetProperty("value").GetDecimal());
    }
}
