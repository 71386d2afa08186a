using Microsoft.Playwright;

namespace Yardstick.E2E;

/// <summary>
/// The review cycle in Chromium on the demo (review.md R12): industrial's 2026-10 is InReview, submitted by hr@; a PM's
/// approval is refused with its reason, the second admin approves, publishes and locks; the language switch changes the UI.
/// </summary>
public sealed class PeriodFlowTests(Browser browser) : IClassFixture<Browser>
{
    [SkippableFact]
    public async Task Period_PmRefusedThenDirectorApprovesPublishesLocks_StateFollows()
    {
        Browser.RequireChromium();
        var pm = new PeriodPage(await browser.SignInAsync("zhang_wei@industrial.demo"));
        await pm.OpenAsync("2026-10");
        await Assertions.Expect(pm.State).ToHaveTextAsync("审核中");

        await pm.MoveAsync("批准");

        await Assertions.Expect(pm.Refusal).ToBeVisibleAsync();
        await pm.ScreenshotAsync("period-refused-zh");
        await Assertions.Expect(pm.State).ToHaveTextAsync("审核中");
        // a refused move leaves no trace in the trail (R6): it still ends in hr@'s submission
        await Assertions.Expect(pm.LastMove).ToHaveAttributeAsync("data-move", "review");
        await Assertions.Expect(pm.LastMove).ToContainTextAsync("hr@industrial.demo");

        var director = new PeriodPage(await browser.SignInAsync("director@industrial.demo"));
        await director.OpenAsync("2026-10");
        await director.MoveAsync("批准");
        await Assertions.Expect(director.State).ToHaveTextAsync("已批准");
        await director.MoveAsync("发布");
        await Assertions.Expect(director.State).ToHaveTextAsync("已发布");
        await director.MoveAsync("锁定");
        await Assertions.Expect(director.State).ToHaveTextAsync("已锁定");
        await Assertions.Expect(director.LastMove).ToHaveAttributeAsync("data-move", "lock");
        await Assertions.Expect(director.LastMove).ToContainTextAsync("director@industrial.demo");
        await Assertions.Expect(director.LastMove).ToContainTextAsync("已发布 → 已锁定");
        await director.ScreenshotAsync("period-locked-zh");

        // after the lock every move is refused, with the reason that Locked is final
        await director.MoveAsync("发布");
        await Assertions.Expect(director.Refusal).ToContainTextAsync("Locked");
        await Assertions.Expect(director.State).ToHaveTextAsync("已锁定");
    }

    [SkippableFact]
    public async Task LanguageSwitch_ToEnglish_ChangesTheUi()
    {
        Browser.RequireChromium();
        var page = await browser.SignInAsync("hr@crossborder.demo");
        var period = new PeriodPage(page);
        await period.OpenAsync("2026-Q3");
        await Assertions.Expect(period.State).ToHaveTextAsync("已锁定");

        await page.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(period.State).ToHaveTextAsync("Locked");
        await period.ScreenshotAsync("period-en");
    }
}
