using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yardstick.App.Demo;

namespace Yardstick.Web.Tests;

/// <summary>
/// review.md R4: a period's distribution rule, copied from the organisation at open, set before review through
/// <c>PUT /api/v1/periods/{p}/distribution</c> and the period page, fixed from InReview on.
/// </summary>
public sealed class PeriodDistributionTests(DemoHosts hosts) : IClassFixture<DemoHosts>
{
    private const string Rule = """{"mode":"guide","grades":{"S":{"max":0.1}}}""";

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Put_BeforeReview_StoredForThePeriodOnly_BadRule422_InReview409(string provider)
    {
        await using var host = await hosts.OwnAsync(provider);
        using var saas = await host.ApiAsync("hr@saas.demo", LoadDemo.Password);
        using var industrial = await host.ApiAsync("hr@industrial.demo", LoadDemo.Password);

        var bad = await saas.PutAsJsonAsync("/api/v1/periods/2026-11/distribution?lang=en", new { rule = """{"mode":"enforce","grades":{"S":{"max":1.5}}}""" });
        var noSuchGrade = await saas.PutAsJsonAsync("/api/v1/periods/2026-11/distribution?lang=en", new { rule = """{"mode":"guide","grades":{"X":{"max":0.1}}}""" });
        var organisation = await saas.PatchAsJsonAsync("/api/v1/organisation/settings?lang=en", new { distributionRule = """{"mode":"enforce","grades":{"S":{"max":1.5}}}""" });
        var missing = await saas.PutAsJsonAsync("/api/v1/periods/2026-11/distribution?lang=en", new { });
        var set = await saas.PutAsJsonAsync("/api/v1/periods/2026-11/distribution", new { rule = Rule });
        var fixedInReview = await industrial.PutAsJsonAsync("/api/v1/periods/2026-10/distribution?lang=en", new { rule = Rule });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("the share 1.5 is out of range; expected a number from 0 to 1", JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("distribution.grades.S.max").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noSuchGrade.StatusCode);
        Assert.Contains("the scheme has no grade X; expected one of ", await noSuchGrade.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, organisation.StatusCode);
        Assert.Contains("distribution.grades.S.max", await organisation.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(missing.StatusCode == HttpStatusCode.UnprocessableEntity, await missing.Content.ReadAsStringAsync());
        Assert.Contains("rule", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(Rule, JsonDocument.Parse(await set.Content.ReadAsStringAsync()).RootElement.GetProperty("distributionRule").GetString());
        Assert.Equal(HttpStatusCode.Conflict, fixedInReview.StatusCode);
        Assert.Contains("can change only before review", await fixedInReview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // the organisation keeps its own (none in the demo); another period keeps its copy
        var settings = JsonDocument.Parse(await saas.GetStringAsync("/api/v1/organisation")).RootElement.GetProperty("settings");
        Assert.Equal("", settings.GetProperty("distributionRule").GetString());
        Assert.Equal("", JsonDocument.Parse(await industrial.GetStringAsync("/api/v1/periods/2026-10")).RootElement.GetProperty("distributionRule").GetString());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task PeriodPage_AdminBeforeReview_OffersTheRule_InReviewShowsItOnly(string provider)
    {
        var saas = await hosts.SignInAsync(provider, "hr@saas.demo");
        var industrial = await hosts.SignInAsync(provider, "hr@industrial.demo");
        var pm = await hosts.SignInAsync(provider, "li_na@saas.demo");

        var collecting = await Pages.OkAsync(saas, "/periods/2026-11");
        var inReview = await Pages.OkAsync(industrial, "/periods/2026-10");
        var byPm = await Pages.OkAsync(pm, "/periods/2026-11");

        Assert.Contains("id=\"distribution-rule\"", collecting, StringComparison.Ordinal);
        Assert.Contains("id=\"distribution\"", inReview, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"distribution-rule\"", inReview, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"distribution-rule\"", byPm, StringComparison.Ordinal);
    }
}
