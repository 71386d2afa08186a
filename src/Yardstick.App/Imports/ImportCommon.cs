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
