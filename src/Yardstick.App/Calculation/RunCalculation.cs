using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Database;
using Yardstick.App.Evaluation;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Data;

namespace Yardstick.App.Calculation;

/// <summary>What a run produced.</summary>
public sealed record RunSummary(CalculationRun Run, int Scorecards, int PayoutLines, int Incomplete, IReadOnlyList<Notice> Notices);

/// <summary>
/// <c>calc --period P</c>: load (the period's stored inputs), derive (request response rates, 360 ratings), evaluate
/// (the one <see cref="Evaluator"/> every front end uses), persist: the results as a new run in one transaction; the
/// new run becomes current only at its commit, so a cancellation or a crash leaves the previous run current.
/// Persons are evaluated in ordinal id order, so the same inputs give byte-identical results
/// (<see cref="CalculationRun.ResultsHash"/>).
/// </summary>
public sealed class RunCalculation(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    /// <summary>A period evaluated, waiting to be committed: what it read, what it gave, and the period's version when it started.</summary>
    internal sealed record Evaluated(PeriodScheme Period, int PeriodVersion, EvaluationInputs Inputs, EvaluationResult Result, DateTimeOffset Started);

    public async Task<Result<RunSummary>> RunAsync(string label, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var found = await PeriodScheme.FindAsync(db, label, ct);
        if (!found.IsSuccess)
            return Result<RunSummary>.Fail(found.Problems);
        // one calculation of a period at a time: a second is refused at once (PostgreSQL), or while the first writes (SQLite)
        await using var held = await Concurrency.TryHoldAsync(db, "calc/" + found.Value.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        if (held is null)
            return db.Provider == DatabaseProvider.Postgres
                ? Problem.Conflict("period", $"{found.Value.Label} 的另一次计算正在进行；请在它结束后重试", $"another calculation of {found.Value.Label} is running; try again when it ends", "calc.running", found.Value.Label)
                : Concurrency.Busy();
        var evaluated = await EvaluateAsync(label, progress, ct);
        return evaluated.IsSuccess ? await CommitAsync(evaluated.Value, progress, ct) : Result<RunSummary>.Fail(evaluated.Problems);
    }

    /// <summary>Load, derive and evaluate the period, writing nothing; <see cref="CommitAsync"/> stores the result.</summary>
    internal async Task<Result<Evaluated>> EvaluateAsync(string label, IProgress<WorkProgress>? progress, CancellationToken ct)
    {
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return Result<Evaluated>.Fail(loaded.Problems);
        var p = loaded.Value;
        if (p.Row.CheckCalculate() is { } cannot)
            return Result<Evaluated>.Fail([cannot]);
        var (version, started) = (p.Row.Version, db.Now);
        progress?.Report(new WorkProgress("read", 0, 0));
        var inputs = await DatabaseInputs.ReadAsync(db, p, ct);
        if (!inputs.IsSuccess)
            return Result<Evaluated>.Fail(inputs.Problems);
        progress?.Report(new WorkProgress("evaluate", 0, inputs.Value.People.Count));
        var evaluated = Evaluator.Evaluate(inputs.Value);
        GiveBackTemporaries(inputs.Value.People.Count);
        if (!evaluated.IsSuccess)
            return Result<Evaluated>.Fail(evaluated.Problems);
        progress?.Report(new WorkProgress("evaluate", inputs.Value.People.Count, inputs.Value.People.Count));
        return new Evaluated(p, version, inputs.Value, evaluated.Value, started);
    }

    /// <summary>
    /// Stores an evaluation as a new run (one transaction) that becomes current at its commit, if the period still accepts it:
    /// still Collecting or Calculated, and not moved since the evaluation started (its version, checked again by the period's
    /// concurrency token as the move to Calculated is saved). Otherwise a conflict, and nothing is written.
    /// </summary>
    internal async Task<Result<RunSummary>> CommitAsync(Evaluated e, IProgress<WorkProgress>? progress, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var now = await db.Periods.AsNoTracking().Where(x => x.Id == e.Period.Row.Id).Select(x => new { x.State, x.Version }).SingleAsync(ct);
            if (now.State is not (PeriodState.Collecting or PeriodState.Calculated) || now.Version != e.PeriodVersion)
                return Moved(e.Period.Row.Label, now.State);
            var summary = await PersistAsync(e.Period, e.Inputs, e.Result, e.Started, progress, ct);
            await db.Database.CurrentTransaction!.CommitAsync(ct);
            return summary;
        }
        catch (DbUpdateException ex) when (Concurrency.ToProblem(ex) is not null)
        {
            db.ChangeTracker.Clear(); // the run's rows were rolled back with the transaction
            var state = await db.Periods.AsNoTracking().Where(x => x.Id == e.Period.Row.Id).Select(x => x.State).SingleAsync(CancellationToken.None);
            return Moved(e.Period.Row.Label, state);
        }
        finally
        {
            if (own is not null)
                await own.DisposeAsync();
        }
    }

    /// <summary>
    /// After evaluating <paramref name="people"/> people: a large evaluation leaves about as much garbage (its temporaries,
    /// the text its inputs were read from) as the results it keeps, and a collection gives it back to the system at once,
    /// so that it never adds up with what storing or rendering the results allocates (docs/performance.md). Below 10,000
    /// people the few megabytes are not worth a full collection.
    /// </summary>
    internal static void GiveBackTemporaries(int people)
    {
        if (people >= 10_000)
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private static Problem Moved(string label, PeriodState state) => state is PeriodState.Collecting or PeriodState.Calculated
        ? Problem.Conflict("period",
            $"{label} 的计算结果未保存：计算期间另一次计算、周期变更或其数据的导入已保存；请重新计算",
            $"the calculation of {label} was not saved: another calculation, move of the period or import of its data was saved while it ran; calculate again",
            "calc.moved", label)
        : Problem.Conflict("period",
            $"{label} 的计算结果未保存：计算期间周期已变为 {state}，不再接受计算",
            $"the calculation of {label} was not saved: the period moved to {state} while it ran, and no longer accepts a calculation",
            "calc.moved", label);

    /// <summary>
    /// Stores the results as a new run, inside the caller's transaction; it becomes current at its commit. A run made in
    /// review (<paramref name="review"/>: an adjustment or a final grade, review.md R3) leaves the period InReview.
    /// </summary>
    internal async Task<Result<RunSummary>> PersistAsync(PeriodScheme p, EvaluationInputs inputs, EvaluationResult result, DateTimeOffset started, IProgress<WorkProgress>? progress, CancellationToken ct, bool review = false)
    {
        // the figures to sort, sum and export by, made as they are written (never held: memory stays flat in the number
        // of people); the result objects are rendered from the stored inputs when read
        IEnumerable<ScorecardRow> Rows()
        {
            foreach (var r in result.Results)
            {
                ct.ThrowIfCancellationRequested();
                yield return new ScorecardRow
                {
                    Person = r.Person,
                    Total = r.Total,
                    Grade = r.Grade,
                    Scheme = r.Card.Scheme.Scheme.Id,
                    Complete = r.Card.Complete,
                    Missing = r.UnwaivedMissing,
                    MissingCodes = r.UnwaivedMissing == 0 ? "" : string.Join(",", r.Card.Indicators.Select((x, i) => (x, i)).Where(t => t.x.Missing && !t.x.Waived).Select(t => r.Card.Scheme.Indicators[t.i].Code)),
                };
            }
        }

        IEnumerable<PayoutLineRow> Lines()
        {
            foreach (var r in result.Results)
                for (var k = 0; k < r.Lines.Count; k++)
                {
                    var l = r.Lines[k];
                    yield return new PayoutLineRow
                    {
                        Person = r.Person,
                        Position = k,
                        Rule = l.Rule,
                        Kind = JsonNames.Kind(l.Kind),
                        AmountMinor = Money.ToMinor(l.Amount.Amount),
                        Currency = l.Currency,
                        Provisional = l.Provisional,
                    };
                }
        }

        var (cards, lineCount) = (result.Results.Count, result.Results.Sum(r => r.Lines.Count));

        var notices = result.Notices;
        var noticesJson = JsonSerializer.Serialize(notices.Select(n => new { en = n.En, zh = n.Zh }), new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var ledger = result.Ledger;

        // write: inside the caller's transaction; the run becomes current at the end
        var number = (await db.Runs.Where(r => r.PeriodId == p.Row.Id).MaxAsync(r => (int?)r.Number, ct) ?? 0) + 1;
        var run = db.Runs.Add(new CalculationRun
        {
            PeriodId = p.Row.Id,
            Number = number,
            SchemeVersionId = p.Version.Id,
            IsCurrent = false,
            Actor = db.Actor,
            StartedAt = started,
            FinishedAt = started,
            Scorecards = cards,
            ResultsHash = ResultsJson.Digest(result),
            Inputs = InputsSnapshot.Write(inputs),
            InputsFingerprint = JsonSerializer.Serialize(InputsSnapshot.Fingerprint(inputs)),
            LedgerJson = ledger.Write(),
            NoticesJson = noticesJson,
        }).Entity;
        await db.SaveChangesAsync(ct);
        var runId = run.Id;
        var total = cards + lineCount;
        await BulkInsert.WriteAsync<ScorecardRow, ScorecardRow>(db, Rows(),
        [
            new(nameof(ScorecardRow.RunId), _ => runId),
            new(nameof(ScorecardRow.Person), r => r.Person),
            new(nameof(ScorecardRow.Total), r => r.Total),
            new(nameof(ScorecardRow.Grade), r => r.Grade),
            new(nameof(ScorecardRow.Scheme), r => r.Scheme),
            new(nameof(ScorecardRow.Complete), r => r.Complete),
            new(nameof(ScorecardRow.Missing), r => r.Missing),
            new(nameof(ScorecardRow.MissingCodes), r => r.MissingCodes),
            new(nameof(ScorecardRow.Json), _ => ""),
        ], new Reporter(n => progress?.Report(new WorkProgress("write", n, total))), ct);
        await BulkInsert.WriteAsync<PayoutLineRow, PayoutLineRow>(db, Lines(),
        [
            new(nameof(PayoutLineRow.RunId), _ => runId),
            new(nameof(PayoutLineRow.Person), r => r.Person),
            new(nameof(PayoutLineRow.Position), r => r.Position),
            new(nameof(PayoutLineRow.Rule), r => r.Rule),
            new(nameof(PayoutLineRow.Kind), r => r.Kind),
            new(nameof(PayoutLineRow.AmountMinor), r => r.AmountMinor),
            new(nameof(PayoutLineRow.Currency), r => r.Currency),
            new(nameof(PayoutLineRow.Provisional), r => r.Provisional),
            new(nameof(PayoutLineRow.Json), _ => ""),
        ], new Reporter(n => progress?.Report(new WorkProgress("write", cards + n, total))), ct);
        foreach (var old in await db.Runs.Where(r => r.PeriodId == p.Row.Id && r.IsCurrent).ToListAsync(ct))
            old.IsCurrent = false;
        run.IsCurrent = true;
        run.FinishedAt = db.Now;
        if ((review ? p.Row.MarkAdjusted("adjust", db.Now) : p.Row.MarkCalculated(db.Now)) is { } refused)
            return refused;
        ct.ThrowIfCancellationRequested();
        await db.SaveChangesAsync(ct);
        return new RunSummary(run, cards, lineCount, result.Results.Count(r => r.UnwaivedMissing > 0), notices);
    }
}
