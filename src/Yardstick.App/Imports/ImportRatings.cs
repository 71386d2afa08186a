using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Files;
using Yardstick.App.Ratings;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import ratings FILE --period P</c>: <c>campaign,ratee,rater,rater_group,question,score</c>, 360 answers
/// (scoring.md §7). The campaign is one of the period's, or a rating indicator's code (a campaign of that name
/// is created for it); it must be open. Each (campaign, ratee, rater) in the file is that rater's whole
/// response: it replaces their earlier answers, so importing the same file again changes nothing, and a file
/// with more raters extends the campaign. Scores are 1–5; questions are numbered from 1.
/// </summary>
public sealed class ImportRatings(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<ImportSummary>> RunAsync(InputFile file, string label, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var loaded = await ImportCommon.OpenPeriodAsync(db, label, "ratings", ct);
        if (!loaded.IsSuccess)
            return Result<ImportSummary>.Fail(loaded.Problems);
        var p = loaded.Value;
        var problems = new Problems();
        var (rows, columns) = RatingsFile.Read(file, problems);
        var employees = await ImportCommon.EmployeeIdsAsync(db, ct);
        var campaigns = await db.RatingCampaigns.Where(c => c.PeriodId == p.Row.Id).ToDictionaryAsync(c => c.Name, StringComparer.Ordinal, ct);
        var indicators = Campaigns.RatingIndicators(p).ToDictionary(i => i.Code, StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            string? indicator = null;
            if (campaigns.TryGetValue(r.Campaign, out var known))
            {
                indicator = known.Indicator;
                if (known.ClosedAt is not null && reported.Add(r.Campaign))
                    problems.Add(new Problem(ProblemKind.Conflict, columns!.At(r.Line, "campaign"), new LocalizedText($"评价活动 '{r.Campaign}' 已关闭；其评价为最终结果，不能更改", $"campaign '{r.Campaign}' is closed; its responses are final and cannot be changed")));
            }
            else if (indicators.ContainsKey(r.Campaign))
            {
                indicator = r.Campaign;
            }
            else if (reported.Add(r.Campaign))
            {
                var names = string.Join(", ", campaigns.Keys.Order(StringComparer.Ordinal));
                var codes = string.Join(", ", indicators.Keys);
                problems.At(columns!.At(r.Line, "campaign"),
                    $"未知评价活动 '{r.Campaign}'；请写 {p.Row.Label} 的评价活动（{(campaigns.Count == 0 ? "尚无" : names)}）或评分指标（{(indicators.Count == 0 ? "方案中没有" : codes)}）",
                    $"unknown campaign '{r.Campaign}'; name a campaign of {p.Row.Label} ({(campaigns.Count == 0 ? "none yet" : names)}) or a rating indicator ({(indicators.Count == 0 ? "the scheme has none" : codes)})");
            }

            if (!employees.Contains(r.Ratee))
                ImportCommon.NotAnEmployee(problems, columns!.At(r.Line, "ratee"), r.Ratee);
            if (indicator is not null && indicators.TryGetValue(indicator, out var ind) && Campaigns.CheckGroup(ind, r.Group) is { } badGroup)
                problems.At(columns!.At(r.Line, "rater_group"), badGroup);
        }

        var groups = rows.GroupBy(r => (r.Campaign, r.Ratee, r.Rater)).ToDictionary(g => g.Key, g => g.First().Group);
        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        return await ImportCommon.WriteAsync(db, p.Row.Id, ImportKinds.Ratings, "all", file, rows.Count, async previous =>
        {
            foreach (var name in rows.Select(r => r.Campaign).Distinct(StringComparer.Ordinal).Where(n => !campaigns.ContainsKey(n)))
                campaigns[name] = db.RatingCampaigns.Add(new RatingCampaign { PeriodId = p.Row.Id, Name = name, Indicator = name }).Entity;
            await db.SaveChangesAsync(ct);
            var ids = campaigns.Values.Select(x => x.Id).ToList();
            var raters = (await db.RatingRaters.Where(r => ids.Contains(r.CampaignId)).ToListAsync(ct))
                .ToDictionary(r => (r.CampaignId, r.Ratee, r.Rater));
            var now = db.Now;
            foreach (var ((campaign, ratee, rater), group) in groups)
            {
                var key = (campaigns[campaign].Id, ratee, rater);
                if (!raters.TryGetValue(key, out var r))
                    raters[key] = r = db.RatingRaters.Add(new RatingRater { CampaignId = key.Item1, Ratee = ratee, Rater = rater }).Entity;
                (r.RaterGroup, r.RespondedAt) = (group, now);
            }

            await db.SaveChangesAsync(ct);
            var answering = groups.Keys.Select(k => raters[(campaigns[k.Item1].Id, k.Item2, k.Item3)].Id).ToHashSet();
            var old = (await (from a in db.RatingResponses join r in db.RatingRaters on a.RaterId equals r.Id where ids.Contains(r.CampaignId) select a).ToListAsync(ct)).Where(a => answering.Contains(a.RaterId)).ToList();
            db.RatingResponses.RemoveRange(old);
            await db.SaveChangesAsync(ct);
            foreach (var r in rows)
                db.RatingResponses.Add(new RatingResponseRow { RaterId = raters[(campaigns[r.Campaign].Id, r.Ratee, r.Rater)].Id, Question = r.Question, Score = r.Score });
            return old.Count;
        }, null, progress, ct);
    }
}
