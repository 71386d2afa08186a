using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary><c>period review P</c>: Calculated → InReview.</summary>
public sealed class StartReview(YardstickDb db)
{
    public Task<Result<ReviewPeriod>> RunAsync(string label, CancellationToken ct = default) =>
        PeriodMove.ApplyAsync(db, label, p => Task.FromResult(p.Review(db.Now)), ct);
}
