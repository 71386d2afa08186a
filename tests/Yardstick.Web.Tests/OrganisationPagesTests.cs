using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Yardstick.App.Demo;

namespace Yardstick.Web.Tests;

/// <summary>
/// The organisation page (<c>/organisation</c>, admins) server-rendered for a signed-in browser over the demo, against
/// <c>GET /api/v1/organisation</c>: both come from App's OrganisationView, so the page lists what the API gives.
/// </summary>
public sealed partial class OrganisationPagesTests(DemoHosts hosts) : IClassFixture<DemoHosts>
{
    private async Task<JsonElement> ApiAsync(string provider, string email)
    {
        using var api = await (await hosts.HostAsync(provider)).ApiAsync(email, LoadDemo.Password);
        return JsonDocument.Parse(await api.GetStringAsync("/api/v1/organisation")).RootElement;
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task People_Admin_ListsEveryoneWithTheirManagerAsTheApi(string provider)
    {
        var browser = await hosts.SignInAsync(provider, "hr@industrial.demo");

        var html = await Pages.OkAsync(browser, "/organisation");

        var rows = Pages.Rows(html, "data-person");
        var api = await ApiAsync(provider, "hr@industrial.demo");
        Assert.Equal("industrial", api.GetProperty("code").GetString());
        var people = api.GetProperty("people").EnumerateArray().ToList();
        Assert.Equal(people.Select(p => p.GetProperty("id").GetString()), rows.Select(r => r.Key));
        Assert.Equal(people.Count, rows.Count);
        // id, name, role, manager, teams, active
        var zhang = Assert.Single(rows, r => r.Key == "zhang_wei");
        var zhangApi = people.Single(p => p.GetProperty("id").GetString() == "zhang_wei");
        Assert.Equal("li_ming", zhangApi.GetProperty("manager").GetString());
        Assert.Equal($"{zhangApi.GetProperty("managerName").GetString()} (li_ming)", zhang.Cells[3]);
        Assert.Equal(string.Join(", ", zhangApi.GetProperty("teams").EnumerateArray().Select(t => t.GetString())), zhang.Cells[4]);
        Assert.DoesNotContain("salary", html, StringComparison.OrdinalIgnoreCase);
        // teams: each with its members, as the API
        var teams = Pages.Rows(html, "data-team");
        Assert.Equal(api.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("id").GetString()), teams.Select(t => t.Key));
        Assert.Contains("href=\"/organisation\"", html, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Page_ProductManager_IsRefusedAndShowsNoOne(string provider)
    {
        var browser = await hosts.SignInAsync(provider, "zhang_wei@industrial.demo");
        using var api = await (await hosts.HostAsync(provider)).ApiAsync("zhang_wei@industrial.demo", LoadDemo.Password);

        var html = await Pages.OkAsync(browser, "/organisation");
        var answer = await api.GetAsync("/api/v1/organisation");

        Assert.Contains("id=\"org-refused\"", html, StringComparison.Ordinal);
        Assert.Empty(Pages.Rows(html, "data-person"));
        Assert.DoesNotContain("li_ming", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/organisation\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Products_CrossBorderAdmin_TimelineOfStagesAsTheApi(string provider)
    {
        var browser = await hosts.SignInAsync(provider, "hr@crossborder.demo");

        var html = await Pages.OkAsync(browser, "/organisation");

        var api = (await ApiAsync(provider, "hr@crossborder.demo")).GetProperty("products").EnumerateArray().ToList();
        var rows = Pages.Rows(html, "data-product");
        Assert.NotEmpty(api);
        Assert.Equal(api.Select(p => p.GetProperty("id").GetString()), rows.Select(r => r.Key));
        foreach (var product in api)
        {
            var id = product.GetProperty("id").GetString()!;
            var row = Regex.Match(html, $"""<tr data-product="{Regex.Escape(id)}".*?</tr>""", RegexOptions.Singleline).Value;
            var shown = StageRegex().Matches(row).Select(m => m.Groups["stage"].Value);
            var timeline = product.GetProperty("timeline").EnumerateArray().ToList();
            Assert.NotEmpty(timeline);
            Assert.Equal(timeline.Select(s => s.GetProperty("stage").GetString()), shown);
            // the last span runs on
            Assert.Equal(JsonValueKind.Null, timeline[^1].GetProperty("until").ValueKind);
        }
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Settings_OutOfRange_422NamesTheFieldAndChangesNothing(string provider)
    {
        using var api = await (await hosts.HostAsync(provider)).ApiAsync("hr@industrial.demo", LoadDemo.Password);
        var before = (await ApiAsync(provider, "hr@industrial.demo")).GetProperty("settings");

        var answer = await api.PatchAsJsonAsync("/api/v1/organisation/settings", new { minGroupSize = 0, responseHours = 9000 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        var problem = await answer.Content.ReadAsStringAsync();
        Assert.Contains("min_group_size", problem, StringComparison.Ordinal);
        Assert.Contains("response_limit", problem, StringComparison.Ordinal);
        Assert.Contains("8760", problem, StringComparison.Ordinal);
        var after = (await ApiAsync(provider, "hr@industrial.demo")).GetProperty("settings");
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [GeneratedRegex("""class="stage" data-stage="(?<stage>[^"]+)""")]
    private static partial Regex StageRegex();
}
