using Yardstick.Core.Calibration;
using Yardstick.Core.Common;
using static Yardstick.Core.Tests.Calibration.DistributionRuleTests;

namespace Yardstick.Core.Tests.Calibration;

/// <summary>review.md R4's check of a group's grades against a distribution rule, and its messages.</summary>
public class DistributionCheckTests
{
    private static Dictionary<string, int> Counts(params (string Grade, int Count)[] counts) => counts.ToDictionary(c => c.Grade, c => c.Count);

    [Fact]
    public void Check_R4TwoSInM3_R4Message()
    {
        // R4: group m3 of 12, S max 10% → at most 1; 2 graded S; A 3 (allowed 3) and D 1 (required 1) keep the rule
        var v = Assert.Single(DistributionCheck.Check("m3", 12, Counts(("S", 2), ("A", 3), ("B", 5), ("C", 1), ("D", 1)), R4));
        Assert.Equal(new DistributionViolation("m3", 12, "S", DistributionBound.Max, 2, 1, 0.10m), v);
        Assert.Equal("group m3: 2 people graded S, at most 1 (10% of 12)", v.Message.En);
        Assert.Equal("组 m3：2 人评为 S，最多 1 人（12 人的 10%）", v.Message.Zh);
    }

    [Fact]
    public void Check_NoDInAGroupOf12_MinViolation()
    {
        var v = Assert.Single(DistributionCheck.Check("m3", 12, Counts(("S", 1), ("A", 3), ("B", 8)), R4));
        Assert.Equal((DistributionBound.Min, "D", 0, 1), (v.Bound, v.Grade, v.Count, v.Limit));
        Assert.Equal("group m3: 0 people graded D, at least 1 (5% of 12)", v.Message.En);
        Assert.Equal("组 m3：0 人评为 D，至少 1 人（12 人的 5%）", v.Message.Zh);
    }

    [Fact]
    public void Check_OneSInAGroupOf4_OnePersonAtMost0()
    {
        // R4: in a group of 4, S at most 0; D's min 5% of 4 = 0.2 → 0 required
        var v = Assert.Single(DistributionCheck.Check("company", 4, Counts(("S", 1), ("B", 3)), R4));
        Assert.Equal("group company: 1 person graded S, at most 0 (10% of 4)", v.Message.En);
    }

    [Fact]
    public void Check_EveryLimitBroken_InTheRulesOrderMaxBeforeMin()
    {
        var rule = new DistributionRule(DistributionMode.Guide, [new("A", 0.25m, null), new("B", 0.5m, 0.3m), new("D", null, 0.125m)]);
        var violations = DistributionCheck.Check("d", 20, Counts(("A", 6), ("B", 5)), rule);
        // A: 6 > floor(5.5) = 5; B: 5 < floor(6.5) = 6; D: 0 < floor(3) = 3, 12.5% printed as 12.5
        Assert.Equal(
            ["group d: 6 people graded A, at most 5 (25% of 20)",
             "group d: 5 people graded B, at least 6 (30% of 20)",
             "group d: 0 people graded D, at least 3 (12.5% of 20)"],
            violations.Select(v => v.Message.En));
        Assert.Equal("组 d：0 人评为 D，至少 3 人（20 人的 12.5%）", violations[2].Message.Zh);
    }

    [Fact]
    public void Check_AtTheLimits_NoViolations() =>
        Assert.Empty(DistributionCheck.Check("m3", 12, Counts(("S", 1), ("A", 3), ("D", 1)), R4));

    [Fact]
    public void Check_GuideRule_ViolationsStillReported() =>
        Assert.Single(DistributionCheck.Check("m3", 12, Counts(("S", 2), ("D", 1)), R4 with { Mode = DistributionMode.Guide }));

    [Fact]
    public void Check_ShareWrittenWithTrailingZeros_PercentWithout()
    {
        var rule = DistributionRuleJson.Parse("""{"mode":"enforce","grades":{"S":{"max":0.1000}}}""").Value;
        Assert.Equal("group m3: 2 people graded S, at most 1 (10% of 12)", Assert.Single(DistributionCheck.Check("m3", 12, Counts(("S", 2)), rule)).Message.En);
        var exact = new DistributionRule(DistributionMode.Enforce, [new("S", 0.1000m, null)]);
        Assert.Equal("group m3: 2 people graded S, at most 1 (10% of 12)", Assert.Single(DistributionCheck.Check("m3", 12, Counts(("S", 2)), exact)).Message.En);
    }

    [Fact]
    public void Check_CalibrationGroup_CountsTheGradesGiven()
    {
        // R4's m3 of 12 with two S after calibration; a person without a grade counts nowhere
        var lines = Enumerable.Range(1, 12).ToDictionary(i => $"p{i:D2}", _ => (string?)"m3");
        var group = CalibrationGroups.Build(lines.Keys, lines, 10).Groups.Single();
        var grades = new Dictionary<string, string?> { ["p01"] = "S", ["p02"] = "S", ["p03"] = "A", ["p04"] = "D", ["p05"] = null };
        var v = Assert.Single(DistributionCheck.Check(group, p => grades.GetValueOrDefault(p, "B"), R4));
        Assert.Equal("group m3: 2 people graded S, at most 1 (10% of 12)", v.Message.En);
    }

    [Fact]
    public void Counts_GradesWithNulls_PerGrade() =>
        Assert.Equal(new Dictionary<string, int> { ["S"] = 2, ["B"] = 1 }, DistributionCheck.Counts(["S", null, "B", "S"]));

    [Fact]
    public void ToProblem_R4Violation_ConflictWhoseTextIsTheMessage()
    {
        var problem = new DistributionViolation("m3", 12, "S", DistributionBound.Max, 2, 1, 0.10m).ToProblem();
        Assert.Equal(ProblemKind.Conflict, problem.Kind);
        Assert.Equal(("calibration.distribution", "m3"), (problem.Code, problem.Arg));
        Assert.Equal("group m3: 2 people graded S, at most 1 (10% of 12)", problem.Format(Language.En));
        Assert.Equal("组 m3：2 人评为 S，最多 1 人（12 人的 10%）", problem.Format(Language.ZhCN));
    }
}
