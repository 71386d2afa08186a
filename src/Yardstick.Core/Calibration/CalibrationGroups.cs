namespace Yardstick.Core.Calibration;

/// <summary>
/// One calibration group (review.md R4): the evaluated people a distribution rule is counted over.
/// </summary>
/// <param name="Manager">The manager the group is named after; null for the group <c>company</c>.</param>
/// <param name="People">The group's people, sorted by id (ordinal).</param>
public sealed record CalibrationGroup(string? Manager, IReadOnlyList<string> People)
{
    /// <summary>The name of the group of what reaches the top of the reporting lines.</summary>
    public const string CompanyName = "company";

    /// <summary>The group's name: its manager's id, or <c>company</c>.</summary>
    public string Name => Manager ?? CompanyName;

    /// <summary>True for the group <c>company</c>, which applies whatever its size.</summary>
    public bool IsCompany => Manager is null;

    /// <summary>The number of people, n in the counts of <see cref="DistributionRule.Count"/>.</summary>
    public int Size => People.Count;
}

/// <summary>
/// The calibration groups of a period (review.md R4), built bottom-up along the reporting lines. A manager's candidate
/// group is the evaluated people who report to them directly plus the people passed up from their reports' groups that
/// were too small; with at least the minimum size it is a group named after the manager, otherwise its people pass up to
/// the next manager. What reaches the top forms <c>company</c>, whatever its size (several roots merge into it). A
/// manager who is evaluated counts among their own manager's reports, never in their own group.
/// </summary>
/// <remarks>
/// Reporting lines that run into a cycle (a manager of their own manager, up the line; a manager of themselves) have no
/// top: every manager on a cycle forms no group, and what reaches one passes straight to <c>company</c>. Managers below
/// a cycle form their groups as usual. The managers found on cycles are listed in <see cref="CycleManagers"/> so that a
/// front end can say why their people are in <c>company</c>. The result depends only on the sets given, never on their order.
/// </remarks>
public sealed class CalibrationGroups
{
    private readonly Dictionary<string, CalibrationGroup> _groupOf;

    private CalibrationGroups(IReadOnlyList<CalibrationGroup> groups, IReadOnlyList<string> cycleManagers)
    {
        Groups = groups;
        CycleManagers = cycleManagers;
        _groupOf = groups.SelectMany(g => g.People.Select(p => (p, g))).ToDictionary(x => x.p, x => x.g, StringComparer.Ordinal);
    }

    /// <summary>The groups: those named after a manager sorted by name (ordinal), then <c>company</c> when anyone reaches the top. No group is empty.</summary>
    public IReadOnlyList<CalibrationGroup> Groups { get; }

    /// <summary>The managers whose reporting line runs into a cycle, sorted (ordinal); empty for sound data.</summary>
    public IReadOnlyList<string> CycleManagers { get; }

    /// <summary>The group of an evaluated person; null for anyone else.</summary>
    public CalibrationGroup? GroupOf(string person) => _groupOf.GetValueOrDefault(person);

    /// <summary>Builds the groups.</summary>
    /// <param name="people">The evaluated people's ids (a repeated id counts once).</param>
    /// <param name="managerOf">Each employee's manager (evaluated or not), as recorded when the period moved to InReview; an id without an entry, or with null, has no manager (a root).</param>
    /// <param name="minGroupSize">The organisation's <c>min_group_size</c>, at least 1 (default 10).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minGroupSize"/> is below 1 (the setting is checked where it is entered).</exception>
    public static CalibrationGroups Build(IEnumerable<string> people, IReadOnlyDictionary<string, string?> managerOf, int minGroupSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minGroupSize, 1);
        string? ManagerOf(string id) => managerOf.GetValueOrDefault(id);

        // the candidate of every manager up the lines, starting with their direct reports; the top is null
        var candidates = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var company = new List<string>();
        foreach (var person in people.Distinct(StringComparer.Ordinal))
        {
            if (ManagerOf(person) is { } manager)
                Candidate(manager).Add(person);
            else
                company.Add(person);
        }

        var onCycle = OnCycle([.. candidates.Keys], ManagerOf);
        string? Up(string manager) => onCycle.Contains(manager) ? null : ManagerOf(manager);

        // every manager up the lines, and how many managers report to each, so that a manager is decided after all of theirs
        var waiting = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new Stack<string>(candidates.Keys);
        while (pending.TryPop(out var manager))
            if (waiting.TryAdd(manager, 0) && Up(manager) is { } up)
                pending.Push(up);
        foreach (var manager in waiting.Keys.ToArray())
            if (Up(manager) is { } up)
            {
                Candidate(up);
                waiting[up]++;
            }

        var groups = new List<CalibrationGroup>();
        var ready = new Stack<string>(waiting.Where(w => w.Value == 0).Select(w => w.Key));
        while (ready.TryPop(out var manager))
        {
            var candidate = candidates[manager];
            var up = Up(manager);
            if (candidate.Count >= minGroupSize && !onCycle.Contains(manager))
                groups.Add(Group(manager, candidate));
            else if (up is null)
                company.AddRange(candidate);
            else
                candidates[up].AddRange(candidate);
            if (up is not null && --waiting[up] == 0)
                ready.Push(up);
        }

        groups.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        if (company.Count > 0)
            groups.Add(Group(null, company));
        return new CalibrationGroups(groups, [.. onCycle.Order(StringComparer.Ordinal)]);

        List<string> Candidate(string manager)
        {
            if (!candidates.TryGetValue(manager, out var list))
                candidates[manager] = list = [];
            return list;
        }
    }

    private static CalibrationGroup Group(string? manager, List<string> people)
    {
        people.Sort(StringComparer.Ordinal);
        return new CalibrationGroup(manager, people);
    }

    /// <summary>The managers on a cycle of the reporting lines above <paramref name="starts"/>, each line walked once.</summary>
    private static HashSet<string> OnCycle(IEnumerable<string> starts, Func<string, string?> managerOf)
    {
        var onCycle = new HashSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var start in starts)
        {
            path.Clear();
            onPath.Clear();
            for (string? at = start; at is not null && !done.Contains(at); at = managerOf(at))
            {
                if (onPath.TryGetValue(at, out var from))
                {
                    onCycle.UnionWith(path.Skip(from));
                    break;
                }

                onPath[at] = path.Count;
                path.Add(at);
            }

            done.UnionWith(path);
        }

        return onCycle;
    }
}
