using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Calculation;
using Yardstick.App.Database;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary>Loads a period, asks whether the user may take <c>action</c> on it, applies one state change and saves it with its audit entry.</summary>
internal static class PeriodMove
{
    /// <summary>
    /// <paramref name="command"/> names a move that needs a current run (review, approve, publish, lock: review.md R6), refused
    /// when the run is stale; null for a move that does not (reopen). A move saved after another command moved the period since
    /// it was read is refused by the period's concurrency token. A refused move leaves the period as it was.
    /// </summary>
    public static async Task<Result<ReviewPeriod>> ApplyAsync(YardstickDb db, UserAccess access, AccessAction action, string label, Func<ReviewPeriod, Task<Problem?>> move, CancellationToken ct, string? command = null)
    {
        // the period comes first: approving is refused on one's own record, a scorecard of the period's current run (R2)
        var row = await PeriodScheme.FindAsync(db, label, ct);
        if (!row.IsSuccess)
            return row;
        if (await access.CheckAsync(action, period: row.Value, ct: ct) is { } refused)
            return refused;
        var before = row.Value.State;
        if (await move(row.Value) is { } problem)
            return Result<ReviewPeriod>.Fail([problem]);
        if (command is not null && await StaleRuns.RefuseAsync(db, row.Value, before, command, ct) is { } stale)
        {
            Revert(db, row.Value);
            return stale;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (Concurrency.ToProblem(ex) is { } conflict)
        {
            Revert(db, row.Value);
            return conflict;
        }

        return row;
    }

    private static void Revert(YardstickDb db, ReviewPeriod row)
    {
        var entry = db.Entry(row);
        entry.CurrentValues.SetValues(entry.OriginalValues);
        entry.State = EntityState.Unchanged;
    }
}
