using CsCheck;
using Yardstick.Core.Calibration;

namespace Yardstick.Core.Tests.Calibration;

/// <summary>review.md R4's calibration groups, built bottom-up along the reporting lines.</summary>
public class CalibrationGroupsTests
{
    /// <summary><paramref name="count"/> people reporting to <paramref name="manager"/>: {manager}_pm01, {manager}_pm02, …</summary>
    private static IEnumerable<(string Person, string? Manager)> Team(string manager, int count) =>
        Enumerable.Range(1, count).Select(i => ($"{manager}_pm{i:D2}", (string?)manager));

    private static Dictionary<string, string?> Lines(params IEnumerable<(string Person, string? Manager)>[] lines) =>
        lines.SelectMany(l => l).ToDictionary(l => l.Person, l => l.Manager);

    private static string[] Shape(CalibrationGroups groups) => [.. groups.Groups.Select(g => $"{g.Name} {g.Size}")];

    /// <summary>R4: m1 has 4 PMs, m2 has 5, m3 has 12, all under d; managers not evaluated.</summary>
    private static Dictionary<string, string?> R4Lines() =>
        Lines(Team("m1", 4), Team("m2", 5), Team("m3", 12), [("m1", "d"), ("m2", "d"), ("m3", "d")]);

    private static IEnumerable<string> Pms(Dictionary<string, string?> lines) => lines.Keys.Where(k => k.Contains("_pm", StringComparison.Ordinal));

    [Fact]
    public void Build_R4Example_M3And9InCompany()
    {
        var lines = R4Lines();
        var groups = CalibrationGroups.Build(Pms(lines), lines, 10);
        Assert.Equal(["m3 12", "company 9"], Shape(groups));
        Assert.Equal([.. Team("m1", 4).Concat(Team("m2", 5)).Select(t => t.Person)], groups.Groups[1].People);
        Assert.True(groups.Groups[1].IsCompany);
        Assert.Equal("m3", groups.GroupOf("m3_pm07")!.Name);
        Assert.Equal("company", groups.GroupOf("m1_pm01")!.Name);
        Assert.Null(groups.GroupOf("d"));
        Assert.Empty(groups.CycleManagers);
    }

    [Fact]
    public void Build_R4ExampleMin9_DFormsAGroupNoCompany()
    {
        var lines = R4Lines();
        Assert.Equal(["d 9", "m3 12"], Shape(CalibrationGroups.Build(Pms(lines), lines, 9)));
    }

    [Fact]
    public void Build_EvaluatedManagers_CountAmongTheirManagersReports()
    {
        // m1 (evaluated) has 9 PMs: with m1 they would be 10, but m1 counts under d, so m1's candidate is 9 and passes
        // up; d's candidate is m1, m2 and the 9 + 5 passed up = 16
        var lines = Lines(Team("m1", 9), Team("m2", 5), [("m1", "d"), ("m2", "d")]);
        var groups = CalibrationGroups.Build(Pms(lines).Append("m1").Append("m2"), lines, 10);
        Assert.Equal(["d 16"], Shape(groups));
        Assert.Equal("d", groups.GroupOf("m1")!.Name);
    }

    [Fact]
    public void Build_EvaluatedManagerWithABigTeam_InTheManagersGroupNotTheirOwn()
    {
        // m3's 12 PMs form m3; m3 themself reports to d and, alone there, reaches company
        var lines = Lines(Team("m3", 12), [("m3", "d")]);
        var groups = CalibrationGroups.Build(Pms(lines).Append("m3"), lines, 10);
        Assert.Equal(["m3 12", "company 1"], Shape(groups));
        Assert.Equal(["m3"], groups.Groups[1].People);
    }

    [Fact]
    public void Build_TwoRoots_MergeIntoCompany()
    {
        // two companies' worth of small teams with no common top: d1 gets 3 + 4, d2 gets 2; all 9 land in company;
        // r has 11 and forms its own group under no one
        var lines = Lines(Team("a", 3), Team("b", 4), Team("c", 2), Team("r", 11), [("a", "d1"), ("b", "d1"), ("c", "d2")]);
        var groups = CalibrationGroups.Build(Pms(lines), lines, 10);
        Assert.Equal(["r 11", "company 9"], Shape(groups));
    }

    [Fact]
    public void Build_PersonWithoutManager_InCompany()
    {
        var groups = CalibrationGroups.Build(["ceo", "x"], new Dictionary<string, string?> { ["x"] = null }, 10);
        Assert.Equal(["company 2"], Shape(groups));
    }

    [Fact]
    public void Build_ChainOfSmallTeams_AccumulateUntilAMiddleManagerReachesTheMin()
    {
        // t1 (3) → t2 (3) → t3 (3) → t4 (3) → top: t1 passes 3 to t2 (6), t2 passes 6 to t3 (9), t3 passes 9 to t4,
        // whose candidate of 12 is a group; nothing reaches company
        var lines = Lines(Team("t1", 3), Team("t2", 3), Team("t3", 3), Team("t4", 3), [("t1", "t2"), ("t2", "t3"), ("t3", "t4")]);
        var groups = CalibrationGroups.Build(Pms(lines), lines, 10);
        Assert.Equal(["t4 12"], Shape(groups));
        Assert.Equal(12, groups.Groups[0].People.Distinct().Count());
    }

    [Fact]
    public void Build_ChainAboveAGroup_OnlyTheRestPassesUp()
    {
        // t1 (11) is a group; t2 (3) and t3 (4) above it pass 7 up to company
        var lines = Lines(Team("t1", 11), Team("t2", 3), Team("t3", 4), [("t1", "t2"), ("t2", "t3")]);
        Assert.Equal(["t1 11", "company 7"], Shape(CalibrationGroups.Build(Pms(lines), lines, 10)));
    }

    [Fact]
    public void Build_MinOne_EveryManagerWithReportsIsAGroup()
    {
        var lines = R4Lines();
        Assert.Equal(["m1 4", "m2 5", "m3 12"], Shape(CalibrationGroups.Build(Pms(lines), lines, 1)));
    }

    [Fact]
    public void Build_MinBelowOne_IsABug() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CalibrationGroups.Build([], new Dictionary<string, string?>(), 0));

    [Fact]
    public void Build_NoPeople_NoGroups() =>
        Assert.Empty(CalibrationGroups.Build([], R4Lines(), 10).Groups);

    [Fact]
    public void Build_RepeatedPerson_CountsOnce() =>
        Assert.Equal(["company 1"], Shape(CalibrationGroups.Build(["x", "x"], new Dictionary<string, string?> { ["x"] = "m" }, 10)));

    [Fact]
    public void Build_CycleAboveTeams_NoLoopGroupsBelowStandRestInCompany()
    {
        // m3 (12) reports to a; a and b manage each other, each with 2 PMs; m1 (4) reports to b: m3 is a group, the
        // cycle forms none, and a's, b's and m1's 8 people land in company
        var lines = Lines(Team("m3", 12), Team("m1", 4), Team("a", 2), Team("b", 2), [("m3", "a"), ("m1", "b"), ("a", "b"), ("b", "a")]);
        var groups = CalibrationGroups.Build(Pms(lines), lines, 10);
        Assert.Equal(["m3 12", "company 8"], Shape(groups));
        Assert.Equal(["a", "b"], groups.CycleManagers);
    }

    [Fact]
    public void Build_CycleWithEnoughPeople_StillNoGroupAtTheCycle()
    {
        var lines = Lines(Team("a", 12), [("a", "b"), ("b", "c"), ("c", "a")]);
        var groups = CalibrationGroups.Build(Pms(lines).Append("b"), lines, 10);
        Assert.Equal(["company 13"], Shape(groups));
        Assert.Equal(["a", "b", "c"], groups.CycleManagers);
    }

    [Fact]
    public void Build_SelfManager_IsACycle()
    {
        var lines = Lines(Team("a", 12), [("a", "a")]);
        var groups = CalibrationGroups.Build(Pms(lines).Append("a"), lines, 10);
        Assert.Equal(["company 13"], Shape(groups));
        Assert.Equal(["a"], groups.CycleManagers);
    }

    [Fact]
    public void Build_TailIntoACycle_OnlyTheCycleIsListed()
    {
        // x → y → z → y: y and z are the cycle, x is below it and forms its group of 10
        var lines = Lines(Team("x", 10), Team("z", 1), [("x", "y"), ("y", "z"), ("z", "y")]);
        var groups = CalibrationGroups.Build(Pms(lines), lines, 10);
        Assert.Equal(["x 10", "company 1"], Shape(groups));
        Assert.Equal(["y", "z"], groups.CycleManagers);
    }

    /// <summary>A random organisation: employees e00…, each with a manager among the others or none (cycles possible), some evaluated.</summary>
    private static readonly Gen<(string[] People, Dictionary<string, string?> Lines, int Min)> Organisations =
        Gen.Int[1, 60].SelectMany(n => Gen.Select(
            Gen.Int[-1, n - 1].Array[n],
            Gen.Bool.Array[n],
            Gen.Int[1, 12],
            (managers, evaluated, min) =>
            {
                var ids = Enumerable.Range(0, n).Select(i => $"e{i:D2}").ToArray();
                var lines = ids.Select((id, i) => (id, managers[i] < 0 ? null : ids[managers[i]])).ToDictionary(x => x.id, x => x.Item2);
                return (ids.Where((_, i) => evaluated[i]).ToArray(), lines, min);
            }));

    [Fact]
    public void Build_AnyOrganisation_EveryEvaluatedPersonInExactlyOneGroup() =>
        Organisations.Sample(o =>
        {
            var groups = CalibrationGroups.Build(o.People, o.Lines, o.Min);
            var placed = groups.Groups.SelectMany(g => g.People).ToList();
            Assert.Equal(o.People.Order(StringComparer.Ordinal), placed.Order(StringComparer.Ordinal));
            Assert.All(o.People, p => Assert.Contains(p, groups.GroupOf(p)!.People));
        }, iter: 2000);

    [Fact]
    public void Build_AnyOrganisation_EveryGroupButCompanyHasTheMin() =>
        Organisations.Sample(o =>
        {
            var groups = CalibrationGroups.Build(o.People, o.Lines, o.Min);
            Assert.All(groups.Groups.Where(g => !g.IsCompany), g => Assert.True(g.Size >= o.Min, $"{g.Name} {g.Size} < {o.Min}"));
            Assert.All(groups.Groups, g => Assert.NotEmpty(g.People));
            Assert.True(groups.Groups.Count(g => g.IsCompany) <= 1);
            Assert.All(groups.Groups.Where(g => !g.IsCompany), g => Assert.DoesNotContain(g.Manager!, groups.CycleManagers));
        }, iter: 2000);

    [Fact]
    public void Build_AnyOrganisation_ManagersGroupHoldsTheirDirectReports() =>
        Organisations.Sample(o =>
        {
            // a group named after m holds every evaluated direct report of m (their candidate starts with them)
            var groups = CalibrationGroups.Build(o.People, o.Lines, o.Min);
            foreach (var g in groups.Groups.Where(g => !g.IsCompany))
                Assert.All(o.People.Where(p => o.Lines[p] == g.Manager), p => Assert.Same(g, groups.GroupOf(p)));
        }, iter: 2000);

    [Fact]
    public void Build_AnyOrganisationInAnyOrder_SameGroups() =>
        Organisations.SelectMany(o => Gen.Shuffle(o.People).Select(Gen.Shuffle(o.Lines.ToArray()), (people, lines) => (o, people, lines)))
            .Sample(x =>
            {
                var first = CalibrationGroups.Build(x.o.People, x.o.Lines, x.o.Min);
                var second = CalibrationGroups.Build(x.people, x.lines.ToDictionary(), x.o.Min);
                Assert.Equal(first.Groups.Select(g => (g.Name, string.Join(",", g.People))), second.Groups.Select(g => (g.Name, string.Join(",", g.People))));
                Assert.Equal(first.CycleManagers, second.CycleManagers);
            }, iter: 2000);
}
