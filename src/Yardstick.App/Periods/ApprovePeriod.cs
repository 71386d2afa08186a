using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Reviews;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary>
/// <c>period approve P</c>: InReview → Approved, refused while a scorecard of the current run has a missing actual that is not
/// waived, or an enforced distribution rule is broken in a calibration group (review.md R4).
/// </summary>
public sealed class ApprovePeriod(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public Task<Result<ReviewPeriod>> RunAsync(string label, CancellationToken ct = default) =>
        PeriodMove.ApplyAsync(db, _access, AccessAction.Approve, label, async p => p.State != PeriodState.InReview
            ? p.Refuse("approve")
            : await MakerCheckerAsync(db, p, ct) ?? await Calibration.RefuseApprovalAsync(db, p, ct) ?? p.Approve(await UnwaivedMissingAsync(db, p, ct), db.Now), ct, "approve");

    /// <summary>
    /// review.md R6: the approver is a second person — not the submitter, and never the author of an adjustment or a final
    /// grade in this period (removed ones and those before a reopen count: the audit keeps them) — and no 360 campaign of
    /// the period is still open.
    /// </summary>
    internal static async Task<Problem?> MakerCheckerAsync(YardstickDb db, ReviewPeriod p, CancellationToken ct)
    {
        if (p.SubmittedBy == db.Actor)
            return Problem.Conflict(p.Label,
                $"无法审批：{db.Actor} 提交了 {p.Label} 的审核；审批须由另一人完成",
                $"cannot approve: {db.Actor} submitted {p.Label} for review; approval needs a second person",
                "period.maker_checker", p.Label);
        var prefix = p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/";
        var adjusted = await db.Audit.AsNoTracking()
            .Where(a => a.Entity == nameof(Adjustment) && a.Actor == db.Actor && a.EntityKey.StartsWith(prefix))
            .OrderBy(a => a.Id).Select(a => a.EntityKey).FirstOrDefaultAsync(ct);
        if (adjusted is not null)
        {
            var person = adjusted[prefix.Length..].Split('/')[0];
            return Problem.Conflict(p.Label,
                $"无法审批：{db.Actor} 在 {p.Label} 中做过调整或校准（{person}）；审批须由未参与调整的人完成",
                $"cannot approve: {db.Actor} made an adjustment or a calibration in {p.Label} ({person}); approval needs someone who made none",
                "period.maker_checker", p.Label);
        }

        var open = await db.RatingCampaigns.AsNoTracking().Where(c => c.PeriodId == p.Id && c.ClosedAt == null).OrderBy(c => c.Name).Select(c => c.Name).FirstOrDefaultAsync(ct);
        return open is null
            ? null
            : Problem.Conflict(p.Label,
                $"无法审批：{p.Label} 的 360 评估 {open} 仍未关闭；请先关闭（yardstick ratings close）",
                $"cannot approve: the 360 campaign {open} of {p.Label} is still open; close it first (yardstick ratings close)",
                "period.campaign_open", p.Label);
    }

    /// <summary>"person/indicator" of every missing actual of the current run not waived now.</summary>
    internal static async Task<IReadOnlyList<string>> UnwaivedMissingAsync(YardstickDb db, ReviewPeriod period, CancellationToken ct)
    {
        var run = await db.Runs.Where(r => r.PeriodId == period.Id && r.IsCurrent).Select(r => (long?)r.Id).SingleOrDefaultAsync(ct);
        if (run is null)
            return [];
        var cards = await db.Scorecards.Where(s => s.RunId == run && s.Missing > 0).OrderBy(s => s.Person).Select(s => new { s.Person, s.MissingCodes, s.Json }).ToListAsync(ct);
        var waived = (await db.Waivers.Where(w => w.PeriodId == period.Id).Select(w => new { w.Person, w.Indicator }).ToListAsync(ct))
            .Select(w => w.Person + "/" + w.Indicator).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var card in cards)
            foreach (var code in Codes(card.MissingCodes, card.Json))
                if (!waived.Contains(card.Person + "/" + code))
                    missing.Add(card.Person + "/" + code);

        return missing;
    }

    /// <summary>A scorecard's unwaived missing codes; a run made before they were stored keeps them in its result object.</summary>
    private static IEnumerable<string> Codes(string missingCodes, string json)
    {
        if (json.Length == 0)
            return missingCodes.Split(',', StringSplitOptions.RemoveEmptyEntries);
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("missing").EnumerateArray().Select(c => c.GetString()!)];
    }
}
