using System.Globalization;
using System.Net;
using System.Text.Json;
using Yardstick.App.Demo;

namespace Yardstick.Web.Tests;

/// <summary>
/// The request log (<c>/periods/{label}/requests</c>) and the 360 campaigns (<c>/periods/{label}/campaigns</c>) over the demo's
/// saas: 2026-10 Locked with ten requests per PM (answered after two hours; a late one solved after 80 hours), the year 2026
/// Calculated, 2026-11 Collecting with the open campaign 2026-11-360 (three raters per PM, nothing submitted yet). Pages and API
/// both come from App's RequestLog and CampaignProgress.
/// </summary>
public sealed class RequestsCampaignsPagesTests(DemoHosts hosts) : IClassFixture<DemoHosts>
{
    private static async Task<JsonElement> JsonAsync(HttpClient api, string path)
    {
        var response = await api.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<HttpClient> ApiAsync(string provider, string email) => await (await hosts.HostAsync(provider)).ApiAsync(email, LoadDemo.Password);

    private static List<string> Ids(JsonElement array, string property) => [.. array.EnumerateArray().Select(e => e.GetProperty(property).GetString()!)];

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Requests_Admin_PageEqualsTheApiAndRatesEqualTheScorecards(string provider)
    {
        var browser = await hosts.SignInAsync(provider, "director@saas.demo");
        using var api = await ApiAsync(provider, "director@saas.demo");

        var html = await Pages.OkAsync(browser, "/periods/2026-10/requests?lang=en");
        var log = await JsonAsync(api, "/api/v1/periods/2026-10/requests?limit=1000");

        var rows = log.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(100, rows.Count); // ten PMs, ten requests each, all counted in October
        Assert.Equal((100, JsonValueKind.Null), (log.GetProperty("total").GetInt32(), log.GetProperty("next").ValueKind));
        Assert.Equal(Ids(log.GetProperty("rows"), "id"), Pages.Rows(html, "data-request").Select(r => r.Key));
        // every demo request is answered after two hours; a late one is solved after 80 hours
        Assert.All(rows, r => Assert.Equal(("OnTime", 2m), (r.GetProperty("response").GetString(), r.GetProperty("responseHours").GetDecimal())));
        var late = rows.Where(r => !r.GetProperty("onTime").GetBoolean()).ToList();
        Assert.NotEmpty(late);
        Assert.All(late, r => Assert.Equal(("Late", 80m), (r.GetProperty("solution").GetString(), r.GetProperty("solutionHours").GetDecimal())));
        var lateRow = Pages.Rows(html, "data-request").Single(r => r.Key == late[0].GetProperty("id").GetString());
        Assert.Equal(["2.0", "80.0", "on time", "late", "late"], lateRow.Cells[6..]);

        var people = log.GetProperty("people").EnumerateArray().ToList();
        var summary = Pages.Rows(html, "data-person");
        Assert.Equal(Ids(log.GetProperty("people"), "person"), summary.Select(r => r.Key));
        foreach (var p in people)
        {
            var person = p.GetProperty("person").GetString()!;
            var rate = p.GetProperty("rate").GetDecimal();
            var card = await JsonAsync(api, $"/api/v1/periods/2026-10/people/{person}/scorecard?lang=en");
            Assert.Equal(card.GetProperty("indicators").GetProperty("request_response_rate").GetProperty("actual").GetDecimal(), rate);
            Assert.Equal(rate.ToString("P1", CultureInfo.GetCultureInfo("en")), summary.Single(r => r.Key == person).Cells[4]);
        }

        Assert.Contains(people, p => p.GetProperty("rate").GetDecimal() == 0.9m);
        Assert.Equal(late.Count, people.Sum(p => p.GetProperty("counted").GetInt32() - p.GetProperty("onTime").GetInt32()));
        var filtered = await JsonAsync(api, "/api/v1/periods/2026-10/requests?verdict=late");
        Assert.Equal(late.Select(r => r.GetProperty("id").GetString()), Ids(filtered.GetProperty("rows"), "id"));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Requests_R2_ManagerSeesReportsPmOwnFromPublishedOtherOrganisationNotFound(string provider)
    {
        using var manager = await ApiAsync(provider, "liu_qiang@saas.demo");
        using var pm = await ApiAsync(provider, "li_na@saas.demo");
        using var finance = await ApiAsync(provider, "finance@saas.demo");
        using var other = await ApiAsync(provider, "hr@crossborder.demo");

        var manages = (await JsonAsync(manager, "/api/v1/me")).GetProperty("manages").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
        var reports = await JsonAsync(manager, "/api/v1/periods/2026-10/requests?limit=1000");
        var own = await JsonAsync(pm, "/api/v1/periods/2026-10/requests");
        var year = await pm.GetAsync("/api/v1/periods/2026/requests"); // Calculated: not yet Published
        var notHers = await pm.GetAsync("/api/v1/periods/2026-10/requests?person=sun_hao");
        var noOne = await finance.GetAsync("/api/v1/periods/2026-10/requests");
        var elsewhere = await other.GetAsync("/api/v1/periods/2026-10/requests");

        var persons = Ids(reports.GetProperty("people"), "person");
        Assert.NotEmpty(persons);
        Assert.Contains("li_na", persons);
        Assert.All(Ids(reports.GetProperty("rows"), "person"), p => Assert.Contains(p, manages));
        Assert.All(persons, p => Assert.Contains(p, manages));
        Assert.Equal(["li_na"], Ids(own.GetProperty("rows"), "person").Distinct());
        Assert.Equal(10, own.GetProperty("rows").GetArrayLength());
        foreach (var refused in new[] { year, notHers, noOne, elsewhere })
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal(404, JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
        }

        var page = await Pages.OkAsync(await hosts.SignInAsync(provider, "li_na@saas.demo"), "/periods/2026/requests");
        Assert.Contains("id=\"requests-refused\"", page, StringComparison.Ordinal);
        Assert.Empty(Pages.Rows(page, "data-request"));
        Assert.DoesNotContain("id=\"requests-link\"", await Pages.OkAsync(await hosts.SignInAsync(provider, "li_na@saas.demo"), "/periods/2026"), StringComparison.Ordinal);
        Assert.Contains("id=\"requests-link\"", await Pages.OkAsync(await hosts.SignInAsync(provider, "li_na@saas.demo"), "/periods/2026-10"), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Campaigns_Admin_PageEqualsTheApiOthersRefusedWithoutRaterNames(string provider)
    {
        var browser = await hosts.SignInAsync(provider, "director@saas.demo");
        using var api = await ApiAsync(provider, "director@saas.demo");
        using var manager = await ApiAsync(provider, "liu_qiang@saas.demo");

        var view = await JsonAsync(api, "/api/v1/periods/2026-11/campaigns");
        var html = await Pages.OkAsync(browser, "/periods/2026-11/campaigns?lang=en");

        var campaign = Assert.Single(view.GetProperty("campaigns").EnumerateArray());
        var ratees = campaign.GetProperty("ratees").EnumerateArray().ToList();
        Assert.Equal(("2026-11-360", "collaboration_rating", false), (campaign.GetProperty("name").GetString(), campaign.GetProperty("indicator").GetString(), campaign.GetProperty("closed").GetBoolean()));
        Assert.Equal((3, ratees.Count * 3, 0, ratees.Count * 3), (campaign.GetProperty("raters").GetInt32(), campaign.GetProperty("forms").GetInt32(), campaign.GetProperty("submitted").GetInt32(), campaign.GetProperty("notStarted").GetInt32()));
        Assert.Equal(10, ratees.Count);
        Assert.All(ratees, r => Assert.Equal((0, 3), (r.GetProperty("submitted").GetInt32(), r.GetProperty("assigned").GetInt32())));
        Assert.Equal(["customer_success", "rd", "sales"], Ids(campaign.GetProperty("groups"), "key"));
        Assert.Contains("data-campaign=\"2026-11-360\"", html, StringComparison.Ordinal);
        Assert.Contains("3 raters · 30 forms · 0 submitted · 30 not started", html, StringComparison.Ordinal);
        Assert.Equal(Ids(campaign.GetProperty("ratees"), "key"), Pages.Rows(html, "data-ratee").Select(r => r.Key));
        Assert.Equal(["李娜 (li_na)", "0 / 3"], Pages.Rows(html, "data-ratee").Single(r => r.Key == "li_na").Cells[..2]);
        Assert.DoesNotContain("rater1", html, StringComparison.Ordinal);
        Assert.Contains("id=\"campaigns-link\"", await Pages.OkAsync(browser, "/periods/2026-11"), StringComparison.Ordinal);

        var refused = await manager.GetAsync("/api/v1/periods/2026-11/campaigns");
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("rater1", body, StringComparison.Ordinal);
        var page = await Pages.OkAsync(await hosts.SignInAsync(provider, "liu_qiang@saas.demo"), "/periods/2026-11/campaigns");
        Assert.Contains("id=\"campaigns-refused\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-campaign", page, StringComparison.Ordinal);
    }
}
