using Microsoft.AspNetCore.Http.HttpResults;
using Yardstick.App.Ratings;

namespace Yardstick.Web.Api;

/// <summary><c>/api/v1/periods/{period}/campaigns</c> (scoring.md §7): one <see cref="CampaignProgress"/> call; admins only.</summary>
public static class CampaignsEndpoints
{
    public static RouteGroupBuilder MapCampaignsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{period}/campaigns", async Task<Results<Ok<CampaignProgressView>, ProblemHttpResult>> (string period, CampaignProgress progress, CancellationToken ct) =>
            PeriodsEndpoints.Answer(await progress.RunAsync(period, ct)))
            .WithSummary("The period's 360 campaigns (admins): open or closed, raters, forms submitted and not started, per ratee and per rater group; counts only, never who rated whom.");
        return group;
    }
}
