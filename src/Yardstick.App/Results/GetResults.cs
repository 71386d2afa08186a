using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.App.Access;
using Yardstick.App.Calculation;
using Yardstick.App.Evaluation;
using Yardstick.App.Files;
using Yardstick.Data;

namespace Yardstick.App.Results;

/// <summary>One person's line of the current run, for tables and CSV.</summary>
public sealed record ResultLine(string Person, decimal Total, string? Grade, bool Complete, int Missing, decimal Pay, string Currency, int Provisional);

/// <summary>A period's current run read back: its stored inputs evaluated again, checked against the stored results.</summary>
public sealed record RunView(PeriodScheme Period, CalculationRun Run, EvaluationInputs Inputs, EvaluationResult Result);

/// <summary>
/// <c>results --period P</c>: the current run of the period. Its figures (totals, grades, pay per line) are stored; the
/// result objects, traces and statements are rendered from the run's stored inputs (<see cref="InputsSnapshot"/>) in
/// the language asked, by the same <see cref="Evaluator"/> that made them, and checked against the run's results hash,
/// so what is shown is exactly what was calculated. With a <see cref="RunCache"/> (the web host's), a run's lines and its
/// evaluation are read once per run, not per request.
/// </summary>
public sealed class GetResults(YardstickDb db, CurrentUser? user = null, RunCache? cache = null)
{
    private readonly UserAccess _access = new(db, user);

    /// <summary>The current run of <paramref name="label"/>, evaluated again from its stored inputs.</summary>
    public async Task<Result<RunView>> EvaluateAsync(string label, CancellationToken ct = default)
    {
        var loaded = await LoadAsync(label, ct);
        if (!loaded.IsSuccess)
            return Result<RunView>.Fail(loaded.Problems);
        var (p, run) = loaded.Value;
        var view = await EvaluateAsync(p, run, ct);
        return view.IsSuccess ? await VisibleAsync(view.Value, ct) : view;
    }

    /// <summary>The current run of <paramref name="label"/>, evaluated again from its stored inputs, every person (for a use case that makes a new run from it).</summary>
    internal async Task<Result<RunView>> EvaluateEveryoneAsync(string label, CancellationToken ct)
    {
        var loaded = await LoadAsync(label, ct);
        return loaded.IsSuccess ? await EvaluateAsync(loaded.Value.Period, loaded.Value.Run, ct) : Result<RunView>.Fail(loaded.Problems);
    }

    /// <summary>
    /// One person's result in the current run of <paramref name="label"/>, for <paramref name="action"/> (the scorecard, or
    /// the pay statement: <see cref="AccessAction.ViewPay"/>); NotFound when the run has none for them or the user may not see it.
    /// </summary>
    public async Task<Result<(RunView View, PersonResult Person)>> PersonAsync(string label, string person, AccessAction action = AccessAction.ViewScorecard, CancellationToken ct = default)
    {
        var period = await PeriodScheme.FindAsync(db, label, ct);
        if (!period.IsSuccess)
            return Result<(RunView, PersonResult)>.Fail(period.Problems);
        if (await _access.CheckAsync(action, person, period.Value, ct) is { } refused)
            return refused;
        var view = await EvaluateAsync(label, ct);
        if (!view.IsSuccess)
            return Result<(RunView, PersonResult)>.Fail(view.Problems);
        return view.Value.Result.For(person) is { } r
            ? (view.Value, r)
            : Problem.NotFound("person", $"{view.Value.Period.Row.Label} 的当前结果中没有 '{person}'", $"'{person}' has no result in the current run of {view.Value.Period.Row.Label}", "person.not_evaluated", person);
    }

    /// <summary>Writes the §10 JSON of the current run to <paramref name="output"/> in <paramref name="language"/>.</summary>
    public async Task<Result<CalculationRun>> WriteJsonAsync(string label, Stream output, Language language = Language.En, CancellationToken ct = default)
    {
        var loaded = await LoadAsync(label, ct);
        if (!loaded.IsSuccess)
            return Result<CalculationRun>.Fail(loaded.Problems);
        var (p, run) = loaded.Value;
        await using var w = new Utf8JsonWriter(output, ResultsJson.Indented);
        if (run.InputsFingerprint.Length == 0 && language == Language.En)
        {
            await WriteStoredAsync(w, p, run, ct);
            return run;
        }

        var view = await EvaluateAsync(p, run, ct);
        if (!view.IsSuccess)
            return Result<CalculationRun>.Fail(view.Problems);
        var visible = await VisibleAsync(view.Value, ct);
        if (!visible.IsSuccess)
            return Result<CalculationRun>.Fail(visible.Problems);
        ResultsJson.Write(w, visible.Value.Inputs, visible.Value.Result, language);
        await w.FlushAsync(ct);
        return run;
    }

    /// <summary>The current run's lines in person order (ordinal): total, grade, pay summed per currency.</summary>
    public async Task<Result<(CalculationRun Run, IReadOnlyList<ResultLine> Lines)>> LinesAsync(string label, CancellationToken ct = default)
    {
        var loaded = await LoadAsync(label, ct);
        if (!loaded.IsSuccess)
            return Result<(CalculationRun, IReadOnlyList<ResultLine>)>.Fail(loaded.Problems);
        var run = loaded.Value.Run;
        var people = await _access.PeopleAsync(AccessAction.ViewScorecard, loaded.Value.Period.Row, ct);
        var all = cache is null ? await ReadLinesAsync(run, ct) : await cache.LinesAsync(run, () => ReadLinesAsync(run, ct));
        IReadOnlyList<ResultLine> lines = people is { Everyone: true, Excluded.Count: 0 } ? all : [.. all.Where(l => people.Contains(l.Person))];
        return (run, lines);
    }

    /// <summary>Every line of a run in person order (ordinal).</summary>
    private async Task<IReadOnlyList<ResultLine>> ReadLinesAsync(CalculationRun run, CancellationToken ct)
    {
        var cards = await db.Scorecards.AsNoTracking().Where(s => s.RunId == run.Id).Select(s => new { s.Person, s.Total, s.Grade, s.Complete, s.Missing }).ToListAsync(ct);
        var pay = (await db.PayoutLines.AsNoTracking().Where(l => l.RunId == run.Id)
            .GroupBy(l => new { l.Person, l.Currency })
            .Select(g => new { g.Key.Person, g.Key.Currency, Minor = g.Sum(l => l.AmountMinor), Provisional = g.Count(l => l.Provisional) }).ToListAsync(ct))
            .GroupBy(x => x.Person, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return [.. cards.OrderBy(c => c.Person, StringComparer.Ordinal).Select(c =>
        {
            var p = pay.GetValueOrDefault(c.Person);
            return new ResultLine(c.Person, c.Total, c.Grade, c.Complete, c.Missing, Money.FromMinor(p?.Minor ?? 0), p?.Currency ?? "", p?.Provisional ?? 0);
        })];
    }

    /// <summary>
    /// The current run of <paramref name="label"/> when it is stale (review.md R6, <see cref="StaleRuns"/>), null when it is current;
    /// when the period's inputs can no longer be read, the run is stale and the loader's problems say why.
    /// </summary>
    public async Task<Result<StaleRun?>> StaleAsync(string label, CancellationToken ct = default)
    {
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        return loaded.IsSuccess ? await StaleRuns.CheckAsync(db, loaded.Value, ct) : Result<StaleRun?>.Fail(loaded.Problems);
    }

    /// <summary>
    /// A warning when the current run of <paramref name="label"/> is stale (<see cref="StaleAsync"/>), saying what changed (or why
    /// its inputs can no longer be read) and what the period's state allows doing about it; null when the run is current.
    /// </summary>
    public async Task<Problem?> StaleWarningAsync(string label, CancellationToken ct = default)
    {
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return null;
        var stale = await StaleRuns.CheckAsync(db, loaded.Value, ct);
        var what = stale.IsSuccess
            ? stale.Value?.Describe()
            : new LocalizedText($"{label} 的当前计算结果已过期：其输入已无法读取：{stale.Problems[0].Message.Zh}", $"the current run of {label} is stale: its inputs can no longer be read: {stale.Problems[0].Message.En}");
        if (what is null)
            return null;
        var (remedy, code) = StaleRuns.Remedy(loaded.Value.Row.State);
        return new Problem(ProblemKind.Conflict, Location.None, new($"{what.Zh}；{remedy.Zh}", $"{what.En}; {remedy.En}"), code, label);
    }

    /// <summary>
    /// CSV: <c>person,total,grade,complete,missing,pay,currency,provisional</c>, numbers invariant; the total as every
    /// screen shows it (truncated toward −∞ to 2 decimals: the full precision is in the JSON), pay to the fen.
    /// </summary>
    public static string Csv(IEnumerable<ResultLine> lines)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var csv = new CsvOutput(text);
        foreach (var name in (string[])["person", "total", "grade", "complete", "missing", "pay", "currency", "provisional"])
            csv.Field(name);
        csv.EndRow();
        foreach (var l in lines)
        {
            csv.Text(l.Person).Field(TraceFormat.ShowScore(l.Total)).Text(l.Grade).Bool(l.Complete).Number(l.Missing)
                .Number(l.Pay, "0.00").Text(l.Currency).Number(l.Provisional);
            csv.EndRow();
        }

        return text.ToString();
    }

    /// <summary>The period with its scheme and its current run (without its inputs, read only when needed).</summary>
    private async Task<Result<(PeriodScheme Period, CalculationRun Run)>> LoadAsync(string label, CancellationToken ct)
    {
        var loaded = await PeriodScheme.LoadAsync(db, label, ct, cache);
        if (!loaded.IsSuccess)
            return Result<(PeriodScheme, CalculationRun)>.Fail(loaded.Problems);
        var p = loaded.Value;
        var run = await db.Runs.AsNoTracking().Where(r => r.PeriodId == p.Row.Id && r.IsCurrent).Select(r => new CalculationRun
        {
            Id = r.Id, PeriodId = r.PeriodId, Number = r.Number, SchemeVersionId = r.SchemeVersionId, IsCurrent = r.IsCurrent, Actor = r.Actor,
            StartedAt = r.StartedAt, FinishedAt = r.FinishedAt, Scorecards = r.Scorecards, ResultsHash = r.ResultsHash,
            InputsFingerprint = r.InputsFingerprint, NoticesJson = r.NoticesJson,
        }).SingleOrDefaultAsync(ct);
        return run is null
            ? Problem.NotFound("period", $"周期 {p.Row.Label} 还没有结果；请先计算", $"period {p.Row.Label} has no results yet; calculate it first", "results.none", p.Row.Label)
            : (p, run);
    }

    private async Task<Result<RunView>> EvaluateAsync(PeriodScheme p, CalculationRun run, CancellationToken ct)
    {
        if (run.InputsFingerprint.Length == 0)
            return Problem.Conflict("period",
                $"{p.Row.Label} 的第 {run.Number} 次计算早于结果保存输入的版本，其明细只有英文存档；它的数字不变（表格、CSV、英文 JSON）；{Again(p.Row, "可用两种语言查看明细", "show them in both languages").Zh}",
                $"run {run.Number} of {p.Row.Label} was made before runs kept their inputs, so its traces exist in English only; its figures stand (table, CSV, English JSON); {Again(p.Row, "可用两种语言查看明细", "show them in both languages").En}",
                "run.legacy", p.Row.Label);
        var evaluated = cache is null ? await EvaluateStoredAsync(p, run, ct) : await cache.EvaluationAsync(run, () => EvaluateStoredAsync(p, run, ct));
        return evaluated.IsSuccess ? new RunView(p, run, evaluated.Value.Inputs, evaluated.Value.Result) : Result<RunView>.Fail(evaluated.Problems);
    }

    /// <summary>The run's stored inputs evaluated again, checked against its stored results digest.</summary>
    private async Task<Result<(EvaluationInputs Inputs, EvaluationResult Result)>> EvaluateStoredAsync(PeriodScheme p, CalculationRun run, CancellationToken ct)
    {
        var version = run.SchemeVersionId == p.Version.Id ? p : null;
        var schemes = version?.Schemes ?? PeriodScheme.Compile((await db.SchemeVersions.AsNoTracking().SingleAsync(v => v.Id == run.SchemeVersionId, ct)).Json, "scheme").Value.Schemes;
        var calculators = EvaluationInputs.CalculatorsFor(schemes, p.Period);
        if (!calculators.IsSuccess)
            return Result<(EvaluationInputs, EvaluationResult)>.Fail(calculators.Problems);
        var stored = await db.Runs.AsNoTracking().Where(r => r.Id == run.Id).Select(r => r.Inputs).SingleAsync(ct);
        var inputs = InputsSnapshot.Read(stored, p.Document, calculators.Value);
        var result = Evaluator.Evaluate(inputs);
        RunCalculation.GiveBackTemporaries(inputs.People.Count);
        // a run stores the digest of its results; one made before the digest existed, the hash of their JSON
        var same = result.IsSuccess && (ResultsJson.Digest(result.Value) == run.ResultsHash || ResultsJson.Hash(result.Value, inputs.IsBundle) == run.ResultsHash);
        if (!same)
            return Problem.Conflict("period",
                $"{p.Row.Label} 的第 {run.Number} 次计算用其保存的输入重新计算后与保存的结果不一致（计算引擎已更新）；它的数字不变（表格、CSV）；{Again(p.Row, "查看明细", "show its traces").Zh}",
                $"run {run.Number} of {p.Row.Label} no longer evaluates to its stored results from its stored inputs (the engine changed since); its figures stand (table, CSV); {Again(p.Row, "查看明细", "show its traces").En}",
                "run.changed", p.Row.Label);
        return (inputs, result.Value);
    }

    /// <summary>
    /// "calculate again to show its traces", as the period's state allows: after reopening it while InReview; from Approved on it
    /// can no longer be calculated, and the message says so instead.
    /// </summary>
    private static LocalizedText Again(ReviewPeriod row, string whatZh, string whatEn) => row.State switch
    {
        PeriodState.Draft or PeriodState.Collecting or PeriodState.Calculated => new($"重新计算后{whatZh}", $"calculate again to {whatEn}"),
        PeriodState.InReview => new($"重新开放周期并重新计算后{whatZh}", $"reopen the period and calculate again to {whatEn}"),
        PeriodState.Approved or PeriodState.Published or PeriodState.Locked =>
            new($"周期处于 {row.State} 状态，已不能重新计算", $"the period is {row.State} and can no longer be calculated again"),
    };

    /// <summary>The people of the run the user may see (review.md R2: a list holds only what the user may see); the run's notices only for those who see everyone.</summary>
    private async Task<Result<RunView>> VisibleAsync(RunView view, CancellationToken ct)
    {
        var people = await _access.PeopleAsync(AccessAction.ViewScorecard, view.Period.Row, ct);
        if (people is { Everyone: true, Excluded.Count: 0 })
            return view;
        var results = view.Result.Results.Where(r => people.Contains(r.Person)).ToList();
        return view with { Result = view.Result with { Results = results, Notices = [] } };
    }

    /// <summary>A run made before runs kept their inputs: its stored English result objects inside the envelope.</summary>
    private async Task WriteStoredAsync(Utf8JsonWriter w, PeriodScheme p, CalculationRun run, CancellationToken ct)
    {
        ResultsJson.WriteStart(w, p.Document.Id, p.IsBundle ? null : p.Scheme.Scheme.Version, p.Period, p.Currency);
        await foreach (var json in db.Scorecards.AsNoTracking().Where(s => s.RunId == run.Id).OrderBy(s => s.Person).Select(s => s.Json).AsAsyncEnumerable().WithCancellation(ct))
        {
            w.WriteRawValue(json, skipInputValidation: true);
            if (w.BytesPending > 1 << 16)
                await w.FlushAsync(ct);
        }

        using var notices = JsonDocument.Parse(run.NoticesJson);
        ResultsJson.WriteEnd(w, [.. notices.RootElement.EnumerateArray().Select(n => new Notice(n.GetProperty("en").GetString()!, n.GetProperty("zh").GetString()!))], Language.En);
        await w.FlushAsync(ct);
    }
}
