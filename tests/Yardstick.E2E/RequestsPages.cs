using Microsoft.Playwright;

namespace Yardstick.E2E;

/// <summary>A period's request log: the per-person rates, the requests with their verdict chips.</summary>
public sealed class RequestLogPage(IPage page)
{
    public async Task WaitAsync()
    {
        await page.Locator("#requests-summary").WaitForAsync();
        await page.Locator("#interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public ILocator Requests => page.Locator("#requests tr[data-request]");

    public ILocator Request(string id) => page.Locator($"#requests tr[data-request='{id}']");

    public ILocator Rate(string person) => page.Locator($"#requests-summary tr[data-person='{person}'] td").Nth(4);

    public Task ScreenshotAsync(string name) => Browser.ScreenshotAsync(page, name);
}

/// <summary>A period's 360 campaigns: one card per campaign with its progress.</summary>
public sealed class CampaignsPage(IPage page)
{
    public ILocator Campaign(string name) => page.Locator($"[data-campaign='{name}']");

    public ILocator Ratee(string campaign, string person) => Campaign(campaign).Locator($"tr[data-ratee='{person}']");

    public Task ScreenshotAsync(string name) => Browser.ScreenshotAsync(page, name);
}
