using Yardstick.Core.Common;

namespace Yardstick.Core.Incentives;

/// <summary>One step of a payout trace, in both languages.</summary>
public sealed record TraceStep(string En, string Zh)
{
    /// <summary>The step in <paramref name="language"/>.</summary>
    public string Get(Language language) => language == Language.ZhCN ? Zh : En;
}

/// <summary>
/// A payout line of a pay statement: the amount is rounded once, to the fen, after its adjustments.
/// </summary>
/// <param name="Person">Who is paid.</param>
/// <param name="Rule">The rule's code.</param>
/// <param name="Kind">The rule's kind.</param>
/// <param name="Amount">The amount, exact to the fen.</param>
/// <param name="Provisional">True when the line read a missing indicator (computed with s = 0) or split a pool whose shares summed to 0.</param>
/// <param name="Steps">The trace: inputs, intermediate values, the rule text.</param>
/// <param name="EquityUnits">Equity units of an award, if any.</param>
/// <param name="Benefit">The non-cash benefit of a recognition.</param>
public sealed record PayoutLine(
    string Person,
    string Rule,
    PayoutKind Kind,
    Money Amount,
    bool Provisional,
    IReadOnlyList<TraceStep> Steps,
    decimal? EquityUnits = null,
    LocalizedText? Benefit = null)
{
    /// <summary>The trace as one text.</summary>
    public string TraceText(Language language) => string.Join(language == Language.ZhCN ? "；" : "; ", Steps.Select(s => s.Get(language)));
}

/// <summary>Something the analyst should know that is not an error (a pool without its measure, a milestone already paid).</summary>
public sealed record Notice(string En, string Zh)
{
    /// <summary>The notice in <paramref name="language"/>.</summary>
    public string Get(Language language) => language == Language.ZhCN ? Zh : En;
}

/// <summary>A person's standing on a career track.</summary>
/// <param name="Track">The track.</param>
/// <param name="Eligible">True when enough grades in the window reach the track's grade.</param>
/// <param name="Count">Grades at or above the track's grade within the window.</param>
/// <param name="Window">The grades considered, oldest first (the current period last).</param>
public sealed record CareerStatus(CareerTrack Track, bool Eligible, int Count, IReadOnlyList<GradeRecord> Window);

/// <summary>Everything a payout run produced.</summary>
/// <param name="Lines">Payout lines by person, in rule order.</param>
/// <param name="Careers">Career-track standing by person.</param>
/// <param name="Problems">Bad input (an award outside its range, an approver who nominated); a run with problems is not used.</param>
/// <param name="Notices">Things worth knowing that are not errors.</param>
/// <param name="Ledger">The ledger after this run.</param>
public sealed record PayoutResult(
    IReadOnlyDictionary<string, IReadOnlyList<PayoutLine>> Lines,
    IReadOnlyDictionary<string, IReadOnlyList<CareerStatus>> Careers,
    IReadOnlyList<Problem> Problems,
    IReadOnlyList<Notice> Notices,
    Ledger Ledger)
{
    /// <summary>The lines of <paramref name="person"/> (empty when none).</summary>
    public IReadOnlyList<PayoutLine> For(string person) => Lines.TryGetValue(person, out var l) ? l : [];
}
