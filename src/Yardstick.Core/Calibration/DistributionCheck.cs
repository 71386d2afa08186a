using System.Globalization;
using Yardstick.Core.Common;

namespace Yardstick.Core.Calibration;

/// <summary>Which side of a <see cref="GradeLimit"/> a violation breaks.</summary>
public enum DistributionBound
{
    /// <summary>More people hold the grade than its max share allows.</summary>
    Max,

    /// <summary>Fewer people hold the grade than its min share requires.</summary>
    Min,
}

/// <summary>
/// A grade limit broken in a calibration group: <paramref name="Count"/> of the group's <paramref name="Size"/> people
/// hold <paramref name="Grade"/>, against a <paramref name="Limit"/> counted from <paramref name="Share"/>.
/// </summary>
/// <param name="Group">The group's name (a manager's id, or <c>company</c>).</param>
/// <param name="Size">The group's size.</param>
/// <param name="Grade">The grade.</param>
/// <param name="Bound">At most (max) or at least (min).</param>
/// <param name="Count">How many people of the group hold the grade.</param>
/// <param name="Limit">The allowed max or the required min, in people.</param>
/// <param name="Share">The rule's share the limit is counted from (0.10 for 10%).</param>
public sealed record DistributionViolation(string Group, int Size, string Grade, DistributionBound Bound, int Count, int Limit, decimal Share)
{
    /// <summary>
    /// review.md R4's message: <c>group m3: 2 people graded S, at most 1 (10% of 12)</c>, or
    /// <c>组 m3：2 人评为 S，最多 1 人（12 人的 10%）</c>; the percentage is the share × 100 without trailing zeros.
    /// </summary>
    public LocalizedText Message
    {
        get
        {
            var percent = DistributionRule.Percent(Share);
            var (boundZh, boundEn) = Bound switch
            {
                DistributionBound.Max => ("最多", "at most"),
                DistributionBound.Min => ("至少", "at least"),
            };
            return new LocalizedText(
                string.Create(CultureInfo.InvariantCulture, $"组 {Group}：{Count} 人评为 {Grade}，{boundZh} {Limit} 人（{Size} 人的 {percent}%）"),
                string.Create(CultureInfo.InvariantCulture, $"group {Group}: {Count} {(Count == 1 ? "person" : "people")} graded {Grade}, {boundEn} {Limit} ({percent}% of {Size})"));
        }
    }

    /// <summary>
    /// The violation as the conflict that refuses approval under an enforced rule (review.md R4, R6): code
    /// <c>calibration.distribution</c> with the group as its argument, no location, so that its text is the message alone.
    /// </summary>
    public Problem ToProblem() => new(ProblemKind.Conflict, Location.None, Message, "calibration.distribution", Group);
}

/// <summary>Checks a calibration group's grades against a <see cref="DistributionRule"/> (review.md R4).</summary>
public static class DistributionCheck
{
    /// <summary>
    /// The limits of <paramref name="rule"/> that a group breaks, in the rule's grade order, a max before a min; empty
    /// when it keeps them all. Whatever the rule's mode: the caller refuses approval only for an enforced rule.
    /// </summary>
    /// <param name="group">The group's name.</param>
    /// <param name="size">The group's size n.</param>
    /// <param name="counts">How many people of the group hold each grade; a grade without an entry has 0.</param>
    /// <param name="rule">A valid rule (<see cref="DistributionRule.Validate"/>).</param>
    public static IReadOnlyList<DistributionViolation> Check(string group, int size, IReadOnlyDictionary<string, int> counts, DistributionRule rule)
    {
        var violations = new List<DistributionViolation>();
        foreach (var limit in rule.Grades)
        {
            var count = counts.GetValueOrDefault(limit.Grade);
            if (limit.AllowedMax(size) is { } max && count > max)
                violations.Add(new DistributionViolation(group, size, limit.Grade, DistributionBound.Max, count, max, limit.Max!.Value));
            if (limit.RequiredMin(size) is { } min && count < min)
                violations.Add(new DistributionViolation(group, size, limit.Grade, DistributionBound.Min, count, min, limit.Min!.Value));
        }

        return violations;
    }

    /// <summary>The limits a calibration group breaks, its counts taken from each person's grade (<paramref name="gradeOf"/>; null for no grade, which counts nowhere).</summary>
    /// <param name="group">The group.</param>
    /// <param name="gradeOf">A person's grade: the final grade after calibration, or the computed one before.</param>
    /// <param name="rule">A valid rule.</param>
    public static IReadOnlyList<DistributionViolation> Check(CalibrationGroup group, Func<string, string?> gradeOf, DistributionRule rule) =>
        Check(group.Name, group.Size, Counts(group.People.Select(gradeOf)), rule);

    /// <summary>How many of <paramref name="grades"/> are each grade (nulls are not counted).</summary>
    public static IReadOnlyDictionary<string, int> Counts(IEnumerable<string?> grades) =>
        grades.OfType<string>().CountBy(g => g, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
}
