using Yardstick.App.Access;
using Yardstick.App.Evaluation;
using Yardstick.App.Results;
using Yardstick.Core.Calibration;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Reviews;

/// <summary>One grade of a group: how many hold it before (computed grades) and after calibration (final grades), beside the rule's limits (null: none).</summary>
public sealed record CalibrationGradeCount(string Grade, int Before, int After, int? AtMost, int? AtLeast);

/// <summary>A person of a group: their total, computed grade and final grade (the computed one unless calibrated), and the final grade's author and reason.</summary>
public sealed record CalibrationPerson(string Person, decimal Total, string? ComputedGrade, string? Grade, FinalGrade? Calibration);

/// <summary>A group's total pay in one currency, before calibration (the run evaluated without final grades) and after (the current run).</summary>
public sealed record CalibrationPay(string Currency, decimal Before, decimal After);

/// <summary>One calibration group as the view shows it, with the limits it breaks before and after calibration.</summary>
public sealed record CalibrationGroupView(
    string Name,
    int Size,
    IReadOnlyList<CalibrationGradeCount> Grades,
    IReadOnlyList<CalibrationPerson> People,
    IReadOnlyList<CalibrationPay> Pay,
    IReadOnlyList<DistributionViolation> BrokenBefore,
    IReadOnlyList<DistributionViolation> BrokenAfter);

/// <summary>The calibration view of a period's current run: the rule (null: none), the smallest group, the groups and the managers on reporting cycles.</summary>
public sealed record CalibrationOverview(string Period, int Run, DistributionRule? Rule, int MinGroupSize, IReadOnlyList<CalibrationGroupView> Groups, IReadOnlyList<string> CycleManagers)
{
    /// <summary>True when approval would be refused: an enforced rule broken in a group after calibration.</summary>
    public bool Blocks => Rule is { Mode: DistributionMode.Enforce } && Groups.Any(g => g.BrokenAfter.Count > 0);
}

/// <summary>
/// review.md R4's calibration view, for an admin: per calibration group (along the reporting lines recorded at review) its
/// size, the counts per grade before and after calibration beside the allowed counts, its people with their totals and
/// grades, and its total pay per currency before and after calibration, so that the cost of moving a person is visible.
/// </summary>
public sealed class CalibrationView(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<CalibrationOverview>> RunAsync(string label, CancellationToken ct = default)
    {
        var period = await PeriodScheme.FindAsync(db, label, ct);
        if (!period.IsSuccess)
            return Result<CalibrationOverview>.Fail(period.Problems);
        if (await _access.CheckAsync(AccessAction.Administer, period: period.Value, ct: ct) is { } refused)
            return refused;
        var settings = await Calibration.SettingsAsync(db, period.Value, ct);
        if (!settings.IsSuccess)
            return Result<CalibrationOverview>.Fail(settings.Problems);
        var view = await new GetResults(db, user).EvaluateEveryoneAsync(label, ct);
        if (!view.IsSuccess)
            return Result<CalibrationOverview>.Fail(view.Problems);
        var (inputs, after) = (view.Value.Inputs, view.Value.Result);

        // before calibration: the same inputs and adjustments without the final grades
        var before = after;
        if (inputs.FinalGrades.Count > 0)
        {
            var evaluated = Evaluator.Evaluate(inputs.WithAdjustments(inputs.Adjustments));
            if (!evaluated.IsSuccess)
                return Result<CalibrationOverview>.Fail(evaluated.Problems);
            before = evaluated.Value;
        }

        var (rule, min) = (settings.Value.Rule, settings.Value.MinGroupSize);
        var afterOf = after.Results.ToDictionary(r => r.Person, StringComparer.Ordinal);
        var beforeOf = before.Results.ToDictionary(r => r.Person, StringComparer.Ordinal);
        var groups = await Calibration.GroupsAsync(db, period.Value, afterOf.Keys, min, ct);
        var grades = inputs.Calculators.SelectMany(c => c.Scheme.Scheme.Grades.Select(g => g.Grade)).Distinct(StringComparer.Ordinal).ToList();
        var shown = groups.Groups.Select(g => Group(g, grades, rule, p => beforeOf[p], p => afterOf[p])).ToList();
        return new CalibrationOverview(view.Value.Period.Row.Label, view.Value.Run.Number, rule, min, shown, groups.CycleManagers);
    }

    private static CalibrationGroupView Group(CalibrationGroup g, IReadOnlyList<string> grades, DistributionRule? rule, Func<string, PersonResult> before, Func<string, PersonResult> after)
    {
        var countsBefore = DistributionCheck.Counts(g.People.Select(p => after(p).ComputedGrade));
        var countsAfter = DistributionCheck.Counts(g.People.Select(p => after(p).Grade));
        var limits = rule?.Grades.ToDictionary(l => l.Grade, StringComparer.Ordinal);
        var counts = grades.Select(grade =>
        {
            var limit = limits?.GetValueOrDefault(grade);
            return new CalibrationGradeCount(grade, countsBefore.GetValueOrDefault(grade), countsAfter.GetValueOrDefault(grade), limit?.AllowedMax(g.Size), limit?.RequiredMin(g.Size));
        }).ToList();
        var people = g.People.Select(after).Select(r => new CalibrationPerson(r.Person, r.Total, r.ComputedGrade, r.Grade, r.Calibration)).ToList();
        var payBefore = Pay(g.People.Select(before));
        var payAfter = Pay(g.People.Select(after));
        var pay = payBefore.Keys.Union(payAfter.Keys).Order(StringComparer.Ordinal)
            .Select(c => new CalibrationPay(c, payBefore.GetValueOrDefault(c), payAfter.GetValueOrDefault(c))).ToList();
        return new CalibrationGroupView(g.Name, g.Size, counts, people, pay,
            rule is null ? [] : DistributionCheck.Check(g.Name, g.Size, countsBefore, rule),
            rule is null ? [] : DistributionCheck.Check(g.Name, g.Size, countsAfter, rule));
    }

    private static Dictionary<string, decimal> Pay(IEnumerable<PersonResult> results) =>
        results.SelectMany(r => r.Pay).GroupBy(p => p.Currency, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Sum(p => p.Amount), StringComparer.Ordinal);
}
