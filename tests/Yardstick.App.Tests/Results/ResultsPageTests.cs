using Yardstick.App.Access;
using Yardstick.App.Tests.Access;
using Yardstick.App.Calculation;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.App.Results;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;

namespace Yardstick.App.Tests.Results;

/// <summary>
/// The results page's rank and grade counts: zhang_wei and li_na hold E1's inputs (100.77, A), wang_fang the same with csat 3.0
/// instead of 4.5; zhang_wei and li_na are in team t1, wang_fang in t2, all three report to li_ming.
/// </summary>
public sealed class ResultsPageTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private async Task<TestDb> ThreeAsync(string provider)
    {
        var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        Assert.True((await new OpenPeriod(db).RunAsync("2026-10", SchemeJson.Write(TemplateCatalog.Find("industrial-value").Value.Document))).IsSuccess);
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv",
            "person,name,manager,role,team\nli_ming,李明,,manager,\nzhang_wei,张伟,li_ming,pm,t1\nli_na,李娜,li_ming,pm,t1\nwang_fang,王芳,li_ming,pm,t2\n")), null)).IsSuccess);
        Assert.True((await new ImportSalaries(db).RunAsync(Input.File(_files.Write("s.csv",
            "person,base_salary,effective_from\nzhang_wei,30000,2026-01-01\nli_na,30000,2026-01-01\nwang_fang,30000,2026-01-01\n")), null)).IsSuccess);
        var e1 = ResultsAccessTests.E1;
        var actuals = e1 + e1.Replace("zhang_wei", "li_na", StringComparison.Ordinal)
            + e1.Replace("zhang_wei", "wang_fang", StringComparison.Ordinal).Replace("wang_fang,csat,4.5", "wang_fang,csat,3.0", StringComparison.Ordinal);
        Assert.True((await new ImportActuals(db).RunAsync(Input.File(_files.Write("a.csv", "person,indicator,value\n" + actuals)), "2026-10")).IsSuccess);
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
        return t;
    }

    private static ResultsPage Page(Data.YardstickDb db, CurrentUser? user = null) => new(db, new GetResults(db, user), user);

    private static string Counts(ResultsPageView v) => string.Join(" ", v.Grades.Select(g => $"{g.Grade}:{g.Count}"));

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_Admin_RanksByTotalWithTiesAndCountsEveryBand(string provider)
    {
        await using var t = await ThreeAsync(provider);
        await using var db = t.Open();

        var page = (await Page(db).RunAsync("2026-10")).Value;

        Assert.Equal(["li_na", "wang_fang", "zhang_wei"], page.Rows.Select(r => r.Person));
        Assert.Equal([1, 3, 1], page.Rows.Select(r => r.Rank));
        var zhang = page.Rows[2];
        Assert.Equal((100.77m, "A", 20760.38m, "CNY"), (TraceFormat.TruncateScore(zhang.Total), zhang.Grade, zhang.Pay, zhang.Currency));
        Assert.True(page.Rows[1].Total < zhang.Total);
        Assert.Equal("S:0 A:2 B:1 C:0 D:0", Counts(page));
        Assert.Equal(["t1", "t2"], page.Teams);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_Filters_CountsFollowTheTeamNotTheGradeRanksFollowNeither(string provider)
    {
        await using var t = await ThreeAsync(provider);
        await using var db = t.Open();

        var t2 = (await Page(db).RunAsync("2026-10", team: "t2")).Value;
        var a = (await Page(db).RunAsync("2026-10", grade: "A")).Value;
        var t1A = (await Page(db).RunAsync("2026-10", limit: 1, team: "t1", grade: "A")).Value;

        Assert.Equal(("wang_fang", 3), (Assert.Single(t2.Rows).Person, t2.Rows[0].Rank));
        Assert.Equal("S:0 A:0 B:1 C:0 D:0", Counts(t2));
        Assert.Equal(["li_na", "zhang_wei"], a.Rows.Select(r => r.Person));
        Assert.Equal("S:0 A:2 B:1 C:0 D:0", Counts(a));
        Assert.Equal(("li_na", "li_na"), (Assert.Single(t1A.Rows).Person, t1A.Next));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_Manager_RowsWithoutPay_ScorecardWithTraceInTheLanguage(string provider)
    {
        await using var t = await ThreeAsync(provider);
        await using var db = t.Open();
        var manager = new CurrentUser(1, "default", "li_ming", null, null, "li_ming", new HashSet<Role>(), false);

        var page = (await Page(db, manager).RunAsync("2026-10")).Value;
        var zh = (await Page(db, manager).ScorecardAsync("2026-10", "zhang_wei", Language.ZhCN)).Value;
        var en = (await Page(db, manager).ScorecardAsync("2026-10", "zhang_wei", Language.En)).Value;

        Assert.Equal(3, page.Rows.Count);
        Assert.All(page.Rows, r => Assert.Null(r.Pay));
        Assert.False(zh.ContainsKey("payouts"));
        Assert.StartsWith("zhang_wei 的考核表，方案 industrial-value", (string?)zh["trace"], StringComparison.Ordinal);
        Assert.StartsWith("Scorecard of zhang_wei, scheme industrial-value", (string?)en["trace"], StringComparison.Ordinal);
        Assert.Contains("100.77", (string?)en["trace"], StringComparison.Ordinal);
    }
}
