using Yardstick.Core.Common;
using Yardstick.Core.Expressions;
using Yardstick.Core.Scoring;

namespace Yardstick.Core.Incentives.Payouts;

/// <summary>
/// What the payout kinds of one run share: the run's inputs, the lines built so far (by person), the ledger as it
/// grows, problems and notices, the one reusable evaluation scope, and the people grouped by team and by product.
/// Each payout kind is a static class over this context (one file per kind).
/// </summary>
internal sealed class PayoutRun(CompiledPlan plan, Period period, IReadOnlyList<ScorecardResult> cards, PayoutInput input)
{
    private readonly Dictionary<string, PersonLines> _lines = new(StringComparer.Ordinal);
    private readonly string _label = period.ToString();
    private readonly Dictionary<string, GradeRecord[]> _onlyCurrent = new(StringComparer.Ordinal);
    private PersonScope? _scope;
    private SortedDictionary<string, List<Member>>? _byTeam;
    private SortedDictionary<string, List<Member>>? _byProduct;

    public CompiledPlan Plan => plan;

    public Period Period => period;

    public IReadOnlyList<ScorecardResult> Cards => cards;

    public PayoutInput Input => input;

    /// <summary>The plan's currency, the currency of every line.</summary>
    public string Currency { get; } = plan.Plan.Currency;

    public List<Problem> Problems { get; } = [];

    public List<Notice> Notices { get; } = [];

    /// <summary>Milestones paid, the ledger's and this run's.</summary>
    public List<MilestonePayment> Milestones { get; } = [.. input.Ledger.Milestones];

    /// <summary>Profit-share payments, the ledger's and this run's.</summary>
    public List<ProfitSharePayment> ProfitShares { get; } = [.. input.Ledger.ProfitShares];

    /// <summary>Launch-year revenues, the ledger's and this run's.</summary>
    public List<ProfitBaseline> Baselines { get; } = [.. input.Ledger.Baselines];

    /// <summary>The people of the run by team, teams in ordinal order, members in the run's order.</summary>
    public SortedDictionary<string, List<Member>> Teams => _byTeam ??= GroupBy(p => p.Team);

    /// <summary>The people of the run by product (its owners), products in ordinal order.</summary>
    public SortedDictionary<string, List<Member>> Products => _byProduct ??= GroupBy(p => p.Product);

    public PersonInfo? Info(string person) => input.People.TryGetValue(person, out var p) ? p : null;

    /// <summary>The run's one scope, pointed at <paramref name="card"/>: evaluations run one after another.</summary>
    public PersonScope ScopeOf(ScorecardResult card, PersonInfo? info)
    {
        _scope ??= new PersonScope(input.Measures);
        _scope.Reset(card, info);
        return _scope;
    }

    public PersonScope ScopeOf(ScorecardResult card) => ScopeOf(card, Info(card.Person));

    public void Add(PayoutLine line)
    {
        if (_lines.TryGetValue(line.Person, out var list))
            list.Add(line);
        else
            _lines[line.Person] = new PersonLines(line);
    }

    /// <summary>The line of rule <paramref name="rule"/> for <paramref name="person"/>, or null.</summary>
    public PayoutLine? LineOf(string person, string rule) =>
        _lines.TryGetValue(person, out var list) ? list.Find(rule) : null;

    public static TraceStep S(Func<Language, string> render) => new(render);

    /// <summary>A shown value without its ≈ mark, where the sentence puts the mark elsewhere.</summary>
    public static string Plain(string shown) => shown.StartsWith('≈') ? shown[2..] : shown;

    /// <summary>The values an expression read, for its trace: "(core_feature_usage = 0.55)".</summary>
    public static string Reads(Formula f, ScorecardResult? card, Func<string, decimal?> names, Language lang)
    {
        var parts = new List<string>();
        foreach (var code in f.ActualCodes)
        {
            var r = card?.Indicator(code);
            parts.Add(r is { Waived: true } ? $"{code} {(lang == Language.En ? "waived" : "已豁免")}"
                : r?.Actual is { } v ? $"{code} = {TraceFormat.Input(v)}"
                : $"{code} {(lang == Language.En ? "missing" : "缺失")}");
        }

        foreach (var name in f.FreeNames)
            parts.Add(names(name) is { } v ? $"{name} = {TraceFormat.Input(v)}" : $"{name} {(lang == Language.En ? "missing" : "缺失")}");
        return parts.Count == 0 ? "" : lang == Language.En ? $" ({string.Join(", ", parts)})" : $"（{string.Join("，", parts)}）";
    }

    public string Reads(Formula f, ScorecardResult card, Language lang)
    {
        var info = Info(card.Person);
        return Reads(f, card, name => name == Formula.BaseSalary ? info?.BaseSalary : input.Measures.Resolve(name, info), lang);
    }

    /// <summary>The person's grades with this period's replacing any earlier record of it, oldest first.</summary>
    public IReadOnlyList<GradeRecord> WithCurrent(ScorecardResult card)
    {
        var current = input.Grades is { } overrides && overrides.TryGetValue(card.Person, out var g0) ? g0 : card.Grade;
        var past = input.Ledger.GradesOf(card.Person);
        if (past.Count == 0 || (past.Count == 1 && past[0].Period == _label))
        {
            if (current is not { } only)
                return [];
            if (!_onlyCurrent.TryGetValue(only, out var shared))
                _onlyCurrent[only] = shared = [new GradeRecord(_label, only)];
            return shared;
        }

        var list = new List<GradeRecord>(past.Count + 1);
        foreach (var g in past)
            if (g.Period != _label)
                list.Add(g);
        if (current is { } grade)
            list.Add(new GradeRecord(_label, grade));
        if (list.Count > 1 && Ledger.ComparePeriods(list[^2].Period, _label) > 0)
            list.Sort((a, b) => Ledger.ComparePeriods(a.Period, b.Period));
        return list;
    }

    /// <summary>The ledger after this run: what it paid, and every person's grades with this period's.</summary>
    public Ledger NewLedger()
    {
        var grades = new Dictionary<string, IReadOnlyList<GradeRecord>>(input.Ledger.Grades.Count + cards.Count, StringComparer.Ordinal);
        foreach (var (person, history) in input.Ledger.Grades)
            grades[person] = history;
        foreach (var card in cards)
            if (WithCurrent(card) is { Count: > 0 } history)
                grades[card.Person] = history;
        return new Ledger(Milestones, ProfitShares, Baselines, grades);
    }

    /// <summary>Rounds every line once and hands the lines out by person.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PayoutLine>> Finish()
    {
        foreach (var lines in _lines.Values)
            for (var i = 0; i < lines.Count; i++)
                lines[i].Round();
        return new LinesByPerson(_lines);
    }

    private SortedDictionary<string, List<Member>> GroupBy(Func<PersonInfo, string?> key)
    {
        // Members keep the run's order: every split breaks ties by person id itself.
        var groups = new Dictionary<string, List<Member>>(StringComparer.Ordinal);
        foreach (var card in cards)
        {
            if (Info(card.Person) is not { } p || key(p) is not { } k)
                continue;
            if (!groups.TryGetValue(k, out var list))
                groups[k] = list = [];
            list.Add(new Member(card, p));
        }

        return new SortedDictionary<string, List<Member>>(groups, StringComparer.Ordinal);
    }
}

/// <summary>A person in a group of the run (a team, a product's owners), with what the run knows of them.</summary>
internal readonly record struct Member(ScorecardResult Card, PersonInfo? Info)
{
    public string Person => Card.Person;

    public PersonInfo Info { get; } = Info ?? new PersonInfo(Card.Person);
}
