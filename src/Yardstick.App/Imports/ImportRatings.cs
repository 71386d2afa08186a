using System.Globalization;
using Microsoft.EntityFrameworkCore;
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
public sealed class ImportRatings(YardstickDb db)
{
    private static readonly string[] Required = ["campaign", "ratee", "rater", "rater_group", "question", "score"];

    private sealed record Parsed(string Campaign, string Ratee, string Rater, string Group, int Question, decimal Score);

    public async Task<Result<ImportSummary>> RunAsync(string path, string label, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        var loaded = await ImportCommon.OpenPeriodAsync(db, label, "import ratings", ct);
        if (!loaded.IsSuccess)
            return Result<ImportSummary>.Fail(loaded.Problems);
        var p = loaded.Value;
        var problems = new Problems();
        if (!ImportCommon.Exists(path, problems))
            return ImportCommon.Fail<ImportSummary>(problems);
        var employees = (await db.Employees.Select(e => e.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var campaigns = await db.RatingCampaigns.Where(c => c.PeriodId == p.Row.Id).ToDictionaryAsync(c => c.Name, StringComparer.Ordinal, ct);
        var indicators = Campaigns.RatingIndicators(p).ToDictionary(i => i.Code, StringComparer.Ordinal);
        var c = new int[Required.Length];
        var rows = new List<Parsed>();
        var groups = new Dictionary<(string, string, string), (string Group, int Line)>();
        var answers = new Dictionary<(string, string, string, int), int>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in TableFile.Read(path, Required, [], c, problems, allowXlsx: true))
        {
            var campaign = ImportCommon.Required(path, row, c[0], "campaign", problems);
            string? indicator = null;
            if (campaign is not null)
            {
                if (campaigns.TryGetValue(campaign, out var known))
                {
                    indicator = known.Indicator;
                    if (known.ClosedAt is not null && reported.Add(campaign))
                        problems.At(path, row.Line, c[0] + 1, $"campaign '{campaign}' is closed; its responses are final and cannot be changed");
                }
                else if (indicators.ContainsKey(campaign))
                    indicator = campaign;
                else if (reported.Add(campaign))
                    problems.At(path, row.Line, c[0] + 1, $"unknown campaign '{campaign}'; name a campaign of {p.Row.Label} ({(campaigns.Count == 0 ? "none yet" : string.Join(", ", campaigns.Keys.Order(StringComparer.Ordinal)))}) or a rating indicator ({(indicators.Count == 0 ? "the scheme has none" : string.Join(", ", indicators.Keys))})");
            }

            var ratee = ImportCommon.Required(path, row, c[1], "ratee", problems);
            if (ratee is not null && !employees.Contains(ratee))
                problems.At(path, row.Line, c[1] + 1, $"'{ratee}' is not an employee; import employees first");
            var rater = ImportCommon.Required(path, row, c[2], "rater", problems);
            if (rater is not null && rater == ratee)
                problems.At(path, row.Line, c[2] + 1, $"'{rater}' cannot rate themselves");
            var group = ImportCommon.Required(path, row, c[3], "rater_group", problems);
            if (group is not null && indicator is not null && indicators.TryGetValue(indicator, out var ind) && Campaigns.CheckGroup(ind, group) is { } badGroup)
                problems.At(path, row.Line, c[3] + 1, badGroup);
            var questionText = ImportCommon.Text(row, c[4]) ?? "";
            if (!int.TryParse(questionText, NumberStyles.None, CultureInfo.InvariantCulture, out var question) || question < 1)
                problems.At(path, row.Line, c[4] + 1, $"question '{questionText}' is not a question number; expected 1, 2, 3, …");
            var score = ImportCommon.Number(path, row, c[5], "score", problems, "4");
            if (score is < Campaigns.Min or > Campaigns.Max)
                problems.At(path, row.Line, c[5] + 1, string.Create(CultureInfo.InvariantCulture, $"score {score} is outside the scale; expected {Campaigns.Min}–{Campaigns.Max}"));
            if (campaign is null || ratee is null || rater is null || group is null || question < 1 || score is null)
                continue;
            if (!groups.TryAdd((campaign, ratee, rater), (group, row.Line)) && groups[(campaign, ratee, rater)].Group != group)
                problems.At(path, row.Line, c[3] + 1, $"rater '{rater}' of '{ratee}' is in group '{groups[(campaign, ratee, rater)].Group}' on line {groups[(campaign, ratee, rater)].Line} and '{group}' here; a rater has one group");
            if (!answers.TryAdd((campaign, ratee, rater, question), row.Line))
                problems.At(path, row.Line, c[4] + 1, $"rater '{rater}' answers question {question} about '{ratee}' twice: lines {answers[(campaign, ratee, rater, question)]} and {row.Line}; keep one");
            rows.Add(new Parsed(campaign, ratee, rater, group, question, score.Value));
        }

        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        return await ImportCommon.WriteAsync(db, p.Row.Id, ImportKinds.Ratings, "all", path, rows.Count, async previous =>
        {
            foreach (var name in rows.Select(r => r.Campaign).Distinct(StringComparer.Ordinal).Where(n => !campaigns.ContainsKey(n)))
                campaigns[name] = db.RatingCampaigns.Add(new RatingCampaign { PeriodId = p.Row.Id, Name = name, Indicator = name }).Entity;
            await db.SaveChangesAsync(ct);
            var ids = campaigns.Values.Select(x => x.Id).ToList();
            var raters = (await db.RatingRaters.Where(r => ids.Contains(r.CampaignId)).ToListAsync(ct))
                .ToDictionary(r => (r.CampaignId, r.Ratee, r.Rater));
            var now = db.Now;
            foreach (var ((campaign, ratee, rater), (group, _)) in groups)
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
