using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Data;

namespace Yardstick.App.Ratings;

/// <summary>Finding a campaign of a period and checking what a rating campaign accepts (scoring.md §7).</summary>
internal static class Campaigns
{
    public const decimal Min = Files.RatingsFile.Min;
    public const decimal Max = Files.RatingsFile.Max;

    public static async Task<Result<RatingCampaign>> FindAsync(YardstickDb db, PeriodScheme p, string name, CancellationToken ct)
    {
        var campaign = await db.RatingCampaigns.SingleOrDefaultAsync(c => c.PeriodId == p.Row.Id && c.Name == name, ct);
        if (campaign is not null)
            return campaign;
        var known = await db.RatingCampaigns.Where(c => c.PeriodId == p.Row.Id).Select(c => c.Name).ToListAsync(ct);
        var list = string.Join(", ", known.Order(StringComparer.Ordinal));
        return Problem.NotFound("campaign",
            $"{p.Row.Label} 中没有评价活动 '{name}'；评价活动：{(known.Count == 0 ? "无" : list)}",
            $"there is no campaign '{name}' in {p.Row.Label}; campaigns: {(known.Count == 0 ? "none" : list)}",
            known.Count == 0 && p.Row.AcceptsData ? "campaign.none" : "campaign.unknown", p.Row.Label);
    }

    /// <summary>Null when answers may still change; else why not. <paramref name="zh"/>/<paramref name="en"/> name the change.</summary>
    public static Problem? CheckOpen(RatingCampaign campaign, PeriodScheme p, string zh, string en) =>
        p.CheckAcceptsData(zh, en) ?? (campaign.ClosedAt is { } closed
            ? Problem.Conflict(campaign.Name,
                $"无法{zh}：评价活动已于 UTC {closed:yyyy-MM-dd HH:mm} 关闭；其结果为最终结果",
                $"cannot {en}: the campaign was closed on {closed:yyyy-MM-dd HH:mm} UTC; its results are final")
            : null);

    /// <summary>The rating indicators (source ratings) of the period's scheme, or of every stage scheme of a lifecycle bundle.</summary>
    public static IReadOnlyList<Indicator> RatingIndicators(PeriodScheme p) =>
        [.. p.Schemes.SelectMany(s => s.Indicators).Where(i => i.Source == Source.Ratings).DistinctBy(i => i.Code)];

    /// <summary>Null when a rater group counts for the indicator (every group counts when it names none); else why not.</summary>
    public static LocalizedText? CheckGroup(Indicator indicator, string group) =>
        indicator.RaterGroups is { Count: > 0 } groups && !groups.Contains(group)
            ? new LocalizedText($"评价人组 '{group}' 不计入 {indicator.Code}；应为 {string.Join(", ", groups)}", $"rater group '{group}' does not count for {indicator.Code}; expected {string.Join(", ", groups)}")
            : null;
}
