using Yardstick.Core.Common;

namespace Yardstick.Data;

/// <summary>The states of a review period (scoring.md §11), in order.</summary>
public enum PeriodState
{
    Draft,
    Collecting,
    Calculated,
    InReview,
    Approved,
    Published,
    Locked,
}

/// <summary>
/// A review period: its label (2026-10), the scheme version it uses and its state. The state changes only
/// through the methods below, each of which checks the current state first and refuses any other move
/// with a message naming the current state and the moves allowed from it.
/// </summary>
public sealed class ReviewPeriod : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public int Id { get; private set; }
    public string Label { get; private set; } = "";
    public int SchemeVersionId { get; private set; }
    public PeriodState State { get; private set; }
    public string? ReopenReason { get; private set; }

    /// <summary>Who moved the period to InReview last (review.md R6: the approver must be someone else).</summary>
    public string? SubmittedBy { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>
    /// Incremented by every move (a calculation included) and checked when a move or a run is saved (a concurrency
    /// token): a change saved from a period read before another move is refused instead of undoing that move.
    /// </summary>
    public int Version { get; private set; }

    /// <summary>
    /// review.md R4: the grade distribution rule (JSON; "" for none) copied from the organisation when the period was opened and
    /// editable until review; null for a period opened before periods kept their own, which reads the organisation's.
    /// </summary>
    public string? DistributionRule { get; private set; }

    public string AuditKey => Label;

    private ReviewPeriod()
    {
    }

    public static ReviewPeriod Create(Period period, int schemeVersionId, DateTimeOffset now) =>
        new() { Label = period.ToString(), SchemeVersionId = schemeVersionId, State = PeriodState.Draft, ChangedAt = now };

    public Period Period => Core.Common.Period.Parse(Label).Value;

    /// <summary>The commands allowed in a state (scoring.md §11).</summary>
    public static IReadOnlyList<string> AllowedMoves(PeriodState state) => state switch
    {
        PeriodState.Draft => ["open"],
        PeriodState.Collecting => ["calc"],
        PeriodState.Calculated => ["calc", "review", "reopen"],
        PeriodState.InReview => ["approve", "reopen"],
        PeriodState.Approved => ["publish"],
        PeriodState.Published => ["lock"],
        PeriodState.Locked => [],
    };

    /// <summary>True while actuals, waivers and imports may change (before review).</summary>
    public bool AcceptsData => TakesData(State);

    /// <summary>True for the states in which a period's data may change: Draft, Collecting, Calculated.</summary>
    public static bool TakesData(PeriodState state) => state is PeriodState.Draft or PeriodState.Collecting or PeriodState.Calculated;

    /// <summary>Draft → Collecting, copying the organisation's distribution rule (<paramref name="distributionRule"/>, "" for none) into the period.</summary>
    public Problem? Open(DateTimeOffset now, string distributionRule)
    {
        if (Move("open", PeriodState.Draft, PeriodState.Collecting, now) is { } refused)
            return refused;
        DistributionRule = distributionRule;
        return null;
    }

    /// <summary>Sets the period's distribution rule (checked JSON, "" for none) while the period is before review (review.md R4).</summary>
    public Problem? SetDistributionRule(string rule)
    {
        if (State >= PeriodState.InReview)
        {
            var state = StateAndMoves("，分布规则只能在提交审核前更改", ", and its distribution rule can change only before review");
            return Problem.Conflict(Label, $"无法更改分布规则：{state.Zh}", $"cannot change the distribution rule: {state.En}", "period.distribution_fixed", Label);
        }

        DistributionRule = rule;
        return null;
    }

    /// <summary>Checks that a calculation may run; null when it may.</summary>
    public Problem? CheckCalculate() => State is PeriodState.Collecting or PeriodState.Calculated ? null : Refuse("calc");

    public Problem? MarkCalculated(DateTimeOffset now) => CheckCalculate() ?? Set(PeriodState.Calculated, now);

    /// <summary>Calculated → InReview, recording <paramref name="actor"/> as the submitter.</summary>
    public Problem? Review(string actor, DateTimeOffset now)
    {
        if (Move("review", PeriodState.Calculated, PeriodState.InReview, now) is { } refused)
            return refused;
        SubmittedBy = actor;
        return null;
    }

    /// <summary>
    /// A new run made by a review adjustment or a final grade (review.md R3, R4) while InReview: the period stays
    /// InReview and its version moves on, so that a move or another adjustment read before it is refused.
    /// </summary>
    public Problem? MarkAdjusted(string command, DateTimeOffset now) => State == PeriodState.InReview ? Set(PeriodState.InReview, now) : Refuse(command);

    /// <summary>Approves; refused while <paramref name="unwaivedMissing"/> (missing actuals that are not waived) is not empty.</summary>
    public Problem? Approve(IReadOnlyList<string> unwaivedMissing, DateTimeOffset now)
    {
        if (State != PeriodState.InReview)
            return Refuse("approve");
        if (unwaivedMissing.Count > 0)
        {
            var first = string.Join(", ", unwaivedMissing.Take(10));
            var shown = first + (unwaivedMissing.Count > 10 ? $", … ({unwaivedMissing.Count} in all)" : "");
            var shownZh = first + (unwaivedMissing.Count > 10 ? $"……（共 {unwaivedMissing.Count} 项）" : "");
            return Problem.Conflict(Label,
                $"无法审批：有未豁免的缺失实际值：{shownZh}；请录入或说明原因后豁免（重新开放、导入或豁免、计算、提交审核）",
                $"cannot approve: missing actuals that are not waived: {shown}; enter them or waive them with a reason (reopen, import or waive, calc, review)",
                "period.missing_actuals", Label);
        }

        return Set(PeriodState.Approved, now);
    }

    public Problem? Publish(DateTimeOffset now) => Move("publish", PeriodState.Approved, PeriodState.Published, now);

    public Problem? Lock(DateTimeOffset now) => Move("lock", PeriodState.Published, PeriodState.Locked, now);

    /// <summary>Goes back from Calculated or InReview to Collecting; the reason is required.</summary>
    public Problem? Reopen(string? reason, DateTimeOffset now)
    {
        if (State is not (PeriodState.Calculated or PeriodState.InReview))
            return Refuse("reopen");
        if (string.IsNullOrWhiteSpace(reason))
            return Problem.Invalid("reason", "重新开放需要写明原因", "reopening needs a reason");
        ReopenReason = reason.Trim();
        return Set(PeriodState.Collecting, now);
    }

    /// <summary>A refusal naming the current state and the allowed moves.</summary>
    public Problem Refuse(string command)
    {
        var state = StateAndMoves();
        return Problem.Conflict(Label, $"无法执行 {command}：{state.Zh}", $"cannot {command}: {state.En}", "period.state", Label);
    }

    /// <summary>
    /// "the period is Approved; allowed from Approved: publish", with <paramref name="whyZh"/>/<paramref name="whyEn"/> after the
    /// state; from Locked, which is final, "the period is Locked, which is final: no move or change is possible". Every message
    /// that names what may happen next says it this way, so none suggests a move the state refuses.
    /// </summary>
    public LocalizedText StateAndMoves(string whyZh = "", string whyEn = "") => AllowedMoves(State) is { Count: > 0 } allowed
        ? new($"周期处于 {State} 状态{whyZh}；{State} 状态下允许：{string.Join(", ", allowed)}", $"the period is {State}{whyEn}; allowed from {State}: {string.Join(", ", allowed)}")
        : new($"周期处于 {State} 状态，这是最终状态：不能再做任何变更", $"the period is {State}, which is final: no move or change is possible");

    private Problem? Move(string command, PeriodState from, PeriodState to, DateTimeOffset now) =>
        State == from ? Set(to, now) : Refuse(command);

    private Problem? Set(PeriodState state, DateTimeOffset now)
    {
        State = state;
        ChangedAt = now;
        Version++;
        return null;
    }
}
