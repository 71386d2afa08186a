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

        // the manager corrects a score with a reason (review.md R3): a new run, its total and grade at once
        var manager = await browser.SignInAsync("li_ming@industrial.demo");
        var results = new ResultsPage(manager);
        await results.OpenAsync("2026-10");
        var card = await results.OpenScorecardAsync("zhang_wei");
        await manager.Locator("#interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await card.AdjustScoreAsync("innovation_reserve", "1.0", "创新储备评审延迟提交，按评审结果计满分");
        await Assertions.Expect(card.Adjusted).ToContainTextAsync("101.70");
        await Assertions.Expect(card.Adjusted).ToContainTextAsync("A");
        await Assertions.Expect(card.Adjusted).Not.ToContainTextAsync("20,760.38"); // managers_see_pay is off
        await Assertions.Expect(card.Total).ToHaveTextAsync("101.70");
        await Assertions.Expect(card.Trace).ToContainTextAsync("innovation_reserve：得分 0.87500000 → 1.00000000（由 li_ming@industrial.demo 调整");
        await Assertions.Expect(card.Adjustments).ToContainTextAsync("innovation_reserve");
        await card.ScreenshotAsync("scorecard-adjusted-zh");

        // the submitter may not approve (R6)
        var submitter = new PeriodPage(await browser.SignInAsync("hr@industrial.demo"));
        await submitter.OpenAsync("2026-10");
        await submitter.MoveAsync("批准");
        await Assertions.Expect(submitter.Refusal).ToContainTextAsync("hr@industrial.demo");
        await Assertions.Expect(submitter.State).ToHaveTextAsync("审核中");

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
    public async Task Calc_FromThePeriodPage_ProgressThenTheNewRun()
    {
        Browser.RequireChromium();
        var hr = new PeriodPage(await browser.SignInAsync("hr@saas.demo"));
        await hr.OpenAsync("2026");
        await Assertions.Expect(hr.State).ToHaveTextAsync("已计算");

        await hr.MoveAsync("计算");

        await Assertions.Expect(hr.CalcStatus).ToContainTextAsync("次计算已生效", new() { Timeout = 30_000 });
        await Assertions.Expect(hr.State).ToHaveTextAsync("已计算");
        await hr.ScreenshotAsync("period-calculated-zh");

        // a period in review no longer accepts a calculation: refused with the reason
        await hr.OpenAsync("2026-10");
        await hr.MoveAsync("计算");
        await Assertions.Expect(hr.Refusal).ToBeVisibleAsync();
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
