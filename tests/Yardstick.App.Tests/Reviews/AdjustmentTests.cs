using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Calculation;
using Yardstick.App.Files;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.App.Ratings;
using Yardstick.App.Results;
using Yardstick.App.Reviews;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using Yardstick.Core.Templates;
using Yardstick.Data;

namespace Yardstick.App.Tests.Reviews;

/// <summary>review.md R3 (adjustments while InReview, worked example R3) and R6 (maker-checker) on SQLite and PostgreSQL.</summary>
public sealed class AdjustmentTests : IDisposable
{
    private const string E1Actuals = E1Seed.Actuals;
    private const string Late = "the reserve review came in late";

    private static readonly CurrentUser LiMing = E1Seed.User("li_ming");
    private static readonly CurrentUser ZhaoLei = E1Seed.User("zhao_lei");
    private static readonly CurrentUser ZhangWei = E1Seed.User("zhang_wei");

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();


    /// <summary>2026-10 on industrial-value with E1's inputs for zhang_wei (manager li_ming), calculated and submitted for review by hr_admin.</summary>
    private async Task SeedInReviewAsync(TestDb t, Func<YardstickDb, Task>? beforeReview = null)
    {
        await using var db = t.Open();
        await E1Seed.SeedAsync(db, _files, E1Actuals + E1Seed.For(E1Actuals, "li_ming", "zhao_lei"));
        var calc = await new RunCalculation(db).RunAsync("2026-10");
        Assert.True(calc.IsSuccess, string.Join("\n", calc.Problems));
        if (beforeReview is not null)
            await beforeReview(db);
        var review = await new StartReview(db).RunAsync("2026-10");
        Assert.True(review.IsSuccess, string.Join("\n", review.Problems));
    }

    private static AdjustmentRequest Score(string indicator, decimal value, string reason = Late) => new("zhang_wei", "score", indicator, value, reason);

    private static AdjustmentRequest Points(decimal value, string reason = "led the MES rescue in October") => new("zhang_wei", "points", null, value, reason);

    private static async Task<AdjustmentOutcome> OkAsync(Task<Result<AdjustmentOutcome>> adjusting)
    {
        var r = await adjusting;
        Assert.True(r.IsSuccess, string.Join("\n", r.Problems));
        return r.Value;
    }

    private static decimal R6(decimal v) => Math.Round(v, 6, MidpointRounding.AwayFromZero);

    private static async Task<(decimal Total, string? Grade, long Pay, int Run)> CurrentAsync(YardstickDb db)
    {
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.IsCurrent);
        var card = await db.Scorecards.AsNoTracking().SingleAsync(s => s.RunId == run.Id && s.Person == "zhang_wei");
        var pay = await db.PayoutLines.AsNoTracking().Where(l => l.RunId == run.Id && l.Person == "zhang_wei").SumAsync(l => l.AmountMinor);
        return (R6(card.Total), card.Grade, pay, run.Number);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task WorkedExampleR3_ScoreThenPoints_NewRunsWithTotalsGradesAndPay(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedInReviewAsync(t);
        await using var db = t.Open("li_ming");
        var adjust = new AdjustScorecard(db, LiMing);

        var first = await OkAsync(adjust.AdjustAsync("2026-10", Score("innovation_reserve", 1.0m)));
        Assert.Equal((2, 101.709384m, "A"), (first.Run, R6(first.Person.Total), first.Person.Grade));
        Assert.Equal(29.433824m, R6(first.Person.Card.Group("auxiliary").Points));
        Assert.False(first.PayVisible); // managers_see_pay is off
        Assert.Equal((101.709384m, "A", 2076038L, 2), await CurrentAsync(db));

        var second = await OkAsync(adjust.AdjustAsync("2026-10", Points(9.00m)));
        Assert.Equal((3, 110.709384m, "S"), (second.Run, R6(second.Person.Total), second.Person.Grade));
        Assert.Equal((110.709384m, "S", 2076038L, 3), await CurrentAsync(db));

        var tooMany = await adjust.AdjustAsync("2026-10", Points(10.50m));
        Assert.Equal("value: a points adjustment is at most 10.00 either way (organisation setting max_adjustment_points); 10.50 is more", Assert.Single(tooMany.Problems).ToString());
        Assert.Equal(3, (await CurrentAsync(db)).Run);

        await using var check = t.Open();
        Assert.Equal(PeriodState.InReview, (await check.Periods.SingleAsync()).State);
        Assert.Equal([1, 2, 3], await check.Runs.OrderBy(r => r.Number).Select(r => r.Number).ToListAsync());
        Assert.Null((await new GetResults(check).StaleAsync("2026-10")).Value);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task WorkedExampleR3_CoreFeatureUsageScore_CoreCurveWithTheDeductionStill(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedInReviewAsync(t);
        await using var db = t.Open();

        var r = await OkAsync(new AdjustScorecard(db).AdjustAsync("2026-10", Score("core_feature_usage", 1.0m, "usage export missed the last week")));

        Assert.Equal((101.396884m, "A"), (R6(r.Person.Total), r.Person.Grade));
        Assert.True(r.PayVisible);
        Assert.Equal(21188.96m, Assert.Single(r.Person.Lines).Amount.Amount);
        Assert.Equal((101.396884m, "A", 2118896L, 2), await CurrentAsync(db));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Adjustment_TraceShowsAuthorAndReason_ReadBackFromTheStoredRun(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedInReviewAsync(t);
        await using (var db = t.Open("li_ming"))
            await OkAsync(new AdjustScorecard(db, LiMing).AdjustAsync("2026-10", Score("innovation_reserve", 1.0m)));

        await using var read = t.Open();
        var person = await new GetResults(read).PersonAsync("2026-10", "zhang_wei");
        Assert.True(person.IsSuccess, string.Join("\n", person.Problems));
        Assert.Contains($"innovation_reserve: score 0.87500000 → 1.00000000 (adjusted by li_ming: {Late})", ScorecardTrace.Render(person.Value.Person.Card, Language.En));
        Assert.Contains($"innovation_reserve：得分 0.87500000 → 1.00000000（由 li_ming 调整：{Late}）", ScorecardTrace.Render(person.Value.Person.Card, Language.ZhCN));

        var audit = await read.Audit.AsNoTracking().Where(a => a.Entity == "Adjustment").ToListAsync();
        var entry = Assert.Single(audit);
        Assert.Equal(("li_ming", "create"), (entry.Actor, entry.Action));
        Assert.Contains(Late, entry.After, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Adjustment_ReplacedThenRemovedWithAReason_AuditedAndTotalBack(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedInReviewAsync(t);
        await using var db = t.Open("li_ming");
        var adjust = new AdjustScorecard(db, LiMing);
        await OkAsync(adjust.AdjustAsync("2026-10", Score("innovation_reserve", 1.2m)));
        var replaced = await OkAsync(adjust.AdjustAsync("2026-10", Score("innovation_reserve", 1.0m)));
        Assert.Equal(101.709384m, R6(replaced.Person.Total));
        Assert.Equal(1, await db.Adjustments.CountAsync());

        var shortReason = await adjust.RemoveAsync("2026-10", "zhang_wei", "score", "innovation_reserve", "oops");
        Assert.Equal("reason: an adjustment needs a reason of at least 10 characters", Assert.Single(shortReason.Problems).ToString());
        var removed = await OkAsync(adjust.RemoveAsync("2026-10", "zhang_wei", "score", "innovation_reserve", "the late review was found after all"));
        Assert.Equal((4, 100.771884m, "A"), (removed.Run, R6(removed.Person.Total), removed.Person.Grade));
        Assert.Equal(0, await db.Adjustments.CountAsync());

        var actions = await db.Audit.AsNoTracking().Where(a => a.Entity == "Adjustment").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["create", "update", "update", "delete"], actions);
        var why = await db.Audit.AsNoTracking().Where(a => a.Entity == "Adjustment" && a.Action == "update").OrderBy(a => a.Id).Select(a => a.After).LastAsync();
        Assert.Contains("the late review was found after all", why, StringComparison.Ordinal);

        var none = await adjust.RemoveAsync("2026-10", "zhang_wei", "score", "innovation_reserve", "the late review was found after all");
        Assert.Equal(ProblemKind.NotFound, Assert.Single(none.Problems).Kind);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Adjustment_BadInputs_RefusedNamingTheFieldNothingWritten(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedInReviewAsync(t);
        await using var db = t.Open("li_ming");
        var adjust = new AdjustScorecard(db, LiMing);

        async Task<string> Refused(AdjustmentRequest request) => Assert.Single((await adjust.AdjustAsync("2026-10", request)).Problems).ToString();

        Assert.Equal("reason: an adjustment needs a reason of at least 10 characters", await Refused(Score("innovation_reserve", 1.0m, "  too short ")));
        Assert.Equal("value: the score of innovation_reserve must be within [0, 1.2]; 1.5 is outside", await Refused(Score("innovation_reserve", 1.5m)));
        Assert.StartsWith("indicator: 'nope' is not an indicator of scheme industrial-value; one of: renewal_rate, csat,", await Refused(Score("nope", 1m)), StringComparison.Ordinal);
        Assert.Equal("kind: the kind 'bonus' is not one; use actual, score or points", await Refused(new("zhang_wei", "bonus", null, 1m, Late)));
        Assert.Equal("value: points have at most 2 decimals; 1.005 has more", await Refused(Points(1.005m)));
        Assert.Equal(0, await db.Adjustments.CountAsync());
        Assert.Equal(1, await db.Runs.CountAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Adjustment_WhoMayAndWhen_OwnRecordOtherManagerAndStateRefused(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedInReviewAsync(t);

        await using (var other = t.Open("zhao_lei"))
        {
            var r = await new AdjustScorecard(other, ZhaoLei).AdjustAsync("2026-10", Score("innovation_reserve", 1.0m));
            Assert.Equal(ProblemKind.NotFound, Assert.Single(r.Problems).Kind);
        }

        await using (var self = t.Open("zhang_wei"))
        {
            var r = await new AdjustScorecard(self, ZhangWei).AdjustAsync("2026-10", Score("innovation_reserve", 1.0m));
            Assert.Equal(ProblemKind.NotFound, Assert.Single(r.Problems).Kind);
        }

        await using (var manager = t.Open("li_ming"))
        {
            // li_ming is evaluated too: nobody adjusts their own record
            var own = await new AdjustScorecard(manager, LiMing).AdjustAsync("2026-10", Score("innovation_reserve", 1.0m) with { Person = "li_ming" });
            Assert.NotEmpty(own.Problems);
            Assert.Contains(own.Problems[0].Kind, new[] { ProblemKind.NotFound, ProblemKind.Forbidden });
        }

        await using var db = t.Open();
        Assert.True((await new ReopenPeriod(db).RunAsync("2026-10", "more actuals came in")).IsSuccess);
        var collecting = await new AdjustScorecard(db).AdjustAsync("2026-10", Score("innovation_reserve", 1.0m));
        Assert.Equal(ProblemKind.Conflict, Assert.Single(collecting.Problems).Kind);
        Assert.Equal(0, await db.Adjustments.CountAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Adjustment_UnderTheOrganisationsSettings_LimitAndManagersSeePay(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedInReviewAsync(t);
        await using (var admin = t.Open())
        {
            var set = await new Organisations.ConfigureOrganisation(admin).RunAsync(new(MaxAdjustmentPoints: 5.00m, ManagersSeePay: true));
            Assert.True(set.IsSuccess, string.Join("\n", set.Problems));
        }

        await using var db = t.Open("li_ming");
        var adjust = new AdjustScorecard(db, LiMing);
        Assert.Equal("value: a points adjustment is at most 5.00 either way (organisation setting max_adjustment_points); -6 is more", Assert.Single((await adjust.AdjustAsync("2026-10", Points(-6m))).Problems).ToString());
        var r = await OkAsync(adjust.AdjustAsync("2026-10", Points(-5.00m)));
        Assert.Equal((95.771884m, "B"), (R6(r.Person.Total), r.Person.Grade));
        Assert.True(r.PayVisible);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Adjustment_OfAMissingIndicator_RefusedEnterOrWaiveIt(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using (var seed = t.Open())
        {
            await E1Seed.SeedAsync(seed, _files, E1Actuals.Replace("zhang_wei,core_feature_usage,0.55\n", "", StringComparison.Ordinal));
            Assert.True((await new RunCalculation(seed).RunAsync("2026-10")).IsSuccess);
            Assert.True((await new StartReview(seed).RunAsync("2026-10")).IsSuccess);
        }

        await using var db = t.Open("li_ming");
        var r = await new AdjustScorecard(db, LiMing).AdjustAsync("2026-10", Score("core_feature_usage", 1.0m));
        Assert.Equal("indicator: core_feature_usage of zhang_wei is missing and cannot be adjusted: enter its actual (while Collecting) or waive it", Assert.Single(r.Problems).ToString());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Reopen_AdjustmentsSurviveAndCalcAppliesThem(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedInReviewAsync(t);
        await using (var manager = t.Open("li_ming"))
            await OkAsync(new AdjustScorecard(manager, LiMing).AdjustAsync("2026-10", Score("innovation_reserve", 1.0m)));

        await using var db = t.Open();
        Assert.True((await new ReopenPeriod(db).RunAsync("2026-10", "a late import of the roadmap")).IsSuccess);
        var calc = await new RunCalculation(db).RunAsync("2026-10");
        Assert.True(calc.IsSuccess, string.Join("\n", calc.Problems));
        Assert.Equal((101.709384m, "A", 2076038L, 3), await CurrentAsync(db));
        Assert.Null((await new GetResults(db).StaleAsync("2026-10")).Value);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Approve_MakerChecker_SubmitterAndAdjusterRefusedASecondPersonApproves(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedInReviewAsync(t);
        await using (var adjuster = t.Open("wang_fang"))
            await OkAsync(new AdjustScorecard(adjuster).AdjustAsync("2026-10", Points(2.00m)));

        await using (var submitter = t.Open())
        {
            var r = await new ApprovePeriod(submitter).RunAsync("2026-10");
            var p = Assert.Single(r.Problems);
            Assert.Equal((ProblemKind.Conflict, "period.maker_checker"), (p.Kind, p.Code));
            Assert.Equal("2026-10: cannot approve: hr_admin submitted 2026-10 for review; approval needs a second person", p.ToString());
            Assert.Equal("无法审批：hr_admin 提交了 2026-10 的审核；审批须由另一人完成", p.Message.Zh);
        }

        await using (var adjuster = t.Open("wang_fang"))
        {
            // removed adjustments count too
            await OkAsync(new AdjustScorecard(adjuster).RemoveAsync("2026-10", "zhang_wei", "points", null, "agreed with HR to leave it out"));
            var r = await new ApprovePeriod(adjuster).RunAsync("2026-10");
            Assert.Equal("2026-10: cannot approve: wang_fang made an adjustment or a calibration in 2026-10 (zhang_wei); approval needs someone who made none", Assert.Single(r.Problems).ToString());
        }

        await using var second = t.Open("chen_jie");
        var approved = await new ApprovePeriod(second).RunAsync("2026-10");
        Assert.True(approved.IsSuccess, string.Join("\n", approved.Problems));
        Assert.Equal(PeriodState.Approved, approved.Value.State);
        Assert.Equal("hr_admin", approved.Value.SubmittedBy);
        var late = await new AdjustScorecard(second).AdjustAsync("2026-10", Points(1.00m));
        Assert.Equal(ProblemKind.Conflict, Assert.Single(late.Problems).Kind);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Approve_WhileA360CampaignIsOpen_Refused(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedInReviewAsync(t, async db =>
        {
            var campaign = await new CreateCampaign(db).RunAsync("2026-10", "q4-360", "sales_support_rating");
            Assert.True(campaign.IsSuccess, string.Join("\n", campaign.Problems));
        });

        var r = await new ApprovePeriod(t.Open("chen_jie")).RunAsync("2026-10");
        Assert.Equal("2026-10: cannot approve: the 360 campaign q4-360 of 2026-10 is still open; close it first (yardstick ratings close)", Assert.Single(r.Problems).ToString());
    }
}
