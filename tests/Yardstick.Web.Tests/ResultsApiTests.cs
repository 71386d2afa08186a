using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Yardstick.App.Demo;

namespace Yardstick.Web.Tests;

/// <summary>Results and scorecards of R11 over the demo's industrial 2026-10 (InReview; zhang_wei is E1: 100.77, 20,760.38), as R2 lets each user see them.</summary>
public sealed class ResultsApiTests
{
    private static async Task<WebHost> DemoAsync(string provider)
    {
        var host = WebHost.Create(provider);
        var loaded = await host.AsSystemAsync(s => s.GetRequiredService<LoadDemo>().RunAsync());
        Assert.True(loaded.IsSuccess, string.Join("\n", loaded.Problems));
        return host;
    }

    private static Task<HttpClient> SignInAsync(WebHost host, string name) => host.ApiAsync($"{name}@industrial.demo", LoadDemo.Password);

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Results_Admin_SeesEveryoneWithPay(string provider)
    {
        await using var host = await DemoAsync(provider);
        var api = await SignInAsync(host, "hr");

        var page = JsonDocument.Parse(await api.GetStringAsync("/api/v1/periods/2026-10/results")).RootElement;

        var rows = page.GetProperty("rows").EnumerateArray().ToList();
        var zhang = rows.Single(r => r.GetProperty("person").GetString() == "zhang_wei");
        Assert.Equal(100.77m, decimal.Round(zhang.GetProperty("total").GetDecimal(), 2, MidpointRounding.ToZero));
        Assert.Equal(20760.38m, zhang.GetProperty("pay").GetDecimal());
        Assert.Equal("张伟", zhang.GetProperty("name").GetString());
        Assert.True(rows.Count > 2);
        Assert.Equal(rows.Select(r => r.GetProperty("person").GetString()).Order(StringComparer.Ordinal), rows.Select(r => r.GetProperty("person").GetString()));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Results_Manager_SeesTheTeamWithoutPay(string provider)
    {
        await using var host = await DemoAsync(provider);
        var api = await SignInAsync(host, "li_ming");

        var page = JsonDocument.Parse(await api.GetStringAsync("/api/v1/periods/2026-10/results")).RootElement;

        var rows = page.GetProperty("rows").EnumerateArray().ToList();
        var zhang = rows.Single(r => r.GetProperty("person").GetString() == "zhang_wei");
        Assert.False(zhang.TryGetProperty("pay", out _));
        Assert.False(zhang.TryGetProperty("currency", out _));
        Assert.DoesNotContain(rows, r => r.GetProperty("person").GetString() == "huang_lei");
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Results_LimitOne_PagesByAfter(string provider)
    {
        await using var host = await DemoAsync(provider);
        var api = await SignInAsync(host, "hr");

        var first = JsonDocument.Parse(await api.GetStringAsync("/api/v1/periods/2026-10/results?limit=1")).RootElement;
        var after = first.GetProperty("next").GetString();
        var second = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/periods/2026-10/results?limit=1&after={after}")).RootElement;

        var one = Assert.Single(first.GetProperty("rows").EnumerateArray());
        var two = Assert.Single(second.GetProperty("rows").EnumerateArray());
        Assert.Equal(one.GetProperty("person").GetString(), after);
        Assert.True(string.CompareOrdinal(two.GetProperty("person").GetString(), after) > 0);
    }

    [Fact]
    public async Task Results_Limit1001_422NamingLimit()
    {
        await using var host = await DemoAsync("sqlite");
        var api = await SignInAsync(host, "hr");

        var response = await api.GetAsync("/api/v1/periods/2026-10/results?limit=1001&lang=en");

        Assert.Equal(422, (int)response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("limit").EnumerateArray()).GetString();
        Assert.Contains("1001", message, StringComparison.Ordinal);
        Assert.Contains("1000", message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Scorecard_Manager_IndicatorsWithoutPayouts(string provider)
    {
        await using var host = await DemoAsync(provider);
        var api = await SignInAsync(host, "li_ming");

        var card = JsonDocument.Parse(await api.GetStringAsync("/api/v1/periods/2026-10/people/zhang_wei/scorecard?lang=zh-CN")).RootElement;

        Assert.Equal("zhang_wei", card.GetProperty("person").GetString());
        Assert.Equal(100.77m, decimal.Round(card.GetProperty("total").GetDecimal(), 2, MidpointRounding.ToZero));
        Assert.NotEmpty(card.GetProperty("indicators").EnumerateObject());
        Assert.False(card.TryGetProperty("payouts", out _));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Scorecard_Admin_PayoutTraceInTheLanguage(string provider)
    {
        await using var host = await DemoAsync(provider);
        var api = await SignInAsync(host, "hr");

        var zh = JsonDocument.Parse(await api.GetStringAsync("/api/v1/periods/2026-10/people/zhang_wei/scorecard?lang=zh-CN")).RootElement.GetProperty("payouts").GetRawText();
        var en = JsonDocument.Parse(await api.GetStringAsync("/api/v1/periods/2026-10/people/zhang_wei/scorecard?lang=en")).RootElement.GetProperty("payouts").GetRawText();

        Assert.Contains(zh, c => c is >= '\u4e00' and <= '\u9fff');
        Assert.DoesNotContain(en, c => c is >= '\u4e00' and <= '\u9fff');
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Scorecard_AnotherPm_404(string provider)
    {
        await using var host = await DemoAsync(provider);
        var api = await SignInAsync(host, "huang_lei");

        var response = await api.GetAsync("/api/v1/periods/2026-10/people/zhang_wei/scorecard?lang=en");

        Assert.Equal(404, (int)response.StatusCode);
    }
}
