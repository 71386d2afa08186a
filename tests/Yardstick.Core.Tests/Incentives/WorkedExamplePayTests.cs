using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Scoring;
using static Yardstick.Core.Tests.TestSchemes;

namespace Yardstick.Core.Tests.Incentives;

/// <summary>The pay of E1, E2, E3, E5, E6, E7 and E8 (worked-examples.md), to the fen.</summary>
public class WorkedExamplePayTests
{
    private static readonly PersonInfo ZhangWei = new("zhang_wei", 30000m, "张伟", "mes", "mes_platform");

    internal static PayoutResult Pay(ScorecardCalculator calc, IReadOnlyList<ScorecardResult> cards, IEnumerable<PersonInfo> people, Measures? measures = null, Ledger? ledger = null, IReadOnlyList<MilestoneEvent>? events = null, IReadOnlyList<AwardNomination>? awards = null, IReadOnlyDictionary<string, decimal?[]>? teamActuals = null) =>
        PayoutCalculator.Run(calc.Scheme.Plan!, calc.Period, cards, new PayoutInput(
            people.ToDictionary(p => p.Id), measures ?? new Measures(), events ?? [], awards ?? [], ledger ?? Ledger.Empty, teamActuals));

    private static PayoutLine MonthlyBonus(Dictionary<string, decimal> actuals, string period = "2026-10", IEnumerable<KeyValuePair<string, string>>? waivers = null)
    {
        var calc = Calculator("industrial-value", period);
        var card = Evaluate(calc, actuals, waivers, "zhang_wei");
        var result = Pay(calc, [card], [ZhangWei]);
        Assert.Empty(result.Problems);
        return Assert.Single(result.For("zhang_wei"));
    }

    [Fact]
    public void MonthlyBonus_E1_CurveThenUsageDeduction()
    {
        var line = MonthlyBonus(E1Actuals());
        Assert.Equal("monthly_bonus", line.Rule);
        Assert.Equal(PayoutKind.SalaryFactor, line.Kind);
        Assert.Equal(20760.38m, line.Amount.Amount);
        Assert.Equal("CNY", line.Amount.Currency);
        Assert.False(line.Provisional);
        Assert.Equal(
            "x = achievement('core') ≈ 1.03250800; monthly_bonus = 30,000.00 × curve(1.03250800) = 30,000.00 × 0.86501601 ≈ 25,950.48; "
            + "usage_deduction: core_feature_usage < 0.60 holds (core_feature_usage = 0.55) → × 0.8 ≈ 20,760.38; rounded once → 20,760.38",
            line.TraceText(Language.En));
        Assert.Contains("usage_deduction：条件 core_feature_usage < 0.60 成立（core_feature_usage = 0.55） → × 0.8 ≈ 20,760.38；最终取整一次 → 20,760.38", line.TraceText(Language.ZhCN));
    }

    [Fact]
    public void MonthlyBonus_E2_ProvisionalNoDeduction()
    {
        var actuals = E2Actuals();
        var line = MonthlyBonus(actuals);
        Assert.Equal(13843.34m, line.Amount.Amount);
        Assert.True(line.Provisional);
        Assert.Contains("usage_deduction: core_feature_usage < 0.60 does not hold (core_feature_usage = 0.62) → no change", line.TraceText(Language.En));
        Assert.Contains("provisional: reads a missing indicator", line.TraceText(Language.En));
    }

    [Fact]
    public void MonthlyBonus_E6_WaivedNotProvisional()
    {
        var actuals = E2Actuals();
        var line = MonthlyBonus(actuals, waivers: [new("revenue_yoy_growth", "paused")]);
        Assert.Equal(24678.85m, line.Amount.Amount);
        Assert.False(line.Provisional);
    }

    [Fact]
    public void MonthlyBonus_E7_MissingUsageNoDeductionProvisional()
    {
        var actuals = E1Actuals();
        actuals.Remove("core_feature_usage");
        var line = MonthlyBonus(actuals);
        Assert.Equal(20057.62m, line.Amount.Amount);
        Assert.True(line.Provisional);
        Assert.Contains("usage_deduction: core_feature_usage < 0.60 does not hold (core_feature_usage missing): it reads a missing value, the comparison is false → no change", line.TraceText(Language.En));
    }

    [Fact]
    public void MonthlyBonus_E8_TargetsMetOneWaived()
    {
        var calc = Calculator("industrial-value", "2026-12");
        var line = MonthlyBonus(calc.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target), "2026-12", [new("renewal_rate", "churn outside the PM's control")]);
        Assert.Equal(24000.00m, line.Amount.Amount);
        Assert.False(line.Provisional);
    }

    [Fact]
    public void TeamPool_E3_LargestRemainder()
    {
        var calc = Calculator("saas-team-individual", "2026");
        var points = new Dictionary<string, decimal> { ["li_na"] = 61.5m, ["wang_fang"] = 48.25m, ["chen_jie"] = 55.125m };
        var cards = points.Select(kv => Evaluate(calc, IndividualActuals(calc, kv.Value), person: kv.Key)).ToList();
        foreach (var c in cards)
            Assert.Equal(points[c.Person], c.Points("individual"));
        var measures = new Measures();
        measures.Set(MeasureScope.Team, "crm", "revenue", 12345678.90m);
        var teamActuals = new Dictionary<string, decimal?[]> { ["crm"] = TeamActual(calc, 1.05m) };
        var result = Pay(calc, cards, points.Keys.Select(p => new PersonInfo(p, null, Team: "crm")), measures, teamActuals: teamActuals);

        Assert.Empty(result.Problems);
        var lines = cards.ToDictionary(c => c.Person, c => Assert.Single(result.For(c.Person), l => l.Rule == "team_pool"));
        Assert.Equal(138151.80m, lines["li_na"].Amount.Amount);
        Assert.Equal(108387.39m, lines["wang_fang"].Amount.Amount);
        Assert.Equal(123831.18m, lines["chen_jie"].Amount.Amount);
        Assert.Equal(370370.37m, lines.Values.Sum(l => l.Amount.Amount));
        Assert.Contains("pool = 0.03 × team.revenue 12,345,678.90 = 370,370.367 → 370,370.37", lines["li_na"].TraceText(Language.En));
        Assert.Contains("share points('individual'): 61.5 of 164.875 → exact ≈ 138,151.7972, rounded down 138,151.79 + 0.01 (a fen left over by rounding down, largest remainder first) → 138,151.80", lines["li_na"].TraceText(Language.En));
    }

    [Fact]
    public void TeamPool_GoalMissed_PaysZeroLines()
    {
        var calc = Calculator("saas-team-individual", "2026");
        var cards = new[] { Evaluate(calc, IndividualActuals(calc, 60m), person: "a"), Evaluate(calc, IndividualActuals(calc, 60m), person: "b") };
        var measures = new Measures();
        measures.Set(MeasureScope.Team, "crm", "revenue", 1000000m);
        var result = Pay(calc, cards, [new("a", Team: "crm"), new("b", Team: "crm")], measures, teamActuals: new Dictionary<string, decimal?[]> { ["crm"] = TeamActual(calc, 0.9m) });
        Assert.All(cards, c => Assert.Equal(0m, Assert.Single(result.For(c.Person), l => l.Rule == "team_pool").Amount.Amount));
        Assert.Contains("team_goal_attainment >= 1.0 does not hold (team_goal_attainment = 0.9) → pool 0", result.For("a")[0].TraceText(Language.En));
    }

    [Fact]
    public void Split_E5_TiesGoToLowestIdThenEqualFallback()
    {
        var (three, _) = PoolSplit.Split(100m, [("p2", 1m), ("p1", 1m), ("p3", 1m)]);
        Assert.Equal([("p2", 33.33m), ("p1", 33.34m), ("p3", 33.33m)], three.Select(l => (l.Person, l.Amount)));

        var (six, _) = PoolSplit.Split(100m, [.. Enumerable.Range(1, 6).Select(i => ($"p{i}", 1m))]);
        Assert.Equal([16.67m, 16.67m, 16.67m, 16.67m, 16.66m, 16.66m], six.Select(l => l.Amount));

        var (zero, equal) = PoolSplit.Split(100m, [("p2", 0m), ("p1", 0m), ("p3", 0m)]);
        Assert.True(equal);
        Assert.Equal([("p2", 33.33m), ("p1", 33.34m), ("p3", 33.33m)], zero.Select(l => (l.Person, l.Amount)));
    }

    /// <summary>
    /// Actuals whose individual dimension scores exactly <paramref name="individualPoints"/>: every indicator
    /// at its target (47.5 of the individual points) except release_plan_completion (weight 0.125), which takes the rest.
    /// </summary>
    internal static Dictionary<string, decimal> IndividualActuals(ScorecardCalculator calc, decimal individualPoints)
    {
        var result = calc.Scheme.Indicators.Select((ind, i) => (ind.Code, calc.Targets[i])).ToDictionary(x => x.Code, x => x.Item2);
        result["release_plan_completion"] = 0.90m * ((individualPoints - 47.5m) / 12.5m);
        return result;
    }

    internal static decimal?[] TeamActual(ScorecardCalculator calc, decimal goalAttainment)
    {
        var team = new decimal?[calc.Scheme.Indicators.Length];
        team[calc.Scheme.IndicatorIndex("team_goal_attainment")] = goalAttainment;
        return team;
    }
}
