using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Yardstick.App.Demo;

namespace Yardstick.Web.Tests;

/// <summary>One demo host per provider, shared by the read-only page tests (the demo takes seconds to load).</summary>
public sealed class DemoHosts : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<WebHost>> _hosts = new();
    private readonly ConcurrentDictionary<string, Lazy<Task>> _loaded = new();

    // created inside the first test that asks, so that a missing PostgreSQL skips that test
    public async Task<WebHost> HostAsync(string provider)
    {
        var host = _hosts.GetOrAdd(provider, p => new Lazy<WebHost>(() => WebHost.Create(p))).Value;
        await _loaded.GetOrAdd(provider, _ => new Lazy<Task>(async () =>
        {
            var loaded = await host.AsSystemAsync(s => s.GetRequiredService<LoadDemo>().RunAsync());
            Assert.True(loaded.IsSuccess, string.Join("\n", loaded.Problems));
        })).Value;
        return host;
    }

    /// <summary>A host of its own for a test that changes the data: a copy of the shared SQLite database, or on PostgreSQL a fresh demo.</summary>
    public async Task<WebHost> OwnAsync(string provider)
    {
        if (provider == "sqlite")
            return (await HostAsync(provider)).Copy();
        var host = WebHost.Create(provider);
        var loaded = await host.AsSystemAsync(s => s.GetRequiredService<LoadDemo>().RunAsync());
        Assert.True(loaded.IsSuccess, string.Join("\n", loaded.Problems));
        return host;
    }

    /// <summary>A browser signed in through the login form as a demo user.</summary>
    public async Task<HttpClient> SignInAsync(string provider, string email)
    {
        var browser = (await HostAsync(provider)).Browser();
        await Pages.LoginThroughFormAsync(browser, email, LoadDemo.Password);
        return browser;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts.Values.Where(h => h.IsValueCreated))
            await host.Value.DisposeAsync();
    }
}

/// <summary>
/// The results page and the scorecard page, server-rendered for a signed-in browser, over the demo's industrial 2026-10 (InReview;
/// zhang_wei holds E1's inputs: 100.77, grade A, monthly_bonus 20,760.38; li_ming manages him, managers_see_pay is off).
/// </summary>
public sealed partial class ResultsPagesTests(DemoHosts hosts) : IClassFixture<DemoHosts>
{
    // the language of a page comes from ?lang= (zh-CN, the default, without it): a switch would be remembered for the user, whom other tests share
    private Task<HttpClient> SignInAsync(string provider, string name) => hosts.SignInAsync(provider, $"{name}@industrial.demo");

    // what R2's Authorizer answers for a scorecard the user may not see, as everywhere
    private const string NotFoundZh = "zhang_wei: 查看绩效卡（总分、等级、指标、计算过程）“zhang_wei”（2026-10）：不存在，或您无权查看";
    private const string NotFoundEn = "not found, or not visible to you";

    /// <summary>The results table's rows: person → the text of each cell.</summary>
    private static Dictionary<string, string[]> Rows(string html) => Row().Matches(html).ToDictionary(
        m => m.Groups["person"].Value,
        m => Cell().Matches(m.Groups["cells"].Value).Select(c => WebUtility.HtmlDecode(Tag().Replace(c.Groups["text"].Value, "")).Trim()).ToArray());

    private static string Section(string html, string id) => Regex.Match(html, $"""id="{id}".*?</(table|pre)>""", RegexOptions.Singleline).Value;

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Scorecard_ReviewPanel_FormOnlyWhereAppAllowsAdjusting(string provider)
    {
        // InReview: his manager and an admin get the form; in a Locked month the manager sees the (empty) list, no form
        var manager = await SignInAsync(provider, "li_ming");
        var review = await Pages.OkAsync(manager, "/periods/2026-10/people/zhang_wei");
        Assert.Contains("id=\"adjust-form\"", review, StringComparison.Ordinal);
        Assert.Contains("审核调整", review, StringComparison.Ordinal);
        var locked = await Pages.OkAsync(manager, "/periods/2026-09/people/zhang_wei");
        Assert.DoesNotContain("id=\"adjust-form\"", locked, StringComparison.Ordinal);
        Assert.Contains("id=\"no-adjustments\"", locked, StringComparison.Ordinal);

        var admin = await SignInAsync(provider, "director");
        Assert.Contains("id=\"adjust-form\"", await Pages.OkAsync(admin, "/periods/2026-10/people/zhang_wei?lang=en"), StringComparison.Ordinal);

        // li_ming's own scorecard: never adjusted by himself (R2), whatever he may see
        var own = await Pages.OkAsync(manager, "/periods/2026-10/people/li_ming");
        Assert.DoesNotContain("id=\"adjust-form\"", own, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Results_Admin_ListsZhangWeiWithTotalGradeAndPay(string provider)
    {
        var browser = await SignInAsync(provider, "hr");

        var html = await Pages.OkAsync(browser, "/periods/2026-10/results");

        var rows = Rows(html);
        // rank, person, name, team, total, grade, pay
        var zhang = rows["zhang_wei"];
        Assert.Equal(["zhang_wei", "张伟", "100.77", "A", "20,760.38 CNY"], zhang[1..3].Concat(zhang[4..]));
        Assert.Contains("<th class=\"num\">薪酬</th>", html, StringComparison.Ordinal);
        Assert.Equal(10, rows.Count);
        Assert.Equal(rows.Keys.Order(StringComparer.Ordinal), rows.Keys);
        Assert.Contains("href=\"/periods/2026-10/people/zhang_wei\"", html, StringComparison.Ordinal);
        // the grade counts of the chart are those of the rows
        var counts = Regex.Matches(Section(html, "grades"), """data-grade="(?<g>[^"]+)"><td>[^<]*</td><td class="num">(?<n>\d+)</td>""")
            .ToDictionary(m => m.Groups["g"].Value, m => int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new Dictionary<string, int> { ["S"] = 0, ["A"] = 10, ["B"] = 0, ["C"] = 0, ["D"] = 0 }, counts);
        // rank by total, highest first: yang_fan 109.02 is first, zhang_wei's 100.77 is ninth of ten
        Assert.Equal(("1", "9"), (rows["yang_fan"][0], zhang[0]));
        Assert.Contains("mud-chart", html, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Results_Manager_ListsTheReportsWithoutPay(string provider)
    {
        var browser = await SignInAsync(provider, "li_ming");

        var html = await Pages.OkAsync(browser, "/periods/2026-10/results");

        var rows = Rows(html);
        Assert.Equal(["zhang_wei", "张伟", "100.77", "A"], rows["zhang_wei"][1..3].Concat(rows["zhang_wei"][4..]));
        Assert.DoesNotContain("huang_lei", rows.Keys);
        Assert.All(rows.Values, r => Assert.Equal(6, r.Length));
        Assert.DoesNotContain("薪酬", html, StringComparison.Ordinal);
        Assert.DoesNotContain("20,760.38", html, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Results_Filters_TeamAndGradeReduceTheRowsAndTheCounts(string provider)
    {
        var browser = await SignInAsync(provider, "hr");

        // every PM of the demo's 2026-10 is graded A: a filter on another grade leaves nobody
        var a = Rows(await Pages.OkAsync(browser, "/periods/2026-10/results?grade=A"));
        var s = await Pages.OkAsync(browser, "/periods/2026-10/results?grade=S");
        var mesHtml = await Pages.OkAsync(browser, "/periods/2026-10/results?team=mes");
        var mesA = Rows(await Pages.OkAsync(browser, "/periods/2026-10/results?team=mes&grade=A"));

        var mes = Rows(mesHtml);
        Assert.Equal(10, a.Count);
        Assert.Empty(Rows(s));
        Assert.Contains("没有您可查看的结果", s, StringComparison.Ordinal);
        Assert.Equal(["chen_jing", "liu_yang", "yang_fan", "zhang_wei", "zhao_min"], mes.Keys);
        Assert.Equal(mes.Keys, mesA.Keys);
        Assert.Contains("<tr data-grade=\"A\"><td>A</td><td class=\"num\">5</td></tr>", mesHtml, StringComparison.Ordinal);
        // the rank is the place among everyone the user may see, whatever the filter
        Assert.Equal(["7", "4", "1", "9", "2"], mes.Values.Select(r => r[0]));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Results_AfterCursor_StartsAfterThePersonWithALinkToTheFirstPage(string provider)
    {
        var browser = await SignInAsync(provider, "hr");

        var all = Rows(await Pages.OkAsync(browser, "/periods/2026-10/results"));
        var html = await Pages.OkAsync(browser, "/periods/2026-10/results?after=li_ming");

        Assert.Equal(all.Keys.Where(p => string.CompareOrdinal(p, "li_ming") > 0), Rows(html).Keys);
        Assert.Contains("第一页", html, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Results_PmOfAnotherTeam_SeesNobodyWhileInReview(string provider)
    {
        var browser = await SignInAsync(provider, "huang_lei");

        var html = await Pages.OkAsync(browser, "/periods/2026-10/results?lang=en");
        var card = await Pages.OkAsync(browser, "/periods/2026-10/people/zhang_wei?lang=en");

        Assert.Empty(Rows(html));
        Assert.Contains("No results you may see", html, StringComparison.Ordinal);
        Assert.Contains(NotFoundEn, card, StringComparison.Ordinal);
        Assert.DoesNotContain("100.77", card, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Scorecard_SelfBeforePublished_NotFound(string provider)
    {
        var browser = await SignInAsync(provider, "zhang_wei");

        var html = await Pages.OkAsync(browser, "/periods/2026-10/people/zhang_wei");

        Assert.Contains(NotFoundZh, html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"trace\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("100.77", html, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Scorecard_Admin_TotalIndicatorsPayAndTraceInTheLanguage(string provider)
    {
        var browser = await SignInAsync(provider, "hr");
        var zh = await Pages.OkAsync(browser, "/periods/2026-10/people/zhang_wei");
        var en = await Pages.OkAsync(browser, "/periods/2026-10/people/zhang_wei?lang=en");

        Assert.Contains("<td id=\"total\">100.77</td>", zh, StringComparison.Ordinal);
        Assert.Contains("<td id=\"grade\">A</td>", zh, StringComparison.Ordinal);
        // weight, target, actual, score, points (E1: 0.55 of 0.60, s = 0.916667, 6.875 points shown truncated)
        Assert.Matches("""data-indicator="core_feature_usage"><td>core_feature_usage</td>\s*<td class="num">0.075</td>\s*<td class="num">0.6</td>\s*<td class="num">0.55</td>\s*<td class="num">0.916667</td>\s*<td class="num">6.87</td>""", zh);
        Assert.Matches("""<td>monthly_bonus</td>\s*<td class="num">20,760.38 CNY</td>""", zh);
        Assert.Contains("zhang_wei 的考核表", Section(zh, "trace"), StringComparison.Ordinal);
        Assert.Contains("Scorecard of zhang_wei", Section(en, "trace"), StringComparison.Ordinal);
        Assert.Contains("<th>Explanation</th>", en, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Scorecard_Manager_IndicatorsAndTraceWithoutPayLines(string provider)
    {
        var html = await Pages.OkAsync(await SignInAsync(provider, "li_ming"), "/periods/2026-10/people/zhang_wei");

        Assert.Contains("<td id=\"total\">100.77</td>", html, StringComparison.Ordinal);
        Assert.Contains("zhang_wei 的考核表", Section(html, "trace"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"payouts\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("20,760.38", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("""<tr data-person="(?<person>[^"]+)"[^>]*>(?<cells>.*?)</tr>""", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex("""<td[^>]*>(?<text>.*?)</td>""", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
