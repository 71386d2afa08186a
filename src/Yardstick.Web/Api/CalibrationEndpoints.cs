using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yardstick.App.Reviews;

namespace Yardstick.Web.Api;

/// <summary>The body of a final grade (review.md R4): the grade and the reason.</summary>
public sealed record GradeBody(string Grade, string Reason);

/// <summary>
/// <c>/api/v1/periods/{period}/calibration</c> and <c>…/people/{person}/grade</c> (review.md R4, R11): the calibration view
/// (<see cref="CalibrationView"/>) and setting or removing a final grade (<see cref="CalibrateGrade"/>); admins only.
/// </summary>
public static class CalibrationEndpoints
{
    public static RouteGroupBuilder MapCalibrationApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{period}/calibration", async Task<Results<Ok<CalibrationOverview>, ProblemHttpResult>> (string period, CalibrationView view, CancellationToken ct) =>
            PeriodsEndpoints.Answer(await view.RunAsync(period, ct)))
            .WithSummary("The calibration view of the current run (admins): per group its counts per grade before and after calibration beside the allowed counts, its people and its pay before and after.");
        group.MapPost("/{period}/people/{person}/grade", async Task<Results<Ok<AdjustedScorecard>, ProblemHttpResult>> (string period, string person, GradeBody body, CalibrateGrade calibrate, CancellationToken ct) =>
            ReviewEndpoints.Outcome(await calibrate.SetAsync(period, person, body.Grade ?? "", body.Reason ?? "", ct)))
            .WithSummary("Sets a person's final grade with a reason while InReview (an admin, never on their own record); answers the new run's figures.");
        group.MapDelete("/{period}/people/{person}/grade", async Task<Results<Ok<AdjustedScorecard>, ProblemHttpResult>> (string period, string person, [FromBody] RemovalBody body, CalibrateGrade calibrate, CancellationToken ct) =>
            ReviewEndpoints.Outcome(await calibrate.RemoveAsync(period, person, body.Reason ?? "", ct)))
            .WithSummary("Removes a person's final grade, with a reason (in the body): the computed grade holds again.");
        return group;
    }
}
