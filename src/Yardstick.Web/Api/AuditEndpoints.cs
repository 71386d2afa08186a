using Microsoft.AspNetCore.Http.HttpResults;
using Yardstick.App.Audit;
using Yardstick.App.Periods;

namespace Yardstick.Web.Api;

/// <summary>
/// <c>/api/v1/audit</c>, the audit log (review.md R2: admins), and <c>/api/v1/periods/{period}/trail</c>, a period's moves
/// (R6): each maps one App call (<see cref="ListAudit"/>, <see cref="PeriodTrail"/>).
/// </summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder group)
    {
        group.MapGet("", async Task<Results<Ok<AuditPage>, ProblemHttpResult>> (string? entity, string? person, string? actor, string? period, string? from, string? to, int? limit, long? before, ListAudit audit, CancellationToken ct) =>
        {
            var (since, until) = (ListAudit.ParseTime(from, "from"), ListAudit.ParseTime(to, "to"));
            if (!since.IsSuccess || !until.IsSuccess)
                return ProblemResults.From([.. since.Problems, .. until.Problems]);
            return PeriodsEndpoints.Answer(await audit.RunAsync(new AuditFilter(entity, person, actor, period, since.Value, until.Value, limit ?? ListAudit.DefaultLimit, before), ct));
        }).WithSummary("The audit log, newest first (admins): filters entity (a recorded type), person (in the key), actor, period (label), from/to (a date or an ISO 8601 time, UTC without an offset; to exclusive); limit ≤ 500, before = the next of the previous page.");
        return group;
    }

    public static RouteGroupBuilder MapTrailApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{period}/trail", async Task<Results<Ok<IReadOnlyList<PeriodTrailEntry>>, ProblemHttpResult>> (string period, PeriodTrail trail, CancellationToken ct) =>
            PeriodsEndpoints.Answer(await trail.RunAsync(period, ct)))
            .WithSummary("The period's moves, oldest first: when, who, the move, the state before and after, a reopening's reason.");
        return group;
    }
}
