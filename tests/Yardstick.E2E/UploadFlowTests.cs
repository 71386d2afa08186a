using System.Text;
using Microsoft.Playwright;

namespace Yardstick.E2E;

/// <summary>
/// Uploading actuals in Chromium on the demo's saas 2026-11 (Collecting), as hr@saas.demo: a bad file shows its problems
/// at their rows and columns and writes nothing; the corrected file is stored and its summary shown.
/// </summary>
public sealed class UploadFlowTests(Browser browser) : IClassFixture<Browser>
{
    private static FilePayload Csv(string name, string csv) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) };

    [SkippableFact]
    public async Task Upload_BadFileThenFixed_ProblemsByRowThenStored()
    {
        Browser.RequireChromium();
        var page = await browser.SignInAsync("hr@saas.demo");
        await Browser.GotoAsync(page, "/periods/2026-11");

        await page.Locator("input#upload-file").SetInputFilesAsync(Csv("bad.csv", "person,indicator,value\nli_na,post_release_resolution,0.93\nli_na,paid_conversion_lift,abc\n"));
        // the circuit has the file once the panel names it (the browser reads it before telling the server)
        await Assertions.Expect(page.Locator("#upload-picked")).ToHaveTextAsync("bad.csv");
        await page.Locator("#upload-submit").ClickAsync();

        var problem = page.Locator("#upload-problems tr[data-problem]");
        await Assertions.Expect(problem).ToHaveCountAsync(1);
        await Assertions.Expect(problem.Locator("td").Nth(0)).ToHaveTextAsync("bad.csv");
        await Assertions.Expect(problem.Locator("td").Nth(1)).ToHaveTextAsync("3");
        await Assertions.Expect(problem).ToContainTextAsync("abc");
        await Assertions.Expect(page.Locator("#upload-summary")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "upload-refused-zh");

        await page.Locator("input#upload-file").SetInputFilesAsync(Csv("good.csv", "person,indicator,value\nli_na,post_release_resolution,0.93\nli_na,paid_conversion_lift,0.06\n"));
        await Assertions.Expect(page.Locator("#upload-picked")).ToHaveTextAsync("good.csv");
        await page.Locator("#upload-submit").ClickAsync();

        // both values new: the bad file wrote nothing
        await Assertions.Expect(page.Locator("#upload-summary")).ToContainTextAsync("good.csv：读取 2 行；新增 2，修改 0，不变 0");
        await Assertions.Expect(page.Locator("#upload-problems")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "upload-stored-zh");
    }
}
