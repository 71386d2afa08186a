using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary>
/// <c>period open P</c>: creates the period under a scheme (stored as a scheme version, reused when the same
/// JSON was stored before) and moves it Draft → Collecting. A scheme whose stored version a period already
/// uses is never changed: an edited file becomes the next version (scoring.md §1) and the older periods keep
/// theirs. An existing Draft period is opened as it is; a scheme given for an existing period must be the one it
/// already uses.
/// </summary>
public sealed class OpenPeriod(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    /// <summary>Opens the period under a stored scheme version of the library (the page and the API open periods this way).</summary>
    public async Task<Result<ReviewPeriod>> RunAsync(string label, string code, int version, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var json = await db.SchemeVersions.Where(v => v.Code == code && v.Version == version).Select(v => v.Json).SingleOrDefaultAsync(ct);
        return json is null
            ? Problem.NotFound("scheme", $"没有方案 {code} v{version}；请先在方案库中保存它", $"there is no scheme {code} v{version}; save it in the scheme library first", "scheme.unknown", $"{code} v{version}")
            : await RunAsync(label, json, ct);
    }

    public async Task<Result<ReviewPeriod>> RunAsync(string label, string? schemeJson, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var parsed = Period.Parse(label);
        if (!parsed.IsSuccess)
            return Result<ReviewPeriod>.Fail([.. parsed.Problems.Select(p => p.At(Location.Of("period")))]);
        var period = parsed.Value;
        var text = period.ToString();
        var row = await db.Periods.SingleOrDefaultAsync(p => p.Label == text, ct);
        SchemeVersion? version = null;
        if (schemeJson is not null)
        {
            var compiled = PeriodScheme.Compile(schemeJson, "scheme");
            if (!compiled.IsSuccess)
                return Result<ReviewPeriod>.Fail(compiled.Problems);
            var (document, schemes) = compiled.Value;
            foreach (var s in schemes.Select(c => c.Scheme).Where(s => period.Kind < s.PeriodKind))
                return Problem.Invalid("period", $"周期 {text} 是{KindZh(period.Kind)}，短于方案 {s.Id} 的{KindZh(s.PeriodKind)}",
                    $"period {text} is a {KindEn(period.Kind)}, shorter than the {KindEn(s.PeriodKind)} of scheme {s.Id}");

            version = (await Schemes.SchemeLibrary.StoreAsync(db, schemeJson, document, schemes, ct)).Version;
        }

        if (row is null)
        {
            if (version is null)
                return Problem.Invalid("scheme", $"周期 {text} 还不存在；请给出它的方案（模板或方案文件）", $"period {text} does not exist yet; give its scheme (a template or a scheme file)", "period.needs_scheme");
            if (version.Id == 0)
                await db.SaveChangesAsync(ct);
            row = db.Periods.Add(ReviewPeriod.Create(period, version.Id, db.Now)).Entity;
        }
        else if (version is not null && version.Id != row.SchemeVersionId)
        {
            return Problem.Conflict("scheme", $"周期 {text} 已使用另一个方案版本；周期的方案不能更改", $"period {text} already uses another scheme version; a period's scheme cannot change");
        }

        var rule = await db.Organisations.Where(o => o.Id == db.OrganisationId).Select(o => o.DistributionRule).SingleAsync(ct);
        if (row.Open(db.Now, rule) is { } wrongState)
            return Result<ReviewPeriod>.Fail([wrongState]);
        await db.SaveChangesAsync(ct);
        return row;
    }

    private static string KindEn(PeriodKind kind) => kind.ToString().ToLowerInvariant();

    private static string KindZh(PeriodKind kind) => kind switch { PeriodKind.Month => "月度", PeriodKind.Quarter => "季度", PeriodKind.Half => "半年度", _ => "年度" };
}
