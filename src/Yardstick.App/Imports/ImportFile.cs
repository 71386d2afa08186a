using Yardstick.App.Access;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// Any import by its kind: the CLI's <c>import KIND FILE</c>, the API's <c>/imports/{kind}</c> and the pages' upload panels
/// all come here, so a kind's options (a period, a scope, <c>replace</c>) are checked once. Each kind's own use case still
/// checks the file whole and writes all or nothing.
/// </summary>
public sealed class ImportFile(YardstickDb db, CurrentUser? user = null)
{
    /// <summary>Kinds whose data belongs to a period (a period is required).</summary>
    public static readonly IReadOnlyList<string> PeriodKinds = [ImportKinds.Actuals, ImportKinds.Requests, ImportKinds.Events, ImportKinds.Awards, ImportKinds.Ratings];

    /// <summary>Kinds that are the organisation's (a period is optional: employees and salaries use it to refuse changes a Locked period read).</summary>
    public static readonly IReadOnlyList<string> OrganisationKinds = [ImportKinds.Employees, ImportKinds.Salaries, ImportKinds.Teams, ImportKinds.Products, ImportKinds.Stages];

    /// <summary>Kinds a period can hold in parts (a scope other than <c>all</c>).</summary>
    public static readonly IReadOnlyList<string> ScopedKinds = [ImportKinds.Actuals, ImportKinds.Requests, ImportKinds.Events, ImportKinds.Awards];

    /// <summary>Every kind, in the order the CLI lists them.</summary>
    public static readonly IReadOnlyList<string> Kinds = [ImportKinds.Actuals, ImportKinds.Employees, ImportKinds.Salaries, ImportKinds.Requests, ImportKinds.Teams, ImportKinds.Products, ImportKinds.Stages, ImportKinds.Events, ImportKinds.Awards, ImportKinds.Ratings];

    /// <summary>
    /// Imports <paramref name="file"/> as <paramref name="kind"/>. <paramref name="label"/> is the period (required for
    /// <see cref="PeriodKinds"/>); <paramref name="scope"/> only for <see cref="ScopedKinds"/>; <paramref name="replace"/> only for actuals.
    /// </summary>
    public async Task<Result<ImportSummary>> RunAsync(string kind, InputFile file, string? label, string scope = "all", bool replace = false,
        IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        // every import is an admin's (R2): asked first, so that a refused user learns nothing from the checks below
        if (await new UserAccess(db, user).CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        if (!Kinds.Contains(kind))
            return Problem.NotFound("kind", $"没有导入类型 '{kind}'；可用：{string.Join(", ", Kinds)}", $"there is no import kind '{kind}'; kinds: {string.Join(", ", Kinds)}");
        if (string.IsNullOrWhiteSpace(label) && PeriodKinds.Contains(kind))
            return Problem.Invalid("period", $"导入 {kind} 需要期间", $"importing {kind} needs a period");
        scope = string.IsNullOrWhiteSpace(scope) ? "all" : scope;
        if (scope != "all" && !ScopedKinds.Contains(kind))
            return Problem.Invalid("scope", $"{kind} 不分范围导入；去掉 scope（可分范围的类型：{string.Join(", ", ScopedKinds)}）",
                $"{kind} is not imported in scopes; leave scope out (kinds with scopes: {string.Join(", ", ScopedKinds)})");
        if (replace && kind != ImportKinds.Actuals)
            return Problem.Invalid("replace", $"replace 只用于 actuals；{kind} 的重新导入本身就替换同一范围", $"replace is for actuals only; a re-import of {kind} replaces the same scope by itself");
        return kind switch
        {
            ImportKinds.Actuals => await new ImportActuals(db, user).RunAsync(file, label!, scope, replace, progress, ct),
            ImportKinds.Requests => await new ImportRequests(db, user).RunAsync(file, label!, scope, progress, ct),
            ImportKinds.Events => await new ImportEvents(db, user).RunAsync(file, label!, scope, progress, ct),
            ImportKinds.Awards => await new ImportAwards(db, user).RunAsync(file, label!, scope, progress, ct),
            ImportKinds.Ratings => await new ImportRatings(db, user).RunAsync(file, label!, progress, ct),
            ImportKinds.Employees => await new ImportEmployees(db, user).RunAsync(file, label, progress, ct),
            ImportKinds.Salaries => await new ImportSalaries(db, user).RunAsync(file, label, progress, ct),
            ImportKinds.Teams => await new ImportTeams(db, user).RunAsync(file, progress, ct),
            ImportKinds.Products => await new ImportProducts(db, user).RunAsync(file, progress, ct),
            _ => await new ImportStages(db, user).RunAsync(file, progress, ct),
        };
    }
}
