using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Yardstick.App.Demo;

namespace Yardstick.Web.Tests;

/// <summary>
/// The audit log page (<c>/audit</c>, admins) and a period's trail on its page, server-rendered for a signed-in browser over the
/// demo's industrial organisation (2026-10 InReview, submitted by hr@industrial.demo). The page shows what the API gives
/// director@industrial.demo for the same filters: both call App's ListAudit.
/// </summary>
public sealed partial class AuditPagesTests(DemoHosts hosts) : IClassFixture<DemoHosts>
{
    private static readonly string[] PeriodRecords = ["ReviewPeriod", "Actual", "Waiver", "Adjustment", "AwardRow", "RatingCampaign", "CalculationRun"];

    private Task<HttpClient> SignInAsync(string provider, string name) => hosts.SignInAsync(provider, $"{name}@industrial.demo");

    /// <summary>The API's entries for the same query, as the second admin of industrial.</summary>
    private async Task<List<JsonElement>> ApiAsync(string provider, string query)
    {
        using var api = await (await hosts.HostAsync(provider)).ApiAsync("director@industrial.demo", LoadDemo.Password);
        var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/audit" + query)).RootElement;
        return [.. json.GetProperty("entries").EnumerateArray()];
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AuditLog_AdminByPeriod_ShowsThePeriodsEntriesAsTheApiWithTheSubmission(string provider)
    {
        var browser = await SignInAsync(provider, "hr");

        var html = await Pages.OkAsync(browser, "/audit?period=2026-10");

        var rows = Pages.Rows(html, "data-id");
        var api = await ApiAsync(provider, "?period=2026-10");
        Assert.Equal(api.Select(e => e.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)), rows.Select(r => r.Key));
        // time, actor, entity, key, action, changes
        Assert.All(rows, r => Assert.Contains(r.Cells[2], PeriodRecords));
        var submitted = Assert.Single(rows, r => r.Cells[2] == "ReviewPeriod" && r.Cells[5].Contains("State : Calculated → InReview", StringComparison.Ordinal));
        Assert.Equal(["hr@industrial.demo", "ReviewPeriod", "2026-10", "修改"], submitted.Cells[1..5]);
        Assert.Contains("SubmittedBy : ∅ → hr@industrial.demo", submitted.Cells[5], StringComparison.Ordinal);
        // the time in the user's culture (zh-CN): the API's instant, shown in the server's zone
        var at = api.Single(e => e.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture) == submitted.Key).GetProperty("at").GetDateTimeOffset();
        Assert.Equal(at.ToLocalTime().ToString("G", CultureInfo.GetCultureInfo("zh-CN")), submitted.Cells[0]);
        Assert.Contains("href=\"/audit\"", html, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AuditLog_AdminByActor_OnlyThatActorsEntriesPagedAsTheApi(string provider)
    {
        var browser = await SignInAsync(provider, "hr");

        var html = await Pages.OkAsync(browser, "/audit?actor=hr@industrial.demo");

        var rows = Pages.Rows(html, "data-id");
        var api = await ApiAsync(provider, "?actor=hr@industrial.demo");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("hr@industrial.demo", r.Cells[1]));
        Assert.Equal(api.Select(e => e.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)), rows.Select(r => r.Key));
        Assert.Contains(rows, r => r is { Cells: [_, _, "ReviewPeriod", "2026-10", ..] });
        // another actor's entries are not among them, though the log holds some
        Assert.NotEmpty(await ApiAsync(provider, "?actor=director@industrial.demo"));
        Assert.DoesNotContain("director@industrial.demo", rows.Select(r => r.Cells[1]));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AuditLog_Manager_NotFoundAsR2SaysAndNoLink(string provider)
    {
        var browser = await SignInAsync(provider, "li_ming");
        using var api = await (await hosts.HostAsync(provider)).ApiAsync("li_ming@industrial.demo", LoadDemo.Password);

        var html = await Pages.OkAsync(browser, "/audit?period=2026-10");
        var answer = await api.GetAsync("/api/v1/audit?period=2026-10");

        Assert.Contains("id=\"problems\"", html, StringComparison.Ordinal);
        Assert.Contains("查看审计日志", html, StringComparison.Ordinal);
        Assert.Contains("不存在，或您无权查看", html, StringComparison.Ordinal);
        Assert.Empty(Pages.Rows(html, "data-id"));
        Assert.DoesNotContain("href=\"/audit\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task PeriodView_AnyMember_ShowsTheTrailEndingInTheSubmission(string provider)
    {
        var browser = await SignInAsync(provider, "zhang_wei");

        var html = await Pages.OkAsync(browser, "/periods/2026-10");

        var trail = Pages.Rows(html, "data-move");
        // when, who, move, from → to, reason
        Assert.Equal("open", trail[0].Key);
        Assert.Equal("∅ → 收集数据", trail[0].Cells[3]);
        var last = trail[^1];
        Assert.Equal(("review", "hr@industrial.demo", "提交审核", "已计算 → 审核中", ""), (last.Key, last.Cells[1], last.Cells[2], last.Cells[3], last.Cells[4]));
        Assert.Contains(trail, m => m.Key == "calc");
    }

}
