using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Yardstick.App.Demo;

namespace Yardstick.E2E;

/// <summary>
/// Manual entry in Chromium (review.md R2's "enter source: manual indicators") on the demo's industrial 2026-10, reopened by
/// an admin so that it takes data again: li_ming opens the grid from the period, a 6 on the 1–5 scale of zhang_wei's
/// innovation_reserve is refused at its cell with nothing saved, then 4.5 is saved and the API reads it back.
/// </summary>
public sealed class ManualEntryFlowTests(Browser browser) : IClassFixture<Browser>
{
    [SkippableFact]
    public async Task Grid_ManagerEntersAReportsRating_RefusedOutOfScaleThenSaved()
    {
        Browser.RequireChromium();
        using (var admin = await browser.Host.ApiAsync("hr@industrial.demo", LoadDemo.Password))
            Assert.True((await admin.PostAsJsonAsync("/api/v1/periods/2026-10/reopen", new { reason = "the reserve review came in late" })).IsSuccessStatusCode);
        var page = await browser.SignInAsync("li_ming@industrial.demo");
        await Browser.GotoAsync(page, "/periods/2026-10");
        await page.Locator("#manual-link").ClickAsync();
        await page.Locator("#manual-grid").WaitForAsync();
        await page.Locator("#interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var cell = page.Locator("input[data-person=zhang_wei][data-indicator=innovation_reserve]");
        await Assertions.Expect(cell).ToHaveValueAsync("3.5");
        await Assertions.Expect(page.Locator("#manual-readonly")).ToHaveCountAsync(0);

        await cell.FillAsync("6");
        await page.Locator("#manual-save").ClickAsync();

        var problem = page.Locator("#manual-problems li[data-person=zhang_wei][data-indicator=innovation_reserve]");
        await Assertions.Expect(problem).ToHaveTextAsync("zhang_wei：6 超出 'innovation_reserve' 的评分范围；应为 1–5");
        await Assertions.Expect(page.Locator("#manual-saved")).ToHaveCountAsync(0);

        await cell.FillAsync("4.5");
        await page.Locator("#manual-save").ClickAsync();

        await Assertions.Expect(page.Locator("#manual-saved")).ToHaveTextAsync("已保存：新增 0，修改 1，未变 0，清除 0。");
        await Assertions.Expect(page.Locator("#manual-problems li")).ToHaveCountAsync(0);
        await Assertions.Expect(cell).ToHaveValueAsync("4.5");
        await Assertions.Expect(page.Locator("tr[data-person=zhang_wei] .entered")).ToContainTextAsync("li_ming@industrial.demo");
        await Browser.ScreenshotAsync(page, "manual-entry-zh");

        using var api = await browser.Host.ApiAsync("li_ming@industrial.demo", LoadDemo.Password);
        var grid = JsonDocument.Parse(await api.GetStringAsync("/api/v1/periods/2026-10/manual-actuals")).RootElement;
        var stored = grid.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("person").GetString() == "zhang_wei").GetProperty("cells")[0];
        Assert.Equal((4.5m, "manual"), (stored.GetProperty("value").GetDecimal(), stored.GetProperty("source").GetString()));
    }
}
