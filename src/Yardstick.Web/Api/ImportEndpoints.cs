using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yardstick.App.Files;
using Yardstick.App.Imports;
using Yardstick.Core.Common;

namespace Yardstick.Web.Api;

/// <summary>What an actuals upload stored: the import's id, file and hash, the rows read, and what the merge did.</summary>
public sealed record ImportAnswer(long Import, string File, string Hash, int Rows, int Replaced, ImportMerge? Merge);

/// <summary>
/// <c>POST /api/v1/periods/{period}/imports/actuals</c> (review.md R11): a CSV or XLSX actuals file as multipart form data,
/// handed to <see cref="ImportActuals"/> as the CLI's <c>import actuals</c> does: all or nothing, every problem located.
/// </summary>
public static class ImportEndpoints
{
    public static RouteGroupBuilder MapImportApi(this RouteGroupBuilder group)
    {
        group.MapPost("/{period}/imports/actuals", async Task<Results<Ok<ImportAnswer>, ProblemHttpResult>> (string period, IFormFile? file, [FromForm] string? scope, [FromForm] bool? replace, ImportActuals import, CancellationToken ct) =>
            {
                if (file is null)
                    return ProblemResults.From([Problem.Invalid(Location.Of("file"), "请以 multipart/form-data 的 file 字段上传 CSV 或 XLSX 文件", "upload a CSV or XLSX file as the multipart/form-data field 'file'")]);
                if (file.Length > InputFile.MaxUploadBytes)
                    return ProblemResults.From([InputFile.TooLarge(file.FileName, file.Length)]);
                await using var content = file.OpenReadStream();
                using var input = await InputFile.UploadAsync(content, file.FileName, ct);
                var imported = await import.RunAsync(input, period, string.IsNullOrWhiteSpace(scope) ? "all" : scope, replace ?? false, null, ct);
                return imported.IsSuccess ? TypedResults.Ok(Answer(imported.Value)) : ProblemResults.From(imported.Problems);
            })
            .DisableAntiforgery() // a bearer-token API: no cookie, so no cross-site request to forge
            .WithMetadata(new RequestSizeLimitAttribute(InputFile.MaxUploadBytes + (1 << 20)))
            .WithSummary("Imports a period's actuals from a CSV or XLSX file (form field 'file'; optional 'scope' and 'replace' as the CLI's): all or nothing; 422 lists every problem with its row and column.");
        return group;
    }

    public static ImportAnswer Answer(ImportSummary summary) =>
        new(summary.Import.Id, summary.Import.FileName, summary.Import.FileHash, summary.Rows, summary.Replaced, summary.Merge);
}
