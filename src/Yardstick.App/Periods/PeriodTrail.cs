using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary>
/// One change of a period as its audit entry records it (review.md R6): when, who, the move (<c>open</c>, <c>create</c> (a period created in another state),
/// <c>calc</c>, <c>review</c>, <c>adjust</c>, <c>approve</c>, <c>publish</c>, <c>lock</c>, <c>reopen</c>, else <c>update</c>),
/// the state before (null: created) and after, and the reason of a reopening.
/// </summary>
public sealed record PeriodTrailEntry(long Id, DateTimeOffset At, string Actor, string Move, PeriodState? From, PeriodState To, string? Reason);

/// <summary>
/// The trail of one period, oldest first: every change of the period row read from the audit. The trail is part of the period,
/// which every member of its organisation sees (as <see cref="ListPeriods"/>; docs/access.md), so this asks nothing of R2 beyond
/// the organisation the context is opened for; NotFound for a period that organisation does not have.
/// </summary>
public sealed class PeriodTrail(YardstickDb db)
{
    public async Task<Result<IReadOnlyList<PeriodTrailEntry>>> RunAsync(string label, CancellationToken ct = default)
    {
        var period = await PeriodScheme.FindAsync(db, label, ct);
        if (!period.IsSuccess)
            return Result<IReadOnlyList<PeriodTrailEntry>>.Fail(period.Problems);
        var own = period.Value.Label;
        var rows = await db.Audit.AsNoTracking().Where(e => e.Entity == nameof(ReviewPeriod) && e.EntityKey == own)
            .OrderBy(e => e.Id).ToListAsync(ct);
        return rows.Select(Entry).OfType<PeriodTrailEntry>().ToList();
    }

    private static PeriodTrailEntry? Entry(AuditEntry e)
    {
        var (before, after) = (State(e.Before), State(e.After));
        if (after is not { } to)
            return null; // a deleted period (none is deleted today) has no state to move to
        var move = (before, to) switch
        {
            (null, PeriodState.Collecting) => "open", // opening creates the period and opens it in one change
            (null, _) => "create",
            (PeriodState.Draft, PeriodState.Collecting) => "open",
            (PeriodState.Calculated or PeriodState.InReview, PeriodState.Collecting) => "reopen",
            (_, PeriodState.Calculated) => "calc",
            (PeriodState.Calculated, PeriodState.InReview) => "review",
            (PeriodState.InReview, PeriodState.InReview) => "adjust",
            (_, PeriodState.Approved) => "approve",
            (_, PeriodState.Published) => "publish",
            (_, PeriodState.Locked) => "lock",
            _ => "update",
        };
        var reason = move == "reopen" ? (JsonNode.Parse(e.After!) as JsonObject)?["ReopenReason"]?.GetValue<string>() : null;
        return new PeriodTrailEntry(e.Id, e.At, e.Actor, move, before, to, reason);
    }

    private static PeriodState? State(string? json) =>
        json is not null && (JsonNode.Parse(json) as JsonObject)?["State"]?.GetValue<string>() is { } state && Enum.TryParse<PeriodState>(state, out var parsed)
            ? parsed
            : null;
}
