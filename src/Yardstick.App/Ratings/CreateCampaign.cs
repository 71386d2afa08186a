using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Ratings;

/// <summary>
/// <c>ratings create NAME --indicator CODE --period P</c>: a 360 campaign of a period for one rating indicator
/// (an indicator with source ratings); its ratees are the people raters are added for. Audited.
/// </summary>
public sealed class CreateCampaign(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<RatingCampaign>> RunAsync(string label, string name, string indicator, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return Result<RatingCampaign>.Fail(loaded.Problems);
        var p = loaded.Value;
        var problems = new List<Problem>();
        if (p.CheckAcceptsData("创建评价活动", "create a rating campaign") is { } closed)
            problems.Add(closed);
        if (string.IsNullOrWhiteSpace(name))
            problems.Add(Problem.Invalid("campaign", "评价活动需要名称，例如 2026-10-360", "the campaign needs a name, such as 2026-10-360"));
        var ratings = Campaigns.RatingIndicators(p);
        if (!ratings.Any(i => i.Code == indicator))
            problems.Add(Problem.Invalid("indicator", $"'{indicator}' 不是方案 {p.Document.Id} 的评分指标；应为 {(ratings.Count == 0 ? "无（方案中没有来源为 ratings 的指标）" : string.Join(", ", ratings.Select(i => i.Code)))}", $"'{indicator}' is not a rating indicator of scheme {p.Document.Id}; expected {(ratings.Count == 0 ? "none (the scheme has no indicator with source ratings)" : string.Join(", ", ratings.Select(i => i.Code)))}"));
        if (await db.RatingCampaigns.AnyAsync(c => c.PeriodId == p.Row.Id && c.Name == name, ct))
            problems.Add(Problem.Conflict("campaign", $"{p.Row.Label} 已有评价活动 '{name}'", $"{p.Row.Label} already has a campaign '{name}'"));
        if (problems.Count > 0)
            return Result<RatingCampaign>.Fail(problems);
        var campaign = db.RatingCampaigns.Add(new RatingCampaign { PeriodId = p.Row.Id, Name = name.Trim(), Indicator = indicator }).Entity;
        await db.SaveChangesAsync(ct);
        return campaign;
    }
}
