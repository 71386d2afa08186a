using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Yardstick.App.Periods;

namespace Yardstick.Web.Tests;

/// <summary>The periods of R11 and their moves over App's use cases: answers, refusals as problem details (R6, R2).</summary>
public sealed class PeriodsApiTests
{
    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Periods_Collecting_ListsStateMovesAndScheme(string provider)
    {
        await using var host = WebHost.Create(provider);
        await host.AddUserAsync("pm@example.com");
        await host.OpenPeriodAsync("2026-09");
        await host.OpenPeriodAsync("2026-10");
        var api = await host.ApiAsync("pm@example.com");

        var list = JsonDocument.Parse(await api.GetStringAsync("/api/v1/periods")).RootElement;
        var one = JsonDocument.Parse(await api.GetStringAsync("/api/v1/periods/2026-10")).RootElement;

        Assert.Equal(["2026-10", "2026-09"], list.EnumerateArray().Select(p => p.GetProperty("label").GetString()));
        Assert.Equal("Collecting", one.GetProperty("state").GetString());
        Assert.Equal(["calc"], one.GetProperty("allowedMoves").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("industrial-value", one.GetProperty("schemeCode").GetString());
        Assert.Equal("industrial-value", one.GetProperty("schemes")[0].GetProperty("id").GetString());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Review_NotAnAdmin_403AndThePeriodUnchanged(string provider)
    {
        await using var host = WebHost.Create(provider);
        await host.AddUserAsync("pm@example.com");
        await host.OpenPeriodAsync("2026-10");
        var api = await host.ApiAsync("pm@example.com");

        var review = await api.PostAsync("/api/v1/periods/2026-10/review?lang=en", null);

        Assert.Equal(403, (int)review.StatusCode);
        var problem = JsonDocument.Parse(await review.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal("access.forbidden", problem.GetProperty("code").GetString());
        var state = await host.AsSystemAsync(async s => (await s.GetRequiredService<ListPeriods>().RunAsync("2026-10")).Value.State);
        Assert.Equal(Yardstick.Data.PeriodState.Collecting, state);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Approve_CollectingPeriod_409WithTheStateReason(string provider)
    {
        await using var host = WebHost.Create(provider);
        await host.AddUserAsync("hr@example.com", null, "admin");
        await host.OpenPeriodAsync("2026-10");
        var api = await host.ApiAsync("hr@example.com");

        var approve = await api.PostAsync("/api/v1/periods/2026-10/approve?lang=en", null);

        Assert.Equal(409, (int)approve.StatusCode);
        var problem = JsonDocument.Parse(await approve.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10", problem.GetProperty("type").GetString());
        Assert.Equal("refused in the current state", problem.GetProperty("title").GetString());
        Assert.Contains("Collecting", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("period.state", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Period_BadLabel_422NamingTheField()
    {
        await using var host = WebHost.Create();
        await host.AddUserAsync("pm@example.com");
        var api = await host.ApiAsync("pm@example.com");

        var response = await api.GetAsync("/api/v1/periods/2026-13?lang=en");

        Assert.Equal(422, (int)response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        Assert.Equal("invalid input", problem.GetProperty("title").GetString());
        Assert.StartsWith("period: ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var messages = problem.GetProperty("errors").GetProperty("period").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Single(messages);
        Assert.Equal("month 13 is out of range; expected 1–12", messages[0]);
    }

    [Fact]
    public async Task Period_Unknown_404InChineseByAcceptLanguage()
    {
        await using var host = WebHost.Create();
        await host.AddUserAsync("pm@example.com");
        var api = await host.ApiAsync("pm@example.com");
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var response = await api.GetAsync("/api/v1/periods/2026-10");

        Assert.Equal(404, (int)response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("period.unknown", problem.GetProperty("code").GetString());
        Assert.Equal(["没有周期 2026-10；请先开启它"], problem.GetProperty("errors").GetProperty("period").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Reopen_CollectingPeriod_409FromTheUseCase()
    {
        await using var host = WebHost.Create();
        await host.AddUserAsync("hr@example.com", null, "admin");
        await host.OpenPeriodAsync("2026-10");
        var api = await host.ApiAsync("hr@example.com");

        var reopen = await api.PostAsJsonAsync("/api/v1/periods/2026-10/reopen?lang=en", new { reason = "late actuals" });

        // Collecting cannot be reopened: the use case's reason, not the web's
        Assert.Equal(409, (int)reopen.StatusCode);
        Assert.Contains("reopen", JsonDocument.Parse(await reopen.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Periods_UseCaseThrows_500ProblemWithoutStackTrace()
    {
        await using var host = WebHost.Create(services: s => s.AddScoped<ListPeriods>(_ => throw new InvalidOperationException("secret internals")));
        await host.AddUserAsync("pm@example.com");
        var api = await host.ApiAsync("pm@example.com");

        var response = await api.GetAsync("/api/v1/periods?lang=en");

        Assert.Equal(500, (int)response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(500, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("secret internals", body, StringComparison.Ordinal);
        Assert.DoesNotContain("at Yardstick", body, StringComparison.Ordinal);
    }
}
