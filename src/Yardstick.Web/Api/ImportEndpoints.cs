using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yardstick.App.Files;
using Yardstick.App.Imports;
using Yardstick.Core.Common;

namespace Yardstick.Web.Api;

/// <summary>What an upload stored: the import's id, file and hash, the rows read, and what the merge did.</summary>
public sealed record ImportAnswer(long Import, string File, string Hash, int Rows, int Replaced, ImportMerge? Merge);

/// <summary>
/// <c>POST /api/v1/periods/{period}/imports/{kind}</c> (a period's actuals, requests, events, awards or ratings) and
/// <c>POST /api/v1/imports/{kind}</c> (the organisation's employees, salaries, teams, products or stages), review.md R11: a
/// CSV or XLSX file as multipart form data, handed to <see cref="ImportFile"/> as the CLI's <c>import KIND</c> does: all or
/// nothing, every problem located.
/// </summary>
public static class ImportEndpoints
{
    public static RouteGroupBuilder MapImportApi(this RouteGroupBuilder api)
    {
        api.MapPost("/periods/{period}/imports/{kind}", (string period, string kind, IFormFile? file, [FromForm] string? scope, [FromForm] bool? replace, ImportFile import, CancellationToken ct) =>
                ImportAsync(kind, ImportFile.PeriodKinds, period, file, scope, replace, import, ct))
            .DisableAntiforgery() // a bearer-token API: no cookie, so no cross-site request to forge
            .WithMetadata(new RequestSizeLimitAttribute(InputFile.MaxUploadBytes + (1 << 20)))
            .WithTags("imports")
            .WithSummary("Imports a period's actuals, requests, events, awards or ratings from a CSV or XLSX file (form field 'file'; optional 'scope', and 'replace' for actuals, as the CLI's): all or nothing; 422 lists every problem with its row and column.");
        api.MapPost("/imports/{kind}", (string kind, IFormFile? file, [FromForm] string? period, ImportFile import, CancellationToken ct) =>
                ImportAsync(kind, ImportFile.OrganisationKinds, period, file, null, null, import, ct))
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(InputFile.MaxUploadBytes + (1 << 20)))
            .WithTags("imports")
            .WithSummary("Imports the organisation's employees, salaries, teams, products or stages from a CSV or XLSX file (form field 'file'; optional 'period' for employees and salaries, as the CLI's --period): all or nothing; 422 lists every problem with its row and column.");
        return api;
    }

    private static async Task<Results<Ok<ImportAnswer>, ProblemHttpResult>> ImportAsync(string kind, IReadOnlyList<string> kinds, string? period,
        IFormFile? file, string? scope, bool? replace, ImportFile import, CancellationToken ct)
    {
        // a kind of the other route is not found here, and says where it is posted (the App checks everything else)
        if (!kinds.Contains(kind))
            return ProblemResults.From([Problem.NotFound("kind",
                $"这里没有导入类型 '{kind}'；{(ImportFile.PeriodKinds.Contains(kind) ? "期间数据请提交到 /api/v1/periods/{period}/imports/" + kind : ImportFile.OrganisationKinds.Contains(kind) ? "组织数据请提交到 /api/v1/imports/" + kind : "可用：" + string.Join(", ", kinds))}",
                $"there is no import kind '{kind}' here; {(ImportFile.PeriodKinds.Contains(kind) ? "a period's data is posted to /api/v1/periods/{period}/imports/" + kind : ImportFile.OrganisationKinds.Contains(kind) ? "the organisation's data is posted to /api/v1/imports/" + kind : "kinds: " + string.Join(", ", kinds))}")]);
        if (file is null)
            return ProblemResults.From([Problem.Invalid(Location.Of("file"), "请以 multipart/form-data 的 file 字段上传 CSV 或 XLSX 文件", "upload a CSV or XLSX file as the multipart/form-data field 'file'")]);
        if (file.Length > InputFile.MaxUploadBytes)
            return ProblemResults.From([InputFile.TooLarge(file.FileName, file.Length)]);
        await using var content = file.OpenReadStream();
        using var input = await InputFile.UploadAsync(content, file.FileName, ct);
        var imported = await import.RunAsync(kind, input, period, scope ?? "all", replace ?? false, null, ct);
        return imported.IsSuccess ? TypedResults.Ok(Answer(imported.Value)) : ProblemResults.From(imported.Problems);
    }

    public static ImportAnswer Answer(ImportSummary summary) =>
        new(summary.Import.Id, summary.Import.FileName, summary.Import.FileHash, summary.Rows, summary.Replaced, summary.Merge);
}
