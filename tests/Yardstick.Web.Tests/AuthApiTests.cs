using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Yardstick.Web.Tests;

/// <summary>R11's login and <c>GET /api/v1/me</c>, on SQLite and PostgreSQL (the lockout counts in the database).</summary>
public sealed class AuthApiTests
{
    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Login_RightPassword_BearerTokenOpensMe(string provider)
    {
        await using var host = WebHost.Create(provider);
        await host.AddEmployeesAsync();
        await host.AddUserAsync("li.ming@example.com", "li_ming", "finance");
        var client = host.CreateClient();

        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "li.ming@example.com", password = WebHost.Password });

        Assert.Equal(200, (int)login.StatusCode);
        var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        Assert.Equal(3600, token.GetProperty("expiresIn").GetInt32());
        Assert.False(string.IsNullOrEmpty(token.GetProperty("refreshToken").GetString()));
        var api = await host.ApiAsync("li.ming@example.com");
        var me = JsonDocument.Parse(await api.GetStringAsync("/api/v1/me")).RootElement;
        Assert.Equal("li.ming@example.com", me.GetProperty("email").GetString());
        Assert.Equal("default", me.GetProperty("organisation").GetString());
        Assert.Equal("li_ming", me.GetProperty("employeeId").GetString());
        Assert.Equal(["finance"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["zhang_wei"], me.GetProperty("manages").EnumerateArray().Select(r => r.GetString()));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Login_WrongPassword_401ProblemDetails(string provider)
    {
        await using var host = WebHost.Create(provider);
        await host.AddUserAsync("hr@example.com", null, "admin");

        var login = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/login?lang=en", new { email = "hr@example.com", password = "Wrong-password-1" });

        Assert.Equal(401, (int)login.StatusCode);
        Assert.Equal("application/problem+json", login.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("the email or the password is wrong", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("accessToken", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Login_FiveWrongPasswords_LocksOutTheRightOneToo(string provider)
    {
        await using var host = WebHost.Create(provider);
        await host.AddUserAsync("hr@example.com", null, "admin");
        var client = host.CreateClient();
        for (var i = 0; i < 4; i++)
            Assert.Equal(401, (int)(await client.PostAsJsonAsync("/api/v1/auth/login?lang=en", new { email = "hr@example.com", password = "Wrong-password-1" })).StatusCode);
        // four failures leave the account open
        var fourth = await host.AsSystemAsync(async s => (await s.GetRequiredService<Yardstick.App.Users.ListUsers>().RunAsync()).Value.Single());
        Assert.False(fourth.Locked);

        var fifth = await client.PostAsJsonAsync("/api/v1/auth/login?lang=en", new { email = "hr@example.com", password = "Wrong-password-1" });
        var right = await client.PostAsJsonAsync("/api/v1/auth/login?lang=en", new { email = "hr@example.com", password = WebHost.Password });

        Assert.Equal(401, (int)fifth.StatusCode);
        Assert.Equal(401, (int)right.StatusCode);
        Assert.StartsWith("too many failed logins", JsonDocument.Parse(await right.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var unlocked = await host.AsSystemAsync(s => s.GetRequiredService<Yardstick.App.Users.UnlockUser>().RunAsync("hr@example.com"));
        Assert.False(unlocked.Value.Locked);
        Assert.Equal(200, (int)(await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "hr@example.com", password = WebHost.Password })).StatusCode);
    }

    [Fact]
    public async Task Me_NoToken_401ProblemInTheRequestLanguage()
    {
        await using var host = WebHost.Create();
        var client = host.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var me = await client.GetAsync("/api/v1/me");

        Assert.Equal(401, (int)me.StatusCode);
        var problem = JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("需要登录", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_PageCookieWithoutToken_401()
    {
        await using var host = WebHost.Create();
        await host.AddUserAsync("hr@example.com", null, "admin");
        var browser = host.Browser();
        await Pages.LoginThroughFormAsync(browser, "hr@example.com", WebHost.Password);

        var me = await browser.GetAsync("/api/v1/me");

        Assert.Equal(401, (int)me.StatusCode);
    }

    [Fact]
    public async Task Register_NotMapped_AbsentFromServerAndDocument()
    {
        await using var host = WebHost.Create();
        var client = host.CreateClient();

        var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "eve@example.com", password = WebHost.Password });
        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains((int)register.StatusCode, new[] { 404, 405 });
        Assert.DoesNotContain("register", document, StringComparison.OrdinalIgnoreCase);
        var users = await host.AsSystemAsync(async s => (await s.GetRequiredService<Yardstick.App.Users.ListUsers>().RunAsync()).Value);
        Assert.Empty(users);
    }

    [Fact]
    public async Task OpenApi_Served_ListsLoginMeAndPeriodMoves()
    {
        await using var host = WebHost.Create();

        var paths = JsonDocument.Parse(await host.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");

        var names = paths.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Contains("/api/v1/auth/login", names);
        Assert.Contains("/api/v1/me", names);
        Assert.Contains("/api/v1/periods", names);
        Assert.Contains("/api/v1/periods/{period}", names);
        foreach (var move in new[] { "review", "approve", "publish", "lock", "reopen" })
            Assert.Contains("/api/v1/periods/{period}/" + move, names);
        Assert.Equal(200, (int)(await host.CreateClient().GetAsync("/scalar")).StatusCode);
    }
}
