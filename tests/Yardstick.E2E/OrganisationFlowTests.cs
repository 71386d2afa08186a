using System.Text.Json;
using Microsoft.Playwright;
using Yardstick.App.Demo;

namespace Yardstick.E2E;

/// <summary>
/// The organisation page in Chromium on the demo: industrial's admin reads the people and their managers, then changes a
/// setting: a response limit over a year is refused at its field and nothing is stored; a valid one is saved and the API
/// reads it back.
/// </summary>
public sealed class OrganisationFlowTests(Browser browser) : IClassFixture<Browser>
{
    [SkippableFact]
    public async Task Settings_AdminFixesAnOutOfRangeLimit_SavedAsTheApiReads()
    {
        Browser.RequireChromium();
        var page = await browser.SignInAsync("hr@industrial.demo");
        await Browser.GotoAsync(page, "/organisation");
        var zhang = page.Locator("#people tr[data-person=zhang_wei]");
        await Assertions.Expect(zhang).ToContainTextAsync("(li_ming)");

        await page.GetByRole(AriaRole.Tab, new() { Name = "设置" }).ClickAsync();
        var response = page.Locator("input#set-response");
        await response.FillAsync("9000");
        await page.Locator("#settings-save").ClickAsync();

        await Assertions.Expect(page.GetByText("1–8760").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "organisation-settings-refused-zh");
        using var api = await browser.Host.ApiAsync("hr@industrial.demo", LoadDemo.Password);
        Assert.Equal(24, await ResponseHoursAsync(api));

        await response.FillAsync("48");
        await page.Locator("#settings-save").ClickAsync();

        await Assertions.Expect(page.GetByText("已保存").First).ToBeVisibleAsync();
        Assert.Equal(48, await ResponseHoursAsync(api));
        await Browser.ScreenshotAsync(page, "organisation-settings-saved-zh");
    }

    private static async Task<int> ResponseHoursAsync(HttpClient api) =>
        JsonDocument.Parse(await api.GetStringAsync("/api/v1/organisation")).RootElement.GetProperty("settings").GetProperty("responseHours").GetInt32();
}
