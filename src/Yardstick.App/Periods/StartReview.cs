using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Database;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary>
/// <c>period review P</c>: Calculated → InReview, recording the reporting lines as they are now (every employee's manager,
/// review.md R4) on the period, so that its calibration groups do not move during review. A review after a reopen records
/// them afresh. The move and the lines are saved in one transaction.
/// </summary>
public sealed class StartReview(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<ReviewPeriod>> RunAsync(string label, CancellationToken ct = default)
    {
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var moved = await PeriodMove.ApplyAsync(db, _access, AccessAction.Administer, label, p => Task.FromResult(p.Review(db.Actor, db.Now)), ct, "review");
            if (!moved.IsSuccess)
                return moved;
            var periodId = moved.Value.Id;
            await db.ReportingLines.Where(l => l.PeriodId == periodId).ExecuteDeleteAsync(ct);
            var lines = await db.Employees.AsNoTracking().Where(e => e.ManagerId != null)
                .Select(e => new ReportingLine { PeriodId = periodId, Person = e.Id, Manager = e.ManagerId! }).ToListAsync(ct);
            db.ReportingLines.AddRange(lines);
            await db.SaveChangesAsync(ct);
            // the lines are a snapshot, read only by the calibration view and approval: they need not stay tracked
            foreach (var line in lines)
                db.Entry(line).State = EntityState.Detached;
            await tx.CommitAsync(ct);
            return moved;
        }
        catch (Exception ex) when (Concurrency.ToProblem(ex) is { } conflict)
        {
            // SQLite's one writer busy with another command (a calculation), or a concurrent change of the period
            db.ChangeTracker.Clear();
            return conflict;
        }
    }
}
