using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Evaluation;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import actuals FILE --period P [--scope S] [--replace]</c>: the actuals format (<see cref="ActualsFile"/>, CSV or XLSX).
/// <c>person</c> is an employee id, or <c>team:ID</c> / <c>product:ID</c>: a team row gives a team indicator's actual
/// (scoring.md §7); a team or product row with a name that is not an indicator is a business measure
/// (<c>team.revenue</c>) for the payout rules. The whole file is checked first and every problem reported with its line
/// and column. Then, in one transaction (binary COPY on PostgreSQL), the file is merged cell by cell (scoring.md §11):
/// its values replace the same (scope, id, indicator) cells of the period whichever import wrote them, and the other
/// cells stay. With <c>replace</c> the file becomes the whole set of the period's actuals (scope <c>all</c>) or of the
/// cells whose value an import of the named scope last wrote: the cells of that set the file does not give are removed,
/// and only then may the file hold a header and no rows. A cell keeps the import that last changed its value.
/// </summary>
public sealed class ImportActuals(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    private readonly record struct Stored(long Id, string ScopeKind, string ScopeId, string Indicator, decimal Value, long? ImportId);

    public async Task<Result<ImportSummary>> RunAsync(InputFile file, string label, string scope = "all", IProgress<WorkProgress>? progress = null, CancellationToken ct = default) =>
        await RunAsync(file, label, scope, replace: false, progress, ct);

    public async Task<Result<ImportSummary>> RunAsync(InputFile file, string label, string scope, bool replace, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
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
        var data = ActualsFile.Read(file, space, derivedAllowed: false, problems, allowEmpty: replace);
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
        return await MergeAsync(db, p.Row.Id, scope, file, rows, replace, "import", progress, ct);
    }

    /// <summary>
    /// The write half of every actuals change (this import, <see cref="Periods.ManualActuals"/>): in the import's one
    /// transaction under its lock, <paramref name="rows"/> merged cell by cell into the period's actuals (scoring.md §11): a
    /// value replaces the same (scope, id, indicator) cell whichever import wrote it, an equal one is left as it is, a null
    /// removes the cell; with <paramref name="replace"/> the rows become the whole set of the scope (see the class). The new
    /// cells carry <paramref name="source"/>, the context's actor and the import record, audited as an import.
    /// </summary>
    internal static async Task<Result<ImportSummary>> MergeAsync(YardstickDb db, int periodId, string scope, InputFile file, IReadOnlyList<ActualCell> rows, bool replace, string source, IProgress<WorkProgress>? progress, CancellationToken ct)
    {
        var hash = file.Hash();
        // read and written under the import's lock (one import of a scope at a time), all or nothing
        return await ImportCommon.TransactAsync(db, periodId, ImportKinds.Actuals, scope, async () =>
        {
            var stored = (await db.Actuals.Where(a => a.PeriodId == periodId)
                    .Select(a => new Stored(a.Id, a.ScopeKind, a.ScopeId, a.Indicator, a.Value, a.ImportId)).ToListAsync(ct))
                .ToDictionary(a => (a.ScopeKind, a.ScopeId, a.Indicator));
            var scopeImports = scope == "all" ? null
                : (await db.Imports.Where(i => i.PeriodId == periodId && i.Kind == ImportKinds.Actuals && i.Scope == scope).Select(i => i.Id).ToListAsync(ct)).ToHashSet();

            // cell by cell: a changed value is deleted and written anew (one bulk path), an equal one is left as it is
            var write = new List<ActualCell>(rows.Count);
            var delete = new List<long>();
            var touched = new Dictionary<long, int>(); // earlier import → its values changed or removed
            var (added, changed, unchanged, removed) = (0, 0, 0, 0);
            var inFile = new HashSet<(string, string, string)>();
            foreach (var r in rows)
            {
                inFile.Add((r.ScopeKind, r.ScopeId, r.Indicator));
                var exists = stored.TryGetValue((r.ScopeKind, r.ScopeId, r.Indicator), out var old);
                if (r.Value is null)
                {
                    if (exists)
                    {
                        removed++;
                        Replace(old);
                    }
                    else
                    {
                        unchanged++;
                    }
                }
                else if (!exists)
                {
                    added++;
                    write.Add(r);
                }
                else if (old.Value == r.Value)
                {
                    unchanged++;
                }
                else
                {
                    changed++;
                    write.Add(r);
                    Replace(old);
                }
            }

            if (replace)
                foreach (var old in stored.Values.Where(a => !inFile.Contains((a.ScopeKind, a.ScopeId, a.Indicator)) && (scopeImports is null || (a.ImportId is { } i && scopeImports.Contains(i)))))
                {
                    removed++;
                    Replace(old);
                }

            void Replace(Stored old)
            {
                delete.Add(old.Id);
                if (old.ImportId is { } i)
                    touched[i] = touched.GetValueOrDefault(i) + 1;
            }

            foreach (var chunk in delete.Chunk(500))
                await db.Actuals.Where(a => chunk.Contains(a.Id)).ExecuteDeleteAsync(ct);
            var ids = touched.Keys.ToList();
            var earlier = await db.Imports.Where(i => ids.Contains(i.Id)).OrderBy(i => i.Id).ToListAsync(ct);
            // an earlier import none of whose values remain is no longer current
            var held = stored.Values.Where(a => a.ImportId is { } i && touched.ContainsKey(i)).GroupBy(a => a.ImportId!.Value).ToDictionary(g => g.Key, g => g.Count());
            foreach (var e in earlier.Where(e => held[e.Id] == touched[e.Id]))
                e.IsCurrent = false;
            var record = await ImportCommon.RecordAsync(db, periodId, ImportKinds.Actuals, scope, file, hash, rows.Count, changed + removed, null, ct);
            var (importId, author, now) = (record.Id, db.Actor, db.Now);
            var total = write.Count;
            await BulkInsert.WriteAsync<Actual, ActualCell>(db, write,
            [
                new(nameof(Actual.PeriodId), _ => periodId),
                new(nameof(Actual.ScopeKind), r => r.ScopeKind),
                new(nameof(Actual.ScopeId), r => r.ScopeId),
                new(nameof(Actual.Indicator), r => r.Indicator),
                new(nameof(Actual.Value), r => r.Value!.Value),
                new(nameof(Actual.Source), _ => source),
                new(nameof(Actual.Author), _ => author),
                new(nameof(Actual.RecordedAt), _ => now),
                new(nameof(Actual.ImportId), _ => importId),
            ], new Reporter(n => progress?.Report(new WorkProgress("write", n, total))), ct);
            var merge = new ImportMerge(added, changed, unchanged, removed, earlier.Select(e => new ChangedImport(e, touched[e.Id])).ToList());
            return new ImportSummary(record, rows.Count, changed + removed, merge);
        }, ct);
    }

    /// <summary>The file's values as rows, in the file's order of people and indicators.</summary>
    private static List<ActualCell> Flatten(ActualsData data, IndicatorSpace space)
    {
        var rows = new List<ActualCell>(data.Rows);
        void Add(string kind, Dictionary<string, ScopeActuals> map)
        {
            foreach (var (id, a) in map)
                for (var i = 0; i < a.Values.Length; i++)
                    if (a.Values[i] is { } v)
                        rows.Add(new ActualCell(kind, id, space.Indicators[i].Code, v));
        }

        Add(ScopeKinds.Person, data.People);
        Add(ScopeKinds.Team, data.Teams);
        foreach (var m in data.Measures)
            rows.Add(new ActualCell(m.Scope == MeasureScope.Team ? ScopeKinds.Team : ScopeKinds.Product, m.Id, m.Name, m.Value));
        return rows;
    }
}

/// <summary>One cell of a period's actuals to write: a person's (or team's, product's) value of an indicator or measure; null removes the cell.</summary>
internal readonly record struct ActualCell(string ScopeKind, string ScopeId, string Indicator, decimal? Value);
