using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Scoring;
using static Yardstick.Core.Tests.TestSchemes;

namespace Yardstick.Core.Tests.Scoring;

/// <summary>Worked example R3 of review.md: E1's scorecard with review adjustments, to 6 decimals and to the fen.</summary>
public class AdjustmentTests
{
    private static readonly PersonInfo ZhangWei = new("zhang_wei", 30000m, "张伟", "mes", "mes_platform");

    private static (ScorecardResult Card, PayoutLine Bonus) Run(ScorecardAdjustments adjustments, Dictionary<string, decimal>? actuals = null)
    {
        var calc = Calculator("industrial-value", "2026-10");
        var input = ScorecardInput.FromCodes(calc.Scheme, "zhang_wei", actuals ?? E1Actuals()) with { Adjustments = adjustments };
        var card = calc.Evaluate(input).Value;
        var pay = PayoutCalculator.Run(calc.Scheme.Plan!, calc.Period, [card], new PayoutInput(
            new Dictionary<string, PersonInfo> { ["zhang_wei"] = ZhangWei }, new Measures(), [], [], Ledger.Empty, null));
        Assert.Empty(pay.Problems);
        return (card, Assert.Single(pay.For("zhang_wei")));
    }

    private static int Index(string code) => Calculator("industrial-value", "2026-10").Scheme.IndicatorIndex(code);

    private static Dictionary<int, Adjusted> One(string code, decimal value, string reason = "the reserve review was late") =>
        new() { [Index(code)] = new Adjusted(value, "li_ming", reason) };

    [Fact]
    public void Score_InnovationReserveToOne_AuxiliaryAndTotalFollowPayUnchanged()
    {
        var (card, bonus) = Run(new ScorecardAdjustments(Scores: One("innovation_reserve", 1.0m)));

        Assert.Equal(1.0m, card.Indicator("innovation_reserve").Score);
        Assert.Equal(7.5m, R(card.Indicator("innovation_reserve").Points, 6));
        Assert.Equal(0.875m, card.Indicator("innovation_reserve").Achievement);
        Assert.Equal(29.433824m, R(card.Group("auxiliary").Points, 6));
        Assert.Equal(72.275560m, R(card.Group("core").Points, 6));
        Assert.Equal(101.709384m, R(card.Total, 6));
        Assert.Equal("A", card.Grade);
        Assert.Equal(20760.38m, bonus.Amount.Amount);
    }

    [Fact]
    public void Points_PlusNineAfterTheScore_GradeSPayUnchanged()
    {
        var (card, bonus) = Run(new ScorecardAdjustments(Scores: One("innovation_reserve", 1.0m), Points: new Adjusted(9.00m, "li_ming", "led the MES rescue")));

        Assert.Equal(110.709384m, R(card.Total, 6));
        Assert.Equal("S", card.Grade);
        Assert.Equal(29.433824m, R(card.Group("auxiliary").Points, 6));
        Assert.Equal(9.00m, card.AddedPoints);
        Assert.Equal(20760.38m, bonus.Amount.Amount);
    }

    [Fact]
    public void Score_CoreFeatureUsageToOne_CoreCurveAndDeductionStillApplies()
    {
        var (card, bonus) = Run(new ScorecardAdjustments(Scores: One("core_feature_usage", 1.0m)));

        Assert.Equal(72.900560m, R(card.Group("core").Points, 6));
        Assert.Equal(1.04143657m, R(card.Group("core").Achievement!.Value, 8));
        Assert.Equal(101.396884m, R(card.Total, 6));
        Assert.Equal("A", card.Grade);
        // the condition reads the actual 0.55, never the adjusted score
        Assert.Equal(0.55m, card.Indicator("core_feature_usage").Actual);
        Assert.Equal(21188.96m, bonus.Amount.Amount);
        Assert.Contains("30,000.00 × 0.88287315 ≈ 26,486.19", bonus.TraceText(Language.En));
        Assert.Contains("core_feature_usage < 0.60 holds", bonus.TraceText(Language.En));
    }

    [Fact]
    public void Actual_CorrectedUsage_ConditionsReadTheCorrectedValue()
    {
        var (card, bonus) = Run(new ScorecardAdjustments(Actuals: One("core_feature_usage", 0.60m, "the export missed a week")));

        Assert.Equal(0.60m, card.Indicator("core_feature_usage").Actual);
        Assert.Equal(1.0m, card.Indicator("core_feature_usage").Score); // 0.60 / 0.60
        Assert.Contains("does not hold (core_feature_usage = 0.60)", bonus.TraceText(Language.En));
        Assert.Equal(101.396884m, R(card.Total, 6));
        Assert.Equal(26486.19m, bonus.Amount.Amount);
        var trace = ScorecardTrace.Render(card, Language.En);
        Assert.Contains("actual 0.55 → 0.60 (adjusted by li_ming: the export missed a week)", trace);
        Assert.Contains("实际值 0.55 → 0.60（由 li_ming 调整：the export missed a week）", ScorecardTrace.Render(card, Language.ZhCN));
    }

    [Fact]
    public void Trace_ShowsScoreAndPointsAdjustmentsWithAuthorAndReason()
    {
        var (card, _) = Run(new ScorecardAdjustments(Scores: One("innovation_reserve", 1.0m), Points: new Adjusted(9.00m, "li_ming", "led the MES rescue")));

        var trace = ScorecardTrace.Render(card, Language.En);
        Assert.Contains("innovation_reserve: score 0.87500000 → 1.00000000 (adjusted by li_ming: the reserve review was late)", trace);
        Assert.Contains("points = 100 × 0.075 × s = 7.5", trace);
        Assert.Contains("total = ≈ 101.709384 + 9.00 (adjusted by li_ming: led the MES rescue) ≈ 110.709384 (shown 110.70) → grade S", trace);
        var zh = ScorecardTrace.Render(card, Language.ZhCN);
        Assert.Contains("innovation_reserve：得分 0.87500000 → 1.00000000（由 li_ming 调整：the reserve review was late）", zh);
    }

    [Fact]
    public void Adjustments_OfMissingOrWaivedIndicators_AreNotAppliedAndListed()
    {
        var calc = Calculator("industrial-value", "2026-10");
        var actuals = E1Actuals();
        actuals.Remove("core_feature_usage");
        var scores = One("core_feature_usage", 1.0m);
        scores[Index("innovation_reserve")] = new Adjusted(1.0m, "li_ming", "x");
        var input = ScorecardInput.FromCodes(calc.Scheme, "zhang_wei", actuals, [new("innovation_reserve", "paused")]) with
        {
            Adjustments = new ScorecardAdjustments(Actuals: One("core_feature_usage", 0.7m), Scores: scores),
        };

        var card = calc.Evaluate(input).Value;

        Assert.True(card.Indicator("core_feature_usage").Missing);
        Assert.Equal(0m, card.Indicator("core_feature_usage").Score);
        Assert.Equal(
            [(AdjustedKind.Actual, Index("core_feature_usage")), (AdjustedKind.Score, Index("core_feature_usage")), (AdjustedKind.Score, Index("innovation_reserve"))],
            card.Adjustments!.Unapplied!.OrderBy(u => u.Kind).ThenBy(u => u.Indicator).ToArray());
        var plain = calc.Evaluate(ScorecardInput.FromCodes(calc.Scheme, "zhang_wei", actuals, [new("innovation_reserve", "paused")])).Value;
        Assert.Equal(plain.Total, card.Total);
    }

    [Fact]
    public void TotalRange_SumsFloorsAndCapsOfTheRemainingIndicators()
    {
        var calc = Calculator("industrial-value", "2026-10");
        var card = calc.Evaluate(ScorecardInput.FromCodes(calc.Scheme, "zhang_wei", E1Actuals())).Value;
        var expectedMax = calc.Scheme.Indicators.Sum(i => 100m * i.Weight * i.Cap);
        var expectedMin = calc.Scheme.Indicators.Sum(i => 100m * i.Weight * i.Floor);
        Assert.Equal((expectedMin, expectedMax), card.TotalRange);
        Assert.True(expectedMax > 100m);
    }
}
