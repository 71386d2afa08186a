using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary><c>period reopen P --reason TEXT</c>: Calculated or InReview → Collecting.</summary>
public sealed class ReopenPeriod(YardstickDb db)
{
    public Task<Result<ReviewPeriod>> RunAsync(string label, string? reason, CancellationToken ct = default) =>
        PeriodMove.ApplyAsync(db, label, p => Task.FromResult(p.Reopen(reason, db.Now)), ct);
}
