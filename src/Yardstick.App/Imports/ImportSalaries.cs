using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import salaries FILE</c>: <c>person,base_salary,effective_from</c>, optionally <c>currency</c> (default CNY).
/// Salaries are effective-dated: the one in effect on a period's last day pays. A row for a (person,
/// effective_from) already stored replaces it. Amounts are stored in minor units (fen), so at most two decimals.
/// </summary>
public sealed class ImportSalaries(YardstickDb db)
{
    private static readonly string[] Required = ["person", "base_salary", "effective_from"];
    private static readonly string[] Optional = ["currency"];

    public async Task<Result<ImportSummary>> RunAsync(string path, string? label, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        var period = await ImportCommon.OptionalPeriodIdAsync(db, label, ct);
        if (!period.IsSuccess)
            return Result<ImportSummary>.Fail(period.Problems);
        var periodId = period.Value;

        var problems = new Problems();
        if (!ImportCommon.Exists(path, problems))
            return ImportCommon.Fail<ImportSummary>(problems);
        var employees = (await db.Employees.Select(e => e.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var columns = new int[4];
        var rows = new List<SalaryRecord>();
        var lines = new Dictionary<(string, DateOnly), int>();
        foreach (var row in TableFile.Read(path, Required, Optional, columns, problems, allowXlsx: true))
        {
            var person = row[columns[0]].Trim();
            if (!employees.Contains(person))
                problems.At(path, row.Line, columns[0] + 1, person.Length == 0 ? "the person is empty" : $"'{person}' is not an employee; import employees first");
            var text = row[columns[1]].Trim();
            long minor = 0;
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
                problems.At(path, row.Line, columns[1] + 1, $"'{text}' is not a salary; expected a positive amount with '.' such as 30000.00");
            else if (amount * 100 != decimal.Truncate(amount * 100))
                problems.At(path, row.Line, columns[1] + 1, $"{text} has more than two decimals; salaries are exact to the fen");
            else
                minor = (long)(amount * 100);
            var currency = columns[3] >= 0 && row[columns[3]].Trim() is { Length: > 0 } c ? c : Money.DefaultCurrency;
            if (!Money.IsCurrency(currency))
                problems.At(path, row.Line, columns[3] + 1, $"'{currency}' is not a currency; expected an ISO 4217 code such as CNY");
            if (ImportCommon.Date(path, row, columns[2], problems) is not { } from)
            {
                if (row[columns[2]].Trim().Length == 0)
                    problems.At(path, row.Line, columns[2] + 1, "effective_from is empty; expected YYYY-MM-DD");
                continue;
            }

            if (!lines.TryAdd((person, from), row.Line))
            {
                problems.At(path, row.Line, columns[2] + 1, $"duplicate row for person '{person}' from {from:yyyy-MM-dd}: lines {lines[(person, from)]} and {row.Line}; keep one");
                continue;
            }

            rows.Add(new SalaryRecord { EmployeeId = person, EffectiveFrom = from, AmountMinor = minor, Currency = currency });
        }

        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        var hash = ImportCommon.Hash(path);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
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
        var record = await ImportCommon.RecordAsync(db, periodId, ImportKinds.Salaries, "all", path, hash, rows.Count, replaced, previous, ct);
        await tx.CommitAsync(ct);
        progress?.Report(new WorkProgress("write", rows.Count, rows.Count));
        return new ImportSummary(record, rows.Count, replaced);
    }
}
