using Yardstick.Core.Common;
using Yardstick.Core.Expressions;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using static Yardstick.Core.Tests.TestSchemes;

namespace Yardstick.Core.Tests.Expressions;

/// <summary>The expression language of scoring.md §5 on top of NCalc's parser.</summary>
public class FormulaTests
{
    private static readonly CompiledScheme Scheme = Compiled("industrial-value");

    private static Formula Compile(string text, bool? condition = null) =>
        Formula.Compile(text, "test", Scheme.Symbols, condition).Value;

    private static XValue Eval(string text, Dictionary<string, decimal>? actuals = null, Func<string, decimal?>? names = null)
    {
        var calc = ScorecardCalculator.Create(Scheme, Period.Parse("2026-10").Value).Value;
        var r = Evaluate(calc, actuals ?? E1Actuals());
        return Compile(text).Evaluate(r.Scope(names));
    }

    [Theory]
    [InlineData("0.1 + 0.2", "0.3")]
    [InlineData("round(2.5)", "3")]
    [InlineData("round(-2.5)", "-3")]
    [InlineData("round(1.005, 2)", "1.01")]
    [InlineData("10 / 4", "2.5")]
    [InlineData("1 / 3", "0.3333333333333333333333333333")]
    [InlineData("min(3, 1, 2) + max(1, 5) + abs(-2)", "8")]
    [InlineData("if(1 > 2, 10, 20)", "20")]
    [InlineData("1 > 2 ? 10 : 20", "20")]
    [InlineData("7 % 4", "3")]
    public void Evaluate_DecimalArithmetic(string text, string expected)
    {
        var v = Eval(text);
        Assert.Equal(XKind.Number, v.Kind);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), v.Number);
    }

    [Fact]
    public void Evaluate_FunctionsReadTheScorecard()
    {
        Assert.Equal(1.03250800m, R(Eval("achievement('core')").Number, 8));
        Assert.Equal(72.275560m, R(Eval("points('core')").Number, 6));
        Assert.Equal(1.2m, Eval("score('revenue_yoy_growth')").Number);
        Assert.Equal(0.55m, Eval("core_feature_usage").Number);
        Assert.True(Eval("core_feature_usage < 0.60").IsTrue);
    }

    [Fact]
    public void Evaluate_ComparisonReadingMissing_IsFalse()
    {
        var actuals = E1Actuals();
        actuals.Remove("core_feature_usage");
        var calc = ScorecardCalculator.Create(Scheme, Period.Parse("2026-10").Value).Value;
        var scope = Evaluate(calc, actuals).Scope();
        Assert.False(Compile("core_feature_usage < 0.60").Evaluate(scope).IsTrue);
        Assert.False(Compile("core_feature_usage >= 0.60").Evaluate(scope).IsTrue);
        Assert.True(scope.ReadMissing);
        Assert.Equal(XKind.Missing, Compile("core_feature_usage * 2").Evaluate(scope).Kind);
        Assert.Equal(0.5m, Compile("core_feature_usage ?? 0.5").Evaluate(scope).Number);
    }

    [Fact]
    public void Evaluate_AchievementOfGroupWithMissing_SetsReadMissing()
    {
        var actuals = E1Actuals();
        actuals.Remove("core_feature_usage");
        var calc = ScorecardCalculator.Create(Scheme, Period.Parse("2026-10").Value).Value;
        var r = Evaluate(calc, actuals);
        var scope = r.Scope();
        Assert.Equal(0.93429372m, R(Compile("achievement('core')").Evaluate(scope).Number, 8));
        Assert.True(scope.ReadMissing);
        var other = r.Scope();
        Compile("achievement('auxiliary')").Evaluate(other);
        Assert.False(other.ReadMissing);
    }

    [Fact]
    public void Evaluate_DottedNamesAndBaseSalary_ReadFromScope()
    {
        var names = new Dictionary<string, decimal> { ["team.revenue"] = 1000m, ["base_salary"] = 30000m };
        Assert.Equal(30m, Eval("0.03 * team.revenue", names: n => names.TryGetValue(n, out var v) ? v : null).Number);
        Assert.Equal(9000m, Eval("0.30 * base_salary", names: n => names.TryGetValue(n, out var v) ? v : null).Number);
        Assert.Equal(XKind.Missing, Eval("product.gmv - 1", names: _ => null).Kind);
    }

    [Fact]
    public void Compile_ExpectsCondition_RejectsNumber()
    {
        var r = Formula.Compile("core_feature_usage * 2", "when", Scheme.Symbols, expectCondition: true);
        Assert.Equal("'core_feature_usage * 2' yields a number; a condition (true or false) is expected here, e.g. x >= 0.6", Assert.Single(r.Problems).Message.En);
    }

    [Fact]
    public void Compile_ArithmeticOnCondition_Rejected()
    {
        var r = Formula.Compile("1 + (csat > 4)", "x", Scheme.Symbols, null);
        Assert.Contains("arithmetic needs a number", Assert.Single(r.Problems).Message.En);
    }

    [Fact]
    public void Compile_SyntaxError_Rejected()
    {
        var r = Formula.Compile("csat + * 2", "rules[0].amount", Scheme.Symbols, null);
        var p = Assert.Single(r.Problems);
        Assert.Equal("rules[0].amount", p.Where.ToString());
        Assert.StartsWith("cannot parse 'csat + * 2'", p.Message.En);
    }

    [Fact]
    public void Compile_GroupAsName_SuggestsAchievement()
    {
        var r = Formula.Compile("core > 1", "x", Scheme.Symbols, null);
        Assert.Equal("'core' at position 1 is a group; use achievement('core') or points('core')", Assert.Single(r.Problems).Message.En);
    }

    [Fact]
    public void Compile_ScoreOfGroup_Rejected()
    {
        var r = Formula.Compile("score('core')", "x", Scheme.Symbols, null);
        Assert.Contains("'core' is a group; score() takes an indicator", Assert.Single(r.Problems).Message.En);
    }

    [Fact]
    public void Compile_RecordsReferences()
    {
        var f = Compile("achievement('core') > 1 && core_feature_usage >= 0.6 && team.revenue > 0 && base_salary > 0");
        Assert.Equal(["core_feature_usage"], f.ActualCodes);
        Assert.Equal(["core"], f.ScoreCodes);
        Assert.Equal(["team.revenue", "base_salary"], f.FreeNames);
        Assert.True(f.IsCondition);
    }

    [Fact]
    public void Evaluate_DivisionByZero_IsMissing()
    {
        Assert.Equal(XKind.Missing, Eval("1 / (csat - 4.5)").Kind);
    }

    [Fact]
    public void Compile_TenThousandPlusTerms_RefusedBeforeParsingNamingTheLimit()
    {
        var text = string.Join(" + ", Enumerable.Repeat("csat", 10_000));

        var r = Formula.Compile(text, "plan.rules[0] (monthly_bonus).amount", Scheme.Symbols, null);

        var p = Assert.Single(r.Problems);
        Assert.Equal("plan.rules[0] (monthly_bonus).amount", p.Where.ToString());
        Assert.Equal("the expression has 69,997 characters; an expression may have at most 2,000: split it into formula indicators, or read a group's achievement()/points() instead of adding its indicators one by one", p.Message.En);
        Assert.Contains("最多 2,000 个字符", p.Message.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_TwentyThousandUnaryMinusSigns_RefusedBeforeParsing()
    {
        var r = Formula.Compile(new string('-', 20_000) + "1", "core/x.expression", Scheme.Symbols, null);

        Assert.Equal("core/x.expression: the expression has 20,001 characters; an expression may have at most 2,000: split it into formula indicators, or read a group's achievement()/points() instead of adding its indicators one by one",
            Assert.Single(r.Problems).ToString());
    }

    [Theory]
    [InlineData("(((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))", 35)]
    [InlineData("- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - 1", 40)]
    [InlineData("-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(1))))))))))))))))))", 36)]
    [InlineData("1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1 > 0 ? 1 : 1", 33)]
    public void Compile_NestedDeeperThanTheLimit_RefusedNamingDepthAndLimit(string text, int depth)
    {
        var r = Formula.Compile(text, "x", Scheme.Symbols, null);

        Assert.Equal($"the expression nests {depth} levels deep (parentheses, function calls, signs or ! before a value, conditionals ?); at most 32 are allowed", Assert.Single(r.Problems).Message.En);
    }

    [Theory]
    [InlineData("1 + 2 - 3", 0)]
    [InlineData("-csat + -(2 * -1)", 3)]
    [InlineData("if(csat > 4, min(1, 2), -abs(-3))", 4)]
    [InlineData("a != b && !(c) ? 1 : 2", 2)]
    [InlineData("'(((' + [team.x(((]", 0)]
    public void NestingDepth_CountsParenthesesPrefixesAndConditionals(string text, int depth) =>
        Assert.Equal(depth, Formula.NestingDepth(text));

    [Fact]
    public void Compile_AtTheLimits_CompilesAndEvaluatesOnASmallStack()
    {
        // the longest sum accepted (1,000 terms in 1,999 characters) and the deepest nesting accepted, on a 1 MiB stack
        var longest = "1" + string.Concat(Enumerable.Repeat("+1", 999));
        var deepest = new string('(', 16) + string.Concat(Enumerable.Repeat("-", 16)) + "csat" + new string(')', 16);
        Assert.Equal((1_999, 32), (longest.Length, Formula.NestingDepth(deepest)));
        (XValue Long, XValue Deep)? values = null;
        var thread = new Thread(() => values = (Eval(longest), Eval(deepest)), 1 << 20);
        thread.Start();
        thread.Join();

        Assert.Equal(1000m, values!.Value.Long.Number);
        Assert.Equal(4.5m, values.Value.Deep.Number);
    }
}
