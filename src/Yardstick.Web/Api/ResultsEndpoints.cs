using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Yardstick.App.Results;
using Yardstick.Core.Common;
using Yardstick.Web.Localization;

namespace Yardstick.Web.Api;

/// <summary><c>/api/v1/periods/{period}/results</c> and one scorecard (review.md R2, R11): each maps one <see cref="ResultsPage"/> call.</summary>
public static class ResultsEndpoints
{
    public static RouteGroupBuilder MapResultsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{period}/results", async Task<Results<Ok<ResultsPageView>, FileContentHttpResult, ProblemHttpResult>> (string period, int? limit, string? after, string? team, string? grade, bool? all, string? format, ResultsPage page, CancellationToken ct) =>
            {
                if (format is not (null or "json" or "csv") || (format == "csv" && all != true))
                    return FormatProblem(format!);
                if (all != true)
                {
                    var one = await page.RunAsync(period, limit, after, team, grade, ct);
                    return one.IsSuccess ? TypedResults.Ok(one.Value) : ProblemResults.From(one.Problems);
                }

                var whole = await page.AllAsync(period, team, grade, ct);
                if (!whole.IsSuccess)
                    return ProblemResults.From(whole.Problems);
                return format == "csv" ? Csv(whole.Value) : TypedResults.Ok(whole.Value);
            })
            .WithSummary("The current run's results the user may see, in person order, a page at a time (limit ≤ 1000, after = the last person of the previous page); pay only where the user may see it. all=true gives every row at once, format=json (default) or csv (a download; text cells neutralised, review.md R8).");
        group.MapGet("/{period}/people/{person}/scorecard", async Task<Results<Ok<JsonObject>, ProblemHttpResult>> (string period, string person, string? lang, ResultsPage page, CancellationToken ct) =>
            PeriodsEndpoints.Answer(await page.ScorecardAsync(period, person, LocalizedText.ParseLanguage(lang) ?? Languages.Current, ct)))
            .WithSummary("One scorecard of the current run with its trace in the language (lang=zh-CN|en); 404 when the user may not see it.");
        return group;
    }

    /// <summary>
    /// <c>GET /periods/{period}/results.csv</c>: the results page's download for a signed-in browser (the page's cookie, not a
    /// bearer token): every row the user may see, as <c>/api/v1/periods/{period}/results?all=true&amp;format=csv</c> gives it.
    /// </summary>
    public static IEndpointRouteBuilder MapResultsDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/periods/{period}/results.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string period, string? team, string? grade, ResultsPage page, CancellationToken ct) =>
            {
                var whole = await page.AllAsync(period, team, grade, ct);
                return whole.IsSuccess ? Csv(whole.Value) : ProblemResults.From(whole.Problems);
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }

    private static FileContentHttpResult Csv(ResultsPageView whole) =>
        TypedResults.File(ResultsPage.CsvFile(whole.Rows), "text/csv; charset=utf-8", $"results-{whole.Period}.csv");

    private static ProblemHttpResult FormatProblem(string format) => ProblemResults.From([Problem.Invalid("format",
        $"format 应为 json 或 csv（csv 需要 all=true），而不是 '{format}'", $"format must be json or csv (csv with all=true), not '{format}'", "results.format", format)]);
}
