using Yardstick.App.Access;
using Yardstick.App.Calculation;
using Yardstick.App.Database;
using Yardstick.App.Evaluation;
using Yardstick.App.Results;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Reviews;

/// <summary>What a review change (review.md R3 adjustments, R4 final grades) checks first, and its new run, the same for both.</summary>
internal static class ReviewRerun
{
    /// <summary>A reason needs at least this many characters (trimmed).</summary>
    public const int MinReason = 10;

    /// <summary>The period, the user's right to take <paramref name="action"/> on the person, the reason, and the person's result in the current run.</summary>
    public static async Task<Result<(RunView View, PersonResult Card)>> CheckAsync(YardstickDb db, CurrentUser? user, UserAccess access, AccessAction action, string label, string person, string reason, CancellationToken ct)
    {
        var period = await PeriodScheme.FindAsync(db, label, ct);
        if (!period.IsSuccess)
            return Result<(RunView, PersonResult)>.Fail(period.Problems);
        if (await access.CheckAsync(action, person, period.Value, ct) is { } refused)
            return refused;
        if (action != AccessAction.Adjust && period.Value.State != PeriodState.InReview)
            return period.Value.Refuse("calibrate");
        if ((reason ?? "").Trim().Length < MinReason)
            return action == AccessAction.Adjust
                ? Problem.Invalid("reason", $"调整需要写明原因（至少 {MinReason} 个字符）", $"an adjustment needs a reason of at least {MinReason} characters")
                : Problem.Invalid("reason", $"校准等级需要写明原因（至少 {MinReason} 个字符）", $"a final grade needs a reason of at least {MinReason} characters");
        var view = await new GetResults(db, user).EvaluateEveryoneAsync(label, ct);
        if (!view.IsSuccess)
            return Result<(RunView, PersonResult)>.Fail(view.Problems);
        return view.Value.Result.For(person) is { } card
            ? (view.Value, card)
            : Problem.NotFound("person", $"{label} 的当前结果中没有 '{person}'", $"'{person}' has no result in the current run of {label}", "person.not_evaluated", person);
    }

    /// <summary>Removes a stored adjustment or final grade with a reason and makes the new run.</summary>
    public static async Task<Result<AdjustmentOutcome>> RemoveAsync(YardstickDb db, CurrentUser? user, UserAccess access, RunView view, Adjustment row, string reason, CancellationToken ct)
    {
        // the audit keeps who removed it and why (an update), then the removal itself
        row.Reason = reason.Trim();
        row.Author = db.Actor;
        row.At = db.Now;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.Adjustments.Remove(row);
        return await RunAsync(db, user, access, view, row.Person, ct);
    }

    /// <summary>
    /// Saves the change and makes the new run: the current run's stored inputs with the adjustments and final grades as they are now,
    /// evaluated and stored as the current run while the period stays InReview, all in one transaction.
    /// </summary>
    public static async Task<Result<AdjustmentOutcome>> RunAsync(YardstickDb db, CurrentUser? user, UserAccess access, RunView view, string person, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var done = false;
        try
        {
            var started = db.Now;
            await db.SaveChangesAsync(ct);
            var (adjustments, grades) = await DatabaseInputs.ReadReviewAsync(db, view.Period.Row.Id, ct);
            var inputs = view.Inputs.WithAdjustments(adjustments, grades);
            var evaluated = Evaluator.Evaluate(inputs);
            if (!evaluated.IsSuccess)
                return Result<AdjustmentOutcome>.Fail(evaluated.Problems);
            var summary = await new RunCalculation(db, user).PersistAsync(view.Period, inputs, evaluated.Value, started, null, ct, review: true);
            if (!summary.IsSuccess)
                return Result<AdjustmentOutcome>.Fail(summary.Problems);
            await db.Database.CurrentTransaction!.CommitAsync(ct);
            done = true;
            var payVisible = await access.CheckAsync(AccessAction.ViewPay, person, view.Period.Row, ct) is null;
            var mine = evaluated.Value.Notices.Where(n => n.En.StartsWith(person + ":", StringComparison.Ordinal)).ToList();
            return new AdjustmentOutcome(summary.Value.Run.Number, evaluated.Value.For(person)!, payVisible, mine);
        }
        catch (Exception ex) when (Concurrency.ToProblem(ex) is { } conflict)
        {
            return conflict;
        }
        finally
        {
            if (own is not null)
                await own.DisposeAsync();
            // what was rolled back must not stay tracked as saved (a page's context lives for the whole circuit)
            if (!done)
                db.ChangeTracker.Clear();
        }
    }
}
