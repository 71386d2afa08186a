using Microsoft.EntityFrameworkCore;
using Yardstick.App.Calculation;
using Yardstick.App.Database;
using Yardstick.App.Files;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.App.Results;
using Yardstick.App.Waivers;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;
using Yardstick.Data;

namespace Yardstick.App.Tests;

/// <summary>
/// Stale runs, the freeze from Approved on (review.md R6), one nomination per (period, rule, person), the salary's currency
/// and concurrent commands (a calculation that ends after the period moved, two calculations or imports at once).
/// </summary>
public sealed class StaleRunTests : IDisposable
{
    private const string Employees = "person,name,manager,team\nzhang_wei,张伟,,mes\n";
    private const string E1Actuals = "person,indicator,value\nzhang_wei,renewal_rate,0.88\nzhang_wei,csat,4.5\nzhang_wei,issue_closure_rate,0.93\nzhang_wei,revenue_yoy_growth,0.25\nzhang_wei,new_industry_cases,2\nzhang_wei,defect_rate,0.008\nzhang_wei,core_feature_usage,0.55\nzhang_wei,rd_utilization,0.80\nzhang_wei,sales_support_rating,4.2\nzhang_wei,roadmap_completion,0.70\nzhang_wei,innovation_reserve,3.5\n";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Template(string id) => SchemeJson.Write(TemplateCatalog.Find(id).Value.Document);

    private InputFile File(string name, string content) => Input.File(_files.Write(name, content));

    /// <summary>Period 2026-10 on industrial-value with E1's inputs: zhang_wei alone, base 30,000.00 CNY.</summary>
    private async Task SeedE1Async(TestDb t, string salary = "zhang_wei,30000.00,2026-01-01\n")
    {
        await using var db = t.Open();
        Assert.True((await new OpenPeriod(db).RunAsync("2026-10", Template("industrial-value"))).IsSuccess);
        Assert.True((await new ImportEmployees(db).RunAsync(File("e.csv", Employees), null)).IsSuccess);
        var header = salary.Count(c => c == ',') == 3 ? "person,base_salary,effective_from,currency\n" : "person,base_salary,effective_from\n";
        var salaries = await new ImportSalaries(db).RunAsync(File("s.csv", header + salary), null);
        Assert.True(salaries.IsSuccess, string.Join("\n", salaries.Problems));
        Assert.True((await new ImportActuals(db).RunAsync(File("a.csv", E1Actuals), "2026-10")).IsSuccess);
    }

    private static async Task<long> PayAsync(YardstickDb db) =>
        await db.PayoutLines.Where(l => db.Runs.Any(r => r.Id == l.RunId && r.IsCurrent)).SumAsync(l => l.AmountMinor);

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Review_AfterLowerActualsAndAWaiver_RefusedNamingWhatChangedUntilCalcAgain(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        await using var db = t.Open();
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
        Assert.Equal(2076038L, await PayAsync(db));
        Assert.Null((await new GetResults(db).StaleAsync("2026-10")).Value);

        // lower actuals and a waiver after the run: the period stays Calculated, its run is stale
        Assert.True((await new ImportActuals(db).RunAsync(File("low.csv", E1Actuals.Replace("revenue_yoy_growth,0.25", "revenue_yoy_growth,0.05", StringComparison.Ordinal).Replace("renewal_rate,0.88", "renewal_rate,0.60", StringComparison.Ordinal)), "2026-10")).IsSuccess);
        Assert.True((await new WaiveIndicator(db).RunAsync("2026-10", "zhang_wei", "innovation_reserve", "no innovation budget this month")).IsSuccess);

        var stale = await new GetResults(db).StaleAsync("2026-10");
        Assert.Equal(("2026-10", 1), (stale.Value!.Period, stale.Value.Run));
        Assert.Equal(["actuals", "waivers"], stale.Value.Changed);
        var review = await new StartReview(db).RunAsync("2026-10");
        var problem = review.Problems.Single();
        Assert.Equal((ProblemKind.Conflict, "run.stale"), (problem.Kind, problem.Code));
        Assert.Equal("2026-10: cannot review: run 1 of 2026-10 is stale: actuals (request response rates and 360 ratings included), waivers changed since it was calculated; calculate again", problem.ToString());
        Assert.Equal("无法执行 review：2026-10 的第 1 次计算结果已过期：计算后 实际值（含需求响应率与 360 评价）、豁免 已更改；请重新计算", problem.Message.Zh);
        Assert.Equal(PeriodState.Calculated, (await t.Open().Periods.SingleAsync()).State);

        // calc makes it current again, and the locked pay is what the current inputs give
        var again = await new RunCalculation(db).RunAsync("2026-10");
        Assert.True(again.IsSuccess, string.Join("\n", again.Problems));
        Assert.Null((await new GetResults(db).StaleAsync("2026-10")).Value);
        Assert.True((await new StartReview(db).RunAsync("2026-10")).IsSuccess);
        var approved = await t.ApproveAsync("2026-10");
        Assert.True(approved.IsSuccess, string.Join("\n", approved.Problems));
        Assert.True((await new PublishPeriod(db).RunAsync("2026-10")).IsSuccess);
        Assert.True((await new LockPeriod(db).RunAsync("2026-10")).IsSuccess);
        var pay = await PayAsync(t.Open());
        Assert.Equal(1035870L, pay); // 10,358.70, not the 20,760.38 of the stale run
        Assert.Equal(again.Value.Run.Id, (await new GetResults(db).LinesAsync("2026-10")).Value.Run.Id);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Approve_SalaryChangedWhileInReview_RefusedAskingToReopenAndCalcAgain(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        await using var db = t.Open();
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
        Assert.True((await new StartReview(db).RunAsync("2026-10")).IsSuccess);
        Assert.True((await new ImportSalaries(db).RunAsync(File("s2.csv", "person,base_salary,effective_from\nzhang_wei,32000.00,2026-10-01\n"), null)).IsSuccess);

        var approve = await t.ApproveAsync("2026-10");

        Assert.Equal("2026-10: cannot approve: run 1 of 2026-10 is stale: people (who is evaluated, base salaries, names, teams and shares, products) changed since it was calculated; reopen the period and calculate again",
            approve.Problems.Single().ToString());
        Assert.Equal("run.stale.reopen", approve.Problems.Single().Code);
        // the refused move left the period as it was, in this context too
        Assert.Equal(PeriodState.InReview, (await db.Periods.SingleAsync()).State);
        Assert.True((await new ReopenPeriod(db).RunAsync("2026-10", "salary raised from October")).IsSuccess);
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
        Assert.True((await new StartReview(db).RunAsync("2026-10")).IsSuccess);
        Assert.True((await t.ApproveAsync("2026-10")).IsSuccess);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task OrgImports_ChangingWhatAnApprovedPeriodReads_RefusedNamingThePeriod(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        await using var db = t.Open();
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
        Assert.True((await new StartReview(db).RunAsync("2026-10")).IsSuccess);
        Assert.True((await t.ApproveAsync("2026-10")).IsSuccess);

        var salary = await new ImportSalaries(db).RunAsync(File("s2.csv", "person,base_salary,effective_from\nzhang_wei,32000.00,2026-10-15\n"), null);
        var renamed = await new ImportEmployees(db).RunAsync(File("e2.csv", "person,name,manager,team\nzhang_wei,张 伟,,mes\n"), null);
        var later = await new ImportSalaries(db).RunAsync(File("s3.csv", "person,base_salary,effective_from\nzhang_wei,32000.00,2026-11-01\n"), null);

        Assert.Equal("period: cannot import salaries: period 2026-10 is Approved and it would change the people (who is evaluated, base salaries, names, teams and shares, products) that its run 1 read; from Approved on, what a period reads cannot change, so change only what it does not read (such as a salary effective after it ends)",
            salary.Problems.Single().ToString());
        Assert.Equal(("period.frozen", "2026-10"), (salary.Problems.Single().Code, salary.Problems.Single().Arg));
        Assert.Equal("period.frozen", renamed.Problems.Single().Code);
        Assert.True(later.IsSuccess, string.Join("\n", later.Problems));
        await using var check = t.Open();
        // nothing of the refused imports was written: the two salaries of the seed and the later one, the old name, two employee imports
        Assert.Equal([("2026-01-01", 3000000L), ("2026-11-01", 3200000L)],
            (await check.Salaries.ToListAsync()).OrderBy(s => s.EffectiveFrom).Select(s => (Dates.Format(s.EffectiveFrom), s.AmountMinor)));
        Assert.Equal("张伟", (await check.Employees.SingleAsync()).Name);
        Assert.Equal(2, await check.Imports.CountAsync(i => i.Kind == ImportKinds.Salaries));
        Assert.True((await new PublishPeriod(check).RunAsync("2026-10")).IsSuccess);
        Assert.True((await new LockPeriod(check).RunAsync("2026-10")).IsSuccess);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_SalaryInAnotherCurrencyThanThePlan_RefusedNamingThePerson(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t, "zhang_wei,30000.00,2026-01-01,USD\n");
        await using var db = t.Open();

        var run = await new RunCalculation(db).RunAsync("2026-10");

        var problem = run.Problems.Single();
        Assert.Equal("zhang_wei: the base salary of 'zhang_wei' from 2026-01-01 (30,000.00) is in USD, but the plan of 2026-10 pays in CNY; amounts in different currencies are never mixed, so import the salary in CNY", problem.ToString());
        Assert.Equal((ProblemKind.Invalid, "salary.currency"), (problem.Kind, problem.Code));
        Assert.Equal(0, await db.Runs.CountAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportAwards_SameNominationUnderTwoScopes_SecondRefusedAtItsLineAndPaidOnce(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        Assert.True((await new OpenPeriod(db).RunAsync("2026", Template("industrial-value"))).IsSuccess);
        Assert.True((await new ImportEmployees(db).RunAsync(File("e.csv", "person,name,manager,team\nzhang_wei,张伟,,mes\nli_na,李娜,zhang_wei,mes\nwang_fang,王芳,zhang_wei,mes\n"), null)).IsSuccess);
        const string Nomination = "rule,person,amount,equity_units,nominated_by,approved_by\ninnovation_award,li_na,150000,,zhang_wei,wang_fang\n";
        var hr = _files.Write("hr.csv", Nomination);
        var finance = _files.Write("finance.csv", "rule,person,amount,equity_units,nominated_by,approved_by\ninnovation_award,zhang_wei,120000,,wang_fang,li_na\ninnovation_award,li_na,150000,,zhang_wei,wang_fang\n");
        Assert.True((await new ImportAwards(db).RunAsync(Input.File(hr), "2026", scope: "hr")).IsSuccess);

        var second = await new ImportAwards(db).RunAsync(Input.File(finance), "2026", scope: "finance");

        Assert.Equal($"{finance}:3:2: 'li_na' is already nominated for innovation_award in 2026 by the import of scope 'hr' (hr.csv:2); one nomination per period, rule and person, whatever the scope: change it in that scope",
            string.Join("\n", second.Problems.Select(p => p.ToString())));
        Assert.Equal(("award.nominated", "hr"), (second.Problems[0].Code, second.Problems[0].Arg));
        // the same scope again replaces its own nomination
        Assert.True((await new ImportAwards(db).RunAsync(Input.File(hr), "2026", scope: "hr")).IsSuccess);
        var run = await new RunCalculation(db).RunAsync("2026");
        Assert.True(run.IsSuccess, string.Join("\n", run.Problems));
        Assert.Equal([("li_na", 15000000L)], (await db.PayoutLines.Where(l => l.RunId == run.Value.Run.Id && l.Rule == "innovation_award").ToListAsync()).Select(l => (l.Person, l.AmountMinor)));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Awards_TwoRowsOfOneNomination_RefusedByTheUniqueKeyAsAConflict(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        Assert.True((await new OpenPeriod(db).RunAsync("2026", Template("industrial-value"))).IsSuccess);
        var period = await db.Periods.SingleAsync();
        AwardRow Row(string source) => new() { PeriodId = period.Id, Rule = "innovation_award", Person = "li_na", AmountMinor = 15000000, NominatedBy = "zhang_wei", Source = source };
        db.Awards.Add(Row("hr.csv:2"));
        await db.SaveChangesAsync();

        // what two imports writing the same nomination at the same moment (PostgreSQL) come down to
        await using var other = t.Open();
        other.Awards.Add(Row("finance.csv:2"));
        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => other.SaveChangesAsync());

        var problem = Concurrency.ToProblem(ex)!;
        Assert.Equal((ProblemKind.Conflict, "db.concurrent"), (problem.Kind, problem.Code));
        Assert.Equal("another command (an import or a calculation running at the same time) wrote the same record first, so nothing was saved; try again when it ends", problem.ToString());
        Assert.Equal(1, await t.Open().Awards.CountAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_PeriodReviewedApprovedPublishedAndLockedWhileItRuns_NotSavedAndLockedRunStays(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        await using var db = t.Open();
        var first = await new RunCalculation(db).RunAsync("2026-10");
        Assert.True(first.IsSuccess);

        // between the evaluation and its commit, another command moves the period through its states
        var moves = new List<Result<ReviewPeriod>>();
        var progress = new Inline(p =>
        {
            if (p.Stage != "evaluate" || p.Done == 0)
                return;
            Task.Run(async () =>
            {
                await using var other = t.Open("li_ming");
                moves.Add(await new StartReview(other).RunAsync("2026-10"));
                if (moves[^1].IsSuccess)
                {
                    moves.Add(await t.ApproveAsync("2026-10"));
                    moves.Add(await new PublishPeriod(other).RunAsync("2026-10"));
                    moves.Add(await new LockPeriod(other).RunAsync("2026-10"));
                }
            }).GetAwaiter().GetResult();
        });
        var second = await new RunCalculation(db).RunAsync("2026-10", progress);

        await using var check = t.Open();
        var runs = (await check.Runs.OrderBy(r => r.Number).ToListAsync()).Select(r => (r.Number, r.IsCurrent)).ToList();
        var periodAudit = await check.Audit.Where(a => a.Entity == nameof(ReviewPeriod)).OrderBy(a => a.Id).Select(a => a.After ?? "").ToListAsync();
        if (provider == "postgres")
        {
            // PostgreSQL: the moves are saved; the run's commit sees the period moved and writes nothing
            Assert.All(moves, m => Assert.True(m.IsSuccess, string.Join("\n", m.Problems)));
            Assert.Equal("period: the calculation of 2026-10 was not saved: the period moved to Locked while it ran, and no longer accepts a calculation", second.Problems.Single().ToString());
            Assert.Equal(("calc.moved", ProblemKind.Conflict), (second.Problems[0].Code, second.Problems[0].Kind));
            Assert.Equal(PeriodState.Locked, (await check.Periods.SingleAsync()).State);
            Assert.Equal([(1, true)], runs);
            Assert.Contains("Locked", periodAudit[^1], StringComparison.Ordinal);
            Assert.Equal(1, periodAudit.Count(a => a.Contains("\"Calculated\"", StringComparison.Ordinal)));
        }
        else
        {
            // SQLite has one writer: the calculation holds it, so the move is refused as busy and the run is saved
            Assert.Equal("the database is busy with another change (a calculation or an import); try again when it ends", moves.Single().Problems.Single().ToString());
            Assert.True(second.IsSuccess, string.Join("\n", second.Problems));
            Assert.Equal(PeriodState.Calculated, (await check.Periods.SingleAsync()).State);
            Assert.Equal([(1, false), (2, true)], runs);
        }
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportActuals_PeriodMovedToReviewAfterItsCheckBeforeItsCommit_RefusedAndNothingWritten(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        await using (var calc = t.Open())
            Assert.True((await new RunCalculation(calc).RunAsync("2026-10")).IsSuccess);
        await using var db = t.Open();

        // the import has found the period Calculated; before it writes, another command moves the period to review
        Result<ReviewPeriod>? review = null;
        var progress = new Inline(p =>
        {
            if (p.Stage == "check" && review is null)
                review = Task.Run(async () =>
                {
                    await using var other = t.Open();
                    return await new StartReview(other).RunAsync("2026-10");
                }).GetAwaiter().GetResult();
        });
        var import = await new ImportActuals(db).RunAsync(File("low.csv", "person,indicator,value\nzhang_wei,csat,3.0\n"), "2026-10", progress: progress);

        Assert.True(review!.IsSuccess, string.Join("\n", review.Problems));
        var problem = import.Problems.Single();
        Assert.Equal((ProblemKind.Conflict, "period.closed.reopenable"), (problem.Kind, problem.Code));
        Assert.StartsWith("2026-10: cannot import actuals: the period is InReview; data can change only while Draft, Collecting or Calculated", problem.ToString(), StringComparison.Ordinal);
        await using var check = t.Open();
        Assert.Equal(4.5m, (await check.Actuals.SingleAsync(a => a.Indicator == "csat")).Value);
        Assert.Equal(1, await check.Imports.CountAsync(i => i.Kind == ImportKinds.Actuals));
        Assert.Null((await new GetResults(check).StaleAsync("2026-10")).Value);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_ActualsImportedWhileItRuns_NotSavedAndTheImportStands(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        await using var db = t.Open();

        // between the calculation's reading of the inputs and its commit, another command imports lower actuals
        Result<ImportSummary>? import = null;
        var progress = new Inline(p =>
        {
            if (p.Stage == "evaluate" && p.Done > 0 && import is null)
                import = Task.Run(async () =>
                {
                    await using var other = t.Open();
                    return await new ImportActuals(other).RunAsync(File("low.csv", "person,indicator,value\nzhang_wei,csat,3.0\n"), "2026-10");
                }).GetAwaiter().GetResult();
        });
        var calc = await new RunCalculation(db).RunAsync("2026-10", progress);

        await using var check = t.Open();
        if (provider == "sqlite")
        {
            // SQLite has one writer: the calculation holds it, so the import is refused as busy and the run is saved
            Assert.Equal("the database is busy with another change (a calculation or an import); try again when it ends", import!.Problems.Single().ToString());
            Assert.True(calc.IsSuccess, string.Join("\n", calc.Problems));
            Assert.Equal(4.5m, (await check.Actuals.SingleAsync(a => a.Indicator == "csat")).Value);
            return;
        }

        Assert.True(import!.IsSuccess, string.Join("\n", import.Problems));
        Assert.Equal("period: the calculation of 2026-10 was not saved: another calculation, move of the period or import of its data was saved while it ran; calculate again", calc.Problems.Single().ToString());
        Assert.Equal(0, await check.Runs.CountAsync());
        Assert.Equal(3.0m, (await check.Actuals.SingleAsync(a => a.Indicator == "csat")).Value);
        // the same context calculates again (its tracked period took the new version), and reviews
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
        var review = await new StartReview(db).RunAsync("2026-10");
        Assert.True(review.IsSuccess, string.Join("\n", review.Problems));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportThenMove_OneContext_TheMoveIsNotRefusedAsConcurrent(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        await using var db = t.Open();
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
        Assert.True((await new WaiveIndicator(db).RunAsync("2026-10", "zhang_wei", "innovation_reserve", "no innovation budget this month")).IsSuccess);
        Assert.True((await new ImportActuals(db).RunAsync(File("a2.csv", "person,indicator,value\nzhang_wei,csat,4.6\n"), "2026-10")).IsSuccess);
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);

        var review = await new StartReview(db).RunAsync("2026-10");

        Assert.True(review.IsSuccess, string.Join("\n", review.Problems));
        Assert.Equal(PeriodState.InReview, (await t.Open().Periods.SingleAsync()).State);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_TwoAtOnce_SecondRefusedAtOnce(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        await using var db = t.Open();
        Result<RunSummary>? inner = null;
        var progress = new Inline(p =>
        {
            if (p.Stage == "evaluate" && p.Done > 0 && inner is null)
                inner = Task.Run(async () =>
                {
                    await using var other = t.Open();
                    return await new RunCalculation(other).RunAsync("2026-10");
                }).GetAwaiter().GetResult();
        });

        var outer = await new RunCalculation(db).RunAsync("2026-10", progress);

        Assert.True(outer.IsSuccess, string.Join("\n", outer.Problems));
        var problem = inner!.Problems.Single();
        Assert.Equal(ProblemKind.Conflict, problem.Kind);
        Assert.Equal(provider == "postgres"
            ? "period: another calculation of 2026-10 is running; try again when it ends"
            : "the database is busy with another change (a calculation or an import); try again when it ends", problem.ToString());
        Assert.Equal([(1, true)], (await t.Open().Runs.ToListAsync()).Select(r => (r.Number, r.IsCurrent)));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportActuals_WhileAnImportOfTheSameScopeWrites_RefusedAtOnceAndNothingWritten(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        await using var db = t.Open();
        var period = await db.Periods.SingleAsync();
        var running = Problem.Conflict("period", "正在进行", "running");

        // the first import is inside its transaction (what ImportCommon.TransactAsync holds while it writes)
        await using var holder = t.Open();
        await using (await Concurrency.BeginAsync(holder, $"import/{period.Id}/{ImportKinds.Actuals}/all", running, default))
        {
            var second = await new ImportActuals(db).RunAsync(File("a2.csv", "person,indicator,value\nzhang_wei,csat,4.9\n"), "2026-10");

            Assert.Equal(provider == "postgres"
                ? "period: another import of actuals (scope 'all') is running; try again when it ends"
                : "the database is busy with another change (a calculation or an import); try again when it ends", second.Problems.Single().ToString());
            Assert.Equal(ProblemKind.Conflict, second.Problems.Single().Kind);
        }

        await using var check = t.Open();
        Assert.Equal(4.5m, (await check.Actuals.SingleAsync(a => a.Indicator == "csat")).Value);
        Assert.Equal(1, await check.Imports.CountAsync(i => i.Kind == ImportKinds.Actuals));
        // once the first has ended, the same import goes through
        Assert.True((await new ImportActuals(check).RunAsync(File("a3.csv", "person,indicator,value\nzhang_wei,csat,4.9\n"), "2026-10")).IsSuccess);
    }

    private sealed class Inline(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
