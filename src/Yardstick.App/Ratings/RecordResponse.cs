using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Ratings;

/// <summary>
/// Records a rater's answers (1–5, one per question in order) about a ratee in an open campaign; after the close it is
/// refused. An admin records any rater's answers (entered for them, as an import would): answering again before the
/// close replaces the earlier answers. Anyone else records only a form they were asked to fill, as its rater (review.md
/// R2), and once: a form its rater has submitted is final. One audit entry (the rater's response time; the scores
/// themselves are not copied into the audit log).
/// </summary>
public sealed class RecordResponse(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<RatingRater>> RunAsync(string label, string campaignName, string ratee, string rater, IReadOnlyList<decimal> answers, CancellationToken ct = default)
    {
        // an admin enters any rater's answers; anyone else fills only their own form, asked as soon as the period is known
        var byAdmin = await _access.CheckAsync(AccessAction.Administer, ct: ct) is null;
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return Result<RatingRater>.Fail(loaded.Problems);
        var p = loaded.Value;
        if (!byAdmin && await CheckRaterAsync(p, campaignName, ratee, rater, ct) is { } notTheirs)
            return notTheirs;
        var found = await Campaigns.FindAsync(db, p, campaignName, ct);
        if (!found.IsSuccess)
            return Result<RatingRater>.Fail(found.Problems);
        var campaign = found.Value;
        if (Campaigns.CheckOpen(campaign, p, "记录评价", "record a response") is { } closed)
            return Result<RatingRater>.Fail([closed]);
        var row = await db.RatingRaters.SingleOrDefaultAsync(r => r.CampaignId == campaign.Id && r.Ratee == ratee && r.Rater == rater, ct);
        if (row is null)
            return Problem.NotFound("rater", $"'{rater}' 不是评价活动 '{campaign.Name}' 中 '{ratee}' 的评价人；请先添加", $"'{rater}' is not a rater of '{ratee}' in campaign '{campaign.Name}'; add them first");
        if (!byAdmin && row.RespondedAt is { } submitted)
            return Problem.Conflict("rater",
                string.Create(CultureInfo.InvariantCulture, $"这份评估表已于 UTC {submitted:yyyy-MM-dd HH:mm} 提交；评价人提交的评估表为最终结果"),
                string.Create(CultureInfo.InvariantCulture, $"the form was submitted on {submitted:yyyy-MM-dd HH:mm} UTC; a form its rater has submitted is final"),
                "form.submitted");
        var problems = new List<Problem>();
        if (answers.Count == 0)
            problems.Add(Problem.Invalid("answers", "这份评价没有回答", "the response has no answers"));
        for (var q = 0; q < answers.Count; q++)
            if (answers[q] < Campaigns.Min || answers[q] > Campaigns.Max)
                problems.Add(Problem.Invalid(string.Create(CultureInfo.InvariantCulture, $"question {q + 1}"), string.Create(CultureInfo.InvariantCulture, $"回答 {answers[q]} 超出评分范围；应为 {Campaigns.Min}–{Campaigns.Max}"), string.Create(CultureInfo.InvariantCulture, $"answer {answers[q]} is outside the scale; expected {Campaigns.Min}–{Campaigns.Max}")));
        if (problems.Count > 0)
            return Result<RatingRater>.Fail(problems);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.RatingResponses.Where(r => r.RaterId == row.Id).ExecuteDeleteAsync(ct);
        for (var q = 0; q < answers.Count; q++)
            db.RatingResponses.Add(new RatingResponseRow { RaterId = row.Id, Question = q + 1, Score = answers[q] });
        row.RespondedAt = db.Now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>
    /// Null when the user is the rater of the form (campaign, ratee, rater) of the period; else NotFound, the same whether
    /// or not the form exists: who rates whom is not shown (scoring.md §7).
    /// </summary>
    private async Task<Problem?> CheckRaterAsync(PeriodScheme p, string campaignName, string ratee, string rater, CancellationToken ct)
    {
        var form = await (from r in db.RatingRaters
                          join c in db.RatingCampaigns on r.CampaignId equals c.Id
                          where c.PeriodId == p.Row.Id && c.Name == campaignName && r.Ratee == ratee && r.Rater == rater
                          select (long?)r.Id).SingleOrDefaultAsync(ct);
        if (form is { } id && await _access.CheckFormAsync(AccessAction.FillRaterForm, id, ct) is null)
            return null;
        var rule = AccessRules.Rule(AccessAction.FillRaterForm);
        return Problem.NotFound("rater",
            $"{rule.Name.Zh}（{p.Row.Label} 评价活动 '{campaignName}' 中 '{rater}' 对 '{ratee}' 的评价）：不存在，或您无权查看",
            $"{rule.Name.En} ('{rater}' on '{ratee}' in campaign '{campaignName}' of {p.Row.Label}): not found, or not visible to you",
            "access.not_found", rule.Code);
    }
}
