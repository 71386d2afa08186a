using Yardstick.Core.Scoring;
using static Yardstick.Core.Tests.TestSchemes;

namespace Yardstick.Core.Tests.Scoring;

/// <summary>The scores of E1, E2, E6, E7 and E8 of worked-examples.md, to 6 decimals (ratios to 8).</summary>
public class WorkedExampleScoreTests
{
    [Theory]
    [InlineData("renewal_rate", 1.035294, 10.352941)]
    [InlineData("csat", 1.071429, 10.714286)]
    [InlineData("issue_closure_rate", 1.033333, 10.333333)]
    [InlineData("revenue_yoy_growth", 1.200000, 15.000000)]
    [InlineData("new_industry_cases", 0.800000, 10.000000)]
    [InlineData("defect_rate", 1.200000, 9.000000)]
    [InlineData("core_feature_usage", 0.916667, 6.875000)]
    [InlineData("rd_utilization", 0.941176, 7.058824)]
    [InlineData("sales_support_rating", 1.050000, 7.875000)]
    [InlineData("roadmap_completion", 0.933333, 7.000000)]
    [InlineData("innovation_reserve", 0.875000, 6.562500)]
    public void Evaluate_E1_IndicatorScoresAndPoints(string code, double score, double points)
    {
        var r = Evaluate(Calculator("industrial-value", "2026-10"), E1Actuals());
        var x = r.Indicator(code);
        Assert.Equal((decimal)score, R(x.Score, 6));
        Assert.Equal((decimal)points, R(x.Points, 6));
    }

    [Fact]
    public void Evaluate_E1_YtdTargetsProratedToOctober()
    {
        var calc = Calculator("industrial-value", "2026-10");
        var r = Evaluate(calc, E1Actuals());
        Assert.Equal(2.5m, r.Indicator("new_industry_cases").Target);
        Assert.Equal(0.75m, r.Indicator("roadmap_completion").Target);
        Assert.Equal(1.25m, r.Indicator("revenue_yoy_growth").Achievement);
        Assert.Equal(1.25m, r.Indicator("defect_rate").Achievement);
    }

    [Fact]
    public void Evaluate_E1_GroupsTotalGrade()
    {
        var r = Evaluate(Calculator("industrial-value", "2026-10"), E1Actuals());
        Assert.Equal(72.275560m, R(r.Group("core").Points, 6));
        Assert.Equal(28.496324m, R(r.Group("auxiliary").Points, 6));
        Assert.Equal(100.771884m, R(r.Total, 6));
        Assert.Equal("A", r.Grade);
        Assert.Equal(1.03250800m, R(r.Group("core").Achievement!.Value, 8));
        Assert.True(r.Complete);
        Assert.Empty(r.MissingCodes);
    }

    [Fact]
    public void Evaluate_E2_ZeroDefectsCapAndMissingRevenue()
    {
        var actuals = E2Actuals();
        var r = Evaluate(Calculator("industrial-value", "2026-10"), actuals);

        Assert.Equal(1.2m, r.Indicator("defect_rate").Score);
        var missing = r.Indicator("revenue_yoy_growth");
        Assert.True(missing.Missing);
        Assert.Equal(0m, missing.Score);
        Assert.Null(missing.Actual);
        Assert.False(r.Complete);
        Assert.Equal(["revenue_yoy_growth"], r.MissingCodes);
        Assert.Equal(58.150560m, R(r.Group("core").Points, 6));
        Assert.Equal(86.646884m, R(r.Total, 6));
        Assert.Equal("B", r.Grade);
        Assert.Equal(0.83072229m, R(r.Group("core").Achievement!.Value, 8));
        Assert.True(r.Group("core").ContainsMissing);
    }

    [Fact]
    public void Evaluate_E6_WaiverRenormalises()
    {
        var actuals = E2Actuals();
        var r = Evaluate(Calculator("industrial-value", "2026-10"), actuals, [new("revenue_yoy_growth", "product line paused")]);

        Assert.Equal(0.125m, r.WaivedWeight);
        Assert.Equal(0.11428571m, R(r.Indicator("renewal_rate").Weight, 8));
        Assert.Equal(0.14285714m, R(r.Indicator("new_industry_cases").Weight, 8));
        Assert.Equal(0.65714286m, R(r.Group("core").Weight, 8));
        Assert.Equal(11.831933m, R(r.Indicator("renewal_rate").Points, 6));
        Assert.Equal(11.428571m, R(r.Indicator("new_industry_cases").Points, 6));
        Assert.Equal(10.285714m, R(r.Indicator("defect_rate").Points, 6));
        Assert.Equal(66.457783m, R(r.Group("core").Points, 6));
        Assert.Equal(99.025010m, R(r.Total, 6));
        Assert.Equal("B", r.Grade);
        Assert.True(r.Complete);
        Assert.Equal(["revenue_yoy_growth"], r.WaivedCodes);
        Assert.Empty(r.MissingCodes);
        Assert.Equal(1.01131409m, R(r.Group("core").Achievement!.Value, 8));
        Assert.Equal(58.150560m, R(r.Group("core").RawPoints, 6));
        Assert.Equal("product line paused", r.WaiverReason("revenue_yoy_growth"));
    }

    [Fact]
    public void Evaluate_E7_MissingUsage()
    {
        var actuals = E1Actuals();
        actuals.Remove("core_feature_usage");
        var r = Evaluate(Calculator("industrial-value", "2026-10"), actuals);
        Assert.False(r.Complete);
        Assert.Equal(65.400560m, R(r.Group("core").Points, 6));
        Assert.Equal(93.896884m, R(r.Total, 6));
        Assert.Equal("B", r.Grade);
        Assert.Equal(0.93429372m, R(r.Group("core").Achievement!.Value, 8));
    }

    [Fact]
    public void Evaluate_E8_AllTargetsMetOneWaived_TotalsExactly100()
    {
        var calc = Calculator("industrial-value", "2026-12");
        var actuals = calc.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target);
        var r = Evaluate(calc, actuals, [new("renewal_rate", "key account churned for reasons outside the PM's control")]);
        Assert.Equal(90m, r.RawTotal);
        Assert.Equal(100m, r.Total);
        Assert.Equal("A", r.Grade);
        Assert.Equal(66.666667m, R(r.Group("core").Points, 6));
        Assert.Equal(1m, r.Group("core").Achievement);
        Assert.Equal(3m, r.Indicator("new_industry_cases").Target);
        Assert.Equal(0.90m, r.Indicator("roadmap_completion").Target);
    }
}
