using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Ratings;

/// <summary>How many of a ratee's forms (or of a rater group's) were submitted, of those assigned.</summary>
public sealed record FormCount(string Key, string? Name, int Submitted, int Assigned);

/// <summary>
/// One campaign's progress: its indicator, open or closed (and when), the raters named in it, its forms (one per ratee and
/// rater), how many were submitted and how many not started, per ratee and per rater group. Counts only: who rated whom, and
/// what, is never shown (scoring.md §7).
/// </summary>
public sealed record CampaignProgressRow(
    string Name, string Indicator, bool Closed, DateTimeOffset? ClosedAt, int Raters, int Forms, int Submitted, int NotStarted,
    IReadOnlyList<FormCount> Ratees, IReadOnlyList<FormCount> Groups);

/// <summary>The campaigns of a period, by name.</summary>
public sealed record CampaignProgressView(string Period, IReadOnlyList<CampaignProgressRow> Campaigns);

/// <summary>
/// The 360 campaigns of a period with their progress (a form is submitted once its rater's answers were recorded:
/// <see cref="RecordResponse"/>). Running campaigns is admin work (review.md R2 "imports, calc, … settings"), so the
/// progress is the admins' too; anyone else is refused.
/// </summary>
public sealed class CampaignProgress(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<CampaignProgressView>> RunAsync(string period, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var found = await PeriodScheme.FindAsync(db, period, ct);
        if (!found.IsSuccess)
            return Result<CampaignProgressView>.Fail(found.Problems);
        var campaigns = await db.RatingCampaigns.AsNoTracking().Where(c => c.PeriodId == found.Value.Id).ToListAsync(ct);
        var ids = campaigns.Select(c => c.Id).ToList();
        var forms = await db.RatingRaters.AsNoTracking().Where(r => ids.Contains(r.CampaignId))
            .Select(r => new { r.CampaignId, r.Ratee, r.Rater, r.RaterGroup, Submitted = r.RespondedAt != null }).ToListAsync(ct);
        var ratees = forms.Select(f => f.Ratee).Distinct().ToList();
        var names = await db.Employees.AsNoTracking().Where(e => ratees.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, StringComparer.Ordinal, ct);
        var rows = campaigns.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c =>
        {
            var mine = forms.Where(f => f.CampaignId == c.Id).ToList();
            var submitted = mine.Count(f => f.Submitted);
            return new CampaignProgressRow(c.Name, c.Indicator, c.ClosedAt is not null, c.ClosedAt,
                mine.Select(f => f.Rater).Distinct(StringComparer.Ordinal).Count(), mine.Count, submitted, mine.Count - submitted,
                Counts(mine.Select(f => (f.Ratee, f.Submitted)), id => names.GetValueOrDefault(id, id)), Counts(mine.Select(f => (f.RaterGroup, f.Submitted)), _ => null));
        }).ToList();
        return new CampaignProgressView(found.Value.Label, rows);
    }

    private static List<FormCount> Counts(IEnumerable<(string Key, bool Submitted)> forms, Func<string, string?> name) =>
        [.. forms.GroupBy(f => f.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FormCount(g.Key, name(g.Key), g.Count(f => f.Submitted), g.Count()))];
}
