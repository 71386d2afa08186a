using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yardstick.Web.Tests;

namespace Yardstick.E2E;

/// <summary>
/// The web app on real Kestrel with the demo loaded (a fresh installation's first start), and Debian's Chromium driven by
/// Playwright. Without /usr/bin/chromium a local run skips; CI (CI=true) installs it, so there a missing browser fails.
/// Screenshots go to TestResults/screenshots beside the test assembly.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public WebHost Host { get; } = WebHost.Create().WithDemo();

    public IBrowser Chromium { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            return;
        Host.UseKestrel(0);
        Host.StartServer();
        BaseUrl = Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>A full-page screenshot of <paramref name="page"/> as <c>TestResults/screenshots/NAME.png</c>.</summary>
    public static Task ScreenshotAsync(IPage page, string name) => page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    /// <summary>Opens <paramref name="path"/> and waits until the page is interactive (its circuit is up).</summary>
    public static async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("#interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>Skips a local run without Chromium; fails under CI, which must have it.</summary>
    public static void RequireChromium()
    {
        if (File.Exists(ChromiumPath))
            return;
        Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "CI=true but " + ChromiumPath + " is missing");
        Skip.If(true, ChromiumPath + " is missing (a local run without Chromium)");
    }

    /// <summary>A new browser context (its own cookies) signed in as <paramref name="email"/> through the login page.</summary>
    public async Task<IPage> SignInAsync(string email, string password = Yardstick.App.Demo.LoadDemo.Password)
    {
        var context = await Chromium.NewContextAsync(new() { BaseURL = BaseUrl, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync(email, password);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Chromium.DisposeAsync();
            _playwright.Dispose();
        }

        await Host.DisposeAsync();
    }
}

/// <summary>The login screen (static server-rendered form).</summary>
public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string email, string password)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/periods");
    }
}

/// <summary>One period's screen: its state, the moves, the refusal of the last move, the trail.</summary>
public sealed class PeriodPage(IPage page)
{
    public async Task OpenAsync(string label)
    {
        await page.GotoAsync("/periods/" + label);
        await page.Locator("#interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public ILocator State => page.Locator("#state");

    public ILocator Refusal => page.Locator("#refusal");

    /// <summary>The calculation's progress, then its outcome.</summary>
    public ILocator CalcStatus => page.Locator("#calc-status");

    /// <summary>The newest row of the period's trail (who, when, the move, from → to).</summary>
    public ILocator LastMove => page.Locator("#trail tr[data-move]").Last;

    public Task MoveAsync(string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();

    public Task ScreenshotAsync(string name) => Browser.ScreenshotAsync(page, name);
}
