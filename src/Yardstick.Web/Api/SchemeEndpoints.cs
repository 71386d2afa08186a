using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yardstick.App.Schemes;
using Yardstick.Web.Localization;

namespace Yardstick.Web.Api;

/// <summary>
/// <c>/api/v1/schemes</c>: the template gallery and the scheme library (<see cref="SchemeLibrary"/>), a scheme's JSON, checking a
/// scheme as <c>scheme validate</c> does (<see cref="SchemeCheck"/>) and saving it; admins only (review.md R2).
/// </summary>
public static class SchemeEndpoints
{
    /// <summary>One problem of a check: where (file, scheme and node path) and the message in the request's language.</summary>
    public sealed record CheckProblem(string Where, string Message);

    /// <summary>A check's answer: valid or not, every problem, and the weight tree (each group's children's sum beside its weight).</summary>
    public sealed record CheckAnswer(bool Valid, IReadOnlyList<CheckProblem> Problems, IReadOnlyList<WeightLine> Tree);

    public static RouteGroupBuilder MapSchemeApi(this RouteGroupBuilder group)
    {
        group.MapGet("", async Task<Results<Ok<SchemeGallery>, ProblemHttpResult>> (SchemeLibrary library, CancellationToken ct) =>
            PeriodsEndpoints.Answer(await library.ListAsync(ct)))
            .WithSummary("The template gallery and the organisation's stored scheme versions with the periods using each.");
        group.MapGet("/templates/{id}", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string id, SchemeLibrary library, CancellationToken ct) =>
                Json(await library.TemplateAsync(id, ct)))
            .WithSummary("A template's scheme JSON (the format of scoring.md §1).");
        group.MapGet("/{code}/versions/{version:int}", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string code, int version, SchemeLibrary library, CancellationToken ct) =>
                Json(await library.GetAsync(code, version, ct)))
            .WithSummary("A stored version's scheme JSON as it was stored.");
        group.MapPost("/validate", async Task<Results<Ok<CheckAnswer>, ProblemHttpResult>> (HttpRequest request, SchemeLibrary library, CancellationToken ct) =>
            {
                var checkedScheme = await library.CheckAsync(await ReadAsync(request, ct), "scheme", ct);
                if (!checkedScheme.IsSuccess)
                    return ProblemResults.From(checkedScheme.Problems);
                var check = checkedScheme.Value;
                var language = Languages.Current;
                return TypedResults.Ok(new CheckAnswer(check.IsValid,
                    [.. check.Problems.Select(p => new CheckProblem(p.Where.ToString(), p.Text(language)))], check.Tree));
            })
            .Accepts<object>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(SchemeCheck.MaxBytes))
            .WithSummary("Checks a scheme (the body: its JSON) as 'yardstick scheme validate' does; nothing is stored.");
        group.MapPost("", async Task<Results<Created<SavedScheme>, Ok<SavedScheme>, ProblemHttpResult>> (HttpRequest request, SchemeLibrary library, CancellationToken ct) =>
            {
                var saved = await library.SaveAsync(await ReadAsync(request, ct), "scheme", ct);
                if (!saved.IsSuccess)
                    return ProblemResults.From(saved.Problems);
                var s = saved.Value;
                return s.Outcome == "unchanged" ? TypedResults.Ok(s) : TypedResults.Created($"/api/v1/schemes/{s.Code}/versions/{s.Version}", s);
            })
            .Accepts<object>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(SchemeCheck.MaxBytes))
            .WithSummary("Stores a scheme (the body: its JSON) when it validates: 201 with the version stored, 200 when the same text was stored; 422 with every problem.");
        return group;
    }

    private static async Task<string> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Json(Core.Common.Result<SchemeText> text) =>
        text.IsSuccess ? TypedResults.Text(text.Value.Json, "application/json", Encoding.UTF8) : ProblemResults.From(text.Problems);
}
