using Microsoft.EntityFrameworkCore;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import events FILE --period P</c>: <c>product,event,date</c>, milestone events of products (demand_validated,
/// pilot_launched, …) that happened in the period. Every product must be stored; a re-import for the same
/// period and scope replaces the previous one's events. A milestone rule pays an event once per product (the ledger).
/// </summary>
public sealed class ImportEvents(YardstickDb db)
{
    private static readonly string[] Required = ["product", "event", "date"];

    public async Task<Result<ImportSummary>> RunAsync(string path, string label, string scope = "all", IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        var loaded = await ImportCommon.OpenPeriodAsync(db, label, "import events", ct);
        if (!loaded.IsSuccess)
            return Result<ImportSummary>.Fail(loaded.Problems);
        var p = loaded.Value;
        var problems = new Problems();
        if (!ImportCommon.Exists(path, problems))
            return ImportCommon.Fail<ImportSummary>(problems);
        var products = (await db.Products.Select(x => x.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var c = new int[Required.Length];
        var rows = new List<MilestoneEventRow>();
        var lines = new Dictionary<(string, string), int>();
        foreach (var row in TableFile.Read(path, Required, [], c, problems, allowXlsx: true))
        {
            var product = ImportCommon.Required(path, row, c[0], "product", problems);
            if (product is not null && !products.Contains(product))
                problems.At(path, row.Line, c[0] + 1, $"unknown product '{product}'; import products first (yardstick import products FILE)");
            var name = ImportCommon.Required(path, row, c[1], "event", problems);
            var date = ImportCommon.RequiredDate(path, row, c[2], "date", problems);
            if (date is { } d && (d < p.Period.FirstDay || d > p.Period.LastDay))
                problems.At(path, row.Line, c[2] + 1, $"{d:yyyy-MM-dd} is outside {p.Row.Label} ({p.Period.FirstDay:yyyy-MM-dd} to {p.Period.LastDay:yyyy-MM-dd}); import the event for the period it happened in");
            if (product is null || name is null || date is null)
                continue;
            if (!lines.TryAdd((product, name), row.Line))
                problems.At(path, row.Line, c[1] + 1, $"event '{name}' of product '{product}' is recorded twice: lines {lines[(product, name)]} and {row.Line}; a milestone happens once, keep one");
            rows.Add(new MilestoneEventRow { ProductId = product, Event = name, Date = date.Value, PeriodId = p.Row.Id });
        }

        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        return await ImportCommon.WriteAsync(db, p.Row.Id, ImportKinds.Events, scope, path, rows.Count, async previous =>
        {
            var replaced = previous is null ? 0 : await db.MilestoneEvents.Where(e => e.ImportId == previous.Id).ExecuteDeleteAsync(ct);
            db.MilestoneEvents.AddRange(rows);
            return replaced;
        }, id => rows.ForEach(r => r.ImportId = id), progress, ct);
    }
}
