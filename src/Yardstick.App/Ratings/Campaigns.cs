using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Data;

namespace Yardstick.App.Ratings;

/// <summary>Finding a campaign of a period and checking what a rating campaign accepts (scoring.md §7).</summary>
internal static class Campaigns
{
    public const decimal Min = 1;
    public const decimal Max = 5;

    public static async Task<Result<RatingCampaign>> FindAsync(YardstickDb db, PeriodScheme p, string name, CancellationToken ct)
    {
        var campaign = await db.RatingCampaigns.SingleOrDefaultAsync(c => c.PeriodId == p.Row.Id && c.Name == name, ct);
        if (campaign is not null)
            return campaign;
        var known = await db.RatingCampaigns.Where(c => c.PeriodId == p.Row.Id).Select(c => c.Name).ToListAsync(ct);
        return Result<RatingCampaign>.Fail("CAMPAIGN", $"there is no campaign '{name}' in {p.Row.Label}; campaigns: {(known.Count == 0 ? "none (create one: yardstick ratings create NAME --indicator CODE --period P)" : string.Join(", ", known.Order(StringComparer.Ordinal)))}");
    }

    /// <summary>Null when answers may still change; else why not.</summary>
    public static Problem? CheckOpen(RatingCampaign campaign, PeriodScheme p, string what) =>
        p.CheckAcceptsData(what) ?? (campaign.ClosedAt is { } closed
            ? new Problem(campaign.Name, $"cannot {what}: the campaign was closed on {closed:yyyy-MM-dd HH:mm} UTC; its results are final")
            : null);

    /// <summary>The rating indicators (source ratings) of the period's scheme, or of every stage scheme of a lifecycle bundle.</summary>
    public static IReadOnlyList<Indicator> RatingIndicators(PeriodScheme p) =>
        [.. p.Schemes.SelectMany(s => s.Indicators).Where(i => i.Source == Source.Ratings).DistinctBy(i => i.Code)];

    /// <summary>Null when a rater group counts for the indicator (every group counts when it names none); else why not.</summary>
    public static string? CheckGroup(Indicator indicator, string group) =>
        indicator.RaterGroups is { Count: > 0 } groups && !groups.Contains(group)
            ? $"rater group '{group}' does not count for {indicator.Code}; expected {string.Join(", ", groups)}"
            : null;
}
