using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Data;

namespace Yardstick.App.Calculation;

/// <summary>The ledger a calculation of a period starts from (milestones and profit shares paid, grades), read from the other periods' current runs.</summary>
internal static class LedgerBefore
{
    /// <summary>
    /// The ledger this run starts from, rebuilt from the current runs of the other periods (never from this
    /// period's own runs, so a re-run neither pays its milestone twice nor loses it): the milestones and profit
    /// shares each of those runs paid itself (a payout line of the rule, and the ledger entry it wrote for its own
    /// period or year, which names the product), every baseline they recorded, and the grades of the periods that
    /// end before this one (for career tracks), oldest first.
    /// </summary>
    public static async Task<Ledger> ReadAsync(YardstickDb db, PeriodScheme p, CancellationToken ct)
    {
        var runs = await (from r in db.Runs.AsNoTracking()
                          where r.IsCurrent && r.PeriodId != p.Row.Id
                          join period in db.Periods.AsNoTracking() on r.PeriodId equals period.Id
                          select new { r.Id, period.Label, r.LedgerJson }).ToListAsync(ct);
        if (runs.Count == 0)
            return Ledger.Empty;
        var ids = runs.Select(r => r.Id).ToList();
        var (milestone, profitShare) = (JsonNames.Kind(PayoutKind.Milestone), JsonNames.Kind(PayoutKind.ProfitShare));
        var paid = (await db.PayoutLines.AsNoTracking().Where(l => ids.Contains(l.RunId) && (l.Kind == milestone || l.Kind == profitShare))
                .Select(l => new { l.RunId, l.Kind, l.Rule }).Distinct().ToListAsync(ct))
            .Select(l => (l.RunId, l.Kind, l.Rule)).ToHashSet();
        var milestones = new List<MilestonePayment>();
        var shares = new List<ProfitSharePayment>();
        var baselines = new Dictionary<string, ProfitBaseline>(StringComparer.Ordinal);
        foreach (var run in runs.OrderBy(r => r.Label, StringComparer.Ordinal))
        {
            if (run.LedgerJson.Length == 0)
                continue;
            var stored = Ledger.Parse(run.LedgerJson, $"ledger of run {run.Id}").Value;
            var period = Period.Parse(run.Label).Value;
            milestones.AddRange(stored.Milestones.Where(m => m.Period == run.Label && paid.Contains((run.Id, milestone, m.Rule))));
            if (period.Kind == PeriodKind.Year)
                shares.AddRange(stored.ProfitShares.Where(s => s.Year == period.Year && paid.Contains((run.Id, profitShare, s.Rule))));
            foreach (var b in stored.Baselines)
                baselines.TryAdd(b.Product, b);
        }

        var earlier = runs.Select(r => (r.Id, Period: Period.Parse(r.Label).Value))
            .Where(r => r.Period.LastDay < p.Period.LastDay || (r.Period.LastDay == p.Period.LastDay && r.Period.Kind < p.Period.Kind))
            .ToDictionary(r => r.Id, r => r.Period);
        var earlierIds = earlier.Keys.ToList();
        var grades = (await db.Scorecards.AsNoTracking().Where(s => earlierIds.Contains(s.RunId) && s.Grade != null)
                .Select(s => new { s.RunId, s.Person, s.Grade }).ToListAsync(ct))
            .GroupBy(s => s.Person, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<GradeRecord>)[.. g.Select(s => (Period: earlier[s.RunId], s.Grade))
                    .OrderBy(s => s.Period.LastDay).ThenBy(s => s.Period.Kind).Select(s => new GradeRecord(s.Period.ToString(), s.Grade!))],
                StringComparer.Ordinal);
        return new Ledger(milestones, shares, [.. baselines.Values], grades);
    }
}
