using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary>A scheme a period is scored with: its id, version and names (a lifecycle bundle has one per stage).</summary>
public sealed record PeriodSchemeSummary(string Id, int Version, LocalizedText Name);

/// <summary>
/// A period as every member of its organisation sees it: label, state, when it last moved, the reason of its last reopening,
/// the moves its state allows (scoring.md §11), its schemes and its grade distribution rule (review.md R4: JSON, "" for
/// none; null for a period opened before periods kept their own, which reads the organisation's).
/// </summary>
public sealed record PeriodSummary(string Label, PeriodState State, DateTimeOffset ChangedAt, string? ReopenReason, IReadOnlyList<string> AllowedMoves, string SchemeCode, IReadOnlyList<PeriodSchemeSummary> Schemes, string? DistributionRule);

/// <summary>
/// The periods of the context's organisation, newest label first, or one of them. Periods are seen by every member
/// (docs/access.md), so this asks nothing of R2 beyond the organisation the context is opened for.
/// </summary>
public sealed class ListPeriods(YardstickDb db)
{
    public async Task<IReadOnlyList<PeriodSummary>> RunAsync(CancellationToken ct = default)
    {
        var rows = await db.Periods.AsNoTracking().ToListAsync(ct);
        var ids = rows.Select(r => r.SchemeVersionId).Distinct().ToList();
        var versions = await db.SchemeVersions.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        return [.. rows.OrderByDescending(r => r.Label, StringComparer.Ordinal).Select(r => Summary(r, versions[r.SchemeVersionId]))];
    }

    /// <summary>One period by its label (2026-10, 2026-Q4, …); Invalid when the label is not a period, NotFound when there is none.</summary>
    public async Task<Result<PeriodSummary>> RunAsync(string label, CancellationToken ct = default)
    {
        var row = await PeriodScheme.FindAsync(db, label, ct);
        if (!row.IsSuccess)
            return Result<PeriodSummary>.Fail(row.Problems);
        var version = await db.SchemeVersions.AsNoTracking().SingleAsync(v => v.Id == row.Value.SchemeVersionId, ct);
        return Summary(row.Value, version);
    }

    private static PeriodSummary Summary(ReviewPeriod row, SchemeVersion version)
    {
        // a stored version was valid when it was saved; one that no longer parses still names its code
        var doc = SchemeJson.Parse(version.Json, version.AuditKey);
        IReadOnlyList<PeriodSchemeSummary> schemes = doc.IsSuccess
            ? [.. doc.Value.Schemes.Select(s => new PeriodSchemeSummary(s.Id, s.Version, s.Name))]
            : [new PeriodSchemeSummary(version.Code, version.Version, new LocalizedText(version.Code, version.Code))];
        return new PeriodSummary(row.Label, row.State, row.ChangedAt, row.ReopenReason, ReviewPeriod.AllowedMoves(row.State), version.Code, schemes, row.DistributionRule);
    }
}
