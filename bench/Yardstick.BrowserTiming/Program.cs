using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

// In the browser, an adjustment's new total, grade and pay appear within 1 s of the click (issue 9's performance goal).
// Drives Debian's Chromium against a running web host: signs in, opens one scorecard of a period in review and adjusts an
// indicator's score N times (alternating two values, each with a reason), timing each from the click on *Adjust* until the
// page shows the new run's confirmation (#adjusted changes its text). Prints every time and p50 / p95 / max.
// Usage: dotnet run -c Release --project bench/Yardstick.BrowserTiming -- BASE_URL EMAIL PASSWORD PERIOD PERSON INDICATOR [N]
if (args.Length < 6)
{
    Console.Error.WriteLine("usage: BASE_URL EMAIL PASSWORD PERIOD PERSON INDICATOR [N=20]");
    return 2;
}

var (baseUrl, email, password, period, person, indicator) = (args[0], args[1], args[2], args[3], args[4], args[5]);
var n = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 20;
using var playwright = await Playwright.CreateAsync();
await using var chromium = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
var context = await chromium.NewContextAsync(new() { BaseURL = baseUrl, Locale = "en" });
var page = await context.NewPageAsync();
await page.GotoAsync("/login");
await page.Locator("#email").FillAsync(email);
await page.Locator("#password").FillAsync(password);
await page.Locator("form button[type=submit]").ClickAsync();
await page.WaitForURLAsync("**/periods");
await page.GotoAsync($"/periods/{period}/people/{person}");
await page.Locator("#interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

var times = new List<double>();
for (var i = 0; i < n; i++)
{
    var before = await page.Locator("#adjusted").CountAsync() > 0 ? await page.Locator("#adjusted").InnerTextAsync() : "";
    await page.Locator("#adjust-kind").SelectOptionAsync("score");
    await page.Locator("#adjust-indicator").SelectOptionAsync(indicator);
    await page.Locator("#adjust-form input").Nth(0).FillAsync(i % 2 == 0 ? "1.0" : "0.5");
    await page.Locator("#adjust-form input").Nth(1).FillAsync($"browser timing, adjustment {i + 1}");
    var clock = Stopwatch.StartNew();
    await page.Locator("#adjust-submit").ClickAsync();
    await page.WaitForFunctionAsync("prev => { const e = document.querySelector('#adjusted'); return e !== null && e.textContent !== prev; }", before,
        new() { PollingInterval = 5, Timeout = 60_000 });
    clock.Stop();
    times.Add(clock.Elapsed.TotalMilliseconds);
    var shown = (await page.Locator("#adjusted").InnerTextAsync()).ReplaceLineEndings(" ");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1,3}: {clock.Elapsed.TotalMilliseconds,8:0.0} ms  {shown}"));
}

var sorted = times.Order().ToList();
double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"n={n} p50={At(0.50):0.0} ms p95={At(0.95):0.0} ms max={sorted[^1]:0.0} ms"));
return 0;
