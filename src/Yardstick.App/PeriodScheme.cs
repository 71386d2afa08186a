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
    public static async Task<Result<PeriodScheme>> LoadAsync(YardstickDb db, string label, CancellationToken ct, Results.RunCache? cache = null)
    {
        var row = await FindAsync(db, label, ct);
        return row.IsSuccess ? await ForAsync(db, row.Value, ct, cache) : Result<PeriodScheme>.Fail(row.Problems);
    }

    /// <summary>The period of a row already read, with its scheme compiled (once per version with a <paramref name="cache"/>).</summary>
    public static async Task<Result<PeriodScheme>> ForAsync(YardstickDb db, ReviewPeriod row, CancellationToken ct, Results.RunCache? cache = null)
    {
        var version = await db.SchemeVersions.SingleAsync(v => v.Id == row.SchemeVersionId, ct);
        var compiled = cache?.Scheme(version) ?? Compile(version.Json, version.AuditKey);
        return compiled.IsSuccess
            ? new PeriodScheme(row, row.Period, version, compiled.Value.Document, compiled.Value.Schemes)
            : Result<PeriodScheme>.Fail(compiled.Problems);
    }

    /// <summary>The period row (tracked, read afresh) of a label; Invalid when the label is not a period, NotFound when there is no such period.</summary>
    public static async Task<Result<ReviewPeriod>> FindAsync(YardstickDb db, string label, CancellationToken ct)
    {
        var parsed = Period.Parse(label);
        if (!parsed.IsSuccess)
            return Result<ReviewPeriod>.Fail([.. parsed.Problems.Select(p => p.At(Location.Of("period")))]);
        var text = parsed.Value.ToString();
        // read afresh even when this context read it before: another command (or an import's claim) may have moved its state or version since
        foreach (var earlier in db.ChangeTracker.Entries<ReviewPeriod>().Where(e => e.State == EntityState.Unchanged && e.Entity.Label == text).ToList())
            earlier.State = EntityState.Detached;
        var row = await db.Periods.SingleOrDefaultAsync(p => p.Label == text, ct);
        return row is null
            ? Problem.NotFound("period", $"没有周期 {text}；请先开启它", $"there is no period {text}; open it first", "period.unknown", text)
            : row;
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

    /// <summary>
    /// A conflict when the period no longer accepts data (from InReview on), naming what the state allows (InReview: reopen;
    /// Approved and Published never go back; Locked is final); <paramref name="zh"/> and <paramref name="en"/> name the change ("import actuals").
    /// </summary>
    public Problem? CheckAcceptsData(string zh, string en) => CheckAcceptsData(Row, zh, en);

    /// <summary>
    /// Inside the transaction of a change of a period's data (an import, a waiver), just before its commit: the period still
    /// accepts data, and its version moves on (the concurrency token every move and every run's commit checks), so that a move
    /// or a calculation that read the period before this change is refused instead of reviewing, approving, locking or storing
    /// results of data it never saw. On PostgreSQL the period's row stays locked until the commit. Null when claimed, else why
    /// the period no longer accepts the change, and the context forgets what it saved in the transaction (which is not committed).
    /// </summary>
    public static async Task<Problem?> ClaimForDataAsync(YardstickDb db, int periodId, string zh, string en, CancellationToken ct)
    {
        var claimed = await db.Periods
            .Where(p => p.Id == periodId && (p.State == PeriodState.Draft || p.State == PeriodState.Collecting || p.State == PeriodState.Calculated))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + 1), ct);
        if (claimed == 1)
            return null;
        db.ChangeTracker.Clear();
        return CheckAcceptsData(await db.Periods.AsNoTracking().SingleAsync(p => p.Id == periodId, ct), zh, en);
    }

    /// <summary>Null when <paramref name="row"/> accepts changes of its data (Draft, Collecting, Calculated), else why not, naming the moves its state allows.</summary>
    public static Problem? CheckAcceptsData(ReviewPeriod row, string zh, string en)
    {
        if (row.AcceptsData)
            return null;
        var state = row.State == PeriodState.InReview
            ? row.StateAndMoves("；只有在 Draft、Collecting 或 Calculated 状态下数据才能更改", "; data can change only while Draft, Collecting or Calculated")
            : row.StateAndMoves("；自 Approved 起数据不能再更改，周期也不能退回", "; from Approved on its data cannot change and it cannot go back");
        return Problem.Conflict(row.Label, $"无法{zh}：{state.Zh}", $"cannot {en}: {state.En}",
            row.State == PeriodState.InReview ? "period.closed.reopenable" : "period.closed", row.Label);
    }
}
