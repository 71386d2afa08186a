using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Ratings;

/// <summary>
/// Records a rater's answers (1–5, one per question in order) about a ratee in an open campaign. A rater answers
/// once: answering again before the close replaces the earlier answers; after the close it is refused.
/// One audit entry (the rater's response time; the scores themselves are not copied into the audit log).
/// </summary>
public sealed class RecordResponse(YardstickDb db)
{
    public async Task<Result<RatingRater>> RunAsync(string label, string campaignName, string ratee, string rater, IReadOnlyList<decimal> answers, CancellationToken ct = default)
    {
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return Result<RatingRater>.Fail(loaded.Problems);
        var p = loaded.Value;
        var found = await Campaigns.FindAsync(db, p, campaignName, ct);
        if (!found.IsSuccess)
            return Result<RatingRater>.Fail(found.Problems);
        var campaign = found.Value;
        if (Campaigns.CheckOpen(campaign, p, "记录评价", "record a response") is { } closed)
            return Result<RatingRater>.Fail([closed]);
        var row = await db.RatingRaters.SingleOrDefaultAsync(r => r.CampaignId == campaign.Id && r.Ratee == ratee && r.Rater == rater, ct);
        if (row is null)
            return Problem.NotFound("rater", $"'{rater}' 不是评价活动 '{campaign.Name}' 中 '{ratee}' 的评价人；请先添加", $"'{rater}' is not a rater of '{ratee}' in campaign '{campaign.Name}'; add them first");
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
}
