using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Yardstick.App.Demo;
using Yardstick.App.Schemes;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;

namespace Yardstick.E2E;

/// <summary>
/// The scheme editor in Chromium on the demo (issue 9's first browser test): industrial's admin starts from template T1, makes
/// a weight error that the editor shows with the group's sum and the message of <c>scheme validate</c>, fixes it, saves the
/// scheme as a new version and opens a period under it from the periods list.
/// </summary>
public sealed class SchemeFlowTests(Browser browser) : IClassFixture<Browser>
{
    [SkippableFact]
    public async Task Editor_AdminFixesAWeightErrorOfT1_SavesAndOpensAPeriodOnIt()
    {
        Browser.RequireChromium();
        var t1 = TemplateCatalog.Find("industrial-value").Value.Document;
        var (first, second) = (t1.Schemes[0].Indicators().ElementAt(0), t1.Schemes[0].Indicators().ElementAt(1));
        var heavier = first.Weight + 0.05m;
        var expected = Assert.Single(SchemeCheck.Run(SchemeJson.Write(SchemeCheck.With(t1, t1.Id, first.Code, weight: heavier)), "industrial-value.json").Problems);
        var page = await browser.SignInAsync("hr@industrial.demo");

        await Browser.GotoAsync(page, "/schemes");
        await Assertions.Expect(page.Locator("[data-template=industrial-value] .story")).ToContainTextAsync("70%");
        await Browser.ScreenshotAsync(page, "scheme-gallery-zh");
        await page.Locator("#use-industrial-value").ClickAsync();
        await Assertions.Expect(page.Locator("#scheme-valid")).ToBeVisibleAsync();

        await page.Locator($"input[data-weight={first.Code}]").FillAsync(heavier.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"input[data-weight={first.Code}]").PressAsync("Tab");

        await Assertions.Expect(page.Locator("#scheme-problems li")).ToHaveTextAsync(expected.Format(Language.ZhCN));
        await Assertions.Expect(page.Locator("tr.unbalanced")).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(page, "scheme-editor-weight-error-zh");

        await page.Locator($"input[data-weight={second.Code}]").FillAsync((second.Weight - 0.05m).ToString(CultureInfo.InvariantCulture));
        await page.Locator($"input[data-weight={second.Code}]").PressAsync("Tab");
        await Assertions.Expect(page.Locator("#scheme-valid")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#scheme-problems")).ToHaveCountAsync(0);
        await page.Locator("#scheme-save").ClickAsync();

        await Assertions.Expect(page.Locator("#scheme-saved")).ToContainTextAsync("industrial-value v");
        using var api = await browser.Host.ApiAsync("hr@industrial.demo", LoadDemo.Password);
        var newest = JsonDocument.Parse(await api.GetStringAsync("/api/v1/schemes")).RootElement.GetProperty("saved").EnumerateArray()
            .First(s => s.GetProperty("code").GetString() == "industrial-value");
        var version = newest.GetProperty("version").GetInt32();
        Assert.Empty(newest.GetProperty("periods").EnumerateArray());
        var stored = SchemeJson.Parse(await api.GetStringAsync($"/api/v1/schemes/industrial-value/versions/{version}"), "stored").Value;
        Assert.Equal(heavier, stored.Schemes[0].Indicators().First(i => i.Code == first.Code).Weight);
        await Browser.ScreenshotAsync(page, "scheme-editor-saved-zh");

        await Browser.GotoAsync(page, "/periods");
        await page.Locator("#open-label").FillAsync("2026-12");
        await page.Locator("#open-scheme").SelectOptionAsync($"industrial-value v{version}");
        await page.Locator("#open-submit").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "2026-12", Exact = true })).ToBeVisibleAsync();
        var period = JsonDocument.Parse(await api.GetStringAsync("/api/v1/periods/2026-12")).RootElement;
        Assert.Equal("Collecting", period.GetProperty("state").GetString());
        var scheme = Assert.Single(period.GetProperty("schemes").EnumerateArray());
        Assert.Equal(("industrial-value", version), (scheme.GetProperty("id").GetString(), scheme.GetProperty("version").GetInt32()));
    }
}
