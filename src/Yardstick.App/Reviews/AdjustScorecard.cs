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
public sealed record AdjustmentOutcome(int Run, PersonResult Person, bool PayVisible, IReadOnlyList<Notice> Notices)
{
    /// <summary>What a front end shows at once: total, grade and, where the user may see it, the pay lines; notices in <paramref name="language"/>.</summary>
    public AdjustedScorecard Summary(Language language) => new(
        Run,
        Person.Person,
        Person.Total,
        Person.Grade,
        PayVisible ? [.. Person.Lines.Select(l => new AdjustedPay(l.Rule, l.Amount.Amount, l.Currency, l.Provisional))] : null,
        [.. Notices.Select(n => n.Get(language))]);
}

/// <summary>One pay line after an adjustment.</summary>
public sealed record AdjustedPay(string Rule, decimal Amount, string Currency, bool Provisional);

/// <summary>The person's figures in the run an adjustment made; <see cref="Pay"/> is null (left out of JSON) when the user may not see pay.</summary>
public sealed record AdjustedScorecard(
    int Run,
    string Person,
    decimal Total,
    string? Grade,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AdjustedPay>? Pay,
    IReadOnlyList<string> Notices);

/// <summary>One current adjustment of a person.</summary>
public sealed record AdjustmentEntry(string Kind, string Indicator, decimal Value, string Reason, string Author, DateTimeOffset At);

/// <summary>One audited change of an adjustment: who, when, what (create, update, delete), before and after as stored.</summary>
public sealed record AdjustmentChange(string Actor, DateTimeOffset At, string Action, string Kind, string Indicator, string? Before, string? After);

/// <summary>A person's adjustments in a period, their audit trail, and whether the user may adjust them now.</summary>
public sealed record AdjustmentList(string Period, string Person, bool MayAdjust, IReadOnlyList<AdjustmentEntry> Current, IReadOnlyList<AdjustmentChange> History);

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

    /// <summary>
    /// The person's current adjustments and their audit trail, for whoever may see the scorecard (NotFound otherwise);
    /// <see cref="AdjustmentList.MayAdjust"/> says whether this user may adjust now (the server checks again on each change).
    /// </summary>
    public async Task<Result<AdjustmentList>> ListAsync(string label, string person, CancellationToken ct = default)
    {
        var period = await PeriodScheme.FindAsync(db, label, ct);
        if (!period.IsSuccess)
            return Result<AdjustmentList>.Fail(period.Problems);
        var row = period.Value;
        if (await _access.CheckAsync(AccessAction.ViewScorecard, person, row, ct) is { } hidden)
            return hidden;
        var may = await _access.CheckAsync(AccessAction.Adjust, person, row, ct) is null;
        var current = await db.Adjustments.AsNoTracking().Where(a => a.PeriodId == row.Id && a.Person == person && a.Kind != FinalGrade.Kind)
            .OrderBy(a => a.Kind).ThenBy(a => a.Indicator)
            .Select(a => new AdjustmentEntry(a.Kind, a.Indicator, a.Value, a.Reason, a.Author, a.At)).ToListAsync(ct);
        var prefix = $"{row.Id.ToString(CultureInfo.InvariantCulture)}/{person}/";
        var history = (await db.Audit.AsNoTracking().Where(a => a.Entity == nameof(Adjustment) && a.EntityKey.StartsWith(prefix))
                .OrderByDescending(a => a.Id).Take(200).ToListAsync(ct))
            .Select(a =>
            {
                var key = a.EntityKey[prefix.Length..].Split('/', 2);
                return new AdjustmentChange(a.Actor, a.At, a.Action, key[0], key.Length > 1 ? key[1] : "", a.Before, a.After);
            }).ToList();
        return new AdjustmentList(row.Label, person, may, current, history);
    }

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
                $"{code} 的得分须在 [{TraceFormat.Input(ind.Floor)}, {TraceFormat.Input(ind.Cap)}] 之内；{TraceFormat.Input(value)} 超出范围",
                $"the score of {code} must be within [{TraceFormat.Input(ind.Floor)}, {TraceFormat.Input(ind.Cap)}]; {TraceFormat.Input(value)} is outside");
        if (kind == AdjustedKind.Actual && Math.Abs(value) > Numbers.Limit)
            return Problem.Invalid("value", $"实际值的绝对值至多为 10^15；{TraceFormat.Input(value)} 过大", $"an actual is at most 10^15 in absolute value; {TraceFormat.Input(value)} is too large");
        return null;
    }

    private async Task<Problem?> CheckPointsAsync(PersonResult card, decimal d, CancellationToken ct)
    {
        var max = await db.Organisations.Where(o => o.Id == db.OrganisationId).Select(o => o.MaxAdjustmentPoints).SingleAsync(ct);
        if (decimal.Round(d, 2) != d)
            return Problem.Invalid("value", $"加减分至多两位小数；{TraceFormat.Input(d)} 不符合", $"points have at most 2 decimals; {TraceFormat.Input(d)} has more");
        if (Math.Abs(d) > max)
            return Problem.Invalid("value",
                $"加减分的绝对值至多为 {max.ToString("0.00", CultureInfo.InvariantCulture)}（组织设置 max_adjustment_points）；{TraceFormat.Input(d)} 超出",
                $"a points adjustment is at most {max.ToString("0.00", CultureInfo.InvariantCulture)} either way (organisation setting max_adjustment_points); {TraceFormat.Input(d)} is more",
                "adjust.points_limit", TraceFormat.Input(d));
        var (min, top) = card.Card.TotalRange;
        var total = card.Card.Total - card.Card.AddedPoints + d;
        if (total < min || total > top)
            return Problem.Invalid("value",
                $"加 {TraceFormat.Input(d)} 分后总分 {TraceFormat.ShowScore(total)} 超出 [{TraceFormat.ShowScore(min)}, {TraceFormat.ShowScore(top)}]（scoring.md §3）",
                $"adding {TraceFormat.Input(d)} points would take the total to {TraceFormat.ShowScore(total)}, outside [{TraceFormat.ShowScore(min)}, {TraceFormat.ShowScore(top)}] (scoring.md §3)");
        return null;
    }

}
