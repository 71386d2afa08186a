using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary><c>period review P</c>: Calculated → InReview.</summary>
public sealed class StartReview(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public Task<Result<ReviewPeriod>> RunAsync(string label, CancellationToken ct = default) =>
        PeriodMove.ApplyAsync(db, _access, AccessAction.Administer, label, p => Task.FromResult(p.Review(db.Actor, db.Now)), ct, "review");
}
