using Microsoft.EntityFrameworkCore;
using Yardstick.App.Calculation;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.Core.Incentives;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;
using Yardstick.Data;

namespace Yardstick.App.Tests;

/// <summary>
/// The ledger across periods: what other periods' current runs paid (milestones once ever, profit shares once a
/// year) and graded, never what this period's own earlier runs did.
/// </summary>
public sealed class LedgerTests : IDisposable
{
    private const string StartupActuals = "person,indicator,value\nzhao_lei,valid_feedback_count,56\nzhao_lei,demand_validation_rate,0.75\nzhao_lei,prototype_iterations,3\nzhao_lei,partner_frameworks,2\nzhao_lei,collaboration_rating,4.2\nzhao_lei,roadmap_completion,0.85\n";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Template(string id) => SchemeJson.Write(TemplateCatalog.Find(id).Value.Document);

    private static async Task<long> CalcAsync(TestDb t, string period)
    {
        await using var db = t.Open();
        var run = await new RunCalculation(db).RunAsync(period);
        Assert.True(run.IsSuccess, string.Join("\n", run.Problems));
        return run.Value.Run.Id;
    }

    /// <summary>The payout lines of the current run of <paramref name="period"/> of one kind, as (person, rule, fen).</summary>
    private static async Task<List<(string Person, string Rule, long Minor)>> LinesAsync(TestDb t, string period, string kind)
    {
        await using var db = t.Open();
        var lines = await (from l in db.PayoutLines
                           join r in db.Runs on l.RunId equals r.Id
                           join p in db.Periods on r.PeriodId equals p.Id
                           where r.IsCurrent && p.Label == period && l.Kind == kind
                           select new { l.Person, l.Rule, l.AmountMinor }).ToListAsync();
        return [.. lines.Select(l => (l.Person, l.Rule, l.AmountMinor)).OrderBy(l => l.Rule, StringComparer.Ordinal)];
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_MilestoneAcrossQuarters_PaidOnceAndKeptOnReRun(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using (var db = t.Open())
        {
            foreach (var q in new[] { "2026-Q1", "2026-Q2" })
                Assert.True((await new OpenPeriod(db).RunAsync(q, Template("crossborder-startup"))).IsSuccess);
            Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", "person,name,role,product\nzhao_lei,赵磊,pm,compliance_eu\n")), null)).IsSuccess);
            foreach (var q in new[] { "2026-Q1", "2026-Q2" })
                Assert.True((await new ImportActuals(db).RunAsync(Input.File(_files.Write("a.csv", StartupActuals)), q)).IsSuccess);
            db.MilestoneEvents.Add(new MilestoneEventRow { ProductId = "compliance_eu", Event = "demand_validated", Date = new DateOnly(2026, 2, 10) });
            await db.SaveChangesAsync();
        }

        var paid = ("zhao_lei", "validation_subsidy", 5_000_000L);
        await CalcAsync(t, "2026-Q1");
        Assert.Equal([paid], await LinesAsync(t, "2026-Q1", "milestone"));

        // the period's own payment is not "already paid": a re-run shows it again, and it stays paid once
        await CalcAsync(t, "2026-Q1");
        Assert.Equal([paid], await LinesAsync(t, "2026-Q1", "milestone"));

        // Q2: the event is dated in Q1, and Q1 paid it
        var q2 = await CalcAsync(t, "2026-Q2");
        Assert.Empty(await LinesAsync(t, "2026-Q2", "milestone"));

        // re-running Q1 after Q2 (whose ledger holds Q1's payment) neither loses nor doubles it
        await CalcAsync(t, "2026-Q1");
        Assert.Equal([paid], await LinesAsync(t, "2026-Q1", "milestone"));
        await CalcAsync(t, "2026-Q2");
        Assert.Empty(await LinesAsync(t, "2026-Q2", "milestone"));

        // Q2's ledger: Q1's milestone and Q1's grade before Q2's
        await using var check = t.Open();
        var ledger = Ledger.Parse(await check.Runs.Where(r => r.Id == q2).Select(r => r.LedgerJson).SingleAsync(), "ledger").Value;
        Assert.Equal([new MilestonePayment("validation_subsidy", "compliance_eu", "demand_validated", "2026-Q1", 50000m)], ledger.Milestones);
        Assert.Equal(["2026-Q1", "2026-Q2"], ledger.GradesOf("zhao_lei").Select(g => g.Period));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_ProfitShareAcrossYears_EachYearPaysItsOwnOnce(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using (var db = t.Open())
        {
            Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", "person,name,role,product\nzhang_wei,张伟,pm,mes_platform\n")), null)).IsSuccess);
            foreach (var (year, revenue) in new[] { ("2025", "1500000"), ("2026", "1800000") })
            {
                Assert.True((await new OpenPeriod(db).RunAsync(year, Template("industrial-value"))).IsSuccess);
                var measures = $"person,indicator,value\nproduct:mes_platform,launch_year,2024\nproduct:mes_platform,revenue,{revenue}\nproduct:mes_platform,revenue_baseline,1000000\nproduct:mes_platform,profit_share_rate,0.06\nzhang_wei,csat,4.5\n";
                var imported = await new ImportActuals(db).RunAsync(Input.File(_files.Write("m.csv", measures)), year);
                Assert.True(imported.IsSuccess, string.Join("\n", imported.Problems));
            }
        }

        // 2025: 0.06 × (1,500,000 − 1,000,000) = 30,000.00; 2026: 0.06 × (1,800,000 − 1,000,000) = 48,000.00
        await CalcAsync(t, "2025");
        Assert.Equal([("zhang_wei", "project_dividend", 3_000_000L)], await LinesAsync(t, "2025", "profit_share"));
        await CalcAsync(t, "2026");
        Assert.Equal([("zhang_wei", "project_dividend", 4_800_000L)], await LinesAsync(t, "2026", "profit_share"));

        // recalculating 2025 after 2026 (whose ledger records 2025's payment) pays 2025 once, in its current run
        await CalcAsync(t, "2025");
        Assert.Equal([("zhang_wei", "project_dividend", 3_000_000L)], await LinesAsync(t, "2025", "profit_share"));
        await CalcAsync(t, "2026");
        Assert.Equal([("zhang_wei", "project_dividend", 4_800_000L)], await LinesAsync(t, "2026", "profit_share"));
        await using var check = t.Open();
        Assert.Equal(2, await check.Runs.CountAsync(r => r.IsCurrent));
        Assert.Equal(7_800_000L, await (from l in check.PayoutLines join r in check.Runs on l.RunId equals r.Id where r.IsCurrent && l.Kind == "profit_share" select l.AmountMinor).SumAsync());
    }
}
