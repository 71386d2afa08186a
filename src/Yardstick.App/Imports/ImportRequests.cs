using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Files;
using Yardstick.App.Organisations;
using Yardstick.Core.Common;
using Yardstick.Core.Requests;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import requests FILE --period P</c>: the request log, <c>id,person,created_at,first_response_at,solution_at</c>,
/// optionally <c>from</c> (the requesting department). Times are <c>YYYY-MM-DD HH:MM</c> in the company time
/// zone (default Asia/Shanghai) or ISO 8601 with an offset; empty response and solution are allowed. A
/// re-import for the same period and scope replaces the previous one.
/// </summary>
public sealed class ImportRequests(YardstickDb db)
{
    private static readonly string[] Required = ["id", "person", "created_at", "first_response_at", "solution_at"];
    private static readonly string[] Optional = ["from"];
    private static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    public async Task<Result<ImportSummary>> RunAsync(string path, string label, string scope = "all", IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return Result<ImportSummary>.Fail(loaded.Problems);
        var p = loaded.Value;
        if (p.CheckAcceptsData("import requests") is { } closed)
            return Result<ImportSummary>.Fail([closed]);
        var problems = new Problems();
        if (!ImportCommon.Exists(path, problems))
            return ImportCommon.Fail<ImportSummary>(problems);
        var sla = await ConfigureOrganisation.LoadAsync(db, ct);
        var employees = (await db.Employees.Select(e => e.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var columns = new int[6];
        var rows = new List<RequestRow>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in TableFile.Read(path, Required, Optional, columns, problems, allowXlsx: true))
        {
            var id = row[columns[0]].Trim();
            var person = row[columns[1]].Trim();
            if (id.Length == 0)
                problems.At(path, row.Line, columns[0] + 1, "the request id is empty");
            else if (!lines.TryAdd(id, row.Line))
                problems.At(path, row.Line, columns[0] + 1, $"duplicate request '{id}': lines {lines[id]} and {row.Line}; keep one");
            if (!employees.Contains(person))
                problems.At(path, row.Line, columns[1] + 1, person.Length == 0 ? "the person is empty" : $"'{person}' is not an employee; import employees first");
            var created = Time(path, row, columns[2], sla, problems, required: true);
            var response = Time(path, row, columns[3], sla, problems, required: false);
            var solution = Time(path, row, columns[4], sla, problems, required: false);
            if (created is null)
                continue;
            var record = new RequestRecord(id, person, created.Value, response, solution);
            foreach (var problem in record.Validate())
                problems.At(path, row.Line, (problem.Where.Field == "first_response_at" ? columns[3] : columns[4]) + 1, problem.Message.En);
            rows.Add(new RequestRow
            {
                ExternalId = id,
                Person = person,
                FromDepartment = columns[5] >= 0 ? row[columns[5]].Trim() : "",
                CreatedAt = created.Value.ToUniversalTime(),
                FirstResponseAt = response?.ToUniversalTime(),
                SolutionAt = solution?.ToUniversalTime(),
            });
        }

        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        var hash = ImportCommon.Hash(path);
        var previous = await ImportCommon.PreviousAsync(db, p.Row.Id, ImportKinds.Requests, scope, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var replaced = previous is null ? 0 : await BulkInsert.DeleteWhereAsync<RequestRow>(db, nameof(RequestRow.ImportId), previous.Id, ct);
        var import = await ImportCommon.RecordAsync(db, p.Row.Id, ImportKinds.Requests, scope, path, hash, rows.Count, replaced, previous, ct);
        var (periodId, importId) = (p.Row.Id, import.Id);
        await BulkInsert.WriteAsync<RequestRow, RequestRow>(db, rows,
        [
            new(nameof(RequestRow.PeriodId), _ => periodId),
            new(nameof(RequestRow.ImportId), _ => importId),
            new(nameof(RequestRow.ExternalId), r => r.ExternalId),
            new(nameof(RequestRow.Person), r => r.Person),
            new(nameof(RequestRow.FromDepartment), r => r.FromDepartment),
            new(nameof(RequestRow.CreatedAt), r => r.CreatedAt),
            new(nameof(RequestRow.FirstResponseAt), r => r.FirstResponseAt),
            new(nameof(RequestRow.SolutionAt), r => r.SolutionAt),
        ], new Reporter(n => progress?.Report(new WorkProgress("write", n, rows.Count))), ct);
        await tx.CommitAsync(ct);
        return new ImportSummary(import, rows.Count, replaced);
    }

    private static DateTimeOffset? Time(string path, Row row, int column, RequestSla sla, Problems problems, bool required)
    {
        var text = row[column].Trim();
        if (text.Length == 0)
        {
            if (required)
                problems.At(path, row.Line, column + 1, "created_at is empty; expected YYYY-MM-DD HH:MM");
            return null;
        }

        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return sla.FromLocal(local);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9))
            return instant;
        problems.At(path, row.Line, column + 1, $"'{text}' is not a time; expected YYYY-MM-DD HH:MM in the company time zone ({sla.TimeZone.Id}) or ISO 8601 with an offset");
        return null;
    }
}
