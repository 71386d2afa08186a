using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Evaluation;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Waivers;

/// <summary><c>waive PERSON INDICATOR --period P --reason TEXT</c>: records (or re-words) a waiver, audited.</summary>
public sealed class WaiveIndicator(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<Waiver>> RunAsync(string label, string person, string indicator, string? reason, CancellationToken ct = default)
    {
        var (p, problems) = await OpenAsync(db, _access, label, ("豁免", "waive"), ct);
        if (p is null)
            return Result<Waiver>.Fail(problems);
        var space = IndicatorSpace.Of(p.Document, p.Schemes);
        if (space.IndexOf(indicator) < 0)
            problems.Add(new Problem(ProblemKind.Invalid, Location.Of("indicator"), space.Unknown(indicator)));
        if (!await db.Employees.AnyAsync(e => e.Id == person, ct))
            problems.Add(Problem.NotFound("person", $"'{person}' 不是员工；请先导入员工", $"'{person}' is not an employee; import employees first", "employee.unknown"));
        if (string.IsNullOrWhiteSpace(reason))
            problems.Add(Problem.Invalid("reason", "豁免需要写明原因", "a waiver needs a reason"));
        if (problems.Count > 0)
            return Result<Waiver>.Fail(problems);

        // a scorecard needs one indicator that is not waived: refuse the waiver that would leave none, not the period's calc
        var waived = (await db.Waivers.Where(w => w.PeriodId == p.Row.Id && w.Person == person).Select(w => w.Indicator).ToListAsync(ct))
            .Append(indicator).Select(space.IndexOf).ToHashSet();
        for (var s = 0; s < space.Maps.Length; s++)
            if (space.Maps[s].All(waived.Contains))
                return Problem.Invalid("indicator",
                    $"豁免 '{indicator}' 后，'{person}' 在 {p.Schemes[s].Scheme.Id} 中的所有指标都被豁免了；至少要保留一个（可先撤销另一项豁免）",
                    $"waiving '{indicator}' would waive every indicator of '{person}' in {p.Schemes[s].Scheme.Id}; at least one must remain (remove another waiver first)");

        var waiver = await db.Waivers.SingleOrDefaultAsync(w => w.PeriodId == p.Row.Id && w.Person == person && w.Indicator == indicator, ct);
        if (waiver is null)
            waiver = db.Waivers.Add(new Waiver { PeriodId = p.Row.Id, Person = person, Indicator = indicator }).Entity;
        waiver.Reason = reason!.Trim();
        waiver.Author = db.Actor;
        waiver.CreatedAt = db.Now;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (await PeriodScheme.ClaimForDataAsync(db, p.Row.Id, "豁免", "waive", ct) is { } moved)
            return moved;

        await tx.CommitAsync(ct);
        return waiver;
    }

    /// <summary>
    /// The checks a waiver's change starts with: R2 (administer), the period, and that it accepts data. The
    /// period is null when it cannot be used (the problems say why); otherwise the problems found so far.
    /// </summary>
    internal static async Task<(PeriodScheme? Period, List<Problem> Problems)> OpenAsync(YardstickDb db, UserAccess access, string label, (string Zh, string En) action, CancellationToken ct)
    {
        if (await access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return (null, [refused]);
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return (null, [.. loaded.Problems]);
        var problems = new List<Problem>();
        if (loaded.Value.CheckAcceptsData(action.Zh, action.En) is { } closed)
            problems.Add(closed);
        return (loaded.Value, problems);
    }
}
