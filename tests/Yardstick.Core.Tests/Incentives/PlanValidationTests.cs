using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using static Yardstick.Core.Tests.TestSchemes;

namespace Yardstick.Core.Tests.Incentives;

/// <summary>Bad plans are rejected with precise messages.</summary>
public class PlanValidationTests
{
    private static LocalizedText N(string s) => new(s, s);

    private static Problem Single(params PayoutRule[] rules) => SingleFor(new Plan("CNY", rules, []));

    private static Problem SingleFor(Plan plan)
    {
        var scheme = TestSchemes.Single(Ind("x", 0.5m, 1m), Ind("t", 0.5m, 1m) with { Scope = Scope.Team }) with { Plan = plan };
        var r = CompiledScheme.Compile(scheme);
        Assert.False(r.IsSuccess);
        return Assert.Single(r.Problems);
    }

    [Fact]
    public void Curve_XNotIncreasing_Rejected()
    {
        var p = Single(new SalaryFactorRule("bonus", N("b"), null, "x", [new(0.6m, 0m), new(1.2m, 1.2m), new(1.0m, 0.8m)]));
        Assert.Equal("plan.rules[0] (bonus).curve", p.Where.ToString());
        Assert.Equal("curve points are not sorted: point 3 has x = 1.0 after x = 1.2; x must be strictly increasing", p.Message.En);
    }

    [Fact]
    public void Curve_YFalling_Rejected()
    {
        var p = Single(new SalaryFactorRule("bonus", N("b"), null, "x", [new(0.6m, 0.5m), new(1.0m, 0.4m)]));
        Assert.Equal("the curve falls: point 2 has y = 0.4 after y = 0.5; y must not decrease", p.Message.En);
    }

    [Fact]
    public void Award_MinAboveMax_Rejected()
    {
        var p = Single(new AwardRule("award", N("a"), PeriodKind.Year, 200000m, 100000m, false));
        Assert.Equal("award range 200000–100000 is not valid; expected 0 <= min <= max", p.Message.En);
    }

    [Fact]
    public void Pool_WithoutMeasure_Rejected()
    {
        var p = Single(new PoolRule("pool", N("p"), PeriodKind.Year, 0.03m, "", null, null));
        Assert.Equal("plan.rules[0] (pool).measure", p.Where.ToString());
        Assert.Equal("a pool needs a measure, e.g. team.revenue (pool = rate × measure)", p.Message.En);
    }

    [Fact]
    public void Pool_ConditionOnPersonIndicator_Rejected()
    {
        var p = Single(new PoolRule("pool", N("p"), PeriodKind.Year, 0.03m, "team.revenue", "x >= 1 && t >= 1", null));
        Assert.Equal("a pool's when is evaluated once per team and may read team indicators and team.* measures only; it reads x", p.Message.En);
    }

    [Fact]
    public void Adjustment_UnknownTarget_Rejected()
    {
        var p = Single(new AdjustmentRule("cut", N("c"), "bonus", "x < 1", 0.8m));
        Assert.Equal("'bonus' is not a rule listed before this adjustment; an adjustment changes the line of an earlier rule", p.Message.En);
    }

    [Fact]
    public void Expression_UnknownName_NamesRuleFieldAndPosition()
    {
        var p = Single(new FixedRule("f", N("f"), null, "0.3 * base_salry", null));
        Assert.Equal("plan.rules[0] (f).amount", p.Where.ToString());
        Assert.StartsWith("unknown name 'base_salry' at position 7", p.Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Condition_ThatIsANumber_Rejected()
    {
        var p = Single(new FixedRule("f", N("f"), null, "100", "x * 2"));
        Assert.Equal("'x * 2' yields a number; a condition (true or false) is expected here, e.g. x >= 0.6", p.Message.En);
    }

    [Fact]
    public void Currency_NotIso_Rejected()
    {
        var p = SingleFor(new Plan("RMB1", [], []));
        Assert.Equal("'RMB1' is not an ISO 4217 currency code; expected three capital letters such as CNY, USD, EUR", p.Message.En);
    }

    [Fact]
    public void Frequency_ShorterThanScheme_Rejected()
    {
        var scheme = Compiled("crossborder-growth").Scheme;
        var bad = scheme with { Plan = scheme.Plan! with { Rules = [new FixedRule("f", N("f"), PeriodKind.Month, "1", null)] } };
        var p = Assert.Single(CompiledScheme.Compile(bad).Problems);
        Assert.Equal("frequency month is shorter than the scheme's period (quarter); use quarter or longer", p.Message.En);
    }

    [Fact]
    public void ProfitShare_Monthly_Rejected()
    {
        var p = Single(new ProfitShareRule("ps", N("p"), PeriodKind.Month, 3, 0.05m, 0.08m));
        Assert.Equal("a profit share is paid in yearly runs; set frequency to year", p.Message.En);
    }

    [Fact]
    public void DuplicateRuleCode_Rejected()
    {
        var p = Single(new FixedRule("f", N("f"), null, "1", null), new FixedRule("f", N("f"), null, "2", null));
        Assert.Equal("duplicate rule code 'f'", p.Message.En);
    }

    [Fact]
    public void CareerTrack_UnknownGrade_Rejected()
    {
        var p = SingleFor(new Plan("CNY", [], [new CareerTrack("up", N("a"), N("b"), "AA", 3, 4, [])]));
        Assert.Equal("grade 'AA' is not one of the scheme's grades (S, A, B, C, D)", p.Message.En);
    }

    [Fact]
    public void PlanInSchemeFile_ParsedAndWrittenBack()
    {
        var doc = Yardstick.Core.Templates.TemplateCatalog.Find("saas-team-individual").Value.Document;
        var json = SchemeJson.Write(doc);
        Assert.Contains("\"kind\": \"recognition\"", json, StringComparison.Ordinal);
        var again = SchemeJson.Parse(json, "t.json").Value.Schemes[0];
        Assert.Equal(doc.Schemes[0].Plan!.Rules.Select(r => (r.Code, r.Kind, r.Frequency)), again.Plan!.Rules.Select(r => (r.Code, r.Kind, r.Frequency)));
        var bad = json.Replace("\"kind\": \"recognition\"", "\"kind\": \"bonus\"", StringComparison.Ordinal);
        Assert.Contains("$.plan.rules[4].kind", SchemeJson.Parse(bad, "t.json").Problems[0].Message.En, StringComparison.Ordinal);
    }
}
