using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary><c>period reopen P --reason TEXT</c>: Calculated or InReview → Collecting.</summary>
public sealed class ReopenPeriod(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public Task<Result<ReviewPeriod>> RunAsync(string label, string? reason, CancellationToken ct = default) =>
        PeriodMove.ApplyAsync(db, _access, AccessAction.Reopen, label, p => Task.FromResult(p.Reopen(reason, db.Now)), ct);
}
