using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Files;
using Yardstick.App.Organisations;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import requests FILE --period P</c>: the request log, <c>id,person,created_at,first_response_at,solution_at</c>,
/// optionally <c>from</c> (the requesting department). Times are <c>YYYY-MM-DD HH:MM</c> in the company time
/// zone (default Asia/Shanghai) or ISO 8601 with an offset; empty response and solution are allowed. A
/// re-import for the same period and scope replaces the previous one.
/// </summary>
public sealed class ImportRequests(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<ImportSummary>> RunAsync(InputFile file, string label, string scope = "all", IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var loaded = await ImportCommon.OpenPeriodAsync(db, label, "requests", ct);
        if (!loaded.IsSuccess)
            return Result<ImportSummary>.Fail(loaded.Problems);
        var p = loaded.Value;
        var problems = new Problems();
        var sla = await ConfigureOrganisation.LoadAsync(db, ct);
        var (requests, columns) = RequestsFile.Read(file, sla, problems);
        var employees = await ImportCommon.EmployeeIdsAsync(db, ct);
        foreach (var r in requests.Where(r => r.Person.Length > 0 && !employees.Contains(r.Person)))
            ImportCommon.NotAnEmployee(problems, columns!.At(r.Line, "person"), r.Person);
        var rows = requests.Select(r => new RequestRow
        {
            ExternalId = r.Id,
            Person = r.Person,
            FromDepartment = r.FromDepartment,
            CreatedAt = r.CreatedAt,
            FirstResponseAt = r.FirstResponseAt,
            SolutionAt = r.SolutionAt,
        }).ToList();
        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        var hash = file.Hash();
        return await ImportCommon.TransactAsync(db, p.Row.Id, ImportKinds.Requests, scope, async () =>
        {
            var previous = await ImportCommon.PreviousAsync(db, p.Row.Id, ImportKinds.Requests, scope, ct);
            var replaced = previous is null ? 0 : await BulkInsert.DeleteWhereAsync<RequestRow>(db, nameof(RequestRow.ImportId), previous.Id, ct);
            var import = await ImportCommon.RecordAsync(db, p.Row.Id, ImportKinds.Requests, scope, file, hash, rows.Count, replaced, previous, ct);
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
            return new ImportSummary(import, rows.Count, replaced);
        }, ct);
    }
}
