using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Core.Ratings;
using Yardstick.Data;

namespace Yardstick.App.Ratings;

/// <summary>What a ratee sees of one campaign: its indicator, whether it is closed, and (once closed) the view of §7.</summary>
/// <param name="View">Null while the campaign is open (nothing is shown before the close).</param>
public sealed record CampaignView(string Campaign, string Indicator, bool Closed, int Raters, RatingView? View);

/// <summary>
/// <c>ratings show PERSON --period P</c>: the ratee's view of their campaigns (scoring.md §7): the overall mean
/// and the means of groups with at least 3 raters; never single ratings or rater names. A group with fewer
/// raters is shown only inside the overall mean; if the hidden groups hold fewer than 3 raters together,
/// only the overall mean is shown. Shown to those who may view the ratee's 360 result (R2: admins, the ratee's managers,
/// the ratee from Published); to anyone else the ratee is not found.
/// </summary>
public sealed class ShowRatings(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<IReadOnlyList<CampaignView>>> RunAsync(string label, string ratee, CancellationToken ct = default)
    {
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return Result<IReadOnlyList<CampaignView>>.Fail(loaded.Problems);
        var p = loaded.Value;
        // the period first: X sees their own 360 result only from Published (R2)
        if (await _access.CheckAsync(AccessAction.ViewRatingResult, ratee, p.Row, ct) is { } refused)
            return refused;
        var campaigns = await db.RatingCampaigns.AsNoTracking().Where(c => c.PeriodId == p.Row.Id).ToListAsync(ct);
        var answers = await (from rater in db.RatingRaters.AsNoTracking()
                             where rater.Ratee == ratee
                             join c in db.RatingCampaigns.AsNoTracking() on rater.CampaignId equals c.Id
                             where c.PeriodId == p.Row.Id
                             join a in db.RatingResponses.AsNoTracking() on rater.Id equals a.RaterId
                             select new { rater.CampaignId, rater.Rater, rater.RaterGroup, a.Question, a.Score }).ToListAsync(ct);
        var views = new List<CampaignView>();
        foreach (var c in campaigns.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var mine = answers.Where(a => a.CampaignId == c.Id).ToList();
            if (mine.Count == 0 && !await db.RatingRaters.AnyAsync(r => r.CampaignId == c.Id && r.Ratee == ratee, ct))
                continue;
            var raters = mine.Select(a => a.Rater).Distinct(StringComparer.Ordinal).Count();
            if (c.ClosedAt is null)
            {
                views.Add(new CampaignView(c.Name, c.Indicator, false, raters, null));
                continue;
            }

            var indicator = Campaigns.RatingIndicators(p).FirstOrDefault(i => i.Code == c.Indicator);
            var aggregate = RatingAggregation.Aggregate(
                mine.GroupBy(a => (a.Rater, a.RaterGroup)).OrderBy(g => g.Key.Rater, StringComparer.Ordinal)
                    .Select(g => new RatingResponse(g.Key.Rater, g.Key.RaterGroup, [.. g.OrderBy(x => x.Question).Select(x => x.Score)])),
                indicator?.RaterGroups);
            if (!aggregate.IsSuccess)
                return Result<IReadOnlyList<CampaignView>>.Fail([aggregate.Problems[0].At(Location.Of(c.Name)).Prefixed("无法汇总该评价活动的评价：", "the campaign's responses cannot be aggregated: ")]);
            views.Add(new CampaignView(c.Name, c.Indicator, true, aggregate.Value.Raters, aggregate.Value.View));
        }

        if (views.Count == 0)
            return Problem.NotFound("person", $"'{ratee}' 不是 {p.Row.Label} 任何评价活动的被评价人", $"'{ratee}' is not a ratee of any campaign in {p.Row.Label}");
        return views;
    }
}
