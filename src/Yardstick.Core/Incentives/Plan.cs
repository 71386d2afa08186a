using Yardstick.Core.Common;

namespace Yardstick.Core.Incentives;

/// <summary>
/// An incentive plan (激励方案): the payout rules of a scheme. Rules run in the order listed;
/// adjustments change the line of an earlier rule.
/// </summary>
/// <param name="Currency">ISO 4217 currency of every line (default CNY).</param>
/// <param name="Rules">The rules.</param>
/// <param name="CareerTracks">Career tracks whose eligibility is read from past grades.</param>
public sealed record Plan(string Currency, IReadOnlyList<PayoutRule> Rules, IReadOnlyList<CareerTrack> CareerTracks);

/// <summary>The kinds of payout rule (scoring.md §4).</summary>
public enum PayoutKind
{
    /// <summary>base_salary × curve(x).</summary>
    SalaryFactor,
    /// <summary>Multiplies another rule's line when a condition holds.</summary>
    Adjustment,
    /// <summary>An amount expression paid when a condition holds.</summary>
    Fixed,
    /// <summary>rate × a team measure, split among the team's members by share.</summary>
    Pool,
    /// <summary>A fixed amount once per product and milestone event.</summary>
    Milestone,
    /// <summary>rate × max(0, a product measure), split equally among the product's owners.</summary>
    ExcessShare,
    /// <summary>A multi-year share of revenue growth over the launch year.</summary>
    ProfitShare,
    /// <summary>A discretionary nomination approved by a second person.</summary>
    Award,
    /// <summary>Non-cash recognition of the top n people.</summary>
    Recognition,
}

/// <summary>A payout rule.</summary>
/// <param name="Code">ASCII snake_case, unique within the plan.</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Frequency">The period kind the rule runs in; null means the scheme's period kind.</param>
public abstract record PayoutRule(string Code, LocalizedText Name, PayoutKind Kind, PeriodKind? Frequency);

/// <summary>A point [x, y] of a piecewise-linear curve.</summary>
public sealed record CurvePoint(decimal X, decimal Y);

/// <summary><c>base_salary × curve(x)</c>; the curve is flat before its first and after its last point.</summary>
public sealed record SalaryFactorRule(string Code, LocalizedText Name, PeriodKind? Frequency, string X, IReadOnlyList<CurvePoint> Curve)
    : PayoutRule(Code, Name, PayoutKind.SalaryFactor, Frequency);

/// <summary>When <paramref name="When"/> holds, the line of <paramref name="Target"/> is multiplied by <paramref name="Factor"/>.</summary>
public sealed record AdjustmentRule(string Code, LocalizedText Name, string Target, string When, decimal Factor)
    : PayoutRule(Code, Name, PayoutKind.Adjustment, null);

/// <summary>Pays <paramref name="Amount"/> (an expression) when <paramref name="When"/> holds (always when null).</summary>
public sealed record FixedRule(string Code, LocalizedText Name, PeriodKind? Frequency, string Amount, string? When)
    : PayoutRule(Code, Name, PayoutKind.Fixed, Frequency);

/// <summary>
/// A team pool: <c>rate × measure</c> when <paramref name="When"/> holds, both evaluated once per team, split
/// among the team's members by <paramref name="Share"/> (default: points('individual') when the scheme has
/// that group, else equal shares; explicit shares from the people file win when every member has one).
/// </summary>
public sealed record PoolRule(string Code, LocalizedText Name, PeriodKind? Frequency, decimal Rate, string Measure, string? When, string? Share)
    : PayoutRule(Code, Name, PayoutKind.Pool, Frequency);

/// <summary>Pays <paramref name="Amount"/> once per product when event <paramref name="Event"/> is recorded inside the period.</summary>
public sealed record MilestoneRule(string Code, LocalizedText Name, PeriodKind? Frequency, string Event, decimal Amount)
    : PayoutRule(Code, Name, PayoutKind.Milestone, Frequency);

/// <summary><c>rate × max(0, measure)</c> per product (e.g. product.gmv − product.gmv_target), split equally among its owners.</summary>
public sealed record ExcessShareRule(string Code, LocalizedText Name, PeriodKind? Frequency, decimal Rate, string Measure)
    : PayoutRule(Code, Name, PayoutKind.ExcessShare, Frequency);

/// <summary>
/// In a yearly run for year y within <paramref name="Years"/> years after the launch year:
/// <c>rate × max(0, revenue(y) − revenue(launch year))</c>, rate per product within [RateMin, RateMax].
/// </summary>
public sealed record ProfitShareRule(string Code, LocalizedText Name, PeriodKind? Frequency, int Years, decimal RateMin, decimal RateMax)
    : PayoutRule(Code, Name, PayoutKind.ProfitShare, Frequency);

/// <summary>A discretionary award: cash within [Min, Max] and, when allowed, equity units.</summary>
public sealed record AwardRule(string Code, LocalizedText Name, PeriodKind? Frequency, decimal Min, decimal Max, bool Equity)
    : PayoutRule(Code, Name, PayoutKind.Award, Frequency);

/// <summary>Recognition of the top <paramref name="Top"/> people by the ranking expressions in order (ties at the cut-off all included).</summary>
public sealed record RecognitionRule(string Code, LocalizedText Name, PeriodKind? Frequency, int Top, IReadOnlyList<string> RankBy, RecognitionScope Scope, LocalizedText Benefit)
    : PayoutRule(Code, Name, PayoutKind.Recognition, Frequency);

/// <summary>Among whom a recognition ranks.</summary>
public enum RecognitionScope
{
    /// <summary>Everyone evaluated under the plan.</summary>
    Company,
    /// <summary>Each team separately.</summary>
    Team,
}

/// <summary>A career track (职业通道): eligible with at least <paramref name="MinCount"/> grades of <paramref name="MinGrade"/> or better in the last <paramref name="Window"/> periods.</summary>
public sealed record CareerTrack(string Code, LocalizedText From, LocalizedText To, string MinGrade, int MinCount, int Window, IReadOnlyList<LocalizedText> Training);
