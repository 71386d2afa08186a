using Microsoft.AspNetCore.Http.HttpResults;
using Yardstick.App.Hosting;
using Yardstick.Core.Common;
using Yardstick.Web.Hosting;
using Yardstick.Web.Localization;

namespace Yardstick.Web.Api;

/// <summary>R11's <c>POST /api/v1/periods/{period}/calc</c> (202 with <c>Location: /api/v1/runs/{id}</c>) and <c>GET /api/v1/runs/{id}</c>.</summary>
public static class CalcEndpoints
{
    public static RouteGroupBuilder MapCalcApi(this RouteGroupBuilder group)
    {
        group.MapPost("/periods/{period}/calc", async Task<Results<Accepted<CalcStatus>, ProblemHttpResult>> (string period, Calculations calculations, YardstickSession session, CancellationToken ct) =>
        {
            var started = await calculations.StartAsync(session.User!, period, ct);
            return started.IsSuccess
                ? TypedResults.Accepted($"/api/v1/runs/{started.Value.Id}", started.Value)
                : ProblemResults.From(started.Problems);
        }).WithTags("calc").WithSummary("Starts a calculation of the period (admins); 202 with the run's progress resource, or the refusal (403, 404, 409) at once.");
        group.MapGet("/runs/{id}", async Task<Results<Ok<CalcStatus>, ProblemHttpResult>> (string id, string? lang, Calculations calculations, YardstickSession session, CancellationToken ct) =>
            PeriodsEndpoints.Answer(await calculations.StatusAsync(session.User!, id, LocalizedText.ParseLanguage(lang) ?? Languages.Current, ct)))
            .WithTags("calc").WithSummary("A calculation's progress (stage, done, total) and, when done, its run number and counts, or the problems that stopped it.");
        return group;
    }
}
