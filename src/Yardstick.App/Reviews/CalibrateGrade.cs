using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Evaluation;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Reviews;

/// <summary>
/// review.md R4 while a period is InReview: a calibrator (an admin, never on their own record) sets a person's final grade,
/// one of the scheme's grades, with a written reason; or removes it, again with a reason. The total stays as it is; the
/// final grade replaces the computed one downstream (the §10 JSON adds <c>computed_grade</c>, the ledger and career tracks
/// read it) and stands until it is removed, whatever later adjustments do to the total. Stored as an adjustment of kind
/// <c>grade</c> (so audited, and counted by R6's maker-checker); each change makes a new current run as R3's do.
/// </summary>
public sealed class CalibrateGrade(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    /// <summary>Sets or replaces the person's final grade and returns the new run's result for the person.</summary>
    public async Task<Result<AdjustmentOutcome>> SetAsync(string label, string person, string grade, string reason, CancellationToken ct = default)
    {
        var checkedIn = await ReviewRerun.CheckAsync(db, user, _access, AccessAction.Calibrate, label, person, reason, ct);
        if (!checkedIn.IsSuccess)
            return Result<AdjustmentOutcome>.Fail(checkedIn.Problems);
        var (view, card) = checkedIn.Value;
        var grades = card.Card.Scheme.Scheme.Grades.Select(g => g.Grade).ToList();
        if (!grades.Contains(grade ?? "", StringComparer.Ordinal))
            return grades.Count == 0
                ? Problem.Invalid("grade", $"方案 {card.Card.Scheme.Scheme.Id} 没有等级，不能校准", $"the scheme {card.Card.Scheme.Scheme.Id} has no grades to calibrate to")
                : Problem.Invalid("grade", $"'{grade}' 不是方案 {card.Card.Scheme.Scheme.Id} 的等级；可选：{string.Join("、", grades)}",
                    $"'{grade}' is not a grade of scheme {card.Card.Scheme.Scheme.Id}; one of: {string.Join(", ", grades)}", "calibration.grade", grade);

        var row = await FindAsync(view.Period.Row.Id, person, ct)
            ?? db.Adjustments.Add(new Adjustment { PeriodId = view.Period.Row.Id, Person = person, Kind = FinalGrade.Kind, Indicator = "" }).Entity;
        row.Grade = grade;
        row.Reason = reason.Trim();
        row.Author = db.Actor;
        row.At = db.Now;
        return await ReviewRerun.RunAsync(db, user, _access, view, person, ct);
    }

    /// <summary>Removes the person's final grade (with a reason, audited); their computed grade applies again.</summary>
    public async Task<Result<AdjustmentOutcome>> RemoveAsync(string label, string person, string reason, CancellationToken ct = default)
    {
        var checkedIn = await ReviewRerun.CheckAsync(db, user, _access, AccessAction.Calibrate, label, person, reason, ct);
        if (!checkedIn.IsSuccess)
            return Result<AdjustmentOutcome>.Fail(checkedIn.Problems);
        var view = checkedIn.Value.View;
        if (await FindAsync(view.Period.Row.Id, person, ct) is not { } row)
            return Problem.NotFound("grade", $"{view.Period.Row.Label} 中 {person} 没有校准后的最终等级",
                $"{person} has no final grade in {view.Period.Row.Label}", "calibration.none", person);

        return await ReviewRerun.RemoveAsync(db, user, _access, view, row, reason, ct);
    }

    private Task<Adjustment?> FindAsync(int periodId, string person, CancellationToken ct) =>
        db.Adjustments.SingleOrDefaultAsync(a => a.PeriodId == periodId && a.Person == person && a.Kind == FinalGrade.Kind && a.Indicator == "", ct);
}
