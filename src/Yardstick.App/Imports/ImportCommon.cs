using Microsoft.EntityFrameworkCore;
using Yardstick.App.Calculation;
using Yardstick.App.Database;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>What an import did.</summary>
/// <param name="Import">The import record (file name, hash, rows, author).</param>
/// <param name="Rows">Rows written.</param>
/// <param name="Replaced">Rows of the previous import of the same (period, kind, scope) that were replaced (actuals: values changed or removed; employees and salaries: stored records the file changed).</param>
/// <param name="Merge">For actuals, merged cell by cell: what the import did to each cell; for employees and salaries, matched by key: records added, changed and unchanged.</param>
public sealed record ImportSummary(ImportRecord Import, int Rows, int Replaced, ImportMerge? Merge = null);

/// <summary>What a merging import did: values added, changed (a different value for a cell already held), unchanged, removed (by a replacing import), and the earlier imports whose values it changed or removed.</summary>
public sealed record ImportMerge(int Added, int Changed, int Unchanged, int Removed, IReadOnlyList<ChangedImport> Earlier);

/// <summary>An earlier import and how many of its values a later import changed or removed.</summary>
public sealed record ChangedImport(ImportRecord Import, int Values);

/// <summary>The steps every import shares: the previous import it replaces, the record with the file's hash and its audit entry.</summary>
internal static class ImportCommon
{
    public static Task<ImportRecord?> PreviousAsync(YardstickDb db, int? periodId, string kind, string scope, CancellationToken ct) =>
        db.Imports.Where(i => i.PeriodId == periodId && i.Kind == kind && i.Scope == scope && i.IsCurrent).OrderByDescending(i => i.Id).FirstOrDefaultAsync(ct);

    /// <summary>Adds the import record (audited alone: <see cref="YardstickDb.ImportAudit"/>) and saves, inside the caller's transaction.</summary>
    public static async Task<ImportRecord> RecordAsync(YardstickDb db, int? periodId, string kind, string scope, InputFile file, string hash, int rows, int replaced, ImportRecord? previous, CancellationToken ct)
    {
        if (previous is not null)
            previous.IsCurrent = false;
        var record = db.Imports.Add(new ImportRecord
        {
            PeriodId = periodId,
            Kind = kind,
            Scope = scope,
            FileName = file.FileName,
            FileHash = hash,
            Rows = rows,
            Replaced = replaced,
            Author = db.Actor,
            At = db.Now,
        }).Entity;
        await SaveAsImportAsync(db, ct);
        return record;
    }

    /// <summary>The id of the period an organisation import is recorded under, or null when none is named.</summary>
    public static async Task<Result<int?>> OptionalPeriodIdAsync(YardstickDb db, string? label, CancellationToken ct)
    {
        if (label is null)
            return Result<int?>.Ok(null);
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        return loaded.IsSuccess ? Result<int?>.Ok(loaded.Value.Row.Id) : Result<int?>.Fail(loaded.Problems);
    }

    /// <summary>The period of an import that changes the period's data: it must exist and still accept data.</summary>
    public static async Task<Result<PeriodScheme>> OpenPeriodAsync(YardstickDb db, string label, string kind, CancellationToken ct)
    {
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return loaded;
        return loaded.Value.CheckAcceptsData($"导入 {kind}", $"import {kind}") is { } closed ? Result<PeriodScheme>.Fail([closed]) : loaded;
    }

    /// <summary>
    /// The write half of an import, in one transaction (<see cref="TransactAsync"/>): <paramref name="apply"/> removes what the file replaces
    /// (given the previous import of the same period, kind and scope) and adds the file's rows to the context,
    /// returning how many rows it replaced (it may save; rows are not audited one by one); the import record is saved with them (audited alone), then
    /// <paramref name="link"/> may stamp the new rows with the record's id. Nothing is written on failure.
    /// </summary>
    public static async Task<Result<ImportSummary>> WriteAsync(YardstickDb db, int? periodId, string kind, string scope, InputFile file, int rows,
        Func<ImportRecord?, Task<int>> apply, Action<long>? link, IProgress<WorkProgress>? progress, CancellationToken ct)
    {
        var hash = file.Hash();
        var written = await TransactAsync(db, periodId, kind, scope, async () =>
        {
            var previous = await PreviousAsync(db, periodId, kind, scope, ct);
            int replaced;
            db.ImportAudit = true; // a save inside apply is part of the import: no audit entry per row
            try
            {
                replaced = await apply(previous);
            }
            finally
            {
                db.ImportAudit = false;
            }

            var record = await RecordAsync(db, periodId, kind, scope, file, hash, rows, replaced, previous, ct);
            if (link is not null)
            {
                link(record.Id);
                await SaveAsImportAsync(db, ct);
            }

            return new ImportSummary(record, rows, replaced);
        }, ct);
        if (written.IsSuccess)
            progress?.Report(new WorkProgress("write", rows, rows));
        return written;
    }

    /// <summary>
    /// An organisation import matched by key (employees, salaries) as a merge: <paramref name="added"/> new records,
    /// <paramref name="changed"/> stored ones the file changed, the rest of its rows unchanged.
    /// </summary>
    public static Result<ImportSummary> Counted(Result<ImportSummary> written, int added, int changed) => written.IsSuccess
        ? written.Value with { Merge = new ImportMerge(added, changed, written.Value.Rows - added - changed, 0, []) }
        : written;

    /// <summary>
    /// Runs <paramref name="write"/> (which saves) in the one transaction of an import of <paramref name="kind"/> and commits it, all or
    /// nothing. Refused at once, as a conflict, when another import of the same kind and scope is being written (or, on SQLite, the
    /// database stays busy with another writer); refused before the commit when the import would change what an Approved, Published
    /// or Locked period reads (<see cref="StaleRuns.CheckFrozenAsync"/>: data that several periods read); a unique key or a record
    /// another command wrote at the same time is a conflict too, never a raw database error.
    /// </summary>
    public static async Task<Result<ImportSummary>> TransactAsync(YardstickDb db, int? periodId, string kind, string scope, Func<Task<ImportSummary>> write, CancellationToken ct)
    {
        var key = OrganisationKinds.Contains(kind) ? $"import/{kind}" : $"import/{periodId}/{kind}/{scope}";
        var running = Problem.Conflict("period",
            $"另一个 {kind} 导入（范围 '{scope}'）正在进行；请在它结束后重试",
            $"another import of {kind} (scope '{scope}') is running; try again when it ends",
            "import.running");
        try
        {
            await using var tx = await Concurrency.BeginAsync(db, key, running, ct);
            ImportSummary summary;
            using (new ImportChanges(db)) // the import's audit entry keeps what each entity it changes was
                summary = await write();
            if (periodId is { } id && !OrganisationKinds.Contains(kind) && await PeriodScheme.ClaimForDataAsync(db, id, $"导入 {kind}", $"import {kind}", ct) is { } moved)
                return moved;

            if (ReadByEveryPeriod.Contains(kind) && await StaleRuns.CheckFrozenAsync(db, $"导入 {kind}", $"import {kind}", ct) is { } frozen)
            {
                db.ChangeTracker.Clear();
                return frozen;
            }

            await tx.CommitAsync(ct);
            return summary;
        }
        catch (Exception ex) when (Concurrency.ToProblem(ex) is { } conflict)
        {
            db.ChangeTracker.Clear();
            return conflict;
        }
    }

    // the organisation's data: one import of a kind at a time, whatever period it is recorded under
    private static readonly HashSet<string> OrganisationKinds = [ImportKinds.Employees, ImportKinds.Salaries, ImportKinds.Teams, ImportKinds.Products, ImportKinds.Stages];

    // what other periods read too: the organisation's data, and requests and events (read by the dates of every period)
    private static readonly HashSet<string> ReadByEveryPeriod = [.. OrganisationKinds, ImportKinds.Requests, ImportKinds.Events];

    /// <summary>The ids of the organisation's employees.</summary>
    public static async Task<HashSet<string>> EmployeeIdsAsync(YardstickDb db, CancellationToken ct) =>
        (await db.Employees.Select(e => e.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    /// <summary>"'x' is not an employee; import employees first".</summary>
    public static void NotAnEmployee(Problems problems, Location at, string person, string whatZh = "", string whatEn = "")
    {
        if (person.Length == 0)
            problems.At(at, "人员为空", "the person is empty");
        else
            problems.Add(Problem.Invalid(at, $"{whatZh}'{person}' 不是员工；请先导入员工", $"{whatEn}'{person}' is not an employee; import employees first", "employee.unknown"));
    }

    /// <summary>"unknown product 'x'; import products first".</summary>
    public static void UnknownProduct(Problems problems, Location at, string product) =>
        problems.Add(Problem.Invalid(at, $"未知产品 '{product}'；请先导入产品", $"unknown product '{product}'; import products first", "product.unknown"));

    public static Result<T> Fail<T>(Problems problems) => Result<T>.Fail(problems.ToList());

    private static async Task SaveAsImportAsync(YardstickDb db, CancellationToken ct)
    {
        db.ImportAudit = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ImportAudit = false;
        }
    }
}
