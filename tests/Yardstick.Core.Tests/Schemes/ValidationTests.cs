using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using static Yardstick.Core.Tests.TestSchemes;

namespace Yardstick.Core.Tests.Schemes;

/// <summary>Every validation error names the problem precisely (scoring.md §1–2, §5).</summary>
public class ValidationTests
{
    private static IReadOnlyList<Problem> Problems(Scheme scheme)
    {
        var r = CompiledScheme.Compile(scheme);
        Assert.False(r.IsSuccess);
        return r.Problems;
    }

    private static LocalizedText N(string s) => new(s, s);

    [Fact]
    public void Compile_GroupWeightsDoNotSum_NamesGroupAndBothSums()
    {
        var scheme = Single(Ind("a", 0.5m, 1m), Ind("b", 0.5m, 1m)) with
        {
            Children = [new Group("core", N("core"), 1.0m, [Ind("a", 0.4m, 1m), Ind("b", 0.5m, 1m)])],
        };
        var p = Assert.Single(Problems(scheme));
        Assert.Equal("core", p.Where.ToString());
        Assert.Equal("the weights of the children of group 'core' sum to 0.9, but the group's weight is 1.0; they must be equal", p.Message.En);
    }

    [Fact]
    public void Compile_RootWeightsDoNotSumToOne_SaysSo()
    {
        var scheme = Single(Ind("a", 0.5m, 1m), Ind("b", 0.4m, 1m));
        var p = Assert.Single(Problems(scheme));
        Assert.Equal("the top-level weights sum to 0.9; they must sum to 1.00", p.Message.En);
    }

    [Fact]
    public void Compile_WeightsWithinTolerance_Accepted()
    {
        var scheme = Single(Ind("a", 0.3333333333m, 1m), Ind("b", 0.3333333333m, 1m), Ind("c", 0.3333333334m, 1m));
        Assert.True(CompiledScheme.Compile(scheme).IsSuccess);
    }

    [Fact]
    public void Compile_DuplicateCode_NamesBothPlaces()
    {
        var scheme = Single(Ind("a", 0.5m, 1m), Ind("a", 0.5m, 1m));
        var p = Assert.Single(Problems(scheme));
        Assert.Equal("all/a", p.Where.ToString());
        Assert.Equal("duplicate code 'a': also used at all/a; codes must be unique within a scheme", p.Message.En);
    }

    [Fact]
    public void Compile_DuplicateCodeAcrossGroupAndIndicator_Rejected()
    {
        var scheme = Single(Ind("all", 1m, 1m));
        Assert.Contains(Problems(scheme), p => p.Message.En.StartsWith("duplicate code 'all'", StringComparison.Ordinal));
    }

    [Fact]
    public void Compile_RatioTargetZero_Rejected()
    {
        var p = Assert.Single(Problems(Single(Ind("x", 1m, 0m))));
        Assert.Equal("all/x", p.Where.ToString());
        Assert.Equal("a ratio indicator needs a target above 0, not 0; use rule 'linear' or 'threshold' for a target of 0", p.Message.En);
    }

    [Fact]
    public void Compile_LinearWithoutZero_Rejected()
    {
        var p = Assert.Single(Problems(Single(Ind("x", 1m, 5m, rule: RuleKind.Linear))));
        Assert.Equal("rule 'linear' needs 'zero', the actual that scores 0", p.Message.En);
    }

    [Fact]
    public void Compile_LinearLowerWithZeroBelowTarget_Rejected()
    {
        var p = Assert.Single(Problems(Single(Ind("x", 1m, 5m, Direction.Lower, RuleKind.Linear) with { Zero = 2m })));
        Assert.Equal("rule 'linear' with direction lower needs zero (2) above the target (5)", p.Message.En);
    }

    [Fact]
    public void Compile_UnsortedBands_Rejected()
    {
        var ind = Ind("x", 1m, 5m, rule: RuleKind.Bands) with { Bands = [new(1m, 0.5m), new(3m, 0.8m), new(2m, 1m)] };
        var p = Assert.Single(Problems(Single(ind)));
        Assert.Equal("bands are not sorted: band 3 starts at 2 after band 2 at 3; 'from' values must be strictly ascending (higher is better)", p.Message.En);
    }

    [Fact]
    public void Compile_LowerBandsAscending_Rejected()
    {
        var ind = Ind("x", 1m, 5m, Direction.Lower, RuleKind.Bands) with { Bands = [new(1m, 1m), new(3m, 0.5m)] };
        Assert.Contains("strictly descending (lower is better)", Assert.Single(Problems(Single(ind))).Message.En);
    }

    [Fact]
    public void Compile_UnsortedGradeBands_Rejected()
    {
        var scheme = Single(Ind("x", 1m, 1m)) with { Grades = [new("A", 100), new("S", 110), new("D", null)] };
        var p = Assert.Single(Problems(scheme));
        Assert.Equal("grades[1]", p.Where.ToString());
        Assert.Equal("grade bands are not sorted: 'S' >= 110 comes after 'A' >= 100; list grades from the highest minimum down", p.Message.En);
    }

    [Fact]
    public void Compile_UnknownNameInFormula_NamesItAndItsPosition()
    {
        var ind = Ind("x", 1m, 1m, rule: RuleKind.Formula) with { Expression = "x / 2 + revenu * 3" };
        var p = Assert.Single(Problems(Single(ind)));
        Assert.Equal("all/x.expression", p.Where.ToString());
        Assert.StartsWith("unknown name 'revenu' at position 9;", p.Message.En);
    }

    [Fact]
    public void Compile_UnknownCodeInScoreFunction_NamesItAndItsPosition()
    {
        var ind = Ind("x", 1m, 1m, rule: RuleKind.Formula) with { Expression = "score('nope') * 2" };
        var p = Assert.Single(Problems(Single(ind)));
        Assert.Equal("unknown code 'nope' at position 7 in score(); expected a code of this scheme", p.Message.En);
    }

    [Fact]
    public void Compile_UnknownFunction_NamesIt()
    {
        var ind = Ind("x", 1m, 1m, rule: RuleKind.Formula) with { Expression = "sqrt(x)" };
        Assert.Equal("unknown function 'sqrt' at position 1; expected score, achievement, points, min, max, abs, round or if", Assert.Single(Problems(Single(ind))).Message.En);
    }

    [Fact]
    public void Compile_FormulaCycle_NamesTheCycle()
    {
        var scheme = Single(
            Ind("a", 0.5m, 1m, rule: RuleKind.Formula) with { Expression = "score('b')" },
            Ind("b", 0.5m, 1m, rule: RuleKind.Formula) with { Expression = "score('a')" });
        var p = Assert.Single(Problems(scheme));
        Assert.Equal("formulas refer to each other in a cycle: a → b → a; remove one of these references", p.Message.En);
    }

    [Fact]
    public void Compile_FormulaSourceReadingItself_IsACycle()
    {
        var scheme = Single(Ind("a", 1m, 1m) with { Source = Source.Formula, Expression = "a + 1" });
        Assert.Equal("formulas refer to each other in a cycle: a → a; remove one of these references", Assert.Single(Problems(scheme)).Message.En);
    }

    [Fact]
    public void Compile_FormulaRuleReadingItsOwnActual_IsNotACycle()
    {
        var scheme = Single(Ind("a", 1m, 1m, rule: RuleKind.Formula) with { Expression = "a / 2" });
        Assert.True(CompiledScheme.Compile(scheme).IsSuccess);
    }

    [Fact]
    public void Compile_BadCode_Rejected()
    {
        var p = Assert.Single(Problems(Single(Ind("Renewal-Rate", 1m, 1m))));
        Assert.StartsWith("code 'Renewal-Rate' is not allowed; use ASCII snake_case", p.Message.En);
    }

    [Fact]
    public void Compile_EmptyGroup_Rejected()
    {
        var scheme = Single(Ind("x", 1m, 1m)) with
        {
            Children = [new Group("g", N("g"), 0m, []), Ind("x", 1m, 1m)],
        };
        Assert.Contains(Problems(scheme), p => p.Message.En == "group 'g' has no children; add indicators or remove the group");
    }

    [Fact]
    public void Compile_RatingTargetOutsideScale_Rejected()
    {
        var p = Assert.Single(Problems(Single(Ind("r", 1m, 6m, unit: Unit.Rating))));
        Assert.Equal("target 6 is outside the rating scale 1–5", p.Message.En);
    }

    [Fact]
    public void Compile_MissingName_Rejected()
    {
        var ind = Ind("x", 1m, 1m) with { Name = new LocalizedText("指标", "") };
        var p = Assert.Single(Problems(Single(ind)));
        Assert.Equal("all/x.name", p.Where.ToString());
    }

    [Fact]
    public void Compile_ManyProblems_AllReported()
    {
        var scheme = Single(Ind("x", 0.5m, 0m), Ind("y", 0.5m, 1m, rule: RuleKind.Linear)) with { FiscalYearStart = 13 };
        Assert.Equal(3, Problems(scheme).Count);
    }
}
