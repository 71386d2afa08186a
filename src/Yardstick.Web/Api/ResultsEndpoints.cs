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
        group.MapGet("/{period}/results", async Task<Results<Ok<ResultsPageView>, ProblemHttpResult>> (string period, int? limit, string? after, string? team, string? grade, ResultsPage page, CancellationToken ct) =>
            PeriodsEndpoints.Answer(await page.RunAsync(period, limit, after, team, grade, ct)))
            .WithSummary("The current run's results the user may see, in person order, a page at a time (limit ≤ 1000, after = the last person of the previous page); pay only where the user may see it.");
        group.MapGet("/{period}/people/{person}/scorecard", async Task<Results<Ok<JsonObject>, ProblemHttpResult>> (string period, string person, string? lang, ResultsPage page, CancellationToken ct) =>
            PeriodsEndpoints.Answer(await page.ScorecardAsync(period, person, LocalizedText.ParseLanguage(lang) ?? Languages.Current, ct)))
            .WithSummary("One scorecard of the current run with its trace in the language (lang=zh-CN|en); 404 when the user may not see it.");
        return group;
    }
}
