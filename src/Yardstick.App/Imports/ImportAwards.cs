using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import awards FILE --period P</c>: the award nominations format (<see cref="AwardsFile"/>, scoring.md §4).
/// The rule must be an award rule of the period's plan, the amount inside its range and exact to the fen; the
/// approver, when given, must be a second person (an empty approver: the nomination waits and is not paid).
/// A re-import for the same period and scope replaces the previous one.
/// </summary>
public sealed class ImportAwards(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<ImportSummary>> RunAsync(InputFile file, string label, string scope = "all", IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var loaded = await ImportCommon.OpenPeriodAsync(db, label, "awards", ct);
        if (!loaded.IsSuccess)
            return Result<ImportSummary>.Fail(loaded.Problems);
        var p = loaded.Value;
        var problems = new Problems();
        // a lifecycle bundle: the award rules of every stage scheme
        var rules = p.Schemes.SelectMany(s => s.Scheme.Plan?.Rules ?? []).OfType<AwardRule>().DistinctBy(r => r.Code).ToDictionary(r => r.Code, StringComparer.Ordinal);
        var (nominations, columns) = AwardsFile.Read(file, rules, p.Document.Id, problems);
        var employees = await ImportCommon.EmployeeIdsAsync(db, ct);
        foreach (var n in nominations.Where(n => !employees.Contains(n.Nomination.Person)))
            ImportCommon.NotAnEmployee(problems, columns!.At(n.Line, "person"), n.Nomination.Person);
        await HeldElsewhereAsync(p, scope, nominations, columns, problems, ct);
        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        var rows = nominations.Select(n => new AwardRow
        {
            PeriodId = p.Row.Id,
            Rule = n.Nomination.Rule,
            Person = n.Nomination.Person,
            AmountMinor = Money.ToMinor(n.Nomination.Amount),
            EquityUnits = n.Nomination.EquityUnits,
            NominatedBy = n.Nomination.NominatedBy,
            ApprovedBy = n.Nomination.ApprovedBy,
            Source = $"{file.FileName}:{n.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        }).ToList();
        return await ImportCommon.WriteAsync(db, p.Row.Id, ImportKinds.Awards, scope, file, rows.Count, async previous =>
        {
            var replaced = previous is null ? 0 : await db.Awards.Where(a => a.ImportId == previous.Id).ExecuteDeleteAsync(ct);
            db.Awards.AddRange(rows);
            return replaced;
        }, id => rows.ForEach(r => r.ImportId = id), progress, ct);
    }

    /// <summary>
    /// One nomination per (period, rule, person), whatever the scope (scoring.md §11): a nomination of the file that an import of
    /// another scope holds is refused at its line, naming that import (its file, line and scope). The unique key refuses the same
    /// nomination written at the same moment by two imports.
    /// </summary>
    private async Task HeldElsewhereAsync(PeriodScheme p, string scope, IReadOnlyList<NominationRow> nominations, TableColumns? columns, Problems problems, CancellationToken ct)
    {
        var held = await (from a in db.Awards.AsNoTracking()
                          join i in db.Imports.AsNoTracking() on a.ImportId equals i.Id
                          where a.PeriodId == p.Row.Id && i.Scope != scope
                          select new { a.Rule, a.Person, a.Source, i.Scope }).ToListAsync(ct);
        var byKey = held.ToDictionary(h => (h.Rule, h.Person));
        foreach (var n in nominations)
        {
            if (!byKey.TryGetValue((n.Nomination.Rule, n.Nomination.Person), out var h))
                continue;
            var (rule, person) = (n.Nomination.Rule, n.Nomination.Person);
            problems.Add(new Problem(ProblemKind.Conflict, columns!.At(n.Line, "person"), new LocalizedText(
                $"'{person}' 在 {p.Row.Label} 已有 {rule} 的提名：来自范围 '{h.Scope}' 的导入（{h.Source}）；每个周期、奖项与人员只能有一个提名，无论范围：请在那个范围中更改它",
                $"'{person}' is already nominated for {rule} in {p.Row.Label} by the import of scope '{h.Scope}' ({h.Source}); one nomination per period, rule and person, whatever the scope: change it in that scope"),
                "award.nominated", h.Scope));
        }
    }
}
