using Microsoft.AspNetCore.Http.HttpResults;
using Yardstick.App.Periods;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.Web.Api;

/// <summary><c>/api/v1/periods</c>: the periods and their moves (review.md R6, R11), each one App use case.</summary>
public static class PeriodsEndpoints
{
    public sealed record ReopenRequest(string? Reason);

    /// <summary>The stored scheme version a period opens under (see <c>GET /api/v1/schemes</c>).</summary>
    public sealed record OpenRequest(string? Scheme, int? Version);

    /// <summary>The body of <c>PUT …/distribution</c>: the rule as JSON text ("" removes it for the period).</summary>
    public sealed record DistributionRequest(string? Rule);

    public static RouteGroupBuilder MapPeriodsApi(this RouteGroupBuilder group)
    {
        group.MapGet("", async (ListPeriods periods, CancellationToken ct) => TypedResults.Ok(await periods.RunAsync(ct)))
            .WithSummary("The organisation's periods with state, allowed moves and schemes, newest first.");
        group.MapGet("/{period}", async Task<Results<Ok<PeriodSummary>, ProblemHttpResult>> (string period, ListPeriods periods, CancellationToken ct) =>
            Answer(await periods.RunAsync(period, ct))).WithSummary("One period.");
        group.MapPost("/{period}/review", (string period, StartReview move, ListPeriods periods, CancellationToken ct) =>
            MoveAsync(move.RunAsync(period, ct), periods, ct)).WithSummary("Calculated → InReview.");
        group.MapPost("/{period}/approve", (string period, ApprovePeriod move, ListPeriods periods, CancellationToken ct) =>
            MoveAsync(move.RunAsync(period, ct), periods, ct)).WithSummary("InReview → Approved (not by the submitter).");
        group.MapPost("/{period}/publish", (string period, PublishPeriod move, ListPeriods periods, CancellationToken ct) =>
            MoveAsync(move.RunAsync(period, ct), periods, ct)).WithSummary("Approved → Published.");
        group.MapPost("/{period}/lock", (string period, LockPeriod move, ListPeriods periods, CancellationToken ct) =>
            MoveAsync(move.RunAsync(period, ct), periods, ct)).WithSummary("Published → Locked.");
        group.MapPost("/{period}/open", (string period, OpenRequest body, OpenPeriod open, ListPeriods periods, CancellationToken ct) =>
            MoveAsync(body.Scheme is { Length: > 0 } scheme && body.Version is { } version
                ? open.RunAsync(period, scheme, version, ct)
                : Task.FromResult(Result<ReviewPeriod>.Fail(Problem.Invalid("scheme", "请给出方案代码和版本（scheme、version）", "give the scheme's code and version (scheme, version)"))), periods, ct))
            .WithSummary("Creates the period under a stored scheme version (admins) and moves it Draft → Collecting.");
        group.MapPut("/{period}/distribution", (string period, DistributionRequest body, SetPeriodDistribution set, ListPeriods periods, CancellationToken ct) =>
                MoveAsync(body.Rule is { } rule
                    ? set.RunAsync(period, rule, ct)
                    : Task.FromResult(Result<ReviewPeriod>.Fail(Problem.Invalid("rule", "请给出分布规则的 JSON 文本（rule；空字符串表示不设规则）", "give the distribution rule as JSON text (rule; \"\" for none)"))), periods, ct))
            .WithSummary("Sets the period's grade distribution rule (review.md R4; admins) until the period moves to review.");
        group.MapPost("/{period}/reopen", (string period, ReopenRequest body, ReopenPeriod move, ListPeriods periods, CancellationToken ct) =>
            MoveAsync(move.RunAsync(period, body.Reason, ct), periods, ct)).WithSummary("Calculated or InReview → Collecting, with a reason.");
        return group;
    }

    private static async Task<Results<Ok<PeriodSummary>, ProblemHttpResult>> MoveAsync(Task<Result<ReviewPeriod>> move, ListPeriods periods, CancellationToken ct)
    {
        var moved = await move;
        return moved.IsSuccess ? Answer(await periods.RunAsync(moved.Value.Label, ct)) : ProblemResults.From(moved.Problems);
    }

    internal static Results<Ok<T>, ProblemHttpResult> Answer<T>(Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : ProblemResults.From(result.Problems);
}
