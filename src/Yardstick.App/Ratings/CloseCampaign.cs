using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Ratings;

/// <summary>
/// <c>ratings close CAMPAIGN --period P</c>: closes a campaign; from then on its responses are final and feed
/// <c>calc</c> (scoring.md §7). Audited.
/// </summary>
public sealed class CloseCampaign(YardstickDb db)
{
    public async Task<Result<RatingCampaign>> RunAsync(string label, string campaignName, CancellationToken ct = default)
    {
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return Result<RatingCampaign>.Fail(loaded.Problems);
        var found = await Campaigns.FindAsync(db, loaded.Value, campaignName, ct);
        if (!found.IsSuccess)
            return found;
        var campaign = found.Value;
        if (Campaigns.CheckOpen(campaign, loaded.Value, "关闭评价活动", "close the campaign") is { } refused)
            return Result<RatingCampaign>.Fail([refused]);
        campaign.ClosedAt = db.Now;
        await db.SaveChangesAsync(ct);
        return campaign;
    }
}
