using Microsoft.AspNetCore.Http.HttpResults;
using Yardstick.App.Organisations;

namespace Yardstick.Web.Api;

/// <summary>
/// <c>/api/v1/organisation</c>: the organisation as its admin sees it (<see cref="OrganisationView"/>) and its settings
/// (<see cref="ConfigureOrganisation"/>, the settings of <c>org set</c>); admins only (review.md R2).
/// </summary>
public static class OrganisationEndpoints
{
    public static RouteGroupBuilder MapOrganisationApi(this RouteGroupBuilder group)
    {
        group.MapGet("", async Task<Results<Ok<OrganisationOverview>, ProblemHttpResult>> (OrganisationView view, CancellationToken ct) =>
            PeriodsEndpoints.Answer(await view.RunAsync(ct)))
            .WithSummary("The organisation (admins): names, settings, people with their manager and teams, teams with members, products with owners and lifecycle timeline.");
        group.MapPatch("/settings", async Task<Results<Ok<OrganisationSettings>, ProblemHttpResult>> (OrganisationChange change, ConfigureOrganisation configure, CancellationToken ct) =>
            {
                var saved = await configure.RunAsync(change, ct);
                return saved.IsSuccess ? TypedResults.Ok(OrganisationSettings.Of(saved.Value)) : ProblemResults.From(saved.Problems);
            })
            .WithSummary("Changes the settings given (admins); a field left out stays as it is; distributionRule \"\" removes the rule.");
        return group;
    }
}
