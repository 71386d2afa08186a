using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Calculation;
using Yardstick.App.Database;
using Yardstick.App.Evaluation;
using Yardstick.App.Files;
using Yardstick.App.Results;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Scoring;
using Yardstick.Data;

namespace Yardstick.App.Reviews;

/// <summary>An adjustment asked for (review.md R3): <c>actual</c>, <c>score</c> (with an indicator) or <c>points</c>, its value and reason.</summary>
public sealed record AdjustmentRequest(string Person, string Kind, string? Indicator, decimal Value, string Reason);

/// <summary>What an adjustment gave: the new current run and the person's result in it (pay only when <see cref="PayVisible"/>).</summary>
public sealed record AdjustmentOutcome(int Run, PersonResult Person, bool PayVisible, IReadOnlyList<Notice> Notices);

/// <summary>
/// review.md R3 while a period is InReview: a manager (or an admin) corrects an actual, replaces an indicator's score or
/// adds points to the total of a report's scorecard, with a written reason; or removes such an adjustment, again with a
/// reason. Each change is stored (one per person, kind and indicator; a later one replaces it), audited with its author,
/// and makes a new run from the current run's stored inputs and every current adjustment, which becomes current at once;
/// the period stays InReview. Everything happens in one transaction: a refused or failed change writes nothing.
/// </summary>
public sealed class AdjustScorecard(YardstickDb db, CurrentUser? user = null)
{
    /// <summary>A reason needs at least this many characters (trimmed).</summary>
    public const int MinReason = ReviewRerun.MinReason;

    private readonly UserAccess _access = new(db, user);

    /// <summary>Makes or replaces one adjustment and returns the new run's result for the person.</summary>
    public async Task<Result<AdjustmentOutcome>> AdjustAsync(string label, AdjustmentRequest request, CancellationToken ct = default)
    {
        var checkedIn = await ReviewRerun.CheckAsync(db, user, _access, AccessAction.Adjust, label, request.Person, request.Reason, ct);
        if (!checkedIn.IsSuccess)
            return Result<AdjustmentOutcome>.Fail(checkedIn.Problems);
        var (view, card) = checkedIn.Value;
        if (PersonAdjustment.KindOf(request.Kind) is not { } kind)
            return Problem.Invalid("kind", $"调整类型 '{request.Kind}' 无效；可选：actual、score、points", $"the kind '{request.Kind}' is not one; use actual, score or points");
        var indicator = kind == AdjustedKind.Points ? "" : request.Indicator?.Trim() ?? "";
        var invalid = kind == AdjustedKind.Points
            ? await CheckPointsAsync(card, request.Value, ct)
            : CheckIndicator(card, kind, indicator, request.Value);
        if (invalid is not null)
            return invalid;

        var stored = await db.Adjustments.SingleOrDefaultAsync(a => a.PeriodId == view.Period.Row.Id && a.Person == request.Person && a.Kind == request.Kind && a.Indicator == indicator, ct);
        var row = stored ?? db.Adjustments.Add(new Adjustment { PeriodId = view.Period.Row.Id, Person = request.Person, Kind = request.Kind, Indicator = indicator }).Entity;
        row.Value = request.Value;
        row.Reason = request.Reason.Trim();
        row.Author = db.Actor;
        row.At = db.Now;
        return await ReviewRerun.RunAsync(db, user, _access, view, request.Person, ct);
    }

    /// <summary>Removes one adjustment (with a reason, audited) and returns the new run's result for the person.</summary>
    public async Task<Result<AdjustmentOutcome>> RemoveAsync(string label, string person, string kind, string? indicator, string reason, CancellationToken ct = default)
    {
        var checkedIn = await ReviewRerun.CheckAsync(db, user, _access, AccessAction.Adjust, label, person, reason, ct);
        if (!checkedIn.IsSuccess)
            return Result<AdjustmentOutcome>.Fail(checkedIn.Problems);
        var view = checkedIn.Value.View;
        var code = PersonAdjustment.KindOf(kind) == AdjustedKind.Points ? "" : indicator?.Trim() ?? "";
        var row = await db.Adjustments.SingleOrDefaultAsync(a => a.PeriodId == view.Period.Row.Id && a.Person == person && a.Kind == kind && a.Indicator == code, ct);
        if (row is null)
            return Problem.NotFound("adjustment",
                $"{view.Period.Row.Label} 中 {person} 没有 {kind}{(code.Length > 0 ? " " + code : "")} 调整",
                $"{person} has no {kind}{(code.Length > 0 ? " " + code : "")} adjustment in {view.Period.Row.Label}", "adjustment.none", person);

        return await ReviewRerun.RemoveAsync(db, user, _access, view, row, reason, ct);
    }

    private static Problem? CheckIndicator(PersonResult card, AdjustedKind kind, string code, decimal value)
    {
        var scheme = card.Card.Scheme;
        if (scheme.IndicatorIndex(code) is not (var i and >= 0))
        {
            var codes = string.Join(", ", scheme.Indicators.Select(x => x.Code));
            return Problem.Invalid("indicator", $"'{code}' 不是方案 {scheme.Scheme.Id} 的指标；可选：{codes}", $"'{code}' is not an indicator of scheme {scheme.Scheme.Id}; one of: {codes}");
        }

        var result = card.Card.Indicators[i];
        if (result.Waived || (result.Missing && kind == AdjustedKind.Score) || (result.Actual is null && kind == AdjustedKind.Actual))
            return Problem.Conflict("indicator",
                $"{card.Person} 的 {code} {(result.Waived ? "已豁免" : "缺失")}，不能调整：请在 Collecting 状态下录入实际值，或将其豁免",
                $"{code} of {card.Person} is {(result.Waived ? "waived" : "missing")} and cannot be adjusted: enter its actual (while Collecting) or waive it",
                "adjust.missing", code);
        var ind = scheme.Indicators[i];
        if (kind == AdjustedKind.Score && (value < ind.Floor || value > ind.Cap))
            return Problem.Invalid("value",
                $"{code} 的得分须在 [{Show(ind.Floor)}, {Show(ind.Cap)}] 之内；{Show(value)} 超出范围",
                $"the score of {code} must be within [{Show(ind.Floor)}, {Show(ind.Cap)}]; {Show(value)} is outside");
        if (kind == AdjustedKind.Actual && Math.Abs(value) > Numbers.Limit)
            return Problem.Invalid("value", $"实际值的绝对值至多为 10^15；{Show(value)} 过大", $"an actual is at most 10^15 in absolute value; {Show(value)} is too large");
        return null;
    }

    private async Task<Problem?> CheckPointsAsync(PersonResult card, decimal d, CancellationToken ct)
    {
        var max = await db.Organisations.Where(o => o.Id == db.OrganisationId).Select(o => o.MaxAdjustmentPoints).SingleAsync(ct);
        if (decimal.Round(d, 2) != d)
            return Problem.Invalid("value", $"加减分至多两位小数；{Show(d)} 不符合", $"points have at most 2 decimals; {Show(d)} has more");
        if (Math.Abs(d) > max)
            return Problem.Invalid("value",
                $"加减分的绝对值至多为 {max.ToString("0.00", CultureInfo.InvariantCulture)}（组织设置 max_adjustment_points）；{Show(d)} 超出",
                $"a points adjustment is at most {max.ToString("0.00", CultureInfo.InvariantCulture)} either way (organisation setting max_adjustment_points); {Show(d)} is more",
                "adjust.points_limit", Show(d));
        var (min, top) = card.Card.TotalRange;
        var total = card.Card.Total - card.Card.AddedPoints + d;
        if (total < min || total > top)
            return Problem.Invalid("value",
                $"加 {Show(d)} 分后总分 {TraceFormat.ShowScore(total)} 超出 [{TraceFormat.ShowScore(min)}, {TraceFormat.ShowScore(top)}]（scoring.md §3）",
                $"adding {Show(d)} points would take the total to {TraceFormat.ShowScore(total)}, outside [{TraceFormat.ShowScore(min)}, {TraceFormat.ShowScore(top)}] (scoring.md §3)");
        return null;
    }

    private static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
