using Yardstick.Core.Common;

namespace Yardstick.Core.Schemes;

/// <summary>
/// An evaluation scheme (考核方案): a tree of groups and indicators with grade bands.
/// Weights are absolute shares of the total: 0.10 means 10 points at target.
/// </summary>
/// <param name="Id">Stable identifier, ASCII kebab- or snake-case.</param>
/// <param name="Version">Version number, 1 and up; a scheme used in a calculated period is never edited, a new version is made.</param>
/// <param name="Name">Display name.</param>
/// <param name="PeriodKind">The period the scheme is evaluated over.</param>
/// <param name="FiscalYearStart">Calendar month (1–12) in which the fiscal year starts; year-to-date targets are prorated from it.</param>
/// <param name="Children">The root's children; their weights sum to 1.</param>
/// <param name="Grades">Grade bands, highest first; empty for no grades.</param>
/// <param name="Stage">The lifecycle stage the scheme is bound to, or null.</param>
/// <param name="Plan">The incentive plan that turns scorecards into pay, or null.</param>
public sealed record Scheme(
    string Id,
    int Version,
    LocalizedText Name,
    PeriodKind PeriodKind,
    int FiscalYearStart,
    IReadOnlyList<Node> Children,
    IReadOnlyList<GradeBand> Grades,
    string? Stage = null,
    Incentives.Plan? Plan = null)
{
    /// <summary>Every node of the tree in pre-order (a group before its children).</summary>
    public IEnumerable<Node> AllNodes()
    {
        var stack = new Stack<Node>(Children.Reverse());
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            if (node is Group g)
                for (var i = g.Children.Count - 1; i >= 0; i--)
                    stack.Push(g.Children[i]);
        }
    }

    /// <summary>Every indicator in tree order.</summary>
    public IEnumerable<Indicator> Indicators() => AllNodes().OfType<Indicator>();
}

/// <summary>A node of a scheme: a group or an indicator.</summary>
/// <param name="Code">ASCII snake_case, unique within the scheme.</param>
/// <param name="Name">Display name.</param>
/// <param name="Weight">Absolute share of the total score (0.10 is 10 points at target).</param>
/// <param name="CompanyDefined">True when a value of this node is a default the company should set (公司自定).</param>
public abstract record Node(string Code, LocalizedText Name, decimal Weight, bool CompanyDefined);

/// <summary>A group (维度/类别) whose weight equals the sum of its children's weights.</summary>
public sealed record Group(string Code, LocalizedText Name, decimal Weight, IReadOnlyList<Node> Children, bool CompanyDefined = false)
    : Node(Code, Name, Weight, CompanyDefined);

/// <summary>A grade band: a total at or above <paramref name="Min"/> earns <paramref name="Grade"/>; the last band may have no minimum ("otherwise").</summary>
public sealed record GradeBand(string Grade, decimal? Min);

/// <summary>One band of a <see cref="RuleKind.Bands"/> rule: from <paramref name="From"/> on, the achievement is <paramref name="Achievement"/>.</summary>
public sealed record Band(decimal From, decimal Achievement);

/// <summary>What kind of value an indicator holds.</summary>
public enum Unit
{
    /// <summary>A fraction: 0.85 means 85%.</summary>
    Percent,
    /// <summary>A fraction like percent, shown as a ratio.</summary>
    Ratio,
    /// <summary>A non-negative whole number.</summary>
    Count,
    /// <summary>An amount of money.</summary>
    Money,
    /// <summary>A rating on a scale (default 1–5).</summary>
    Rating,
    /// <summary>A number of days.</summary>
    Days,
    /// <summary>A number of hours.</summary>
    Hours,
    /// <summary>Any other number.</summary>
    Number,
}

/// <summary>Whether a higher or a lower actual is better.</summary>
public enum Direction
{
    /// <summary>Higher is better (>=).</summary>
    Higher,
    /// <summary>Lower is better (&lt;=).</summary>
    Lower,
}

/// <summary>How an actual becomes an achievement <c>a</c> (scoring.md §2).</summary>
public enum RuleKind
{
    /// <summary>actual / target (higher) or target / actual (lower).</summary>
    Ratio,
    /// <summary>1 when the target is met, else 0.</summary>
    Threshold,
    /// <summary>(actual − zero) / (target − zero).</summary>
    Linear,
    /// <summary>The achievement of the band the actual falls in.</summary>
    Bands,
    /// <summary>An expression that yields the achievement.</summary>
    Formula,
}

/// <summary>Where the system of record takes an actual from.</summary>
public enum Source
{
    /// <summary>Entered by a person (e.g. the manager).</summary>
    Manual,
    /// <summary>Imported from a file (the default).</summary>
    Import,
    /// <summary>Pushed through the API.</summary>
    Api,
    /// <summary>Computed from an expression over other values.</summary>
    Formula,
    /// <summary>Derived from the cross-department request log.</summary>
    Requests,
    /// <summary>Derived from a 360 rating campaign.</summary>
    Ratings,
}

/// <summary>Whose actual an indicator reads.</summary>
public enum Scope
{
    /// <summary>Each person has their own actual.</summary>
    Person,
    /// <summary>One actual per team; a person's own actual wins (scoring.md §7).</summary>
    Team,
}

/// <summary>An indicator (指标).</summary>
/// <param name="Code">ASCII snake_case, unique within the scheme.</param>
/// <param name="Name">Display name.</param>
/// <param name="Weight">Absolute share of the total score.</param>
/// <param name="Unit">Kind of value.</param>
/// <param name="Direction">Higher or lower is better.</param>
/// <param name="Target">The target; annual when <paramref name="Ytd"/> is true.</param>
/// <param name="Rule">How the actual becomes an achievement.</param>
/// <param name="Cap">Upper bound of the score (default 1.2).</param>
/// <param name="Floor">Lower bound of the score (default 0).</param>
/// <param name="Source">Where the actual comes from.</param>
/// <param name="Ytd">Year-to-date: the actual is the year's running value, the target annual and prorated.</param>
/// <param name="Min">Smallest accepted actual, or null (a rating's default is 1).</param>
/// <param name="Max">Largest accepted actual, or null (a rating's default is 5).</param>
/// <param name="Zero">For <see cref="RuleKind.Linear"/>: the actual that scores 0.</param>
/// <param name="Bands">For <see cref="RuleKind.Bands"/>: the bands, ascending for higher, descending for lower.</param>
/// <param name="Expression">For a formula rule, the expression yielding the achievement; for a formula source, the expression yielding the actual.</param>
/// <param name="Scope">Person or team indicator.</param>
/// <param name="RaterGroups">For a ratings source: the rater groups whose ratings count (empty: all).</param>
/// <param name="CompanyDefined">True when a value of this indicator is a default the company should set.</param>
public sealed record Indicator(
    string Code,
    LocalizedText Name,
    decimal Weight,
    Unit Unit,
    Direction Direction,
    decimal Target,
    RuleKind Rule = RuleKind.Ratio,
    decimal Cap = Indicator.DefaultCap,
    decimal Floor = 0m,
    Source Source = Source.Import,
    bool Ytd = false,
    decimal? Min = null,
    decimal? Max = null,
    decimal? Zero = null,
    IReadOnlyList<Band>? Bands = null,
    string? Expression = null,
    Scope Scope = Scope.Person,
    IReadOnlyList<string>? RaterGroups = null,
    bool CompanyDefined = false) : Node(Code, Name, Weight, CompanyDefined)
{
    /// <summary>The default cap of a score.</summary>
    public const decimal DefaultCap = 1.2m;

    /// <summary>The smallest accepted actual, with a rating's default scale.</summary>
    public decimal? EffectiveMin => Min ?? (Unit is Unit.Rating ? 1m : Unit is Unit.Count ? 0m : null);

    /// <summary>The largest accepted actual, with a rating's default scale.</summary>
    public decimal? EffectiveMax => Max ?? (Unit is Unit.Rating ? 5m : null);
}
