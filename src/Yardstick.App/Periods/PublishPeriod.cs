using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary><c>period publish P</c>: Approved → Published.</summary>
public sealed class PublishPeriod(YardstickDb db)
{
    public Task<Result<ReviewPeriod>> RunAsync(string label, CancellationToken ct = default) =>
        PeriodMove.ApplyAsync(db, label, p => Task.FromResult(p.Publish(db.Now)), ct);
}
