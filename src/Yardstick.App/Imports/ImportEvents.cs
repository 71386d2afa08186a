using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import events FILE --period P</c>: the events format (<see cref="EventsFile"/>), milestone events of products
/// (demand_validated, pilot_launched, …) that happened in the period. Every product must be stored; a re-import for
/// the same period and scope replaces the previous one's events. A milestone rule pays an event once per product (the ledger).
/// </summary>
public sealed class ImportEvents(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<ImportSummary>> RunAsync(InputFile file, string label, string scope = "all", IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var loaded = await ImportCommon.OpenPeriodAsync(db, label, "events", ct);
        if (!loaded.IsSuccess)
            return Result<ImportSummary>.Fail(loaded.Problems);
        var p = loaded.Value;
        var problems = new Problems();
        var (events, columns) = EventsFile.Read(file, problems);
        var products = (await db.Products.Select(x => x.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var (e, line) in events)
        {
            if (!products.Contains(e.Product))
                ImportCommon.UnknownProduct(problems, columns!.At(line, "product"), e.Product);
            if (e.Date < p.Period.FirstDay || e.Date > p.Period.LastDay)
                problems.At(columns!.At(line, "date"),
                    $"{Dates.Format(e.Date)} 不在 {p.Row.Label}（{Dates.Format(p.Period.FirstDay)} 至 {Dates.Format(p.Period.LastDay)}）之内；请在事件发生的周期中导入",
                    $"{Dates.Format(e.Date)} is outside {p.Row.Label} ({Dates.Format(p.Period.FirstDay)} to {Dates.Format(p.Period.LastDay)}); import the event for the period it happened in");
        }

        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        var rows = events.Select(e => new MilestoneEventRow { ProductId = e.Event.Product, Event = e.Event.Event, Date = e.Event.Date, PeriodId = p.Row.Id }).ToList();
        return await ImportCommon.WriteAsync(db, p.Row.Id, ImportKinds.Events, scope, file, rows.Count, async previous =>
        {
            var replaced = previous is null ? 0 : await db.MilestoneEvents.Where(e => e.ImportId == previous.Id).ExecuteDeleteAsync(ct);
            db.MilestoneEvents.AddRange(rows);
            return replaced;
        }, id => rows.ForEach(r => r.ImportId = id), progress, ct);
    }
}
