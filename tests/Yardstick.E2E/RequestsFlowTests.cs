using Microsoft.Playwright;

namespace Yardstick.E2E;

/// <summary>
/// The request log and the 360 campaigns in Chromium on the demo's saas: an admin opens 2026-10's request log from the period
/// (ten requests per PM, each answered after two hours; a late one solved after 80 hours), then 2026-11's campaign, whose
/// thirty forms wait for their raters.
/// </summary>
public sealed class RequestsFlowTests(Browser browser) : IClassFixture<Browser>
{
    [SkippableFact]
    public async Task RequestsAndCampaigns_AdminOpensBothFromThePeriod_VerdictsAndProgressShown()
    {
        Browser.RequireChromium();
        var page = await browser.SignInAsync("director@saas.demo");
        await Browser.GotoAsync(page, "/periods/2026-10");
        await page.Locator("#requests-link").ClickAsync();
        var log = new RequestLogPage(page);
        await log.WaitAsync();

        await Assertions.Expect(log.Requests).ToHaveCountAsync(100);
        var first = log.Request("2026-10-li_na-1");
        await Assertions.Expect(first.Locator(".verdict-response")).ToHaveTextAsync("按时");
        await Assertions.Expect(first.Locator("td").Nth(6)).ToHaveTextAsync("2.0");
        await Assertions.Expect(page.Locator("#requests .verdict-solution", new() { HasText = "超时" }).First).ToBeVisibleAsync();
        await Assertions.Expect(log.Rate("li_na")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(100\.0|90\.0)%$"));
        await log.ScreenshotAsync("requests-log-zh");

        await Browser.GotoAsync(page, "/periods/2026-11");
        await page.Locator("#campaigns-link").ClickAsync();
        var campaigns = new CampaignsPage(page);
        await campaigns.Campaign("2026-11-360").WaitForAsync();

        await Assertions.Expect(campaigns.Campaign("2026-11-360").Locator(".counts")).ToHaveTextAsync("3 位评价人 · 30 份评估表 · 已提交 0 · 未开始 30");
        await Assertions.Expect(campaigns.Campaign("2026-11-360").Locator(".state")).ToHaveTextAsync("进行中");
        await Assertions.Expect(campaigns.Ratee("2026-11-360", "li_na").Locator("td").Nth(1)).ToHaveTextAsync("0 / 3");
        await campaigns.ScreenshotAsync("campaigns-progress-zh");
    }
}
