using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Calculation;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.App.Results;
using Yardstick.App.Waivers;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;
using Yardstick.Data;

namespace Yardstick.App.Tests;

/// <summary>Every use case against a real SQLite file and a real PostgreSQL server.</summary>
public sealed class UseCaseTests : IDisposable
{
    private const string Employees = "person,name,manager,team\nzhang_wei,张伟,,mes\nli_na,李娜,zhang_wei,mes\n";
    private const string E1Actuals = "person,indicator,value\nzhang_wei,renewal_rate,0.88\nzhang_wei,csat,4.5\nzhang_wei,issue_closure_rate,0.93\nzhang_wei,revenue_yoy_growth,0.25\nzhang_wei,new_industry_cases,2\nzhang_wei,defect_rate,0.008\nzhang_wei,core_feature_usage,0.55\nzhang_wei,rd_utilization,0.80\nzhang_wei,sales_support_rating,4.2\nzhang_wei,roadmap_completion,0.70\nzhang_wei,innovation_reserve,3.5\n";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Template(string id) => SchemeJson.Write(TemplateCatalog.Find(id).Value.Document);

    /// <summary>Period 2026-10 on industrial-value, employees, zhang_wei's salary and E1's actuals.</summary>
    private async Task SeedE1Async(TestDb t)
    {
        await using var db = t.Open();
        Assert.True((await new OpenPeriod(db).RunAsync("2026-10", Template("industrial-value"))).IsSuccess);
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", Employees)), "2026-10")).IsSuccess);
        Assert.True((await new ImportSalaries(db).RunAsync(Input.File(_files.Write("s.csv", "person,base_salary,effective_from\nzhang_wei,28000.50,2026-01-01\nzhang_wei,30000,2026-10-01\nzhang_wei,99999,2026-11-01\n")), "2026-10")).IsSuccess);
        var imported = await new ImportActuals(db).RunAsync(Input.File(_files.Write("a.csv", E1Actuals)), "2026-10");
        Assert.True(imported.IsSuccess, string.Join("\n", imported.Problems));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportActuals_BadRows_EveryProblemWithRowAndColumnAndNothingWritten(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        var bad = _files.Write("bad.csv", "person,indicator,value\nzhang_wei,csat,abc\nnobody,csat,4\nzhang_wei,foo,1\nzhang_wei,csat,4.1\nli_na,csat,5.5\nli_na,new_industry_cases,2.5\n");

        await using var db = t.Open();
        var result = await new ImportActuals(db).RunAsync(Input.File(bad), "2026-10");

        Assert.Equal(
        [
            $"{bad}:2:3: 'abc' is not a number; expected a decimal with '.' such as 4.5",
            $"{bad}:3:1: 'nobody' is not an employee; import employees first",
            $"{bad}:4:2: unknown indicator 'foo'; scheme industrial-value has: renewal_rate, csat, issue_closure_rate, revenue_yoy_growth, new_industry_cases, defect_rate, core_feature_usage, rd_utilization, sales_support_rating, roadmap_completion, innovation_reserve",
            $"{bad}:5:2: duplicate row for person 'zhang_wei' and indicator 'csat': lines 2 and 5; keep one",
            $"{bad}:6:3: 5.5 is outside the rating scale of 'csat'; expected 1–5",
            $"{bad}:7:3: 2.5 is not a whole number; 'new_industry_cases' is a count (0, 1, 2, …)",
        ], result.Problems.Select(p => p.ToString()));
        Assert.Equal(11, await db.Actuals.CountAsync());
        Assert.Equal(4.5m, (await db.Actuals.SingleAsync(a => a.ScopeId == "zhang_wei" && a.Indicator == "csat")).Value);
        Assert.Equal(1, await db.Imports.CountAsync(i => i.Kind == ImportKinds.Actuals));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportActuals_SameFileTwice_MergesAndRecordsHash(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);

        await using var db = t.Open("li_na");
        var again = await new ImportActuals(db).RunAsync(Input.File(_files.Write("a.csv", E1Actuals.Replace("csat,4.5", "csat,4.0", StringComparison.Ordinal))), "2026-10");

        Assert.True(again.IsSuccess);
        Assert.Equal(1, again.Value.Replaced);
        Assert.Equal((0, 1, 10), (again.Value.Merge!.Added, again.Value.Merge.Changed, again.Value.Merge.Unchanged));
        Assert.Equal(11, await db.Actuals.CountAsync());
        Assert.Equal(4.0m, (await db.Actuals.SingleAsync(a => a.Indicator == "csat")).Value);
        var imports = await db.Imports.Where(i => i.Kind == ImportKinds.Actuals).OrderBy(i => i.Id).ToListAsync();
        // the first import still holds the ten values the second left as they were
        Assert.Equal([true, true], imports.Select(i => i.IsCurrent));
        Assert.Equal(64, imports[1].FileHash.Length);
        Assert.NotEqual(imports[0].FileHash, imports[1].FileHash);
        Assert.Equal(("li_na", 11, "a.csv"), (imports[1].Author, imports[1].Rows, imports[1].FileName));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportEmployeesAndSalaries_Twice_NoDuplicatesAndExactMoney(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);

        await using var db = t.Open();
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", Employees.Replace("李娜", "李娜娜", StringComparison.Ordinal))), "2026-10")).IsSuccess);
        var salaries = await new ImportSalaries(db).RunAsync(Input.File(_files.Write("s.csv", "person,base_salary,effective_from\nzhang_wei,28000.51,2026-01-01\n")), "2026-10");

        Assert.Equal(1, salaries.Value.Replaced);
        Assert.Equal(2, await db.Employees.CountAsync());
        Assert.Equal("李娜娜", (await db.Employees.SingleAsync(e => e.Id == "li_na")).Name);
        Assert.Equal(3, await db.Salaries.CountAsync());
        Assert.Equal(2800051L, (await db.Salaries.SingleAsync(s => s.EffectiveFrom == new DateOnly(2026, 1, 1))).AmountMinor);
        Assert.Equal(2, await db.TeamMembers.CountAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportSalariesAndRequests_BadRows_Located(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        var salaries = _files.Write("bad-s.csv", "person,base_salary,effective_from\nzhang_wei,30000.555,2026-01-01\nghost,1000,2026/01/01\n");
        var requests = _files.Write("bad-r.csv", "id,person,created_at,first_response_at,solution_at\nR1,zhang_wei,2026-10-05 09:00,2026-10-05 08:00,\nR1,li_na,yesterday,,\n");

        await using var db = t.Open();
        var s = await new ImportSalaries(db).RunAsync(Input.File(salaries), null);
        var r = await new ImportRequests(db).RunAsync(Input.File(requests), "2026-10");

        Assert.Equal(
        [
            $"{salaries}:2:2: 30000.555 has more than two decimals; salaries are exact to the fen",
            $"{salaries}:3:1: 'ghost' is not an employee; import employees first",
            $"{salaries}:3:3: '2026/01/01' is not a date; expected YYYY-MM-DD, such as 2026-02-14",
        ], s.Problems.Select(p => p.ToString()));
        Assert.Equal(
        [
            $"{requests}:2:4: the first response (2026-10-05 08:00 +08:00) is before the request was created (2026-10-05 09:00 +08:00)",
            $"{requests}:3:1: duplicate request 'R1': lines 2 and 3; keep one",
            $"{requests}:3:3: 'yesterday' is not a time; expected YYYY-MM-DD HH:MM in the company time zone (Asia/Shanghai) or ISO 8601 with an offset",
        ], r.Problems.Select(p => p.ToString()));
        Assert.Equal(0, await db.Requests.CountAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_E1_StoresScorecardAndPayAndResultsJson(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);

        await using var db = t.Open();
        var run = await new RunCalculation(db).RunAsync("2026-10");
        var lines = await new GetResults(db).LinesAsync("2026-10");
        using var json = new MemoryStream();
        await new GetResults(db).WriteJsonAsync("2026-10", json);
        using var doc = JsonDocument.Parse(json.ToArray());

        Assert.True(run.IsSuccess, string.Join("\n", run.Problems));
        Assert.Equal((2, 1, 1), (run.Value.Scorecards, run.Value.PayoutLines, run.Value.Incomplete));
        var zhang = lines.Value.Lines.Single(l => l.Person == "zhang_wei");
        Assert.Equal(100.77188375350140056022408964m, zhang.Total);
        Assert.Equal(("A", 20760.38m, "CNY"), (zhang.Grade, zhang.Pay, zhang.Currency));
        Assert.Equal(2076038L, await db.PayoutLines.Select(l => l.AmountMinor).SingleAsync());
        var results = doc.RootElement.GetProperty("results");
        Assert.Equal(["li_na", "zhang_wei"], results.EnumerateArray().Select(r => r.GetProperty("person").GetString()));
        Assert.Equal(20760.38m, results[1].GetProperty("payouts")[0].GetProperty("amount").GetDecimal());
        Assert.Equal(72.275560224089635854341736694m, results[1].GetProperty("groups").GetProperty("core").GetProperty("points").GetDecimal());
        Assert.Equal(PeriodState.Calculated, (await db.Periods.SingleAsync()).State);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportEmployees_PmMovedToAnotherProduct_OldOwnershipEnds(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        Assert.True((await new OpenPeriod(db).RunAsync("2026-10", Template("industrial-value"))).IsSuccess);
        var first = "person,name,product\nzhang_wei,张伟,mes\nli_na,李娜,mes\n";
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e1.csv", first)), "2026-10")).IsSuccess);
        var moved = "person,name,product\nzhang_wei,张伟,scm\nli_na,李娜,\n";
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e2.csv", moved)), "2026-10")).IsSuccess);

        var owners = (await db.ProductOwners.AsNoTracking().ToListAsync()).Select(o => (o.ProductId, o.EmployeeId)).Order().ToList();
        Assert.Equal([("mes", "li_na"), ("scm", "zhang_wei")], owners);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task OpenPeriod_EditedSchemeAlreadyUsed_NewVersionAndTheOldPeriodKeepsItsOwn(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        await using var db = t.Open();
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);

        // HR raises nothing but one target, keeping "version": 1 in the file
        var edited = Template("industrial-value").Replace("\"target\": 0.85", "\"target\": 0.80", StringComparison.Ordinal);
        Assert.NotEqual(Template("industrial-value"), edited);
        var opened = await new OpenPeriod(db).RunAsync("2026-11", edited);
        Assert.True(opened.IsSuccess, string.Join("\n", opened.Problems));
        Assert.True((await new OpenPeriod(db).RunAsync("2026-12", edited)).IsSuccess);

        Assert.Equal([1, 2], await db.SchemeVersions.OrderBy(v => v.Version).Select(v => v.Version).ToListAsync());
        var october = (await PeriodScheme.LoadAsync(db, "2026-10", default)).Value;
        var november = (await PeriodScheme.LoadAsync(db, "2026-11", default)).Value;
        var december = (await PeriodScheme.LoadAsync(db, "2026-12", default)).Value;
        Assert.Equal((1, 0.85m), (october.Scheme.Scheme.Version, october.Scheme.Indicators.Single(i => i.Code == "renewal_rate").Target));
        Assert.Equal((2, 0.80m), (november.Scheme.Scheme.Version, november.Scheme.Indicators.Single(i => i.Code == "renewal_rate").Target));
        Assert.Equal(november.Version.Id, december.Version.Id);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_E4Requests_ResponseRateOneHalfAndQuietPersonWaived(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        Assert.True((await new OpenPeriod(db).RunAsync("2026-10", Template("saas-team-individual"))).IsSuccess);
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", Employees)), null)).IsSuccess);
        var requests = _files.Write("r.csv", """
            id,person,created_at,first_response_at,solution_at,from
            R1,li_na,2026-09-29 10:00,2026-09-29 15:00,2026-10-01 09:00,sales
            R2,li_na,2026-10-05 09:00,2026-10-06 10:00,2026-10-07 09:00,sales
            R3,li_na,2026-10-10 09:00,2026-10-10 11:00,2026-10-13 10:00,customer_success
            R4,li_na,2026-10-20 09:00,2026-10-20 09:30,,sales
            R5,li_na,2026-10-21 09:00,2026-10-21 10:00,2026-10-22 09:00,sales
            R6,li_na,2026-10-30 09:00,2026-10-30 10:00,2026-10-31 09:00,sales
            R7,li_na,2026-10-15T08:00:00+08:00,2026-10-16 08:00,2026-10-18 08:00,sales
            """.Replace("            ", "", StringComparison.Ordinal));
        Assert.True((await new ImportRequests(db).RunAsync(Input.File(requests), "2026-10")).IsSuccess);

        var run = await new RunCalculation(db).RunAsync("2026-10");

        Assert.True(run.IsSuccess, string.Join("\n", run.Problems));
        using var li = JsonDocument.Parse(await Stored.ResultAsync(db, "2026-10", "li_na"));
        using var zhang = JsonDocument.Parse(await Stored.ResultAsync(db, "2026-10", "zhang_wei"));
        var rate = li.RootElement.GetProperty("indicators").GetProperty("request_response_rate");
        Assert.Equal(0.5m, rate.GetProperty("actual").GetDecimal());
        Assert.False(rate.GetProperty("waived").GetBoolean());
        var quiet = zhang.RootElement.GetProperty("indicators").GetProperty("request_response_rate");
        Assert.True(quiet.GetProperty("waived").GetBoolean());
        Assert.Equal("no cross-department request had its deadline in 2026-10; the response rate is waived automatically", quiet.GetProperty("waiver_reason").GetString());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_ClosedRatingCampaign_GivesMeanOfGroupMeans(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        await using (var setup = t.Open())
        {
            var period = await setup.Periods.SingleAsync();
            var campaign = setup.RatingCampaigns.Add(new RatingCampaign { PeriodId = period.Id, Name = "oct-360", Indicator = "sales_support_rating", ClosedAt = t.Time.GetUtcNow() }).Entity;
            await setup.SaveChangesAsync();
            var answers = new (string Rater, string Group, decimal[] Scores)[] { ("s1", "sales", [5m, 4m]), ("s2", "sales", [3m, 3m]), ("c1", "customer_success", [1m, 1m]) };
            foreach (var (rater, group, scores) in answers)
            {
                var r = setup.RatingRaters.Add(new RatingRater { CampaignId = campaign.Id, Ratee = "zhang_wei", Rater = rater, RaterGroup = group }).Entity;
                await setup.SaveChangesAsync();
                for (var q = 0; q < scores.Length; q++)
                    setup.RatingResponses.Add(new RatingResponseRow { RaterId = r.Id, Question = q + 1, Score = scores[q] });
            }

            await setup.SaveChangesAsync();
        }

        await using var db = t.Open();
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);

        using var card = JsonDocument.Parse(await Stored.ResultAsync(db, "2026-10", "zhang_wei"));
        // sales: raters 4.5 and 3 → 3.75; customer_success is not a rater group of sales_support_rating; the imported 4.2 is replaced
        Assert.Equal(3.75m, card.RootElement.GetProperty("indicators").GetProperty("sales_support_rating").GetProperty("actual").GetDecimal());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_CancelledWhileWriting_PreviousRunStaysCurrent(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        await using var db = t.Open();
        var first = await new RunCalculation(db).RunAsync("2026-10");
        Assert.True(first.IsSuccess);

        using var cts = new CancellationTokenSource();
        var stages = new List<string>();
        var progress = new Inline(p =>
        {
            stages.Add(p.Stage);
            if (p.Stage == "write" && p.Done > 0)
                cts.Cancel(); // the scorecards are written, the payout lines and the switch of the current run are not
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new RunCalculation(db).RunAsync("2026-10", progress, cts.Token));

        await using var check = t.Open();
        var runs = await check.Runs.ToListAsync();
        Assert.Contains("write", stages);
        Assert.Equal([(1, true)], runs.Select(r => (r.Number, r.IsCurrent)));
        Assert.Equal(2, await check.Scorecards.CountAsync());
        Assert.Equal(first.Value.Run.Id, (await new GetResults(check).LinesAsync("2026-10")).Value.Run.Id);
        var second = await new RunCalculation(check).RunAsync("2026-10");
        Assert.Equal(first.Value.Run.ResultsHash, second.Value.Run.ResultsHash); // deterministic
        Assert.Equal(2, second.Value.Run.Number);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Period_IllegalMoves_RefusedNamingStateAndAllowedMoves(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        await using var db = t.Open();

        Assert.Equal("2026-10: cannot approve: the period is Collecting; allowed from Collecting: calc", (await new ApprovePeriod(db).RunAsync("2026-10")).Problems.Single().ToString());
        Assert.Equal("2026-10: cannot review: the period is Collecting; allowed from Collecting: calc", (await new StartReview(db).RunAsync("2026-10")).Problems.Single().ToString());
        Assert.Equal("2026-10: cannot open: the period is Collecting; allowed from Collecting: calc", (await new OpenPeriod(db).RunAsync("2026-10", null)).Problems.Single().ToString());
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
        Assert.Equal("reason: reopening needs a reason", (await new ReopenPeriod(db).RunAsync("2026-10", " ")).Problems.Single().ToString());
        Assert.True((await new StartReview(db).RunAsync("2026-10")).IsSuccess);
        Assert.Equal("2026-10: cannot calc: the period is InReview; allowed from InReview: approve, reopen", (await new RunCalculation(db).RunAsync("2026-10")).Problems.Single().ToString());
        var approve = await t.ApproveAsync("2026-10");
        Assert.StartsWith("2026-10: cannot approve: missing actuals that are not waived: li_na/renewal_rate, li_na/csat,", approve.Problems.Single().ToString(), StringComparison.Ordinal);
        Assert.Contains("(11 in all)", approve.Problems.Single().Message.En, StringComparison.Ordinal);
        Assert.StartsWith("2026-10: cannot waive: the period is InReview", (await new WaiveIndicator(db).RunAsync("2026-10", "li_na", "csat", "new hire")).Problems.Single().ToString(), StringComparison.Ordinal);

        Assert.True((await new ReopenPeriod(db).RunAsync("2026-10", "li_na joined late")).IsSuccess);
        Assert.True((await new ImportActuals(db).RunAsync(Input.File(_files.Write("li.csv", E1Actuals.Replace("zhang_wei", "li_na", StringComparison.Ordinal))), "2026-10", scope: "li")).IsSuccess);
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
        Assert.True((await new StartReview(db).RunAsync("2026-10")).IsSuccess);
        Assert.True((await t.ApproveAsync("2026-10")).IsSuccess);
        Assert.Equal("2026-10: cannot reopen: the period is Approved; allowed from Approved: publish", (await new ReopenPeriod(db).RunAsync("2026-10", "late change")).Problems.Single().ToString());
        Assert.True((await new PublishPeriod(db).RunAsync("2026-10")).IsSuccess);
        Assert.True((await new LockPeriod(db).RunAsync("2026-10")).IsSuccess);
        Assert.Equal("2026-10: cannot publish: the period is Locked, which is final: no move or change is possible", (await new PublishPeriod(db).RunAsync("2026-10")).Problems.Single().ToString());
        Assert.Equal(PeriodState.Locked, (await t.Open().Periods.SingleAsync()).State);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Waive_ThenApprove_AllowedAndWaiverInResults(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        await using var db = t.Open();
        Assert.True((await new ImportActuals(db).RunAsync(Input.File(_files.Write("li.csv", "person,indicator,value\n" + string.Join("", E1Actuals.Split('\n').Skip(2).Where(l => l.Length > 0).Select(l => l.Replace("zhang_wei", "li_na", StringComparison.Ordinal) + "\n")))), "2026-10", scope: "li")).IsSuccess);
        var bad = await new WaiveIndicator(db).RunAsync("2026-10", "li_na", "nope", "");
        Assert.Equal(["indicator", "reason"], bad.Problems.Select(p => p.Where.ToString()));

        Assert.True((await new WaiveIndicator(db).RunAsync("2026-10", "li_na", "renewal_rate", "joined on 2026-10-20")).IsSuccess);
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
        Assert.True((await new StartReview(db).RunAsync("2026-10")).IsSuccess);
        Assert.True((await t.ApproveAsync("2026-10")).IsSuccess);

        using var li = JsonDocument.Parse(await Stored.ResultAsync(db, "2026-10", "li_na"));
        Assert.Equal("joined on 2026-10-20", li.RootElement.GetProperty("indicators").GetProperty("renewal_rate").GetProperty("waiver_reason").GetString());
        Assert.True(li.RootElement.GetProperty("complete").GetBoolean());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Audit_EveryKindOfChange_OneEntryWithActorAndValues(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        await using (var db = t.Open("wang_hr"))
        {
            Assert.True((await new WaiveIndicator(db).RunAsync("2026-10", "li_na", "csat", "on leave")).IsSuccess);
            Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
            Assert.True((await new ReopenPeriod(db).RunAsync("2026-10", "typo in csat")).IsSuccess);
        }

        await using var check = t.Open();
        var audit = await check.Audit.OrderBy(a => a.Id).ToListAsync();
        var kinds = audit.Select(a => (a.Entity, a.Action)).Distinct().ToList();
        Assert.Contains(("SchemeVersion", "create"), kinds);
        Assert.Contains(("ReviewPeriod", "create"), kinds);
        Assert.Contains(("ReviewPeriod", "update"), kinds);
        Assert.Contains(("Waiver", "create"), kinds);
        Assert.Contains(("CalculationRun", "create"), kinds);
        // one entry per import (employees, salaries, actuals), none per row
        Assert.Equal(3, audit.Count(a => a.Entity == "ImportRecord"));
        Assert.DoesNotContain(audit, a => a.Entity is "Actual" or "Employee" or "SalaryRecord" or "TeamMember");
        var import = JsonDocument.Parse(audit.Single(a => a.Entity == "ImportRecord" && a.EntityKey == "actuals:a.csv").After!).RootElement;
        Assert.Equal(("a.csv", 11), (import.GetProperty("FileName").GetString(), import.GetProperty("Rows").GetInt32()));
        Assert.Equal(64, import.GetProperty("FileHash").GetString()!.Length);
        var reopen = audit.Last(a => a.Entity == "ReviewPeriod");
        Assert.Equal("wang_hr", reopen.Actor);
        Assert.Equal(t.Time.GetUtcNow(), reopen.At);
        Assert.Equal("Calculated", JsonDocument.Parse(reopen.Before!).RootElement.GetProperty("State").GetString());
        Assert.Equal("Collecting", JsonDocument.Parse(reopen.After!).RootElement.GetProperty("State").GetString());
        Assert.Equal("typo in csat", JsonDocument.Parse(reopen.After!).RootElement.GetProperty("ReopenReason").GetString());
        var waiver = audit.Single(a => a.Entity == "Waiver");
        Assert.Equal("on leave", JsonDocument.Parse(waiver.After!).RootElement.GetProperty("Reason").GetString());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Audit_OfARun_NamesItsInputSnapshotByDigest_NotItsBytes(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedE1Async(t);
        await using (var db = t.Open("wang_hr"))
            Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);

        await using var check = t.Open();
        var run = await check.Runs.SingleAsync();
        var created = JsonDocument.Parse((await check.Audit.SingleAsync(a => a.Entity == "CalculationRun" && a.Action == "create")).After!).RootElement;
        Assert.Equal($"sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(run.Inputs))} ({run.Inputs.Length} bytes)", created.GetProperty("Inputs").GetString());
        // small values stay as they are: the ledger of one person is far under the limit
        Assert.Equal(run.LedgerJson, created.GetProperty("LedgerJson").GetString());
        Assert.Equal(run.ResultsHash, created.GetProperty("ResultsHash").GetString());
        // the move that makes the run current names the same digest before and after
        var current = await check.Audit.Where(a => a.Entity == "CalculationRun" && a.Action == "update").SingleAsync();
        Assert.Equal(created.GetProperty("Inputs").GetString(), JsonDocument.Parse(current.Before!).RootElement.GetProperty("Inputs").GetString());
        Assert.True(current.After!.Length < 4096, $"the audit of a run holds {current.After.Length} characters");
    }

    private sealed class Inline(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
