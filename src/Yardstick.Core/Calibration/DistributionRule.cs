using System.Globalization;
using Yardstick.Core.Common;

namespace Yardstick.Core.Calibration;

/// <summary>What a broken <see cref="DistributionRule"/> does (review.md R4).</summary>
public enum DistributionMode
{
    /// <summary>Approval is refused while the rule is broken in any calibration group.</summary>
    Enforce,

    /// <summary>The rule is shown beside the counts, never enforced.</summary>
    Guide,
}

/// <summary>
/// The shares of a group one grade may take: at most <paramref name="Max"/> and/or at least <paramref name="Min"/>, each a
/// share of the group's size in [0, 1] (0.10 means 10%); null for no bound on that side.
/// </summary>
/// <param name="Grade">The grade, as the scheme names it (<c>S</c>, <c>A</c>, …; case-sensitive).</param>
/// <param name="Max">The largest share of the group that may hold the grade, or null.</param>
/// <param name="Min">The smallest share of the group that must hold the grade, or null.</param>
public readonly record struct GradeLimit(string Grade, decimal? Max, decimal? Min)
{
    /// <summary>How many of <paramref name="size"/> people may hold the grade: floor(max × n + 0.5); null without a max.</summary>
    public int? AllowedMax(int size) => Max is { } max ? DistributionRule.Count(max, size) : null;

    /// <summary>How many of <paramref name="size"/> people must hold the grade: floor(min × n + 0.5); null without a min.</summary>
    public int? RequiredMin(int size) => Min is { } min ? DistributionRule.Count(min, size) : null;
}

/// <summary>
/// A grade distribution rule (review.md R4): for some grades a max and/or a min share of a calibration group, and a
/// mode. An organisation setting, copied into a period when it is opened. Stored as JSON (<see cref="DistributionRuleJson"/>,
/// docs/calibration.md); checked against a scheme's grades with <see cref="Validate"/>.
/// </summary>
/// <param name="Mode">Enforce (approval is refused while broken) or guide (shown only).</param>
/// <param name="Grades">The limits, one per grade at most, in the order they were given.</param>
public sealed record DistributionRule(DistributionMode Mode, IReadOnlyList<GradeLimit> Grades)
{
    /// <summary>
    /// The count a share gives in a group of <paramref name="size"/> people: floor(share × n + 0.5), in decimal arithmetic
    /// (half a person rounds up: 10% of 15 is 1.5, so 2). Both an allowed max and a required min are counted this way.
    /// </summary>
    /// <param name="share">A share in [0, 1].</param>
    /// <param name="size">The group's size, at least 0.</param>
    public static int Count(decimal share, int size) => (int)decimal.Floor((share * size) + 0.5m);

    /// <summary>
    /// Every problem of the rule, located at <c>{field}.grades.{grade}.max</c> (or <c>.min</c>, or the grade): a share
    /// outside [0, 1], a min above the max, a grade with neither, a grade given twice, min shares that add up to more
    /// than 1, and, when <paramref name="schemeGrades"/> is given, a grade the scheme does not have. Empty when the rule
    /// is valid.
    /// </summary>
    /// <param name="schemeGrades">The scheme's grades (highest first, as <c>Scheme.Grades</c>); null when no scheme is known yet (an organisation setting), so grades are not checked.</param>
    /// <param name="field">Where the rule is, for the problems' locations.</param>
    public IReadOnlyList<Problem> Validate(IReadOnlyList<string>? schemeGrades, string field = "distribution")
    {
        var problems = new List<Problem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var limit in Grades)
        {
            var at = $"{field}.grades.{limit.Grade}";
            if (!seen.Add(limit.Grade))
                problems.Add(Problem.Invalid(at, $"等级 {limit.Grade} 出现了不止一次；每个等级只能写一次", $"the grade {limit.Grade} is given more than once; give each grade once"));
            if (schemeGrades is not null && !schemeGrades.Contains(limit.Grade, StringComparer.Ordinal))
                problems.Add(schemeGrades.Count == 0
                    ? Problem.Invalid(at, $"方案没有等级，因此不能限制等级 {limit.Grade} 的分布；请删除分布规则或为方案定义等级", $"the scheme has no grades, so the distribution of grade {limit.Grade} cannot be limited; remove the rule or give the scheme grades")
                    : Problem.Invalid(at, $"方案没有等级 {limit.Grade}；应为 {ProblemText.ZhList(schemeGrades)} 之一", $"the scheme has no grade {limit.Grade}; expected one of {string.Join(", ", schemeGrades)}"));
            if (limit.Max is null && limit.Min is null)
                problems.Add(Problem.Invalid(at, $"等级 {limit.Grade} 需要 max 或 min（或两者），为 0 到 1 之间的比例，例如 0.10", $"the grade {limit.Grade} needs a max or a min share (or both) between 0 and 1, e.g. 0.10"));
            ShareInRange(limit.Max, at + ".max", problems);
            ShareInRange(limit.Min, at + ".min", problems);
            if (limit is { Max: { } max and >= 0m and <= 1m, Min: { } min and >= 0m and <= 1m } && min > max)
                problems.Add(Problem.Invalid(at + ".min", $"等级 {limit.Grade} 的 min {Number(min)} 大于 max {Number(max)}；min 不能超过 max", $"the grade {limit.Grade} has min {Number(min)} above its max {Number(max)}; the min may not exceed the max"));
        }

        var mins = Grades.Where(g => g.Min is >= 0m and <= 1m).Sum(g => g.Min!.Value);
        if (mins > 1m)
            problems.Add(Problem.Invalid(field + ".grades", $"各等级的 min 合计为 {Number(mins)}，超过 1（100%）；合计最多为 1", $"the grades' min shares add up to {Number(mins)}, more than 1 (100%); they may add up to at most 1"));
        return problems;
    }

    /// <summary>A share as a percentage, without trailing zeros: 0.10 → 10, 0.125 → 12.5.</summary>
    internal static string Percent(decimal share) => Number(share * 100m);

    private static string Number(decimal value) => Decimals.Canonical(value).ToString(CultureInfo.InvariantCulture);

    private static void ShareInRange(decimal? share, string at, List<Problem> problems)
    {
        if (share is { } s && s is < 0m or > 1m)
            problems.Add(Problem.Invalid(at, $"比例 {Number(s)} 超出范围；应为 0 到 1 之间的数，例如 0.10 表示 10%", $"the share {Number(s)} is out of range; expected a number from 0 to 1, e.g. 0.10 for 10%"));
    }
}
