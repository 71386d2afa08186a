using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>What an import did.</summary>
/// <param name="Import">The import record (file name, hash, rows, author).</param>
/// <param name="Rows">Rows written.</param>
/// <param name="Replaced">Rows of the previous import of the same (period, kind, scope) that were replaced.</param>
public sealed record ImportSummary(ImportRecord Import, int Rows, int Replaced);

/// <summary>The steps every import shares: the file's hash, the previous import it replaces, the record and its audit entry.</summary>
internal static class ImportCommon
{
    public static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static Task<ImportRecord?> PreviousAsync(YardstickDb db, int? periodId, string kind, string scope, CancellationToken ct) =>
        db.Imports.Where(i => i.PeriodId == periodId && i.Kind == kind && i.Scope == scope && i.IsCurrent).OrderByDescending(i => i.Id).FirstOrDefaultAsync(ct);

    /// <summary>Adds the import record (audited alone: <see cref="YardstickDb.ImportAudit"/>) and saves, inside the caller's transaction.</summary>
    public static async Task<ImportRecord> RecordAsync(YardstickDb db, int? periodId, string kind, string scope, string path, string hash, int rows, int replaced, ImportRecord? previous, CancellationToken ct)
    {
        if (previous is not null)
            previous.IsCurrent = false;
        var record = db.Imports.Add(new ImportRecord
        {
            PeriodId = periodId,
            Kind = kind,
            Scope = scope,
            FileName = Path.GetFileName(path),
            FileHash = hash,
            Rows = rows,
            Replaced = replaced,
            Author = db.Actor,
            At = db.Now,
        }).Entity;
        db.ImportAudit = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ImportAudit = false;
        }

        return record;
    }

    /// <summary>The period of an import that changes the period's data: it must exist and still accept data.</summary>
    /// <summary>The id of the period an organisation import is recorded under, or null without <c>--period</c>.</summary>
    public static async Task<Result<int?>> OptionalPeriodIdAsync(YardstickDb db, string? label, CancellationToken ct)
    {
        if (label is null)
            return Result<int?>.Ok(null);
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        return loaded.IsSuccess ? Result<int?>.Ok(loaded.Value.Row.Id) : Result<int?>.Fail(loaded.Problems);
    }

    public static async Task<Result<PeriodScheme>> OpenPeriodAsync(YardstickDb db, string label, string what, CancellationToken ct)
    {
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return loaded;
        return loaded.Value.CheckAcceptsData(what) is { } closed ? Result<PeriodScheme>.Fail([closed]) : loaded;
    }

    /// <summary>
    /// The write half of an import, in one transaction: <paramref name="apply"/> removes what the file replaces
    /// (given the previous import of the same period, kind and scope) and adds the file's rows to the context,
    /// returning how many rows it replaced (it may save; rows are not audited one by one); the import record is saved with them (audited alone), then
    /// <paramref name="link"/> may stamp the new rows with the record's id. Nothing is written on failure.
    /// </summary>
    public static async Task<ImportSummary> WriteAsync(YardstickDb db, int? periodId, string kind, string scope, string path, int rows,
        Func<ImportRecord?, Task<int>> apply, Action<long>? link, IProgress<WorkProgress>? progress, CancellationToken ct)
    {
        var hash = Hash(path);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
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

        var record = await RecordAsync(db, periodId, kind, scope, path, hash, rows, replaced, previous, ct);
        if (link is not null)
        {
            link(record.Id);
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

        await tx.CommitAsync(ct);
        progress?.Report(new WorkProgress("write", rows, rows));
        return new ImportSummary(record, rows, replaced);
    }

    /// <summary>A column's trimmed text, or null when the column is absent or the cell empty.</summary>
    public static string? Text(Row row, int column) => column >= 0 && row[column].Trim() is { Length: > 0 } t ? t : null;

    /// <summary>A required cell: its trimmed text, or a problem naming the column when it is empty.</summary>
    public static string? Required(string path, Row row, int column, string name, Problems problems)
    {
        if (Text(row, column) is { } text)
            return text;
        problems.At(path, row.Line, column + 1, $"{name} is empty; every row needs one");
        return null;
    }

    /// <summary>A decimal written with '.' (no thousands separators); null with a problem when it is not one.</summary>
    public static decimal? Number(string path, Row row, int column, string name, Problems problems, string example)
    {
        var text = column < 0 ? "" : row[column].Trim();
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return value;
        problems.At(path, row.Line, column + 1, $"{name} '{text}' is not a number; expected a decimal with '.' such as {example}");
        return null;
    }

    /// <summary>A required date (YYYY-MM-DD); null with a problem when empty or not a date.</summary>
    public static DateOnly? RequiredDate(string path, Row row, int column, string name, Problems problems)
    {
        if (Text(row, column) is null)
        {
            problems.At(path, row.Line, column + 1, $"{name} is empty; expected YYYY-MM-DD");
            return null;
        }

        return Date(path, row, column, problems);
    }

    public static Result<T> Fail<T>(Problems problems) => Result<T>.Fail(problems.ToList());

    /// <summary>A problem when the file does not exist (before reading it).</summary>
    public static bool Exists(string path, Problems problems)
    {
        if (File.Exists(path))
            return true;
        problems.At(path, 1, 1, "cannot read the file: it does not exist");
        return false;
    }

    public static DateOnly? Date(string path, Row row, int column, Problems problems)
    {
        var text = column < 0 ? "" : row[column].Trim();
        if (text.Length == 0)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        problems.At(path, row.Line, column + 1, $"'{text}' is not a date; expected YYYY-MM-DD, such as 2026-02-14");
        return null;
    }
}
