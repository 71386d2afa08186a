using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yardstick.App.Reviews;
using Yardstick.Web.Localization;

namespace Yardstick.Web.Api;

/// <summary>The body of an adjustment (review.md R3): kind <c>actual</c>, <c>score</c> or <c>points</c>, the indicator (not for points), the value and the reason.</summary>
public sealed record AdjustmentBody(string Kind, string? Indicator, decimal Value, string Reason);

/// <summary>The body of a removal: its reason.</summary>
public sealed record RemovalBody(string Reason);

/// <summary><c>/api/v1/periods/{period}/people/{person}/adjustments</c> (review.md R3, R11): each maps one <see cref="AdjustScorecard"/> call.</summary>
public static class ReviewEndpoints
{
    public static RouteGroupBuilder MapReviewApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{period}/people/{person}/adjustments", async Task<Results<Ok<AdjustmentList>, ProblemHttpResult>> (string period, string person, AdjustScorecard adjust, CancellationToken ct) =>
            PeriodsEndpoints.Answer(await adjust.ListAsync(period, person, ct)))
            .WithSummary("A person's current adjustments and their audit trail, and whether the user may adjust now; 404 when the user may not see the scorecard.");
        group.MapPost("/{period}/people/{person}/adjustments", async Task<Results<Ok<AdjustedScorecard>, ProblemHttpResult>> (string period, string person, AdjustmentBody body, AdjustScorecard adjust, CancellationToken ct) =>
            Outcome(await adjust.AdjustAsync(period, new AdjustmentRequest(person, body.Kind, body.Indicator, body.Value, body.Reason ?? ""), ct)))
            .WithSummary("Makes or replaces one adjustment while InReview (manager of the person or admin, never on one's own record); answers the new run's total, grade and, where the user may see it, pay.");
        group.MapDelete("/{period}/people/{person}/adjustments/{kind}/{indicator?}", async Task<Results<Ok<AdjustedScorecard>, ProblemHttpResult>> (string period, string person, string kind, string? indicator, [FromBody] RemovalBody body, AdjustScorecard adjust, CancellationToken ct) =>
            Outcome(await adjust.RemoveAsync(period, person, kind, indicator, body.Reason ?? "", ct)))
            .WithSummary("Removes one adjustment, with a reason (in the body); answers the new run's figures.");
        return group;
    }

    internal static Results<Ok<AdjustedScorecard>, ProblemHttpResult> Outcome(Core.Common.Result<AdjustmentOutcome> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value.Summary(Languages.Current)) : ProblemResults.From(result.Problems);
}
