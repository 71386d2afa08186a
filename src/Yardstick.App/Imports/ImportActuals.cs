using Microsoft.EntityFrameworkCore;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import actuals FILE --period P</c>: <c>person,indicator,value</c> (CSV or XLSX). <c>person</c> is an
/// employee id, or <c>team:ID</c> / <c>product:ID</c>: a team row gives a team indicator's actual
/// (scoring.md §7); a team or product row with a name that is not an indicator is a business measure
/// (<c>team.revenue</c>) for the payout rules. The whole file is checked first and every problem reported
/// with its line and column; then the previous import of the same (period, actuals, scope) is replaced in
/// one transaction (binary COPY on PostgreSQL).
/// </summary>
public sealed class ImportActuals(YardstickDb db)
{
    private static readonly string[] Required = ["person", "indicator", "value"];

    private readonly record struct Parsed(string ScopeKind, string ScopeId, string Indicator, decimal Value);

    public async Task<Result<ImportSummary>> RunAsync(string path, string label, string scope = "all", IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return Result<ImportSummary>.Fail(loaded.Problems);
        var p = loaded.Value;
        if (p.CheckAcceptsData("import actuals") is { } closed)
            return Result<ImportSummary>.Fail([closed]);

        var problems = new Problems();
        if (!ImportCommon.Exists(path, problems))
            return ImportCommon.Fail<ImportSummary>(problems);
        var employees = (await db.Employees.Select(e => e.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var teams = (await db.Teams.Select(t => t.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var products = (await db.Products.Select(t => t.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var rows = new List<Parsed>();
        var seen = new Dictionary<(string Key, string Code), int>();
        var measures = new Dictionary<(string, string), int>();
        var columns = new int[3];
        progress?.Report(new WorkProgress("check", 0, 0));
        foreach (var row in TableFile.Read(path, Required, [], columns, problems, allowXlsx: true))
        {
            var (pc, ic, vc) = (columns[0], columns[1], columns[2]);
            var who = row[pc].Trim();
            var code = row[ic].Trim();
            var (kind, id) = who.StartsWith("team:", StringComparison.Ordinal) ? (ScopeKinds.Team, who[5..].Trim())
                : who.StartsWith("product:", StringComparison.Ordinal) ? (ScopeKinds.Product, who[8..].Trim())
                : (ScopeKinds.Person, who);
            if (id.Length == 0)
            {
                problems.At(path, row.Line, pc + 1, "the person is empty; every row needs an employee id, team:ID or product:ID");
                continue;
            }

            var known = kind switch { ScopeKinds.Team => teams, ScopeKinds.Product => products, _ => employees };
            if (!known.Contains(id))
            {
                problems.At(path, row.Line, pc + 1, kind == ScopeKinds.Person
                    ? $"'{id}' is not an employee; import employees first (yardstick import employees FILE)"
                    : $"there is no {kind} '{id}' (teams come from the team column of the employees import)");
                continue;
            }

            var (scheme, i) = p.FindIndicator(code);
            if (i < 0)
            {
                if (kind == ScopeKinds.Person || code.Length == 0)
                {
                    problems.At(path, row.Line, ic + 1, $"unknown indicator '{code}'; {p.IndicatorList}");
                    continue;
                }

                // a business measure of a team or product (team.revenue)
                if (measures.TryGetValue((who, code), out var first))
                {
                    problems.At(path, row.Line, ic + 1, $"duplicate row for '{who}' and measure '{code}': lines {first} and {row.Line}; keep one");
                    continue;
                }

                measures[(who, code)] = row.Line;
                if (decimal.TryParse(row[vc].Trim(), System.Globalization.NumberStyles.Number & ~System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture, out var m))
                    rows.Add(new Parsed(kind, id, code, m));
                else
                    problems.At(path, row.Line, vc + 1, $"'{row[vc].Trim()}' is not a number; expected a decimal with '.' such as 12345.67");
                continue;
            }

            var indicator = scheme.Indicators[i];
            // a rating indicator may be imported as its aggregated value; a closed 360 campaign of the period replaces it
            if (indicator.Source is Source.Formula or Source.Requests)
            {
                problems.At(path, row.Line, ic + 1, indicator.Source == Source.Formula
                    ? $"'{code}' is computed by its formula; remove this row"
                    : $"'{code}' is derived from the request log (yardstick import requests); remove this row");
                continue;
            }

            if (kind != ScopeKinds.Person && (kind == ScopeKinds.Product || indicator.Scope != Scope.Team))
            {
                problems.At(path, row.Line, ic + 1, $"'{code}' is not a team indicator, so a {who} row cannot give it");
                continue;
            }

            var key = kind + ":" + id;
            if (seen.TryGetValue((key, code), out var earlier))
            {
                problems.At(path, row.Line, ic + 1, $"duplicate row for '{who}' and indicator '{code}': lines {earlier} and {row.Line}; keep one");
                continue;
            }

            seen[(key, code)] = row.Line;
            var value = ActualValue.Parse(indicator, row[vc]);
            if (value.IsSuccess)
                rows.Add(new Parsed(kind, id, indicator.Code, value.Value));
            else
                foreach (var problem in value.Problems)
                    problems.At(path, row.Line, vc + 1, problem.Message.En);
        }

        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        var hash = ImportCommon.Hash(path);
        var previous = await ImportCommon.PreviousAsync(db, p.Row.Id, ImportKinds.Actuals, scope, ct);
        var others = await db.Actuals.Where(a => a.PeriodId == p.Row.Id && (previous == null || a.ImportId != previous.Id))
            .Select(a => new { a.ScopeKind, a.ScopeId, a.Indicator }).ToListAsync(ct);
        if (others.Count > 0)
        {
            var taken = others.Select(o => (o.ScopeKind, o.ScopeId, o.Indicator)).ToHashSet();
            foreach (var r in rows.Where(r => taken.Contains((r.ScopeKind, r.ScopeId, r.Indicator))).Take(Problems.MaxShown))
                problems.In(path, $"{r.ScopeKind} '{r.ScopeId}' already has '{r.Indicator}' for {p.Row.Label} from another import scope or a manual entry; import it in that scope");
            if (problems.Any)
                return ImportCommon.Fail<ImportSummary>(problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var replaced = previous is null ? 0 : await BulkInsert.DeleteWhereAsync<Actual>(db, nameof(Actual.ImportId), previous.Id, ct);
        var record = await ImportCommon.RecordAsync(db, p.Row.Id, ImportKinds.Actuals, scope, path, hash, rows.Count, replaced, previous, ct);
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
        await tx.CommitAsync(ct);
        return new ImportSummary(record, rows.Count, replaced);
    }
}
