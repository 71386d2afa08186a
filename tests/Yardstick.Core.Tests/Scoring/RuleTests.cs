using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using static Yardstick.Core.Tests.TestSchemes;

namespace Yardstick.Core.Tests.Scoring;

/// <summary>Every rule in both directions, with hand-worked numbers (scoring.md §2).</summary>
public class RuleTests
{
    private static IndicatorResult Score(Indicator ind, decimal actual, string period = "2026-10")
    {
        var calc = ScorecardCalculator.Create(CompiledScheme.Compile(Single(ind)).Value, Period.Parse(period).Value).Value;
        return Evaluate(calc, [new(ind.Code, actual)]).Indicator(ind.Code);
    }

    [Theory]
    [InlineData(0.85, 0.85, 1.0)]
    [InlineData(0.425, 0.85, 0.5)]
    [InlineData(1.7, 0.85, 1.2)] // capped: a = 2
    [InlineData(-0.1, 0.85, 0)]  // floored: a < 0
    public void Ratio_Higher_ActualOverTarget(double actual, double target, double expected)
    {
        var r = Score(Ind("x", 1m, (decimal)target), (decimal)actual);
        Assert.Equal((decimal)expected, r.Score);
        Assert.Equal((decimal)actual / (decimal)target, r.Achievement);
    }

    [Theory]
    [InlineData(0.02, 0.01, 0.5)]
    [InlineData(0.01, 0.01, 1.0)]
    [InlineData(0.008, 0.01, 1.2)] // 1.25 capped
    [InlineData(0, 0.01, 1.2)]     // actual <= 0 gives a = cap
    [InlineData(-1, 0.01, 1.2)]
    public void Ratio_Lower_TargetOverActual(double actual, double target, double expected)
    {
        var r = Score(Ind("x", 1m, (decimal)target, Direction.Lower), (decimal)actual);
        Assert.Equal((decimal)expected, r.Score);
    }

    [Fact]
    public void Ratio_LowerWithCustomCap_ZeroActualGivesThatCap()
    {
        var r = Score(Ind("x", 1m, 5m, Direction.Lower) with { Cap = 1.5m }, 0m);
        Assert.Equal(1.5m, r.Achievement);
        Assert.Equal(1.5m, r.Score);
    }

    [Theory]
    [InlineData(Direction.Higher, 10, 10, 1)]
    [InlineData(Direction.Higher, 9.99, 10, 0)]
    [InlineData(Direction.Higher, 11, 10, 1)]
    [InlineData(Direction.Lower, 10, 10, 1)]
    [InlineData(Direction.Lower, 10.01, 10, 0)]
    [InlineData(Direction.Lower, 3, 10, 1)]
    public void Threshold_BothDirections(Direction direction, double actual, double target, double expected)
    {
        var r = Score(Ind("x", 1m, (decimal)target, direction, RuleKind.Threshold), (decimal)actual);
        Assert.Equal((decimal)expected, r.Score);
    }

    [Theory]
    [InlineData(Direction.Higher, 0.5, 0.9, 0.5, 0)]     // at zero
    [InlineData(Direction.Higher, 0.5, 0.9, 0.7, 0.5)]   // halfway
    [InlineData(Direction.Higher, 0.5, 0.9, 0.9, 1)]
    [InlineData(Direction.Higher, 0.5, 0.9, 1.0, 1.2)]   // a = 1.25 capped
    [InlineData(Direction.Higher, 0.5, 0.9, 0.3, 0)]     // a = -0.5 floored
    [InlineData(Direction.Lower, 10, 2, 6, 0.5)]          // (6-10)/(2-10)
    [InlineData(Direction.Lower, 10, 2, 2, 1)]
    [InlineData(Direction.Lower, 10, 2, 12, 0)]
    [InlineData(Direction.Lower, 10, 2, 1, 1.125)]        // (1-10)/(2-10) = 1.125 under the cap
    public void Linear_BothDirections(Direction direction, double zero, double target, double actual, double expected)
    {
        var ind = Ind("x", 1m, (decimal)target, direction, RuleKind.Linear) with { Zero = (decimal)zero };
        Assert.Equal((decimal)expected, Score(ind, (decimal)actual).Score);
    }

    [Theory]
    [InlineData(0.59, 0)]   // below every band
    [InlineData(0.6, 0.5)]
    [InlineData(0.79, 0.5)]
    [InlineData(0.8, 0.8)]
    [InlineData(0.95, 1.0)]
    [InlineData(2, 1.1)]
    public void Bands_Higher_LastBandWhoseFromIsAtMostActual(double actual, double expected)
    {
        var ind = Ind("x", 1m, 0.9m, Direction.Higher, RuleKind.Bands) with
        {
            Bands = [new(0.6m, 0.5m), new(0.8m, 0.8m), new(0.9m, 1.0m), new(1.0m, 1.1m)],
        };
        Assert.Equal((decimal)expected, Score(ind, (decimal)actual).Score);
    }

    [Theory]
    [InlineData(5.1, 0)]   // above every band
    [InlineData(5, 0.5)]
    [InlineData(3, 0.8)]
    [InlineData(2.5, 0.8)]
    [InlineData(1, 1.2)]
    public void Bands_Lower_LastBandWhoseFromIsAtLeastActual(double actual, double expected)
    {
        var ind = Ind("x", 1m, 2m, Direction.Lower, RuleKind.Bands) with
        {
            Bands = [new(5m, 0.5m), new(3m, 0.8m), new(2m, 1.0m), new(1m, 1.2m)],
        };
        Assert.Equal((decimal)expected, Score(ind, (decimal)actual).Score);
    }

    [Fact]
    public void Formula_Rule_YieldsAchievementFromExpression()
    {
        var ind = Ind("x", 1m, 10m, Direction.Higher, RuleKind.Formula) with { Expression = "if(x >= 10, 1 + (x - 10) / 20, x / 10 * 0.9)" };
        Assert.Equal(1.1m, Score(ind, 12m).Score);
        Assert.Equal(0.45m, Score(ind, 5m).Score);
    }

    [Fact]
    public void Formula_Source_ComputesActualThenScoresIt()
    {
        var scheme = Single(
            Ind("won", 0.5m, 10m, unit: Unit.Count),
            Ind("lost", 0m, 1m, unit: Unit.Count),
            Ind("win_rate", 0.5m, 0.5m, unit: Unit.Percent) with { Source = Source.Formula, Expression = "won / (won + lost)" });
        var calc = ScorecardCalculator.Create(CompiledScheme.Compile(scheme).Value, Period.Parse("2026-10").Value).Value;
        var r = Evaluate(calc, [new("won", 6m), new("lost", 4m), new("win_rate", 0.99m)]);
        Assert.Equal(0.6m, r.Indicator("win_rate").Actual);
        Assert.Equal(1.2m, r.Indicator("win_rate").Score);

        var missing = Evaluate(calc, [new("won", 6m)]);
        Assert.True(missing.Indicator("win_rate").Missing);
    }

    [Theory]
    [InlineData("2026-01", 0.25)]
    [InlineData("2026-06", 1.5)]
    [InlineData("2026-Q3", 2.25)]
    [InlineData("2026-H1", 1.5)]
    [InlineData("2026", 3)]
    public void Ytd_TargetProratedByMonthOfFiscalYear(string period, double expectedTarget)
    {
        var ind = Ind("cases", 1m, 3m, unit: Unit.Count) with { Ytd = true };
        Assert.Equal((decimal)expectedTarget, Score(ind, 1m, period).Target);
    }

    [Theory]
    [InlineData(4, "2026-04", 1)]    // April is month 1 of an April fiscal year
    [InlineData(4, "2026-03", 12)]   // March is month 12
    [InlineData(4, "2026-10", 7)]
    [InlineData(7, "2026-Q4", 6)]
    public void Ytd_FiscalYearStart_ShiftsTheMonth(int start, string period, int month)
    {
        var ind = Ind("cases", 1m, 12m, unit: Unit.Count) with { Ytd = true };
        Assert.Equal(month, ScorecardCalculator.EffectiveTarget(ind, Period.Parse(period).Value, start));
    }

    [Fact]
    public void Floor_RaisesLowScores()
    {
        var r = Score(Ind("x", 1m, 100m) with { Floor = 0.3m }, 10m);
        Assert.Equal(0.1m, r.Achievement);
        Assert.Equal(0.3m, r.Score);
        Assert.Equal(30m, r.Points);
    }

    [Theory]
    [InlineData(110, "S")]
    [InlineData(109.999999, "A")]
    [InlineData(100, "A")]
    [InlineData(99.9999999999, "B")]
    [InlineData(85, "B")]
    [InlineData(70, "C")]
    [InlineData(69.99, "D")]
    [InlineData(0, "D")]
    public void Grade_InclusiveLowerBoundOnUnroundedTotal(double total, string grade)
    {
        var calc = Calculator("industrial-value", "2026-10");
        Assert.Equal(grade, calc.GradeOf((decimal)total));
    }

    [Fact]
    public void Grade_NoBands_IsNull()
    {
        var scheme = Single(Ind("x", 1m, 1m)) with { Grades = [] };
        var calc = ScorecardCalculator.Create(CompiledScheme.Compile(scheme).Value, Period.Parse("2026-10").Value).Value;
        Assert.Null(Evaluate(calc, [new("x", 1m)]).Grade);
    }

    [Fact]
    public void Waiver_EveryIndicator_IsRejected()
    {
        var calc = Calculator("industrial-value", "2026-10");
        var all = calc.Scheme.Indicators.Select(i => new KeyValuePair<string, string>(i.Code, "test"));
        var r = calc.Evaluate(ScorecardInput.FromCodes(calc.Scheme, "p1", [], all));
        Assert.False(r.IsSuccess);
        Assert.Contains("every indicator is waived", r.Problems[0].Message.En);
    }

    [Fact]
    public void Waiver_WholeGroup_GroupIsWaived()
    {
        var calc = Calculator("industrial-value", "2026-12");
        var actuals = calc.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target);
        var r = Evaluate(calc, actuals, [new("defect_rate", "a"), new("core_feature_usage", "b")]);
        Assert.True(r.Group("quality").Waived);
        Assert.Null(r.Group("quality").Achievement);
        Assert.Equal(100m, r.Total);
        Assert.Equal(0.15m, r.WaivedWeight);
    }

    [Fact]
    public void Waiver_OverridesAnActualThatIsPresent()
    {
        var calc = Calculator("industrial-value", "2026-10");
        var r = Evaluate(calc, E1Actuals(), [new("revenue_yoy_growth", "acquisition distorts YoY")]);
        var x = r.Indicator("revenue_yoy_growth");
        Assert.True(x.Waived);
        Assert.False(x.Missing);
        Assert.Equal(0m, x.Points);
        Assert.Equal(0.25m, x.Actual);
    }

    [Fact]
    public void Period_ShorterThanScheme_IsRejected()
    {
        var r = ScorecardCalculator.Create(Compiled("crossborder-growth"), Period.Parse("2026-10").Value);
        Assert.False(r.IsSuccess);
        Assert.Equal("period 2026-10 is a month, shorter than the quarter of scheme crossborder-growth; use a quarter or a longer period", r.Problems[0].Message.En);
    }

    [Fact]
    public void Period_LongerThanScheme_IsAccepted()
    {
        Assert.True(ScorecardCalculator.Create(Compiled("industrial-value"), Period.Parse("2026").Value).IsSuccess);
    }
}
