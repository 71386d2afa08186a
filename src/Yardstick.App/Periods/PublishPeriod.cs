using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary><c>period publish P</c>: Approved → Published.</summary>
public sealed class PublishPeriod(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public Task<Result<ReviewPeriod>> RunAsync(string label, CancellationToken ct = default) =>
        PeriodMove.ApplyAsync(db, _access, AccessAction.Publish, label, p => Task.FromResult(p.Publish(db.Now)), ct, "publish");
}
