using Microsoft.Playwright;

namespace Yardstick.E2E;

/// <summary>
/// The results of the demo's industrial 2026-10 (InReview) in Chromium: the manager li_ming opens the results, clicks his report
/// zhang_wei and reads the scorecard's explanation; no pay (managers_see_pay is off).
/// </summary>
public sealed class ResultsFlowTests(Browser browser) : IClassFixture<Browser>
{
    [SkippableFact]
    public async Task Results_ManagerClicksZhangWei_SeesTheScorecardAndItsTrace()
    {
        Browser.RequireChromium();
        var results = new ResultsPage(await browser.SignInAsync("li_ming@industrial.demo"));
        await results.OpenAsync("2026-10");
        await Assertions.Expect(results.Row("zhang_wei")).ToContainTextAsync("100.77");
        await results.ScreenshotAsync("results-manager-zh");

        var card = await results.OpenScorecardAsync("zhang_wei");

        await Assertions.Expect(card.Total).ToHaveTextAsync("100.77");
        await Assertions.Expect(card.Grade).ToHaveTextAsync("A");
        await Assertions.Expect(card.Trace).ToContainTextAsync("zhang_wei 的考核表");
        await Assertions.Expect(card.Trace).ToContainTextAsync("core_feature_usage");
        await Assertions.Expect(card.Payouts).ToHaveCountAsync(0);
        await card.ScreenshotAsync("scorecard-manager-zh");
    }
}
