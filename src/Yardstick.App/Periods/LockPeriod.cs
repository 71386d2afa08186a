using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary><c>period lock P</c>: Published → Locked.</summary>
public sealed class LockPeriod(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public Task<Result<ReviewPeriod>> RunAsync(string label, CancellationToken ct = default) =>
        PeriodMove.ApplyAsync(db, _access, AccessAction.Lock, label, p => Task.FromResult(p.Lock(db.Now)), ct, "lock");
}
