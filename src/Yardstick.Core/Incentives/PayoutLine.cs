using Yardstick.Core.Common;

namespace Yardstick.Core.Incentives;

/// <summary>
/// One step of a payout trace, in both languages. The text is rendered when it is read, from values
/// captured when the line was computed, so a run that is never explained formats no text.
/// </summary>
public readonly struct TraceStep
{
    private readonly object? _state;
    private readonly Func<object?, Language, string> _render;

    /// <summary>A step rendered by a function of the language.</summary>
    public TraceStep(Func<Language, string> render)
    {
        _state = render;
        _render = static (state, language) => ((Func<Language, string>)state!)(language);
    }

    /// <summary>A step rendered by a static function from a state object: no allocation beyond the state.</summary>
    public TraceStep(object state, Func<object?, Language, string> render)
    {
        _state = state;
        _render = render;
    }

    /// <summary>A step with fixed texts.</summary>
    public TraceStep(string en, string zh)
    {
        _state = new LocalizedText(zh, en);
        _render = static (state, language) => ((LocalizedText)state!).Get(language);
    }

    /// <summary>The step in English.</summary>
    public string En => Get(Language.En);

    /// <summary>The step in Chinese.</summary>
    public string Zh => Get(Language.ZhCN);

    /// <summary>The step in <paramref name="language"/>.</summary>
    public string Get(Language language) => _render(_state, language);
}

/// <summary>
/// A payout line of a pay statement: the amount is rounded once, to the fen, after its adjustments.
/// The engine builds a line, applies adjustments and rounds it; callers only read it.
/// </summary>
public sealed class PayoutLine
{
    private decimal _amount;

    private readonly IReadOnlyList<TraceStep>? _common;
    private TraceStep[] _own;
    private TraceStep[]? _added;

    internal PayoutLine(string person, Incentives.PayoutRule rule, string currency, decimal amount, bool provisional, TraceStep[] steps, IReadOnlyList<TraceStep>? common = null)
    {
        _common = common;
        _own = steps;
        Person = person;
        Rule = rule.Code;
        Kind = rule.Kind;
        Currency = currency;
        _amount = amount;
        Provisional = provisional;
    }

    /// <summary>Who is paid.</summary>
    public string Person { get; }

    /// <summary>The rule's code.</summary>
    public string Rule { get; }

    /// <summary>The rule's kind.</summary>
    public PayoutKind Kind { get; }

    /// <summary>The ISO 4217 currency.</summary>
    public string Currency { get; }

    /// <summary>The amount, exact to the fen once the run is finished.</summary>
    public Money Amount => Money.Of(_amount, Currency);

    /// <summary>True when the line read a missing indicator (computed with s = 0) or split a pool whose shares summed to 0.</summary>
    public bool Provisional { get; internal set; }

    /// <summary>The trace: inputs, intermediate values, the rule text (steps shared by a pool's lines first).</summary>
    public IReadOnlyList<TraceStep> Steps => [.. _common ?? [], .. _own, .. _added ?? []];

    /// <summary>Equity units of an award, if any.</summary>
    public decimal? EquityUnits { get; internal init; }

    /// <summary>The non-cash benefit of a recognition.</summary>
    public LocalizedText? Benefit { get; internal init; }

    /// <summary>True when the trace ends with the rounding of the line ("rounded once → 20,760.38").</summary>
    public bool RoundingStep { get; private set; }

    /// <summary>True for amounts that are exact to the fen by construction (pool splits, awards): no rounding step.</summary>
    internal bool Exact { get; init; }

    /// <summary>What the line's own steps render from, when they need more than the line (a pool's split).</summary>
    internal object? Detail { get; init; }

    /// <summary>Sets the line's own steps (for steps that render from the line itself).</summary>
    internal void SetSteps(TraceStep[] steps) => _own = steps;

    /// <summary>Adds a step after the line's own (an adjustment's).</summary>
    internal void AddStep(TraceStep step) => _added = _added is null ? [step] : [.. _added, step];

    /// <summary>The unrounded amount while the line is built.</summary>
    internal decimal Unrounded
    {
        get => _amount;
        set => _amount = value;
    }

    /// <summary>Rounds the amount once, at the end of the line.</summary>
    internal void Round()
    {
        _amount = Money.RoundAmount(_amount);
        RoundingStep = !Exact && (_own.Length > 0 || _added is not null || _common is { Count: > 0 });
    }

    /// <summary>Every step's text, the rounding of the line last.</summary>
    public IEnumerable<string> StepTexts(Language language)
    {
        foreach (var step in _common ?? [])
            yield return step.Get(language);
        foreach (var step in _own)
            yield return step.Get(language);
        foreach (var step in _added ?? [])
            yield return step.Get(language);
        if (RoundingStep)
            yield return language == Language.ZhCN ? $"最终取整一次 → {TraceFormat.Money(_amount)}" : $"rounded once → {TraceFormat.Money(_amount)}";
    }

    /// <summary>The trace as one text.</summary>
    public string TraceText(Language language) => string.Join(language == Language.ZhCN ? "；" : "; ", StepTexts(language));
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
