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
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return Result<Waiver>.Fail(loaded.Problems);
        var p = loaded.Value;
        var problems = new List<Problem>();
        if (p.CheckAcceptsData("豁免", "waive") is { } closed)
            problems.Add(closed);
        var space = IndicatorSpace.Of(p.Document, p.Schemes);
        if (space.IndexOf(indicator) < 0)
            problems.Add(new Problem(ProblemKind.Invalid, Location.Of("indicator"), space.Unknown(indicator)));
        if (!await db.Employees.AnyAsync(e => e.Id == person, ct))
            problems.Add(Problem.NotFound("person", $"'{person}' 不是员工；请先导入员工", $"'{person}' is not an employee; import employees first", "employee.unknown"));
        if (string.IsNullOrWhiteSpace(reason))
            problems.Add(Problem.Invalid("reason", "豁免需要写明原因", "a waiver needs a reason"));
        if (problems.Count > 0)
            return Result<Waiver>.Fail(problems);

        var waiver = await db.Waivers.SingleOrDefaultAsync(w => w.PeriodId == p.Row.Id && w.Person == person && w.Indicator == indicator, ct);
        if (waiver is null)
            waiver = db.Waivers.Add(new Waiver { PeriodId = p.Row.Id, Person = person, Indicator = indicator }).Entity;
        waiver.Reason = reason!.Trim();
        waiver.Author = db.Actor;
        waiver.CreatedAt = db.Now;
        await db.SaveChangesAsync(ct);
        return waiver;
    }
}
