using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Calibration;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Reviews;

/// <summary>A period's calibration settings (review.md R4): its distribution rule (null: none) and the organisation's smallest group.</summary>
public sealed record CalibrationSettings(DistributionRule? Rule, int MinGroupSize);

/// <summary>What the calibration view and approval share (review.md R4): the settings, a period's groups and the refusal of approval.</summary>
internal static class Calibration
{
    /// <summary>
    /// The period's rule (copied from the organisation at open, checked when it was set, so read as valid; the organisation's
    /// for a period opened before periods kept their own) and the organisation's min_group_size.
    /// </summary>
    public static async Task<Result<CalibrationSettings>> SettingsAsync(YardstickDb db, ReviewPeriod period, CancellationToken ct)
    {
        var org = await db.Organisations.AsNoTracking().Where(o => o.Id == db.OrganisationId)
            .Select(o => new { o.DistributionRule, o.MinGroupSize }).SingleAsync(ct);
        var json = period.DistributionRule ?? org.DistributionRule;
        if (json.Length == 0)
            return new CalibrationSettings(null, org.MinGroupSize);
        var rule = DistributionRuleJson.Parse(json);
        return rule.IsSuccess ? new CalibrationSettings(rule.Value, org.MinGroupSize) : Result<CalibrationSettings>.Fail(rule.Problems);
    }

    /// <summary>
    /// The calibration groups of <paramref name="people"/> along the reporting lines recorded when the period moved to
    /// InReview; a period that moved before they were recorded reads the employees' managers as they are now.
    /// </summary>
    public static async Task<CalibrationGroups> GroupsAsync(YardstickDb db, ReviewPeriod period, IEnumerable<string> people, int minGroupSize, CancellationToken ct)
    {
        var lines = await db.ReportingLines.AsNoTracking().Where(l => l.PeriodId == period.Id).Select(l => new { l.Person, Manager = (string?)l.Manager }).ToListAsync(ct);
        if (lines.Count == 0)
            lines = await db.Employees.AsNoTracking().Where(e => e.ManagerId != null).Select(e => new { Person = e.Id, Manager = e.ManagerId }).ToListAsync(ct);
        var managerOf = lines.ToDictionary(l => l.Person, l => l.Manager, StringComparer.Ordinal);
        return CalibrationGroups.Build(people, managerOf, minGroupSize);
    }

    /// <summary>
    /// review.md R4, R6: approval is refused while an <c>enforce</c> rule is broken in any group by the final grades of the
    /// current run: the first violation (groups in their order, the rule's grades in its order) as the conflict
    /// <c>calibration.distribution</c>. A <c>guide</c> rule, or none, never refuses.
    /// </summary>
    public static async Task<Problem?> RefuseApprovalAsync(YardstickDb db, ReviewPeriod period, CancellationToken ct)
    {
        var settings = await SettingsAsync(db, period, ct);
        if (!settings.IsSuccess)
            return settings.Problems[0];
        if (settings.Value.Rule is not { Mode: DistributionMode.Enforce } rule)
            return null;
        var run = await db.Runs.AsNoTracking().Where(r => r.PeriodId == period.Id && r.IsCurrent).Select(r => (long?)r.Id).SingleOrDefaultAsync(ct);
        if (run is null)
            return null;
        var grades = (await db.Scorecards.AsNoTracking().Where(s => s.RunId == run).Select(s => new { s.Person, s.Grade }).ToListAsync(ct))
            .ToDictionary(s => s.Person, s => s.Grade, StringComparer.Ordinal);
        var groups = await GroupsAsync(db, period, grades.Keys, settings.Value.MinGroupSize, ct);
        return groups.Groups.SelectMany(g => DistributionCheck.Check(g, p => grades.GetValueOrDefault(p), rule)).FirstOrDefault()?.ToProblem();
    }
}
