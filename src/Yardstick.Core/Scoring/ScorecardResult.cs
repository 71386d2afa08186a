using Yardstick.Core.Expressions;
using Yardstick.Core.Schemes;

namespace Yardstick.Core.Scoring;

/// <summary>What became of one indicator for one person. Values are unrounded.</summary>
/// <param name="Actual">The actual (computed for a formula source), null when missing.</param>
/// <param name="Target">The effective target (prorated for a year-to-date indicator).</param>
/// <param name="Achievement">The achievement <c>a</c> before clamping; null when missing or waived.</param>
/// <param name="Score">The score <c>s = clamp(a, floor, cap)</c>; 0 when missing or waived.</param>
/// <param name="RawPoints"><c>100 × weight × s</c> before re-normalisation.</param>
/// <param name="Weight">The weight as reported: raw weight / (1 − W), 0 when waived.</param>
/// <param name="Points">The points as reported: raw points / (1 − W).</param>
/// <param name="Missing">True when the actual is missing (and the indicator not waived).</param>
/// <param name="Waived">True when the indicator is waived.</param>
public readonly record struct IndicatorResult(
    decimal? Actual,
    decimal Target,
    decimal? Achievement,
    decimal Score,
    decimal RawPoints,
    decimal Weight,
    decimal Points,
    bool Missing,
    bool Waived);

/// <summary>What became of one group. Values are unrounded.</summary>
/// <param name="RawWeight">The group's weight less its waived indicators' weights.</param>
/// <param name="RawPoints">The sum of the children's raw points.</param>
/// <param name="Weight">The weight as reported: raw weight / (1 − W).</param>
/// <param name="Points">The points as reported: raw points / (1 − W).</param>
/// <param name="Achievement"><c>A = raw points / (100 × raw weight)</c>; null when every child is waived.</param>
/// <param name="Waived">True when every indicator in the group is waived.</param>
/// <param name="ContainsMissing">True when an indicator in the group is missing.</param>
public readonly record struct GroupResult(
    decimal RawWeight,
    decimal RawPoints,
    decimal Weight,
    decimal Points,
    decimal? Achievement,
    bool Waived,
    bool ContainsMissing);

/// <summary>Group results of a scorecard, indexed by the group's node number.</summary>
public readonly struct GroupResults
{
    private readonly GroupResult[] _byGroup;
    private readonly int[] _nodeGroup;

    internal GroupResults(GroupResult[] byGroup, int[] nodeGroup)
    {
        _byGroup = byGroup;
        _nodeGroup = nodeGroup;
    }

    /// <summary>The result of the group at node number <paramref name="node"/>.</summary>
    public ref readonly GroupResult this[int node]
    {
        get
        {
            var g = _nodeGroup[node];
            if (g < 0)
                throw new ArgumentOutOfRangeException(nameof(node), $"node {node} is an indicator, not a group");
            return ref _byGroup[g];
        }
    }
}

/// <summary>The kind of a review adjustment (review.md R3) as the scorecard applies it.</summary>
public enum AdjustedKind
{
    /// <summary>A corrected actual.</summary>
    Actual,

    /// <summary>A score that replaces the computed one.</summary>
    Score,

    /// <summary>Points added to the total.</summary>
    Points,
}

/// <summary>
/// The adjustments a scorecard was computed with: what was asked for, the actual each applied correction replaced, and
/// those not applied because their indicator is missing or waived (the caller drops them with a notice).
/// </summary>
/// <param name="Requested">The adjustments as given.</param>
/// <param name="CorrectedFrom">The actual before its correction, by indicator number, for each applied <c>actual</c> adjustment.</param>
/// <param name="Unapplied">The adjustments whose indicator is missing or waived.</param>
public sealed record AppliedAdjustments(
    ScorecardAdjustments Requested,
    IReadOnlyDictionary<int, decimal>? CorrectedFrom,
    IReadOnlyList<(AdjustedKind Kind, int Indicator)>? Unapplied)
{
    /// <summary>The score adjustment of an indicator, when one was applied.</summary>
    public Adjusted? Score(int indicator) =>
        Requested.Scores is { } s && s.TryGetValue(indicator, out var a) && !IsUnapplied(AdjustedKind.Score, indicator) ? a : null;

    /// <summary>The actual adjustment of an indicator, when one was applied.</summary>
    public Adjusted? Actual(int indicator) =>
        Requested.Actuals is { } s && s.TryGetValue(indicator, out var a) && CorrectedFrom?.ContainsKey(indicator) == true ? a : null;

    private bool IsUnapplied(AdjustedKind kind, int indicator) => Unapplied?.Contains((kind, indicator)) == true;
}

/// <summary>
/// A person's scorecard: every indicator and group with all intermediate values, the total and the
/// grade. Totals are unrounded; screens truncate to 2 decimals (toward −∞).
/// </summary>
public sealed class ScorecardResult
{
    private readonly IReadOnlyDictionary<int, string>? _waivers;

    internal ScorecardResult(CompiledScheme scheme, Common.Period period, string person, IndicatorResult[] indicators, GroupResults groups, decimal waivedWeight, decimal rawTotal, decimal total, string? grade, IReadOnlyDictionary<int, string>? waivers, AppliedAdjustments? adjustments = null)
    {
        _waivers = waivers;
        Adjustments = adjustments;
        Scheme = scheme;
        Period = period;
        Person = person;
        Indicators = indicators;
        Groups = groups;
        WaivedWeight = waivedWeight;
        RawTotal = rawTotal;
        Total = total;
        Grade = grade;
    }

    /// <summary>The scheme the scorecard was computed with.</summary>
    public CompiledScheme Scheme { get; }

    /// <summary>The period the scorecard is for.</summary>
    public Common.Period Period { get; }

    /// <summary>The person's id.</summary>
    public string Person { get; }

    /// <summary>Indicator results, by indicator number (tree order).</summary>
    public IndicatorResult[] Indicators { get; }

    /// <summary>Group results, indexed by node number.</summary>
    public GroupResults Groups { get; }

    /// <summary><c>W</c>: the sum of the waived indicators' weights.</summary>
    public decimal WaivedWeight { get; }

    /// <summary>The total before re-normalisation.</summary>
    public decimal RawTotal { get; }

    /// <summary>The total score: raw total / (1 − W); 100 means every remaining target met exactly.</summary>
    public decimal Total { get; }

    /// <summary>The grade of the unrounded total, or null when the scheme has no grade bands.</summary>
    public string? Grade { get; }

    /// <summary>The review adjustments (review.md R3) this scorecard was computed with, or null when there are none.</summary>
    public AppliedAdjustments? Adjustments { get; }

    /// <summary>The points a <c>points</c> adjustment added to the total (0 when none).</summary>
    public decimal AddedPoints => Adjustments?.Requested.Points?.Value ?? 0m;

    /// <summary>
    /// The range of the total (scoring.md §3): the sums of <c>100 · w · floor</c> and <c>100 · w · cap</c> over the
    /// indicators that remain, with their reported (re-normalised) weights.
    /// </summary>
    public (decimal Min, decimal Max) TotalRange
    {
        get
        {
            decimal min = 0, max = 0;
            for (var i = 0; i < Indicators.Length; i++)
            {
                if (Indicators[i].Waived)
                    continue;
                var ind = Scheme.Indicators[i];
                min += 100m * Indicators[i].Weight * ind.Floor;
                max += 100m * Indicators[i].Weight * ind.Cap;
            }

            return (min, max);
        }
    }

    /// <summary>True when no indicator is missing (waived ones do not count as missing).</summary>
    public bool Complete
    {
        get
        {
            foreach (ref readonly var i in Indicators.AsSpan())
                if (i.Missing)
                    return false;
            return true;
        }
    }

    /// <summary>Codes of the missing indicators, in tree order.</summary>
    public IEnumerable<string> MissingCodes => Codes(i => i.Missing);

    /// <summary>Codes of the waived indicators, in tree order.</summary>
    public IEnumerable<string> WaivedCodes => Codes(i => i.Waived);

    /// <summary>The result of indicator <paramref name="code"/>.</summary>
    public IndicatorResult Indicator(string code) => Indicators[Scheme.IndicatorIndex(code) is var i and >= 0 ? i : throw new KeyNotFoundException(code)];

    /// <summary>The reason recorded with the waiver of indicator number <paramref name="indicator"/>, or null.</summary>
    /// <remarks>Kept apart from <see cref="IndicatorResult"/> so that the results hold no references and the GC never scans them.</remarks>
    public string? WaiverReason(int indicator) => _waivers is { } w && w.TryGetValue(indicator, out var reason) ? reason : null;

    /// <summary>The reason recorded with the waiver of <paramref name="code"/>, or null.</summary>
    public string? WaiverReason(string code) => WaiverReason(Scheme.IndicatorIndex(code));

    /// <summary>The result of group <paramref name="code"/>.</summary>
    public GroupResult Group(string code) => Groups[Scheme.NodeIndex(code) is var n and >= 0 && Scheme.NodeIndicator[n] < 0 ? n : throw new KeyNotFoundException(code)];

    /// <summary>Reported points of a group or an indicator.</summary>
    public decimal Points(string code)
    {
        var n = Scheme.NodeIndex(code);
        return Scheme.NodeIndicator[n] is var i and >= 0 ? Indicators[i].Points : Groups[n].Points;
    }

    /// <summary>A scope in which expressions (payout rules) read this scorecard.</summary>
    public EvalScope Scope(Func<string, decimal?>? names = null) => new NamesScope(this, names).Init();

    private IEnumerable<string> Codes(Func<IndicatorResult, bool> pick)
    {
        for (var i = 0; i < Indicators.Length; i++)
            if (pick(Indicators[i]))
                yield return Scheme.Indicators[i].Code;
    }

    private sealed class NamesScope(ScorecardResult r, Func<string, decimal?>? names) : ScorecardScope
    {
        public NamesScope Init()
        {
            Card = r;
            return this;
        }

        public override XValue Name(string name) => XValue.Of(names?.Invoke(name));
    }
}

/// <summary>Reads a finished scorecard: waived values read as missing, missing ones set <see cref="EvalScope.ReadMissing"/>.</summary>
internal abstract class ScorecardScope : EvalScope
{
    private ScorecardResult? _r;

    /// <summary>The scorecard read; set before evaluating.</summary>
    protected ScorecardResult Card
    {
        get => _r!;
        set => _r = value;
    }

    public override XValue Actual(int indicator)
    {
        ref readonly var ind = ref Card.Indicators[indicator];
        if (ind.Missing)
            ReadMissing = true;
        return ind.Waived ? XValue.Missing : XValue.Of(ind.Actual);
    }

    public override XValue Score(int indicator)
    {
        ref readonly var ind = ref Card.Indicators[indicator];
        if (ind.Missing)
            ReadMissing = true;
        return ind.Waived ? XValue.Missing : XValue.Of(ind.Score);
    }

    public override XValue Achievement(int node)
    {
        if (Card.Scheme.NodeIndicator[node] is var i and >= 0)
            return Score(i);
        ref readonly var g = ref Card.Groups[node];
        if (g.ContainsMissing)
            ReadMissing = true;
        return XValue.Of(g.Achievement);
    }

    public override XValue Points(int node)
    {
        if (Card.Scheme.NodeIndicator[node] is var i and >= 0)
        {
            ref readonly var ind = ref Card.Indicators[i];
            if (ind.Missing)
                ReadMissing = true;
            return ind.Waived ? XValue.Missing : XValue.Of(ind.Points);
        }

        ref readonly var g = ref Card.Groups[node];
        if (g.ContainsMissing)
            ReadMissing = true;
        return g.Waived ? XValue.Missing : XValue.Of(g.Points);
    }
}
