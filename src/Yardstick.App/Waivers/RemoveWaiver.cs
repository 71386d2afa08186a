using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Waivers;

/// <summary>
/// <c>waive PERSON INDICATOR --period P --remove --reason TEXT</c>: removes a waiver while the period accepts data. One audit
/// entry (action <c>delete</c>) holds the waiver as it was (<c>Before</c>) and who removed it why (<c>After</c>: <c>RemovedBy</c>,
/// <c>Reason</c>), so the removal's reason is kept without a column of its own.
/// </summary>
public sealed class RemoveWaiver(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<Waiver>> RunAsync(string label, string person, string indicator, string? reason, CancellationToken ct = default)
    {
        var (p, problems) = await WaiveIndicator.OpenAsync(db, _access, label, ("撤销豁免", "remove a waiver"), ct);
        if (p is null)
            return Result<Waiver>.Fail(problems);
        if (string.IsNullOrWhiteSpace(reason))
            problems.Add(Problem.Invalid("reason", "撤销豁免需要写明原因", "removing a waiver needs a reason"));
        var waiver = await db.Waivers.AsNoTracking().SingleOrDefaultAsync(w => w.PeriodId == p.Row.Id && w.Person == person && w.Indicator == indicator, ct);
        if (waiver is null)
            problems.Add(Problem.NotFound("indicator", $"'{person}' 在 {p.Row.Label} 中没有 '{indicator}' 的豁免", $"'{person}' has no waiver of '{indicator}' in {p.Row.Label}"));
        if (problems.Count > 0)
            return Result<Waiver>.Fail(problems);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Waivers.Where(w => w.Id == waiver!.Id).ExecuteDeleteAsync(ct);
        db.Audit.Add(new AuditEntry
        {
            Actor = db.Actor,
            At = db.Now,
            Entity = nameof(Waiver),
            EntityKey = waiver!.AuditKey,
            Action = "delete",
            Before = JsonSerializer.Serialize(new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                [nameof(Waiver.Author)] = waiver.Author, [nameof(Waiver.CreatedAt)] = waiver.CreatedAt, [nameof(Waiver.Indicator)] = waiver.Indicator,
                [nameof(Waiver.PeriodId)] = waiver.PeriodId, [nameof(Waiver.Person)] = waiver.Person, [nameof(Waiver.Reason)] = waiver.Reason,
            }),
            After = JsonSerializer.Serialize(new SortedDictionary<string, object?>(StringComparer.Ordinal) { ["Reason"] = reason!.Trim(), ["RemovedBy"] = db.Actor }),
        });
        await db.SaveChangesAsync(ct);
        if (await PeriodScheme.ClaimForDataAsync(db, p.Row.Id, "撤销豁免", "remove a waiver", ct) is { } moved)
            return moved;

        await tx.CommitAsync(ct);
        return waiver;
    }
}
