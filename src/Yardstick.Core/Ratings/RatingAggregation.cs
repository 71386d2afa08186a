using System.Globalization;
using Yardstick.Core.Common;

namespace Yardstick.Core.Ratings;

/// <summary>One rater's answers about one ratee in a 360 campaign.</summary>
/// <param name="Rater">The rater's id (never shown to the ratee).</param>
/// <param name="Group">The rater group (sales, customer_success, rd, …).</param>
/// <param name="Answers">The answers to the campaign's questions, each on the scale (1–5 by default).</param>
public sealed record RatingResponse(string Rater, string Group, IReadOnlyList<decimal> Answers);

/// <summary>The mean of one rater group: the mean of its raters' own means.</summary>
/// <param name="Group">The rater group.</param>
/// <param name="Raters">How many raters answered.</param>
/// <param name="Mean">The group mean, exact (not rounded).</param>
public sealed record RatingGroupMean(string Group, int Raters, decimal Mean);

/// <summary>
/// What the ratee may see (scoring.md §7): the overall mean, and the means of groups with at least
/// <see cref="RatingAggregation.MinimumRaters"/> raters. It holds no rater ids and no single ratings.
/// </summary>
/// <param name="Overall">The overall mean (the indicator's actual), or null without ratings.</param>
/// <param name="Groups">The groups shown on their own, ordered by group id (ordinal).</param>
/// <param name="OnlyOverall">True when no group is shown, because the hidden groups hold fewer than the minimum of raters together.</param>
/// <param name="HiddenGroups">How many groups are folded into the overall mean without being shown.</param>
public sealed record RatingView(decimal? Overall, IReadOnlyList<RatingGroupMean> Groups, bool OnlyOverall, int HiddenGroups);

/// <summary>
/// The aggregate of one ratee's responses: <see cref="Actual"/> is the mean of the group means (each group
/// weighs the same, whatever its size). <see cref="Groups"/> holds every group, for HR and the trace;
/// show the ratee only <see cref="View"/>.
/// </summary>
/// <param name="Actual">The mean of the group means, exact; null when nobody answered.</param>
/// <param name="Raters">The raters counted.</param>
/// <param name="Groups">Every group mean, ordered by group id (ordinal).</param>
/// <param name="View">What the ratee may see.</param>
public sealed record RatingAggregate(decimal? Actual, int Raters, IReadOnlyList<RatingGroupMean> Groups, RatingView View);

/// <summary>The 360 aggregation of scoring.md §7.</summary>
public static class RatingAggregation
{
    /// <summary>The fewest raters a group (or the hidden groups together) must have to be shown apart.</summary>
    public const int MinimumRaters = 3;

    /// <summary>
    /// Aggregates one ratee's responses. Each rater's answers are averaged first; a group's mean is the mean
    /// of its raters; the actual is the mean of the group means. Only groups in <paramref name="groups"/>
    /// count (null or empty: all). Answers outside [<paramref name="min"/>, <paramref name="max"/>], raters
    /// without answers and raters answering twice are problems (Where: the rater's id).
    /// </summary>
    public static Result<RatingAggregate> Aggregate(IEnumerable<RatingResponse> responses, IReadOnlyCollection<string>? groups = null, decimal min = 1, decimal max = 5)
    {
        var problems = new List<Problem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var byGroup = new SortedDictionary<string, List<decimal>>(StringComparer.Ordinal);
        foreach (var r in responses)
        {
            if (!seen.Add(r.Rater))
            {
                problems.Add(Problem.Invalid(r.Rater, "该评价人对同一被评价人提交了多份评分；请只保留一份", "this rater answered more than once for the same ratee; keep one response"));
                continue;
            }

            if (r.Answers.Count == 0)
            {
                problems.Add(Problem.Invalid(r.Rater, "这份评分没有任何作答", "the response has no answers"));
                continue;
            }

            var bad = r.Answers.Where(a => a < min || a > max).ToList();
            if (bad.Count > 0)
            {
                problems.Add(Problem.Invalid(r.Rater,
                    string.Create(CultureInfo.InvariantCulture, $"评分 {bad[0]} 超出量表范围；应为 {min}–{max}"),
                    string.Create(CultureInfo.InvariantCulture, $"answer {bad[0]} is outside the scale; expected {min}–{max}")));
                continue;
            }

            if (groups is { Count: > 0 } && !groups.Contains(r.Group))
                continue;
            if (!byGroup.TryGetValue(r.Group, out var means))
                byGroup.Add(r.Group, means = []);
            means.Add(r.Answers.Sum() / r.Answers.Count);
        }

        if (problems.Count > 0)
            return Result<RatingAggregate>.Fail(problems);

        var all = byGroup.Select(g => new RatingGroupMean(g.Key, g.Value.Count, g.Value.Sum() / g.Value.Count)).ToList();
        decimal? actual = all.Count == 0 ? null : all.Sum(g => g.Mean) / all.Count;
        var shown = all.Where(g => g.Raters >= MinimumRaters).ToList();
        var hidden = all.Where(g => g.Raters < MinimumRaters).ToList();
        var onlyOverall = hidden.Count > 0 && hidden.Sum(g => g.Raters) < MinimumRaters;
        var view = new RatingView(actual, onlyOverall ? [] : shown, onlyOverall, onlyOverall ? all.Count : hidden.Count);
        return new RatingAggregate(actual, all.Sum(g => g.Raters), all, view);
    }
}
