using Microsoft.AspNetCore.Http.HttpResults;
using Yardstick.App.Requests;

namespace Yardstick.Web.Api;

/// <summary><c>/api/v1/periods/{period}/requests</c> (scoring.md §8, review.md R2): one <see cref="RequestLog"/> call.</summary>
public static class RequestsEndpoints
{
    public static RouteGroupBuilder MapRequestsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{period}/requests", async Task<Results<Ok<RequestLogView>, ProblemHttpResult>> (string period, string? person, string? verdict, int? limit, string? after, RequestLog log, CancellationToken ct) =>
            PeriodsEndpoints.Answer(await log.RunAsync(period, person, verdict, limit, after, ct)))
            .WithSummary("The requests counted in the period (their deadline falls in it) of the people whose scorecard the user may see, in request id order, a page at a time (limit ≤ 1000, after = the last id of the previous page), filtered by person and verdict (on_time, late, open); each with its response and solution verdict and hours, and each person's on-time rate as the request indicator reads it.");
        return group;
    }
}
