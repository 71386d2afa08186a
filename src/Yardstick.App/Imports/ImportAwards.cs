using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import awards FILE --period P</c>: <c>rule,person,amount,equity_units,nominated_by,approved_by</c>, award
/// nominations (scoring.md §4). The rule must be an award rule of the period's plan, the amount inside its
/// range and exact to the fen; the approver, when given, must be a second person (an empty approver: the
/// nomination waits and is not paid). A re-import for the same period and scope replaces the previous one.
/// </summary>
public sealed class ImportAwards(YardstickDb db)
{
    private static readonly string[] Required = ["rule", "person", "amount", "equity_units", "nominated_by", "approved_by"];

    public async Task<Result<ImportSummary>> RunAsync(string path, string label, string scope = "all", IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        var loaded = await ImportCommon.OpenPeriodAsync(db, label, "import awards", ct);
        if (!loaded.IsSuccess)
            return Result<ImportSummary>.Fail(loaded.Problems);
        var p = loaded.Value;
        var problems = new Problems();
        if (!ImportCommon.Exists(path, problems))
            return ImportCommon.Fail<ImportSummary>(problems);
        // a lifecycle bundle: the award rules of every stage scheme
        var rules = p.Schemes.SelectMany(s => s.Scheme.Plan?.Rules ?? []).OfType<AwardRule>().DistinctBy(r => r.Code).ToDictionary(r => r.Code, StringComparer.Ordinal);
        var employees = (await db.Employees.Select(e => e.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var c = new int[Required.Length];
        var rows = new List<AwardRow>();
        var lines = new Dictionary<(string, string), int>();
        foreach (var row in TableFile.Read(path, Required, [], c, problems, allowXlsx: true))
        {
            var code = ImportCommon.Required(path, row, c[0], "rule", problems);
            AwardRule? rule = null;
            if (code is not null && !rules.TryGetValue(code, out rule))
                problems.At(path, row.Line, c[0] + 1, $"'{code}' is not an award rule of scheme {p.Document.Id}; expected {(rules.Count == 0 ? "none (its plan has no awards)" : string.Join(", ", rules.Keys))}");
            var person = ImportCommon.Required(path, row, c[1], "person", problems);
            if (person is not null && !employees.Contains(person))
                problems.At(path, row.Line, c[1] + 1, $"'{person}' is not an employee; import employees first");
            var amount = ImportCommon.Number(path, row, c[2], "amount", problems, "150000.00");
            if (amount is { } a && a * 100 != decimal.Truncate(a * 100))
                problems.At(path, row.Line, c[2] + 1, string.Create(CultureInfo.InvariantCulture, $"{a} has more than two decimals; awards are exact to the fen"));
            else if (amount is { } b && rule is not null && (b < rule.Min || b > rule.Max))
                problems.At(path, row.Line, c[2] + 1, string.Create(CultureInfo.InvariantCulture, $"amount {b} is outside the range of {rule.Code}: {rule.Min}–{rule.Max}"));
            decimal? units = ImportCommon.Text(row, c[3]) is null ? null : ImportCommon.Number(path, row, c[3], "equity_units", problems, "1000");
            if (units is < 0 || (units is > 0 && rule is { Equity: false }))
                problems.At(path, row.Line, c[3] + 1, units < 0 ? $"equity units {units} must not be negative" : $"{rule!.Code} pays cash only; leave equity_units empty");
            var nominator = ImportCommon.Required(path, row, c[4], "nominated_by", problems);
            var approver = ImportCommon.Text(row, c[5]);
            if (approver is not null && approver == nominator)
                problems.At(path, row.Line, c[5] + 1, $"the approver must be a second person; {approver} both nominated and approved");
            if (code is null || person is null || amount is null || nominator is null)
                continue;
            if (!lines.TryAdd((code, person), row.Line))
                problems.At(path, row.Line, c[1] + 1, $"'{person}' is nominated for {code} twice: lines {lines[(code, person)]} and {row.Line}; keep one");
            rows.Add(new AwardRow
            {
                PeriodId = p.Row.Id,
                Rule = code,
                Person = person,
                AmountMinor = (long)(amount.Value * 100),
                EquityUnits = units,
                NominatedBy = nominator,
                ApprovedBy = approver,
                Source = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)}:{row.Line}"),
            });
        }

        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        return await ImportCommon.WriteAsync(db, p.Row.Id, ImportKinds.Awards, scope, path, rows.Count, async previous =>
        {
            var replaced = previous is null ? 0 : await db.Awards.Where(a => a.ImportId == previous.Id).ExecuteDeleteAsync(ct);
            db.Awards.AddRange(rows);
            return replaced;
        }, id => rows.ForEach(r => r.ImportId = id), progress, ct);
    }
}
