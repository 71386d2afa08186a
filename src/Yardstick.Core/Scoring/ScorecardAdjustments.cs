namespace Yardstick.Core.Scoring;

/// <summary>One adjusted value of a scorecard (review.md R3) with who made it and why, which its trace shows.</summary>
/// <param name="Value">The corrected actual, the score that replaces the computed one, or the points added to the total.</param>
/// <param name="Author">Who made the adjustment.</param>
/// <param name="Reason">Why (at least 10 characters, checked by the caller).</param>
public readonly record struct Adjusted(decimal Value, string Author, string Reason)
{
    /// <summary>What a trace shows beside the adjusted number: <c>adjusted by li_ming: the usage export missed a week</c>.</summary>
    public string Note(Common.Language lang) => lang == Common.Language.ZhCN ? $"由 {Author} 调整：{Reason}" : $"adjusted by {Author}: {Reason}";
}

/// <summary>
/// The review adjustments of one person's scorecard (review.md R3), by indicator number of the scheme:
/// <see cref="Actuals"/> replace actuals before anything reads them (conditions and formulas included),
/// <see cref="Scores"/> replace an indicator's score <c>s</c> after it is computed (points, groups and total follow),
/// <see cref="Points"/> is added to the reported total (after waivers, unscaled) and the grade is taken from the sum.
/// A score or actual of an indicator that is missing or waived is not applied; the caller drops it with a notice
/// (<see cref="AppliedAdjustments.Unapplied"/>). Ranges are checked by the caller when the adjustment is made.
/// </summary>
public sealed record ScorecardAdjustments(
    IReadOnlyDictionary<int, Adjusted>? Actuals = null,
    IReadOnlyDictionary<int, Adjusted>? Scores = null,
    Adjusted? Points = null)
{
    /// <summary>True when nothing is adjusted.</summary>
    public bool IsEmpty => (Actuals is null || Actuals.Count == 0) && (Scores is null || Scores.Count == 0) && Points is null;
}
