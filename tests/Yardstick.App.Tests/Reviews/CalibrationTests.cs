using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Calculation;
using Yardstick.App.Files;
using Yardstick.App.Imports;
using Yardstick.App.Organisations;
using Yardstick.App.Periods;
using Yardstick.App.Results;
using Yardstick.App.Reviews;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;
using Yardstick.Data;

namespace Yardstick.App.Tests.Reviews;

/// <summary>review.md R4 (final grades, calibration groups, the calibration view, enforcement at approval) on SQLite and PostgreSQL.</summary>
public sealed class CalibrationTests : IDisposable
{
    private const string E1Actuals = "renewal_rate,0.88\ncsat,4.5\nissue_closure_rate,0.93\nrevenue_yoy_growth,0.25\nnew_industry_cases,2\ndefect_rate,0.008\ncore_feature_usage,0.55\nrd_utilization,0.80\nsales_support_rating,4.2\nroadmap_completion,0.70\ninnovation_reserve,3.5\n";
    private const string Why = "calibrated against the other teams";
    private const string Enforced = """{"mode":"enforce","grades":{"S":{"max":0.1}}}""";
    private const string R4Rule = """{"mode":"guide","grades":{"S":{"max":0.1},"A":{"max":0.25},"D":{"min":0.05}}}""";

    private static readonly CurrentUser LiMing = new(Organisation.DefaultId, Organisation.DefaultCode, "li_ming", null, null, "m3", new HashSet<Role>(), false);

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private InputFile File(string name, string content) => Input.File(_files.Write(name, content));

    private static readonly string[] M1 = [.. Enumerable.Range(1, 4).Select(i => $"a{i:00}")];
    private static readonly string[] M2 = [.. Enumerable.Range(1, 5).Select(i => $"b{i:00}")];
    private static readonly string[] M3 = [.. Enumerable.Range(1, 12).Select(i => $"c{i:00}")];

    /// <summary>
    /// R4's example: d over m1 (4 PMs), m2 (5) and m3 (12), managers not evaluated; every PM with E1's actuals (total
    /// 100.771884, grade A, monthly_bonus 20,760.38 on a base of 30,000), calculated and submitted for review by hr_admin.
    /// </summary>
    private async Task SeedAsync(TestDb t, string distribution = "", int minGroupSize = 10)
    {
        await using var db = t.Open();
        var org = await new ConfigureOrganisation(db).RunAsync(new OrganisationChange(MinGroupSize: minGroupSize, DistributionRule: distribution));
        Assert.True(org.IsSuccess, string.Join("\n", org.Problems));
        Assert.True((await new OpenPeriod(db).RunAsync("2026-10", SchemeJson.Write(TemplateCatalog.Find("industrial-value").Value.Document))).IsSuccess);
        var employees = new StringBuilder("person,name,manager,team,role\nd,D,,mes,manager\nm1,M1,d,mes,manager\nm2,M2,d,mes,manager\nm3,M3,d,mes,manager\n");
        var salaries = new StringBuilder("person,base_salary,effective_from\n");
        var actuals = new StringBuilder("person,indicator,value\n");
        foreach (var (manager, people) in new[] { ("m1", M1), ("m2", M2), ("m3", M3) })
            foreach (var p in people)
            {
                employees.Append($"{p},{p},{manager},mes,pm\n");
                salaries.Append($"{p},30000.00,2026-01-01\n");
                foreach (var line in E1Actuals.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    actuals.Append($"{p},{line}\n");
            }

        Assert.True((await new ImportEmployees(db).RunAsync(File("e.csv", employees.ToString()), null)).IsSuccess);
        Assert.True((await new ImportSalaries(db).RunAsync(File("s.csv", salaries.ToString()), null)).IsSuccess);
        Assert.True((await new ImportActuals(db).RunAsync(File("a.csv", actuals.ToString()), "2026-10")).IsSuccess);
        var calc = await new RunCalculation(db).RunAsync("2026-10");
        Assert.True(calc.IsSuccess, string.Join("\n", calc.Problems));
        var review = await new StartReview(db).RunAsync("2026-10");
        Assert.True(review.IsSuccess, string.Join("\n", review.Problems));
    }

    private static async Task<AdjustmentOutcome> OkAsync(Task<Result<AdjustmentOutcome>> changing)
    {
        var r = await changing;
        Assert.True(r.IsSuccess, string.Join("\n", r.Problems));
        return r.Value;
    }

    private static async Task<CalibrationOverview> ViewAsync(YardstickDb db)
    {
        var r = await new CalibrationView(db).RunAsync("2026-10");
        Assert.True(r.IsSuccess, string.Join("\n", r.Problems));
        return r.Value;
    }

    private static string Counts(CalibrationGroupView g) =>
        string.Join(" ", g.Grades.Select(c => $"{c.Grade}:{c.Before}/{c.After}/{(c.AtMost is { } m ? "≤" + m : "")}{(c.AtLeast is { } l ? "≥" + l : "")}"));

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task View_R4Example_GroupsM3AndCompanyWithAllowedCounts_SmallerMinGivesGroupsOf4(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t, R4Rule);
        await using var db = t.Open();

        var view = await ViewAsync(db);
        Assert.Equal(["m3:12", "company:9"], view.Groups.Select(g => $"{g.Name}:{g.Size}"));
        Assert.Equal("S:0/0/≤1 A:12/12/≤3 B:0/0/ C:0/0/ D:0/0/≥1", Counts(view.Groups[0]));
        Assert.Equal("S:0/0/≤1 A:9/9/≤2 B:0/0/ C:0/0/ D:0/0/≥0", Counts(view.Groups[1]));
        Assert.Equal([.. M1, .. M2], view.Groups[1].People.Select(p => p.Person));
        Assert.Equal("group m3: 12 people graded A, at most 3 (25% of 12)", view.Groups[0].BrokenAfter[0].Message.En);
        Assert.Equal("组 m3：0 人评为 D，至少 1 人（12 人的 5%）", view.Groups[0].BrokenAfter[1].Message.Zh);
        Assert.False(view.Blocks); // guide

        Assert.True((await new ConfigureOrganisation(db).RunAsync(new OrganisationChange(MinGroupSize: 4))).IsSuccess);
        var small = await ViewAsync(db);
        Assert.Equal(["m1:4", "m2:5", "m3:12"], small.Groups.Select(g => $"{g.Name}:{g.Size}"));
        Assert.Equal("S:0/0/≤0 A:4/4/≤1 B:0/0/ C:0/0/ D:0/0/≥0", Counts(small.Groups[0]));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task View_ReportingLinesOfTheReview_AManagerChangedSinceDoesNotMoveTheGroups(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using var db = t.Open();
        Assert.Equal(4 + 5 + 12 + 3, await db.ReportingLines.CountAsync());

        // everyone of m3 now reports to m1
        var moved = "person,name,manager,team,role\n" + string.Concat(M3.Select(p => $"{p},{p},m1,mes,pm\n"));
        Assert.True((await new ImportEmployees(db).RunAsync(File("e2.csv", moved), null)).IsSuccess);

        var view = await ViewAsync(db);
        Assert.Equal(["m3:12", "company:9"], view.Groups.Select(g => $"{g.Name}:{g.Size}"));
        Assert.Null(view.Rule);
        Assert.All(view.Groups.SelectMany(g => g.Grades), c => Assert.Null(c.AtMost ?? c.AtLeast));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Approve_EnforcedRuleBroken_RefusedNamingTheGroup_CalibrationFixesItAndASecondPersonApproves(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t, Enforced);
        await using (var calibrator = t.Open("wang_fang"))
        {
            var calibrate = new CalibrateGrade(calibrator);
            await OkAsync(calibrate.SetAsync("2026-10", "c01", "S", Why));
            var second = await OkAsync(calibrate.SetAsync("2026-10", "c02", "S", Why));
            Assert.Equal((3, "S", "A"), (second.Run, second.Person.Grade, second.Person.ComputedGrade));
            Assert.Equal(100.771884m, Math.Round(second.Person.Total, 6));
        }

        await using (var approver = t.Open("chen_jie"))
        {
            var refused = await new ApprovePeriod(approver).RunAsync("2026-10");
            var p = Assert.Single(refused.Problems);
            Assert.Equal((ProblemKind.Conflict, "calibration.distribution", "m3"), (p.Kind, p.Code, p.Arg));
            Assert.Equal("group m3: 2 people graded S, at most 1 (10% of 12)", p.ToString());
            Assert.Equal("组 m3：2 人评为 S，最多 1 人（12 人的 10%）", p.Message.Zh);
            Assert.Equal(PeriodState.InReview, (await approver.Periods.AsNoTracking().SingleAsync()).State);
        }

        await using (var calibrator = t.Open("wang_fang"))
        {
            var view = await ViewAsync(calibrator);
            Assert.True(view.Blocks);
            Assert.Equal("S:0/2/≤1 A:12/10/ B:0/0/ C:0/0/ D:0/0/", Counts(view.Groups[0]));
            var back = await OkAsync(new CalibrateGrade(calibrator).RemoveAsync("2026-10", "c02", "only one S fits in m3"));
            Assert.Equal(("A", "A", 4), (back.Person.Grade, back.Person.ComputedGrade, back.Run));
            Assert.False((await ViewAsync(calibrator)).Blocks);
        }

        await using (var calibrator = t.Open("wang_fang"))
        {
            // the calibrator is no approver (R6: calibrations count as adjustments)
            var self = await new ApprovePeriod(calibrator).RunAsync("2026-10");
            Assert.Equal("period.maker_checker", Assert.Single(self.Problems).Code);
        }

        await using var second2 = t.Open("chen_jie");
        var approved = await new ApprovePeriod(second2).RunAsync("2026-10");
        Assert.True(approved.IsSuccess, string.Join("\n", approved.Problems));
        Assert.Equal(PeriodState.Approved, approved.Value.State);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task PeriodRule_CopiedAtOpen_ALaterOrganisationChangeDoesNotMoveIt_FixedFromReview(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t, Enforced);
        await using (var admin = t.Open())
        {
            // the organisation drops its rule after 2026-10 was opened: the period keeps the copy it was opened with
            Assert.True((await new ConfigureOrganisation(admin).RunAsync(new OrganisationChange(DistributionRule: ""))).IsSuccess);
            Assert.Equal("""{"mode":"enforce","grades":{"S":{"max":0.1}}}""", (await new ListPeriods(admin).RunAsync("2026-10")).Value.DistributionRule);
            var late = await new SetPeriodDistribution(admin).RunAsync("2026-10", "");
            var p = Assert.Single(late.Problems);
            Assert.Equal((ProblemKind.Conflict, "period.distribution_fixed"), (p.Kind, p.Code));
            Assert.StartsWith("cannot change the distribution rule: the period is InReview, and its distribution rule can change only before review", p.Message.En, StringComparison.Ordinal);
        }

        await using (var calibrator = t.Open("wang_fang"))
        {
            await OkAsync(new CalibrateGrade(calibrator).SetAsync("2026-10", "c01", "S", Why));
            await OkAsync(new CalibrateGrade(calibrator).SetAsync("2026-10", "c02", "S", Why));
            Assert.Equal(Core.Calibration.DistributionMode.Enforce, (await ViewAsync(calibrator)).Rule?.Mode);
        }

        var refused = await new ApprovePeriod(t.Open("chen_jie")).RunAsync("2026-10");
        Assert.Equal("group m3: 2 people graded S, at most 1 (10% of 12)", Assert.Single(refused.Problems).ToString());
        // a period opened now copies the organisation's rule as it is now: none
        await using var db = t.Open();
        Assert.True((await new OpenPeriod(db).RunAsync("2026-11", SchemeJson.Write(TemplateCatalog.Find("industrial-value").Value.Document))).IsSuccess);
        Assert.Equal("", (await new ListPeriods(db).RunAsync("2026-11")).Value.DistributionRule);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task PeriodRule_SetBeforeReview_IsTheRuleApprovalEnforces_BadRuleRefusedAtItsField(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using (var admin = t.Open())
        {
            Assert.True((await new ReopenPeriod(admin).RunAsync("2026-10", "the distribution rule was forgotten")).IsSuccess);
            var bad = await new SetPeriodDistribution(admin).RunAsync("2026-10", """{"mode":"always","grades":{"S":{"max":0.1}}}""");
            Assert.Equal("distribution", Assert.Single(bad.Problems).Where.Field);
            Assert.Equal("", (await new ListPeriods(admin).RunAsync("2026-10")).Value.DistributionRule);
            var set = await new SetPeriodDistribution(admin).RunAsync("2026-10", Enforced);
            Assert.True(set.IsSuccess, string.Join("\n", set.Problems));
            Assert.Equal(Enforced, (await new ListPeriods(admin).RunAsync("2026-10")).Value.DistributionRule);
            // the organisation still has none
            Assert.Equal("", (await ConfigureOrganisation.GetAsync(admin, default)).DistributionRule);
            Assert.True((await new RunCalculation(admin).RunAsync("2026-10")).IsSuccess);
            Assert.True((await new StartReview(admin).RunAsync("2026-10")).IsSuccess);
        }

        await using (var calibrator = t.Open("wang_fang"))
        {
            await OkAsync(new CalibrateGrade(calibrator).SetAsync("2026-10", "c01", "S", Why));
            await OkAsync(new CalibrateGrade(calibrator).SetAsync("2026-10", "c02", "S", Why));
        }

        var refused = await new ApprovePeriod(t.Open("chen_jie")).RunAsync("2026-10");
        Assert.Equal(("calibration.distribution", "m3"), (Assert.Single(refused.Problems).Code, refused.Problems[0].Arg));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Approve_GuideRuleBroken_NeverRefuses(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t, Enforced.Replace("enforce", "guide", StringComparison.Ordinal));
        await using (var calibrator = t.Open("wang_fang"))
        {
            await OkAsync(new CalibrateGrade(calibrator).SetAsync("2026-10", "c01", "S", Why));
            await OkAsync(new CalibrateGrade(calibrator).SetAsync("2026-10", "c02", "S", Why));
            Assert.Equal("group m3: 2 people graded S, at most 1 (10% of 12)", Assert.Single((await ViewAsync(calibrator)).Groups[0].BrokenAfter).Message.En);
        }

        var approved = await new ApprovePeriod(t.Open("chen_jie")).RunAsync("2026-10");
        Assert.True(approved.IsSuccess, string.Join("\n", approved.Problems));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task FinalGrade_SurvivesAPointsAdjustmentAcrossABand_JsonTraceAndStoredGrade(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using var db = t.Open("wang_fang");
        await OkAsync(new CalibrateGrade(db).SetAsync("2026-10", "c03", "B", Why));
        // +9.00 points: 109.771884 stays A; +10.00 crosses into S (110)
        var adjusted = await OkAsync(new AdjustScorecard(db).AdjustAsync("2026-10", new AdjustmentRequest("c03", "points", null, 10.00m, "led the MES rescue in October")));
        Assert.Equal((110.771884m, "S", "B"), (Math.Round(adjusted.Person.Total, 6), adjusted.Person.ComputedGrade, adjusted.Person.Grade));

        await using var read = t.Open();
        var run = await read.Runs.AsNoTracking().SingleAsync(r => r.IsCurrent);
        Assert.Equal(3, run.Number);
        Assert.Equal("B", await read.Scorecards.AsNoTracking().Where(s => s.RunId == run.Id && s.Person == "c03").Select(s => s.Grade).SingleAsync());
        Assert.Null((await new GetResults(read).StaleAsync("2026-10")).Value);

        using var json = new MemoryStream();
        Assert.True((await new GetResults(read).WriteJsonAsync("2026-10", json)).IsSuccess);
        var results = JsonDocument.Parse(json.ToArray()).RootElement.GetProperty("results").EnumerateArray().ToList();
        var c03 = results.Single(r => r.GetProperty("person").GetString() == "c03");
        Assert.Equal(("B", "S"), (c03.GetProperty("grade").GetString(), c03.GetProperty("computed_grade").GetString()));
        var c04 = results.Single(r => r.GetProperty("person").GetString() == "c04");
        Assert.Equal("A", c04.GetProperty("grade").GetString());
        Assert.False(c04.TryGetProperty("computed_grade", out _));

        var person = await new GetResults(read).PersonAsync("2026-10", "c03");
        Assert.True(person.IsSuccess, string.Join("\n", person.Problems));
        Assert.Contains($"calibrated: S → B (by wang_fang: {Why})", person.Value.Person.Trace(Language.En), StringComparison.Ordinal);
        Assert.Contains($"校准：S → B（由 wang_fang 校准：{Why}）", person.Value.Person.Trace(Language.ZhCN), StringComparison.Ordinal);
        // the run's ledger (career tracks and later periods read it) records the final grade, not the computed one
        var grades = JsonDocument.Parse(run.LedgerJson).RootElement.GetProperty("grades");
        Assert.Equal("B", grades.GetProperty("c03")[0].GetProperty("grade").GetString());
        Assert.Equal("A", grades.GetProperty("c04")[0].GetProperty("grade").GetString());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task FinalGrade_SurvivesReopenAndCalc(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using (var calibrator = t.Open("wang_fang"))
            await OkAsync(new CalibrateGrade(calibrator).SetAsync("2026-10", "c05", "C", Why));

        await using var db = t.Open();
        Assert.True((await new ReopenPeriod(db).RunAsync("2026-10", "a late import of the roadmap")).IsSuccess);
        var calc = await new RunCalculation(db).RunAsync("2026-10");
        Assert.True(calc.IsSuccess, string.Join("\n", calc.Problems));
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.IsCurrent);
        Assert.Equal(3, run.Number);
        Assert.Equal("C", await db.Scorecards.AsNoTracking().Where(s => s.RunId == run.Id && s.Person == "c05").Select(s => s.Grade).SingleAsync());
        Assert.Null((await new GetResults(db).StaleAsync("2026-10")).Value);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task View_PayBeforeAndAfterPerGroup_TheCurrentRunAndTheRunWithoutFinalGrades(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using var db = t.Open("wang_fang");
        await OkAsync(new CalibrateGrade(db).SetAsync("2026-10", "c01", "B", Why));

        var view = await ViewAsync(db);
        var m3 = view.Groups[0];
        // monthly_bonus reads no grade (grade_factor() is R5's): calibration moves no pay here, so before and after agree
        Assert.Equal(("CNY", 12 * 20760.38m, 12 * 20760.38m), (m3.Pay.Single().Currency, m3.Pay.Single().Before, m3.Pay.Single().After));
        Assert.Equal(9 * 20760.38m, view.Groups[1].Pay.Single().After);
        var c01 = m3.People[0];
        Assert.Equal(("c01", "A", "B", "wang_fang", Why), (c01.Person, c01.ComputedGrade, c01.Grade, c01.Calibration!.Author, c01.Calibration.Reason));
        Assert.Equal(100.771884m, Math.Round(c01.Total, 6));
        Assert.Null(m3.People[1].Calibration);
        Assert.Equal("S:0/0/ A:12/11/ B:0/1/ C:0/0/ D:0/0/", Counts(m3));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calibrate_BadInputsAndWhoMay_RefusedNothingWritten(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using (var db = t.Open("wang_fang"))
        {
            var calibrate = new CalibrateGrade(db);
            Assert.Equal("reason: a final grade needs a reason of at least 10 characters", Assert.Single((await calibrate.SetAsync("2026-10", "c01", "B", "  too short ")).Problems).ToString());
            Assert.Equal("grade: 'E' is not a grade of scheme industrial-value; one of: S, A, B, C, D", Assert.Single((await calibrate.SetAsync("2026-10", "c01", "E", Why)).Problems).ToString());
            Assert.Equal("'E' 不是方案 industrial-value 的等级；可选：S、A、B、C、D", Assert.Single((await calibrate.SetAsync("2026-10", "c01", "E", Why)).Problems).Message.Zh);
            Assert.Equal(ProblemKind.NotFound, Assert.Single((await calibrate.RemoveAsync("2026-10", "c01", Why)).Problems).Kind);
        }

        await using (var manager = t.Open("m3"))
        {
            var refused = await new CalibrateGrade(manager, LiMing).SetAsync("2026-10", "c01", "B", Why);
            Assert.Equal(ProblemKind.Forbidden, Assert.Single(refused.Problems).Kind);
            Assert.Equal(ProblemKind.Forbidden, Assert.Single((await new CalibrationView(manager, LiMing).RunAsync("2026-10")).Problems).Kind);
        }

        await using var check = t.Open();
        Assert.Equal(0, await check.Adjustments.CountAsync());
        Assert.Equal(1, await check.Runs.CountAsync());
        Assert.True((await new ApprovePeriod(t.Open("chen_jie")).RunAsync("2026-10")).IsSuccess);
        var late = await new CalibrateGrade(t.Open("wang_fang")).SetAsync("2026-10", "c01", "B", Why);
        Assert.Equal("2026-10: cannot calibrate: the period is Approved; allowed from Approved: publish", Assert.Single(late.Problems).ToString());
    }
}
