using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Ratings;

/// <summary>
/// Asks raters to rate a ratee in an open campaign, each in a rater group (sales, customer_success, rd, …).
/// A rater already asked keeps their answers and moves to the given group. One audit entry per rater.
/// </summary>
public sealed class AddRaters(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<IReadOnlyList<RatingRater>>> RunAsync(string label, string campaignName, string ratee, IReadOnlyList<(string Rater, string Group)> raters, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return Result<IReadOnlyList<RatingRater>>.Fail(loaded.Problems);
        var p = loaded.Value;
        var found = await Campaigns.FindAsync(db, p, campaignName, ct);
        if (!found.IsSuccess)
            return Result<IReadOnlyList<RatingRater>>.Fail(found.Problems);
        var campaign = found.Value;
        var problems = new List<Problem>();
        if (Campaigns.CheckOpen(campaign, p, "添加评价人", "add raters") is { } closed)
            problems.Add(closed);
        if (!await db.Employees.AnyAsync(e => e.Id == ratee, ct))
            problems.Add(Problem.NotFound("ratee", $"'{ratee}' 不是员工；请先导入员工", $"'{ratee}' is not an employee; import employees first", "employee.unknown"));
        var indicator = Campaigns.RatingIndicators(p).FirstOrDefault(i => i.Code == campaign.Indicator);
        foreach (var (rater, group) in raters)
        {
            if (string.IsNullOrWhiteSpace(rater) || rater == ratee)
                problems.Add(rater == ratee ? Problem.Invalid("rater", $"'{ratee}' 不能评价自己", $"'{ratee}' cannot rate themselves") : Problem.Invalid("rater", "评价人编号为空", "a rater id is empty"));
            if (string.IsNullOrWhiteSpace(group))
                problems.Add(Problem.Invalid(rater, "评价人组为空；应为 sales、customer_success、rd 等", "the rater group is empty; expected sales, customer_success, rd, …"));
            else if (indicator is not null && Campaigns.CheckGroup(indicator, group) is { } bad)
                problems.Add(new Problem(ProblemKind.Invalid, Location.Of(rater), bad));
        }

        if (problems.Count > 0)
            return Result<IReadOnlyList<RatingRater>>.Fail(problems);
        var existing = await db.RatingRaters.Where(r => r.CampaignId == campaign.Id && r.Ratee == ratee).ToDictionaryAsync(r => r.Rater, StringComparer.Ordinal, ct);
        var result = new List<RatingRater>();
        foreach (var (rater, group) in raters)
        {
            if (!existing.TryGetValue(rater, out var row))
                existing[rater] = row = db.RatingRaters.Add(new RatingRater { CampaignId = campaign.Id, Ratee = ratee, Rater = rater }).Entity;
            row.RaterGroup = group;
            result.Add(row);
        }

        await db.SaveChangesAsync(ct);
        return result;
    }
}
