using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using Yardstick.Data;

namespace Yardstick.App;

/// <summary>A period with its compiled scheme, loaded for a use case.</summary>
public sealed record PeriodScheme(ReviewPeriod Row, Period Period, SchemeVersion Version, CompiledScheme Scheme)
{
    /// <summary>Loads the period (tracked) and compiles its scheme; a problem when the label is bad or the period does not exist.</summary>
    public static async Task<Result<PeriodScheme>> LoadAsync(YardstickDb db, string label, CancellationToken ct)
    {
        var parsed = Period.Parse(label);
        if (!parsed.IsSuccess)
            return Result<PeriodScheme>.Fail([.. parsed.Problems.Select(p => new Problem("--period", p.Message))]);
        var text = parsed.Value.ToString();
        var row = await db.Periods.SingleOrDefaultAsync(p => p.Label == text, ct);
        if (row is null)
            return Result<PeriodScheme>.Fail("--period", $"there is no period {text}; open it first: yardstick period open {text} --template ID");
        var version = await db.SchemeVersions.SingleAsync(v => v.Id == row.SchemeVersionId, ct);
        var scheme = Compile(version.Json, version.AuditKey);
        return scheme.IsSuccess ? new PeriodScheme(row, parsed.Value, version, scheme.Value) : Result<PeriodScheme>.Fail(scheme.Problems);
    }

    /// <summary>Parses and compiles one scheme (not a lifecycle bundle) from scheme JSON.</summary>
    public static Result<CompiledScheme> Compile(string json, string where)
    {
        var doc = SchemeJson.Parse(json, where);
        if (!doc.IsSuccess)
            return Result<CompiledScheme>.Fail(doc.Problems);
        if (doc.Value.IsBundle)
            return Result<CompiledScheme>.Fail(where, "a lifecycle bundle cannot be used for a period yet; use one of its stage schemes (crossborder-startup, crossborder-growth, crossborder-mature)");
        return CompiledScheme.Compile(doc.Value.Schemes[0]);
    }

    /// <summary>A problem when the period no longer accepts data (from InReview on).</summary>
    public Problem? CheckAcceptsData(string what) => Row.AcceptsData
        ? null
        : new Problem(Row.Label, $"cannot {what}: the period is {Row.State}; data can change only while Draft, Collecting or Calculated (reopen it with --reason first)");
}

/// <summary>Progress of a long use case: a stage name, the work done and the total (0 when unknown).</summary>
public readonly record struct WorkProgress(string Stage, long Done, long Total);

/// <summary>Reports on the calling thread (<see cref="Progress{T}"/> posts to the thread pool, so reports could arrive late and out of order).</summary>
internal sealed class Reporter(Action<int> report) : IProgress<int>
{
    public void Report(int value) => report(value);
}
