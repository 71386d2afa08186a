using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Yardstick.Web.Tests;

/// <summary>The login and setup forms (cookie sign-in, antiforgery), the page language and the guard of the signed-in pages.</summary>
public sealed class PageTests
{
    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Setup_FirstAdmin_CreatedOnceThen404(string provider)
    {
        await using var host = WebHost.Create(provider);
        var browser = host.Browser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/setup")).StatusCode);

        var created = await Pages.PostFormAsync(browser, "/setup", new Dictionary<string, string> { ["Input.Email"] = "hr@example.com", ["Input.Password"] = WebHost.Password });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/login", Pages.RedirectPath(created));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/setup")).StatusCode);
        var users = await host.AsSystemAsync(async s => (await s.GetRequiredService<Yardstick.App.Users.ListUsers>().RunAsync()).Value);
        var admin = Assert.Single(users);
        Assert.Equal("hr@example.com", admin.Email);
        Assert.Equal(["admin"], admin.Roles);
        var api = await host.ApiAsync("hr@example.com");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Setup_WeakPassword_ShowsTheRuleAndStaysOpen()
    {
        await using var host = WebHost.Create();
        var browser = host.Browser();
        browser.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        var refused = await Pages.PostFormAsync(browser, "/setup", new Dictionary<string, string> { ["Input.Email"] = "hr@example.com", ["Input.Password"] = "short" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("password: the password needs at least 12 characters", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/setup")).StatusCode);
    }

    [Fact]
    public async Task LoginForm_RightPassword_CookieOpensThePeriodsPage()
    {
        await using var host = WebHost.Create();
        await host.AddUserAsync("hr@example.com", null, "admin");
        await host.OpenPeriodAsync("2026-10");
        var browser = host.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/periods")).StatusCode);

        var login = await Pages.LoginThroughFormAsync(browser, "hr@example.com", WebHost.Password);
        var page = await browser.GetAsync("/periods");

        Assert.Equal("/periods", Pages.RedirectPath(login));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("2026-10", html, StringComparison.Ordinal);
        Assert.Contains("收集数据", html, StringComparison.Ordinal);
        Assert.Contains("hr@example.com", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginForm_WithoutAntiforgeryToken_RefusedAndNotSignedIn()
    {
        await using var host = WebHost.Create();
        await host.AddUserAsync("hr@example.com", null, "admin");
        var browser = host.Browser();

        var login = await Pages.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Input.Email"] = "hr@example.com", ["Input.Password"] = WebHost.Password }, withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/periods")).StatusCode);
    }

    [Fact]
    public async Task LoginForm_WrongPassword_SaysSoAndSetsNoCookie()
    {
        await using var host = WebHost.Create();
        await host.AddUserAsync("hr@example.com", null, "admin");
        var browser = host.Browser();

        var login = await Pages.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Input.Email"] = "hr@example.com", ["Input.Password"] = "Wrong-password-1" });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("邮箱或密码不正确", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/periods")).StatusCode);
    }

    [Fact]
    public async Task CultureSwitch_ToEnglishAndBack_ChangesThePageText()
    {
        await using var host = WebHost.Create();
        var browser = host.Browser();
        Assert.Contains("<h2>登录</h2>", await browser.GetStringAsync("/login"), StringComparison.Ordinal);

        var english = await browser.GetAsync("/culture/en?returnUrl=%2Flogin");
        var page = await browser.GetStringAsync("/login");
        await browser.GetAsync("/culture/zh-CN?returnUrl=%2Flogin");
        var chinese = await browser.GetStringAsync("/login");

        Assert.Equal(("/login", HttpStatusCode.Redirect), (english.Headers.Location?.OriginalString, english.StatusCode));
        Assert.Contains("<h2>Log in</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
        Assert.Contains("<h2>登录</h2>", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CultureSwitch_OtherSite_RedirectsHomeInstead()
    {
        await using var host = WebHost.Create();

        var response = await host.Browser().GetAsync("/culture/en?returnUrl=%2F%2Fevil.example.com");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task CultureSwitch_SignedIn_RememberedAtTheNextLogin()
    {
        await using var host = WebHost.Create();
        await host.AddUserAsync("hr@example.com", null, "admin");
        var first = host.Browser();
        await Pages.LoginThroughFormAsync(first, "hr@example.com", WebHost.Password);
        await first.GetAsync("/culture/en?returnUrl=%2Fperiods");

        // another browser, no language cookie yet
        var second = host.Browser();
        await Pages.LoginThroughFormAsync(second, "hr@example.com", WebHost.Password);
        var page = await second.GetStringAsync("/periods");

        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_WithAntiforgery_EndsTheSession()
    {
        await using var host = WebHost.Create();
        await host.AddUserAsync("hr@example.com", null, "admin");
        var browser = host.Browser();
        await Pages.LoginThroughFormAsync(browser, "hr@example.com", WebHost.Password);

        var page = await browser.GetStringAsync("/periods");
        var token = System.Text.RegularExpressions.Regex.Match(page, """name="__RequestVerificationToken" value="(?<v>[^"]+)""").Groups["v"].Value;
        var logout = await browser.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token) }));

        Assert.Equal(("/login", HttpStatusCode.Redirect), (logout.Headers.Location?.OriginalString, logout.StatusCode));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/periods")).StatusCode);
    }
}
