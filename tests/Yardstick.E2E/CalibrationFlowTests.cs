using Microsoft.Playwright;

namespace Yardstick.E2E;

/// <summary>
/// A calibration override in Chromium (review.md R4) on the demo's industrial 2026-10 (InReview): the admin opens the
/// calibration page from the period, a missing reason is refused at its field, then zhang_wei's computed A becomes a final
/// B with a reason; the confirmation and the group's people show it, and removing it brings the A back.
/// </summary>
public sealed class CalibrationFlowTests(Browser browser) : IClassFixture<Browser>
{
    [SkippableFact]
    public async Task Override_AdminSetsAFinalGradeWithAReason_ShownAndRemovable()
    {
        Browser.RequireChromium();
        var page = await browser.SignInAsync("hr@industrial.demo");
        await Browser.GotoAsync(page, "/periods/2026-10");
        await page.Locator("#calibration-link").ClickAsync();
        await page.Locator("#calibrate-form").WaitForAsync();
        await page.Locator("#interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var zhang = page.Locator("tr[data-person=zhang_wei]");
        await Assertions.Expect(zhang.Locator("td").Nth(3)).ToHaveTextAsync("A");

        await page.Locator("#calibrate-person").SelectOptionAsync("zhang_wei");
        await page.Locator("#calibrate-grade").SelectOptionAsync("B");
        await page.Locator("#calibrate-submit").ClickAsync();
        await Assertions.Expect(page.GetByText("校准等级需要写明原因").First).ToBeVisibleAsync();
        await Assertions.Expect(zhang.Locator("td").Nth(3)).ToHaveTextAsync("A");

        await page.Locator("input#calibrate-reason").FillAsync("校准会议：与同组对比后下调");
        await page.Locator("#calibrate-submit").ClickAsync();

        await Assertions.Expect(page.Locator("#calibrated")).ToContainTextAsync("zhang_wei 的最终等级为 B");
        await Assertions.Expect(zhang.Locator("td").Nth(2)).ToHaveTextAsync("A");
        await Assertions.Expect(zhang.Locator("td").Nth(3)).ToHaveTextAsync("B");
        await Assertions.Expect(zhang.Locator("td").Nth(4)).ToHaveTextAsync("hr@industrial.demo: 校准会议：与同组对比后下调");
        await Browser.ScreenshotAsync(page, "calibration-override-zh");

        await zhang.Locator(".remove-grade").ClickAsync();

        await Assertions.Expect(page.Locator("#calibrated")).ToContainTextAsync("zhang_wei 的最终等级为 A");
        await Assertions.Expect(zhang.Locator("td").Nth(3)).ToHaveTextAsync("A");
        await Assertions.Expect(zhang.Locator(".remove-grade")).ToHaveCountAsync(0);
    }
}
