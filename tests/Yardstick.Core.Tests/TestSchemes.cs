using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using Yardstick.Core.Templates;

namespace Yardstick.Core.Tests;

/// <summary>Helpers shared by the tests: templates, compiled schemes and one-line scorecards.</summary>
internal static class TestSchemes
{
    public static CompiledScheme Compiled(string templateId) =>
        CompiledScheme.Compile(TemplateCatalog.Find(templateId).Value.Document.Schemes[0]).Value;

    public static ScorecardCalculator Calculator(string templateId, string period) =>
        ScorecardCalculator.Create(Compiled(templateId), Period.Parse(period).Value).Value;

    public static ScorecardResult Evaluate(
        ScorecardCalculator calc,
        IEnumerable<KeyValuePair<string, decimal>> actuals,
        IEnumerable<KeyValuePair<string, string>>? waivers = null,
        string person = "p1") =>
        calc.Evaluate(ScorecardInput.FromCodes(calc.Scheme, person, actuals, waivers)).Value;

    /// <summary>E1's actuals (worked-examples.md).</summary>
    public static Dictionary<string, decimal> E1Actuals() => new()
    {
        ["renewal_rate"] = 0.88m,
        ["csat"] = 4.5m,
        ["issue_closure_rate"] = 0.93m,
        ["revenue_yoy_growth"] = 0.25m,
        ["new_industry_cases"] = 2m,
        ["defect_rate"] = 0.008m,
        ["core_feature_usage"] = 0.55m,
        ["rd_utilization"] = 0.80m,
        ["sales_support_rating"] = 4.2m,
        ["roadmap_completion"] = 0.70m,
        ["innovation_reserve"] = 3.5m,
    };

    /// <summary>E2's actuals: E1 with defect_rate 0, core_feature_usage 0.62 and revenue_yoy_growth not entered.</summary>
    public static Dictionary<string, decimal> E2Actuals()
    {
        var actuals = E1Actuals();
        actuals["defect_rate"] = 0m;
        actuals["core_feature_usage"] = 0.62m;
        actuals.Remove("revenue_yoy_growth");
        return actuals;
    }

    /// <summary>A scheme with one group and the given indicators, weights summing to 1.</summary>
    public static Scheme Single(params Indicator[] indicators) => new(
        "test", 1, new LocalizedText("测试", "Test"), PeriodKind.Month, 1,
        [new Group("all", new LocalizedText("全部", "All"), indicators.Sum(i => i.Weight), indicators)],
        [new GradeBand("S", 110), new GradeBand("A", 100), new GradeBand("B", 85), new GradeBand("C", 70), new GradeBand("D", null)]);

    public static Indicator Ind(string code, decimal weight, decimal target, Direction direction = Direction.Higher, RuleKind rule = RuleKind.Ratio, Unit unit = Unit.Number) =>
        new(code, new LocalizedText(code, code), weight, unit, direction, target, rule);

    public static decimal R(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
