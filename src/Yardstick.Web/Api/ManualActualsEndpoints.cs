using Microsoft.AspNetCore.Http.HttpResults;
using Yardstick.App.Periods;
using Yardstick.Data;
using Yardstick.Web.Localization;

namespace Yardstick.Web.Api;

/// <summary>One value of a manual-entry save: a person's actual of a manual indicator; <c>null</c> clears the cell.</summary>
public sealed record ManualValue(string Person, string Indicator, decimal? Value);

/// <summary>The body of <c>PUT …/manual-actuals</c>: the values to store, all or nothing.</summary>
public sealed record ManualValuesBody(IReadOnlyList<ManualValue>? Values);

/// <summary>The manual-entry grid as the API answers it: <c>readOnly</c> is why the state refuses entry now, in the request's language (null: open).</summary>
public sealed record ManualGridAnswer(string Period, PeriodState State, bool MayEnter, string? ReadOnly, IReadOnlyList<ManualIndicator> Indicators, IReadOnlyList<ManualRow> Rows);

/// <summary>
/// <c>/api/v1/periods/{period}/manual-actuals</c> (review.md R2's "enter source: manual indicators"): the grid and a save, each one
/// <see cref="ManualActuals"/> call; 422 names each bad field (<c>values[0].value</c>), 404 a person the user may not enter for, 409 a
/// period from InReview on, 403 a user who may enter for nobody.
/// </summary>
public static class ManualActualsEndpoints
{
    public static RouteGroupBuilder MapManualActualsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{period}/manual-actuals", async Task<Results<Ok<ManualGridAnswer>, ProblemHttpResult>> (string period, ManualActuals manual, CancellationToken ct) =>
        {
            var grid = await manual.GridAsync(period, ct);
            return grid.IsSuccess
                ? TypedResults.Ok(new ManualGridAnswer(grid.Value.Period, grid.Value.State, grid.Value.MayEnter, grid.Value.ReadOnly?.Get(Languages.Current), grid.Value.Indicators, grid.Value.Rows))
                : ProblemResults.From(grid.Problems);
        })
            .WithSummary("The period's source: manual indicators (code, names, unit, accepted range) and a row per person the user may enter for (admins: everyone evaluated; managers: their reports), with the current values and who entered them when; readOnly says why the state refuses entry.");
        group.MapPut("/{period}/manual-actuals", async Task<Results<Ok<ManualSaved>, ProblemHttpResult>> (string period, ManualValuesBody body, ManualActuals manual, CancellationToken ct) =>
            PeriodsEndpoints.Answer(await manual.SaveAsync(period, [.. (body.Values ?? []).Select(v => ManualEntry.Of(v.Person, v.Indicator, v.Value))], ct)))
            .WithSummary("Stores manual indicators, all or nothing, merged cell by cell as an actuals import of scope 'manual' (a null value clears a cell); answers the cells added, changed, unchanged and removed.");
        return group;
    }
}
