using Yardstick.Core.Calibration;
using Yardstick.Core.Common;

namespace Yardstick.Core.Tests.Calibration;

/// <summary>review.md R4's distribution rule: its counts, its validation and its stored JSON.</summary>
public class DistributionRuleTests
{
    private static readonly string[] Sabcd = ["S", "A", "B", "C", "D"];

    /// <summary>R4's example: S max 10%, A max 25%, D min 5%, enforce.</summary>
    internal static readonly DistributionRule R4 = new(DistributionMode.Enforce, [new("S", 0.10m, null), new("A", 0.25m, null), new("D", null, 0.05m)]);

    [Theory]
    // R4: in a group of 12, S at most 1, A at most 3, D at least 1; in a group of 4, S at most 0
    [InlineData(0.10, 12, 1)]
    [InlineData(0.25, 12, 3)]
    [InlineData(0.05, 12, 1)]
    [InlineData(0.10, 4, 0)]
    // half a person rounds up: 10% of 15 = 1.5 → 2, 10% of 5 = 0.5 → 1; 1.49 → 1
    [InlineData(0.10, 15, 2)]
    [InlineData(0.25, 15, 4)]
    [InlineData(0.05, 15, 1)]
    [InlineData(0.25, 4, 1)]
    [InlineData(0.10, 5, 1)]
    [InlineData(0.05, 9, 0)]
    [InlineData(0.05, 10, 1)]
    [InlineData(0.149, 10, 1)]
    [InlineData(0.15, 10, 2)]
    [InlineData(0, 12, 0)]
    [InlineData(1, 12, 12)]
    [InlineData(0.25, 0, 0)]
    public void Count_ShareOfGroup_FloorOfSharePlusHalf(decimal share, int size, int expected) =>
        Assert.Equal(expected, DistributionRule.Count(share, size));

    [Fact]
    public void AllowedMaxAndRequiredMin_R4RuleInGroupsOf12And4_R4Counts()
    {
        Assert.Equal([1, 3, null], R4.Grades.Select(g => g.AllowedMax(12)));
        Assert.Equal([null, null, 1], R4.Grades.Select(g => g.RequiredMin(12)));
        Assert.Equal(0, R4.Grades[0].AllowedMax(4));
    }

    [Fact]
    public void Validate_R4Rule_NoProblems() => Assert.Empty(R4.Validate(Sabcd));

    [Theory]
    [InlineData(1.5, null, "distribution.grades.S.max", "the share 1.5 is out of range; expected a number from 0 to 1, e.g. 0.10 for 10%")]
    [InlineData(-0.1, null, "distribution.grades.S.max", "the share -0.1 is out of range")]
    [InlineData(null, 1.01, "distribution.grades.S.min", "the share 1.01 is out of range")]
    [InlineData(0.10, 0.20, "distribution.grades.S.min", "the grade S has min 0.2 above its max 0.1; the min may not exceed the max")]
    [InlineData(null, null, "distribution.grades.S", "the grade S needs a max or a min share (or both) between 0 and 1, e.g. 0.10")]
    public void Validate_BadShares_LocatedProblem(double? max, double? min, string field, string en)
    {
        var rule = new DistributionRule(DistributionMode.Guide, [new("S", (decimal?)max, (decimal?)min)]);
        var problem = Assert.Single(rule.Validate(Sabcd));
        Assert.Equal(field, problem.Where.Field);
        Assert.StartsWith(en, problem.Text(Language.En));
        Assert.Equal(ProblemKind.Invalid, problem.Kind);
    }

    [Fact]
    public void Validate_MinEqualToMax_Accepted() =>
        Assert.Empty(new DistributionRule(DistributionMode.Guide, [new("B", 0.5m, 0.5m)]).Validate(Sabcd));

    [Fact]
    public void Validate_GradeTheSchemeLacks_NamesTheSchemesGrades()
    {
        var rule = new DistributionRule(DistributionMode.Enforce, [new("S", 0.1m, null), new("E", null, 0.05m)]);
        var problem = Assert.Single(rule.Validate(Sabcd));
        Assert.Equal("distribution.grades.E", problem.Where.Field);
        Assert.Equal("the scheme has no grade E; expected one of S, A, B, C, D", problem.Text(Language.En));
        Assert.Equal("方案没有等级 E；应为 S、A、B、C、D 之一", problem.Text(Language.ZhCN));
    }

    [Fact]
    public void Validate_GradesAreCaseSensitive_LowercaseRefused() =>
        Assert.Equal("distribution.grades.s", Assert.Single(new DistributionRule(DistributionMode.Enforce, [new("s", 0.1m, null)]).Validate(Sabcd)).Where.Field);

    [Fact]
    public void Validate_SchemeWithoutGrades_EachGradeSaysSo() =>
        Assert.Equal(
            ["distribution.grades.S: the scheme has no grades, so the distribution of grade S cannot be limited; remove the rule or give the scheme grades",
             "distribution.grades.A: the scheme has no grades, so the distribution of grade A cannot be limited; remove the rule or give the scheme grades",
             "distribution.grades.D: the scheme has no grades, so the distribution of grade D cannot be limited; remove the rule or give the scheme grades"],
            R4.Validate([]).Select(p => p.Format(Language.En)));

    [Fact]
    public void Validate_NoSchemeKnown_GradesNotChecked()
    {
        var rule = new DistributionRule(DistributionMode.Enforce, [new("E", 0.1m, null)]);
        Assert.Empty(rule.Validate(null));
        Assert.Single(rule.Validate(Sabcd));
    }

    [Fact]
    public void Validate_GradeGivenTwice_Refused()
    {
        var rule = new DistributionRule(DistributionMode.Enforce, [new("S", 0.1m, null), new("S", 0.2m, null)]);
        Assert.Equal("the grade S is given more than once; give each grade once", Assert.Single(rule.Validate(Sabcd)).Text(Language.En));
    }

    [Fact]
    public void Validate_MinSharesAboveOne_Refused()
    {
        var rule = new DistributionRule(DistributionMode.Enforce, [new("C", null, 0.6m), new("D", null, 0.45m)]);
        var problem = Assert.Single(rule.Validate(Sabcd));
        Assert.Equal("distribution.grades", problem.Where.Field);
        Assert.Equal("the grades' min shares add up to 1.05, more than 1 (100%); they may add up to at most 1", problem.Text(Language.En));
    }

    [Fact]
    public void Validate_OwnField_ProblemsLocatedThere() =>
        Assert.Equal("settings.distribution.grades.S.max",
            Assert.Single(new DistributionRule(DistributionMode.Enforce, [new("S", 2m, null)]).Validate(Sabcd, "settings.distribution")).Where.Field);

    [Fact]
    public void Validate_EveryProblem_HasADifferentChineseText()
    {
        var rule = new DistributionRule(DistributionMode.Enforce,
            [new("S", 2m, null), new("S", 0.2m, 0.3m), new("E", null, null), new("C", null, 0.9m)]);
        var problems = rule.Validate(Sabcd).Concat(R4.Validate([])).ToList();
        Assert.Equal(9, problems.Count);
        Assert.All(problems, p => Assert.NotEqual(p.Text(Language.En), p.Text(Language.ZhCN)));
        Assert.All(problems, p => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", p.Text(Language.ZhCN)));
    }

    [Fact]
    public void Parse_R4Json_TheR4Rule()
    {
        var rule = DistributionRuleJson.Parse("""{"mode":"enforce","grades":{"S":{"max":0.10},"A":{"max":0.25},"D":{"min":0.05}}}""").Value;
        Assert.Equal(DistributionMode.Enforce, rule.Mode);
        Assert.Equal(R4.Grades, rule.Grades);
        Assert.Empty(rule.Validate(Sabcd));
    }

    [Fact]
    public void Write_R4Rule_CompactCanonicalInTheRulesOrder() =>
        Assert.Equal("""{"mode":"enforce","grades":{"S":{"max":0.1},"A":{"max":0.25},"D":{"min":0.05}}}""", DistributionRuleJson.Write(R4));

    [Fact]
    public void ParseWrite_GuideWithMinAndMax_RoundTrips()
    {
        const string json = """{"mode":"guide","grades":{"D":{"max":0.2,"min":0.05},"B":{"max":1}}}""";
        Assert.Equal(json, DistributionRuleJson.Write(DistributionRuleJson.Parse(json).Value));
    }

    [Fact]
    public void Parse_OutOfRangeShare_ParsedThenRefusedByValidate()
    {
        var rule = DistributionRuleJson.Parse("""{"mode":"enforce","grades":{"S":{"max":10}}}""").Value;
        Assert.Equal("distribution.grades.S.max", Assert.Single(rule.Validate(Sabcd)).Where.Field);
    }

    [Theory]
    [InlineData("""{"grades":{}}""", "distribution.mode", "the rule's mode is required: enforce (approval is refused while it is broken) or guide (shown only)")]
    [InlineData("""{"mode":"enforce"}""", "distribution.grades", "the grades and their shares are required")]
    [InlineData("""{"mode":"enforce","grades":{"S":null}}""", "distribution.grades.S", "the grade S needs an object")]
    [InlineData("""{"mode":"strict","grades":{}}""", "distribution", "expected one of enforce, guide")]
    [InlineData("""{"mode":"enforce","grades":{"S":{"max":"10%"}}}""", "distribution", "expected a number, e.g. 0.85 (at $.grades.S.max)")]
    [InlineData("""{"mode":"enforce","grades":{"S":{"maximum":0.1}}}""", "distribution", "unknown field 'maximum' (at $.grades.S.maximum); expected one of max, min")]
    [InlineData("""{"mode":"enforce","mode":"guide","grades":{}}""", "distribution", "the field 'mode' is given more than once")]
    [InlineData("""{"mode":"enforce","grades":{"S":{"max":0.1},"S":{"max":0.2}}}""", "distribution", "is given more than once")]
    [InlineData("""{"mode":"enforce",""", "distribution", "")]
    public void Parse_BadJson_LocatedBilingualProblem(string json, string field, string en)
    {
        var problem = Assert.Single(DistributionRuleJson.Parse(json).Problems);
        Assert.Equal(field, problem.Where.Field);
        Assert.Contains(en, problem.Text(Language.En));
        Assert.NotEqual(problem.Text(Language.En), problem.Text(Language.ZhCN));
        Assert.DoesNotContain("System.", problem.Text(Language.En));
    }

    [Fact]
    public void Parse_EmptyGrades_ARuleThatLimitsNothing() =>
        Assert.Empty(DistributionRuleJson.Parse("""{"mode":"guide","grades":{}}""").Value.Grades);
}
