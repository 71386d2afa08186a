using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import salaries FILE</c>: <c>person,base_salary,effective_from</c>, optionally <c>currency</c> (default CNY).
/// Salaries are effective-dated: the one in effect on a period's last day pays. A row for a (person,
/// effective_from) already stored replaces it (counted as changed when its amount or currency differs). Amounts are stored in minor units (fen), so at most two decimals.
/// </summary>
public sealed class ImportSalaries(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<ImportSummary>> RunAsync(InputFile file, string? label, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var period = await ImportCommon.OptionalPeriodIdAsync(db, label, ct);
        if (!period.IsSuccess)
            return Result<ImportSummary>.Fail(period.Problems);
        var periodId = period.Value;

        var problems = new Problems();
        var (salaries, columns) = SalariesFile.Read(file, problems);
        var employees = await ImportCommon.EmployeeIdsAsync(db, ct);
        foreach (var r in salaries.Where(r => r.Person.Length > 0 && !employees.Contains(r.Person)))
            ImportCommon.NotAnEmployee(problems, columns!.At(r.Line, "person"), r.Person);
        // a locked period's pay is final: no salary may be added or changed inside it (the same amount again is no change)
        var locked = (await db.Periods.Where(x => x.State == PeriodState.Locked).ToListAsync(ct)).Select(x => (x.Label, x.Period)).ToList();
        var inLocked = salaries.Where(r => r.From != default).Select(r => (Row: r, locked.FirstOrDefault(l => l.Period.FirstDay <= r.From && r.From <= l.Period.LastDay).Label)).Where(x => x.Label is not null).ToList();
        var kept = inLocked.Count == 0 ? [] : (await db.Salaries.AsNoTracking().ToListAsync(ct)).Select(x => (x.EmployeeId, x.EffectiveFrom, x.AmountMinor, x.Currency)).ToHashSet();
        foreach (var (r, lockedLabel) in inLocked)
            if (!kept.Contains((r.Person, r.From, r.AmountMinor, r.Currency)))
                problems.Add(new Problem(ProblemKind.Conflict, columns!.At(r.Line, "effective_from"), new LocalizedText(
                    $"{Dates.Format(r.From)} 在已锁定的周期 {lockedLabel} 之内；锁定周期的工资不能再改，请把生效日期定在 {lockedLabel} 之后",
                    $"{Dates.Format(r.From)} is inside period {lockedLabel}, which is locked; its pay is final, so date the change after {lockedLabel}")));
        var rows = salaries.Select(r => new SalaryRecord { EmployeeId = r.Person, EffectiveFrom = r.From, AmountMinor = r.AmountMinor, Currency = r.Currency }).ToList();
        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        var (added, changed) = (0, 0);
        var written = await ImportCommon.WriteAsync(db, periodId, ImportKinds.Salaries, "all", file, rows.Count, async _ =>
        {
            // stored salaries are read untracked: only those the file changes are attached (ImportChanges keeps what they were),
            // the new ones are written in bulk
            var people = rows.Select(r => r.EmployeeId).ToHashSet(StringComparer.Ordinal);
            var stored = (await db.Salaries.AsNoTracking().ToListAsync(ct)).Where(s => people.Contains(s.EmployeeId))
                .ToDictionary(s => (s.EmployeeId, s.EffectiveFrom));
            var fresh = new List<SalaryRecord>();
            foreach (var r in rows)
            {
                if (!stored.TryGetValue((r.EmployeeId, r.EffectiveFrom), out var s))
                    fresh.Add(r);
                else if ((s.AmountMinor, s.Currency) != (r.AmountMinor, r.Currency))
                {
                    db.Salaries.Attach(s);
                    (s.AmountMinor, s.Currency) = (r.AmountMinor, r.Currency);
                    changed++;
                }
            }

            await db.SaveChangesAsync(ct);
            added = await BulkInsert.WriteAsync<SalaryRecord, SalaryRecord>(db, fresh,
            [
                new(nameof(SalaryRecord.EmployeeId), x => x.EmployeeId),
                new(nameof(SalaryRecord.EffectiveFrom), x => x.EffectiveFrom),
                new(nameof(SalaryRecord.AmountMinor), x => x.AmountMinor),
                new(nameof(SalaryRecord.Currency), x => x.Currency),
            ], new Reporter(n => progress?.Report(new WorkProgress("write", n, rows.Count))), ct);
            return changed;
        }, null, progress, ct);
        return ImportCommon.Counted(written, added, changed);
    }
}
