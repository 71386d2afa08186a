using Yardstick.Core.Common;
using Yardstick.Core.Scoring;
using static Yardstick.Core.Tests.TestSchemes;

namespace Yardstick.Core.Tests.Scoring;

/// <summary>Traces explain every number in zh-CN and en (scoring.md §9).</summary>
public class ScorecardTraceTests
{
    private static ScorecardResult E1() => Evaluate(Calculator("industrial-value", "2026-10"), E1Actuals(), person: "zhang_wei");

    [Fact]
    public void Indicator_RatioHigher_ShowsInputsRuleAndValues_En()
    {
        var r = E1();
        var lines = ScorecardTrace.Indicator(r, r.Scheme.IndicatorIndex("renewal_rate"), Language.En);
        Assert.Equal(
            [
                "renewal_rate — Key-account renewal rate: weight 0.10, higher is better, rule ratio",
                "  actual 0.88, target 0.85",
                "  a = actual / target = 0.88 / 0.85 ≈ 1.03529412",
                "  s = clamp(a, floor 0, cap 1.2) ≈ 1.03529412",
                "  points = 100 × 0.10 × s ≈ 10.352941",
            ],
            lines);
    }

    [Fact]
    public void Indicator_YtdAndCap_Zh()
    {
        var r = E1();
        var cases = ScorecardTrace.Indicator(r, r.Scheme.IndicatorIndex("new_industry_cases"), Language.ZhCN);
        Assert.Equal("  实际值 2，目标值 2.5（年累计：年度目标 3 × 10 / 12）", cases[1]);
        var defects = ScorecardTrace.Indicator(r, r.Scheme.IndicatorIndex("defect_rate"), Language.ZhCN);
        Assert.Equal("  达成率 a = 目标值 / 实际值 = 0.01 / 0.008 = 1.25", defects[2]);
        Assert.Equal("  得分 s = clamp(a, 下限 0, 上限 1.2) = 1.2（封顶）", defects[3]);
    }

    [Fact]
    public void Render_E6_ShowsWaiverAndRenormalisation()
    {
        var actuals = E1Actuals();
        actuals["defect_rate"] = 0m;
        actuals["core_feature_usage"] = 0.62m;
        var r = Evaluate(Calculator("industrial-value", "2026-10"), actuals, [new("revenue_yoy_growth", "产品线暂停")]);
        var en = ScorecardTrace.Render(r, Language.En);
        Assert.Contains("Waived weight W = 0.125: every remaining weight and points are divided by 1 − W = 0.875", en);
        Assert.Contains("waived (reason: 产品线暂停)", en);
        Assert.Contains("re-normalised: weight 0.10 / 0.875 ≈ 0.11428571, points ≈ 10.352941 / 0.875 ≈ 11.831933", en);
        Assert.Contains("actual 0 <= 0 on a lower-is-better ratio → a = cap = 1.2", en);
        Assert.Contains("total = ≈ 86.646884 / 0.875 ≈ 99.025010 (shown 99.02) → grade B (B >= 85)", en);
        var zh = ScorecardTrace.Render(r, Language.ZhCN);
        Assert.Contains("已豁免（原因：产品线暂停）", zh);
        Assert.Contains("等级 B（B ≥ 85）", zh);
    }

    [Fact]
    public void Render_Missing_SaysIncomplete()
    {
        var actuals = E1Actuals();
        actuals.Remove("core_feature_usage");
        var r = Evaluate(Calculator("industrial-value", "2026-10"), actuals);
        var en = ScorecardTrace.Render(r, Language.En);
        Assert.Contains("target 0.6; actual missing → s = 0, points 0; the scorecard is incomplete until it is entered or waived", en);
        Assert.Contains("incomplete, missing: core_feature_usage", en);
        Assert.Contains("core — Core indicators: points ≈ 65.400560 (sum of its children), A = ≈ 65.400560 / (100 × 0.7) ≈ 0.93429372; contains a missing indicator", en);
    }

    [Theory]
    [InlineData(84.999, "84.99")]
    [InlineData(85, "85.00")]
    [InlineData(-0.001, "-0.01")]
    public void ShowScore_TruncatesTowardMinusInfinity(double total, string shown) =>
        Assert.Equal(shown, TraceFormat.ShowScore((decimal)total));

    [Theory]
    [InlineData("84.999999", "84.99")]
    [InlineData("100.77188375350140056022408964", "100.77")]
    [InlineData("85", "85")]
    [InlineData("-0.001", "-0.01")]
    [InlineData("-12.345", "-12.35")]
    public void TruncateScore_TowardMinusInfinityToTwoDecimals(string score, string truncated) =>
        Assert.Equal(Dec(truncated), TraceFormat.TruncateScore(Dec(score)));

    private static decimal Dec(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(20760.384, "≈ 20,760.38")]
    [InlineData(24000, "24,000.00")]
    [InlineData(0.005, "≈ 0.01")]
    public void Money_TwoDecimalsWithApproxMark(double amount, string shown) =>
        Assert.Equal(shown, TraceFormat.Money((decimal)amount));
}
