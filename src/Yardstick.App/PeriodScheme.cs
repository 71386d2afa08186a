using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using Yardstick.Data;

namespace Yardstick.App;

/// <summary>
/// A period with its compiled scheme document, loaded for a use case: one scheme, or the stage schemes of a
/// lifecycle bundle (scoring.md §6), in the document's order.
/// </summary>
public sealed record PeriodScheme(ReviewPeriod Row, Period Period, SchemeVersion Version, SchemeDocument Document, IReadOnlyList<CompiledScheme> Schemes)
{
    /// <summary>The first scheme of the document: the period's scheme unless <see cref="IsBundle"/>.</summary>
    public CompiledScheme Scheme => Schemes[0];

    /// <summary>True when each person's scheme follows the stage of their product.</summary>
    public bool IsBundle => Document.IsBundle;

    /// <summary>The currency of the results: the first plan's, CNY without a plan.</summary>
    public string Currency => Schemes.Select(s => s.Plan?.Plan.Currency).FirstOrDefault(c => c is not null) ?? Money.DefaultCurrency;

    /// <summary>Loads the period (tracked) and compiles its scheme; a problem when the label is bad or the period does not exist.</summary>
    public static async Task<Result<PeriodScheme>> LoadAsync(YardstickDb db, string label, CancellationToken ct)
    {
        var parsed = Period.Parse(label);
        if (!parsed.IsSuccess)
            return Result<PeriodScheme>.Fail([.. parsed.Problems.Select(p => new Problem("--period", p.Message.En))]);
        var text = parsed.Value.ToString();
        var row = await db.Periods.SingleOrDefaultAsync(p => p.Label == text, ct);
        if (row is null)
            return Result<PeriodScheme>.Fail("--period", $"there is no period {text}; open it first: yardstick period open {text} --template ID");
        var version = await db.SchemeVersions.SingleAsync(v => v.Id == row.SchemeVersionId, ct);
        var compiled = Compile(version.Json, version.AuditKey);
        return compiled.IsSuccess
            ? new PeriodScheme(row, parsed.Value, version, compiled.Value.Document, compiled.Value.Schemes)
            : Result<PeriodScheme>.Fail(compiled.Problems);
    }

    /// <summary>Parses and compiles a scheme document: one scheme or every stage scheme of a lifecycle bundle.</summary>
    public static Result<(SchemeDocument Document, IReadOnlyList<CompiledScheme> Schemes)> Compile(string json, string where)
    {
        var doc = SchemeJson.Parse(json, where);
        if (!doc.IsSuccess)
            return Result<(SchemeDocument, IReadOnlyList<CompiledScheme>)>.Fail(doc.Problems);
        var schemes = new List<CompiledScheme>(doc.Value.Schemes.Count);
        foreach (var s in doc.Value.Schemes)
        {
            var compiled = CompiledScheme.Compile(s);
            if (!compiled.IsSuccess)
                return Result<(SchemeDocument, IReadOnlyList<CompiledScheme>)>.Fail(compiled.Problems);
            schemes.Add(compiled.Value);
        }

        return (doc.Value, schemes);
    }

    /// <summary>The first scheme with indicator <paramref name="code"/> and its index there; (first scheme, -1) when none has it.</summary>
    public (CompiledScheme Scheme, int Index) FindIndicator(string code)
    {
        foreach (var s in Schemes)
            if (s.IndicatorIndex(code) is var i and >= 0)
                return (s, i);
        return (Schemes[0], -1);
    }

    /// <summary>"scheme X has: a, b" or, for a bundle, "the stage schemes of X have: a, b, c" (each code once).</summary>
    public string IndicatorList => (IsBundle ? $"the stage schemes of {Document.Id} have: " : $"scheme {Scheme.Scheme.Id} has: ")
        + string.Join(", ", Schemes.SelectMany(s => s.Indicators.Select(i => i.Code)).Distinct(StringComparer.Ordinal));

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
