using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Evaluation;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import actuals FILE --period P</c>: the actuals format (<see cref="ActualsFile"/>, CSV or XLSX). <c>person</c>
/// is an employee id, or <c>team:ID</c> / <c>product:ID</c>: a team row gives a team indicator's actual
/// (scoring.md §7); a team or product row with a name that is not an indicator is a business measure
/// (<c>team.revenue</c>) for the payout rules. The whole file is checked first and every problem reported
/// with its line and column; then the previous import of the same (period, actuals, scope) is replaced in
/// one transaction (binary COPY on PostgreSQL).
/// </summary>
public sealed class ImportActuals(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    private readonly record struct Parsed(string ScopeKind, string ScopeId, string Indicator, decimal Value);

    public async Task<Result<ImportSummary>> RunAsync(InputFile file, string label, string scope = "all", IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var loaded = await ImportCommon.OpenPeriodAsync(db, label, "actuals", ct);
        if (!loaded.IsSuccess)
            return Result<ImportSummary>.Fail(loaded.Problems);
        var p = loaded.Value;

        var problems = new Problems();
        var space = IndicatorSpace.Of(p.Document, p.Schemes);
        progress?.Report(new WorkProgress("check", 0, 0));
        var data = ActualsFile.Read(file, space, derivedAllowed: false, problems);
        var employees = await ImportCommon.EmployeeIdsAsync(db, ct);
        var teams = (await db.Teams.Select(t => t.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var products = (await db.Products.Select(t => t.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        if (data.Columns is { } columns)
        {
            foreach (var (id, a) in data.People.Where(kv => !employees.Contains(kv.Key)))
                ImportCommon.NotAnEmployee(problems, columns.At(a.FirstLine, "person"), id);
            foreach (var (id, a) in data.Teams.Where(kv => !teams.Contains(kv.Key)))
                problems.At(columns.At(a.FirstLine, "person"), $"没有团队 '{id}'（团队来自员工导入的 team 列）", $"there is no team '{id}' (teams come from the team column of the employees import)");
            foreach (var m in data.Measures.Where(m => !(m.Scope == MeasureScope.Team ? teams : products).Contains(m.Id)))
                problems.At(columns.At(m.Line, "person"),
                    m.Scope == MeasureScope.Team ? $"没有团队 '{m.Id}'（团队来自员工导入的 team 列）" : $"没有产品 '{m.Id}'",
                    m.Scope == MeasureScope.Team ? $"there is no team '{m.Id}' (teams come from the team column of the employees import)" : $"there is no product '{m.Id}'");
        }

        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        var rows = Flatten(data, space);
        var hash = file.Hash();
        var previous = await ImportCommon.PreviousAsync(db, p.Row.Id, ImportKinds.Actuals, scope, ct);
        var others = await db.Actuals.Where(a => a.PeriodId == p.Row.Id && (previous == null || a.ImportId != previous.Id))
            .Select(a => new { a.ScopeKind, a.ScopeId, a.Indicator }).ToListAsync(ct);
        if (others.Count > 0)
        {
            var taken = others.Select(o => (o.ScopeKind, o.ScopeId, o.Indicator)).ToHashSet();
            foreach (var r in rows.Where(r => taken.Contains((r.ScopeKind, r.ScopeId, r.Indicator))).Take(Problems.MaxShown))
                problems.Add(Problem.Conflict(file.Name,
                    $"{r.ScopeKind} '{r.ScopeId}' 在 {p.Row.Label} 中已有来自另一导入范围或手工录入的 '{r.Indicator}'；请在那个范围中导入",
                    $"{r.ScopeKind} '{r.ScopeId}' already has '{r.Indicator}' for {p.Row.Label} from another import scope or a manual entry; import it in that scope"));
            if (problems.Any)
                return ImportCommon.Fail<ImportSummary>(problems);
        }

        return await ImportCommon.TransactAsync(db, p.Row.Id, ImportKinds.Actuals, scope, async () =>
        {
            var replaced = previous is null ? 0 : await BulkInsert.DeleteWhereAsync<Actual>(db, nameof(Actual.ImportId), previous.Id, ct);
            var record = await ImportCommon.RecordAsync(db, p.Row.Id, ImportKinds.Actuals, scope, file, hash, rows.Count, replaced, previous, ct);
            var (periodId, importId, author, now) = (p.Row.Id, record.Id, db.Actor, db.Now);
            var total = rows.Count;
            await BulkInsert.WriteAsync<Actual, Parsed>(db, rows,
            [
                new(nameof(Actual.PeriodId), _ => periodId),
                new(nameof(Actual.ScopeKind), r => r.ScopeKind),
                new(nameof(Actual.ScopeId), r => r.ScopeId),
                new(nameof(Actual.Indicator), r => r.Indicator),
                new(nameof(Actual.Value), r => r.Value),
                new(nameof(Actual.Source), _ => "import"),
                new(nameof(Actual.Author), _ => author),
                new(nameof(Actual.RecordedAt), _ => now),
                new(nameof(Actual.ImportId), _ => importId),
            ], new Reporter(n => progress?.Report(new WorkProgress("write", n, total))), ct);
            return new ImportSummary(record, rows.Count, replaced);
        }, ct);
    }

    /// <summary>The file's values as rows, in the file's order of people and indicators.</summary>
    private static List<Parsed> Flatten(ActualsData data, IndicatorSpace space)
    {
        var rows = new List<Parsed>(data.Rows);
        void Add(string kind, Dictionary<string, ScopeActuals> map)
        {
            foreach (var (id, a) in map)
                for (var i = 0; i < a.Values.Length; i++)
                    if (a.Values[i] is { } v)
                        rows.Add(new Parsed(kind, id, space.Indicators[i].Code, v));
        }

        Add(ScopeKinds.Person, data.People);
        Add(ScopeKinds.Team, data.Teams);
        foreach (var m in data.Measures)
            rows.Add(new Parsed(m.Scope == MeasureScope.Team ? ScopeKinds.Team : ScopeKinds.Product, m.Id, m.Name, m.Value));
        return rows;
    }
}
