using Microsoft.Playwright;

namespace Yardstick.E2E;

/// <summary>A period's results screen: the ranking table, its rows by person, the link to a scorecard.</summary>
public sealed class ResultsPage(IPage page)
{
    public async Task OpenAsync(string label)
    {
        await page.GotoAsync($"/periods/{label}/results");
        await page.Locator("#interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public ILocator Row(string person) => page.Locator($"#results tr[data-person='{person}']");

    public async Task<ScorecardPage> OpenScorecardAsync(string person)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = person, Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/people/{person}");
        return new ScorecardPage(page);
    }

    public Task ScreenshotAsync(string name) => Browser.ScreenshotAsync(page, name);
}

/// <summary>One scorecard: total, grade, the pay lines (when the user may see them) and the explanation.</summary>
public sealed class ScorecardPage(IPage page)
{
    public ILocator Total => page.Locator("#total");

    public ILocator Grade => page.Locator("#grade");

    public ILocator Payouts => page.Locator("#payouts");

    public ILocator Trace => page.Locator("#trace");

    /// <summary>The confirmation of an adjustment: the new run's total, grade and (where allowed) pay.</summary>
    public ILocator Adjusted => page.Locator("#adjusted");

    public ILocator Adjustments => page.Locator("#adjustments");

    /// <summary>Replaces an indicator's score with a reason (review.md R3), through the review form.</summary>
    public async Task AdjustScoreAsync(string indicator, string value, string reason)
    {
        await page.Locator("#adjust-kind").SelectOptionAsync("score");
        await page.Locator("#adjust-indicator").SelectOptionAsync(indicator);
        await page.Locator("#adjust-form input").Nth(0).FillAsync(value);
        await page.Locator("#adjust-form input").Nth(1).FillAsync(reason);
        await page.Locator("#adjust-submit").ClickAsync();
    }

    public Task ScreenshotAsync(string name) => Browser.ScreenshotAsync(page, name);
}
