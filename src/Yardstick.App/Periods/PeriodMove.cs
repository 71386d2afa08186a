using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary>Loads a period, asks whether the user may take <c>action</c> on it, applies one state change and saves it with its audit entry.</summary>
internal static class PeriodMove
{
    public static async Task<Result<ReviewPeriod>> ApplyAsync(YardstickDb db, UserAccess access, AccessAction action, string label, Func<ReviewPeriod, Task<Problem?>> move, CancellationToken ct)
    {
        // the period comes first: approving is refused on one's own record, a scorecard of the period's current run (R2)
        var row = await PeriodScheme.FindAsync(db, label, ct);
        if (!row.IsSuccess)
            return row;
        if (await access.CheckAsync(action, period: row.Value, ct: ct) is { } refused)
            return refused;
        if (await move(row.Value) is { } problem)
            return Result<ReviewPeriod>.Fail([problem]);
        await db.SaveChangesAsync(ct);
        return row;
    }
}
