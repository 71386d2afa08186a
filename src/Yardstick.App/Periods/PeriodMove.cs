using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary>Loads a period, applies one state change and saves it with its audit entry.</summary>
internal static class PeriodMove
{
    public static async Task<Result<ReviewPeriod>> ApplyAsync(YardstickDb db, string label, Func<ReviewPeriod, Task<Problem?>> move, CancellationToken ct)
    {
        var row = await PeriodScheme.FindAsync(db, label, ct);
        if (!row.IsSuccess)
            return row;
        if (await move(row.Value) is { } refused)
            return Result<ReviewPeriod>.Fail([refused]);
        await db.SaveChangesAsync(ct);
        return row;
    }
}
