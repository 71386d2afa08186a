using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import salaries FILE</c>: <c>person,base_salary,effective_from</c>, optionally <c>currency</c> (default CNY).
/// Salaries are effective-dated: the one in effect on a period's last day pays. A row for a (person,
/// effective_from) already stored replaces it. Amounts are stored in minor units (fen), so at most two decimals.
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
        var rows = salaries.Select(r => new SalaryRecord { EmployeeId = r.Person, EffectiveFrom = r.From, AmountMinor = r.AmountMinor, Currency = r.Currency }).ToList();
        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        var hash = file.Hash();
        var written = await ImportCommon.TransactAsync(db, periodId, ImportKinds.Salaries, "all", async () =>
        {
            var people = rows.Select(r => r.EmployeeId).ToHashSet(StringComparer.Ordinal);
            var stored = (await db.Salaries.ToListAsync(ct)).Where(s => people.Contains(s.EmployeeId))
                .ToDictionary(s => (s.EmployeeId, s.EffectiveFrom));
            var replaced = 0;
            foreach (var r in rows)
            {
                if (stored.TryGetValue((r.EmployeeId, r.EffectiveFrom), out var s))
                {
                    replaced++;
                    (s.AmountMinor, s.Currency) = (r.AmountMinor, r.Currency);
                }
                else
                {
                    db.Salaries.Add(r);
                }
            }

            var previous = await ImportCommon.PreviousAsync(db, periodId, ImportKinds.Salaries, "all", ct);
            var record = await ImportCommon.RecordAsync(db, periodId, ImportKinds.Salaries, "all", file, hash, rows.Count, replaced, previous, ct);
            return new ImportSummary(record, rows.Count, replaced);
        }, ct);
        if (written.IsSuccess)
            progress?.Report(new WorkProgress("write", rows.Count, rows.Count));
        return written;
    }
}
