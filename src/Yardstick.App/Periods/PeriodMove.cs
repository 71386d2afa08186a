using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary>Loads a period, applies one state change and saves it with its audit entry.</summary>
internal static class PeriodMove
{
    public static async Task<Result<ReviewPeriod>> ApplyAsync(YardstickDb db, string label, Func<ReviewPeriod, Task<Problem?>> move, CancellationToken ct)
    {
        var parsed = Period.Parse(label);
        if (!parsed.IsSuccess)
            return Result<ReviewPeriod>.Fail([.. parsed.Problems.Select(p => new Problem("period", p.Message.En))]);
        var text = parsed.Value.ToString();
        var row = await db.Periods.SingleOrDefaultAsync(p => p.Label == text, ct);
        if (row is null)
            return Result<ReviewPeriod>.Fail("period", $"there is no period {text}; open it first: yardstick period open {text} --template ID");
        if (await move(row) is { } refused)
            return Result<ReviewPeriod>.Fail([refused]);
        await db.SaveChangesAsync(ct);
        return row;
    }
}
