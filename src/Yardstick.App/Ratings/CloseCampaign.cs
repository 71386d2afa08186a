using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Ratings;

/// <summary>
/// <c>ratings close CAMPAIGN --period P</c>: closes a campaign; from then on its responses are final and feed
/// <c>calc</c> (scoring.md §7). Audited.
/// </summary>
public sealed class CloseCampaign(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<RatingCampaign>> RunAsync(string label, string campaignName, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return Result<RatingCampaign>.Fail(loaded.Problems);
        // the state first: a period that no longer accepts data is why nothing can be closed, whatever the name
        if (loaded.Value.CheckAcceptsData("关闭评价活动", "close the campaign") is { } frozen)
            return Result<RatingCampaign>.Fail([frozen]);
        var found = await Campaigns.FindAsync(db, loaded.Value, campaignName, ct);
        if (!found.IsSuccess)
            return found;
        var campaign = found.Value;
        if (Campaigns.CheckOpen(campaign, loaded.Value, "关闭评价活动", "close the campaign") is { } closed)
            return Result<RatingCampaign>.Fail([closed]);
        campaign.ClosedAt = db.Now;
        await db.SaveChangesAsync(ct);
        return campaign;
    }
}
