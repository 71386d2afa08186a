using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Calculation;
using Yardstick.App.Evaluation;
using Yardstick.App.Files;
using Yardstick.App.Imports;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary>A <c>source: manual</c> indicator of the period's scheme as the grid shows it: code, names, unit and the accepted range (null: open).</summary>
public sealed record ManualIndicator(string Code, LocalizedText Name, string Unit, decimal? Min, decimal? Max);

/// <summary>One cell of the grid: the stored value (null: none yet), and who last entered or imported it, when, from which source.</summary>
public sealed record ManualCell(string Indicator, decimal? Value, string? Author, DateTimeOffset? At, string? Source);

/// <summary>A person of the grid with a cell per manual indicator, in the indicators' order.</summary>
public sealed record ManualRow(string Person, string Name, IReadOnlyList<ManualCell> Cells);

/// <summary>
/// The manual-entry grid of a period: its manual indicators and one row per person the user may enter for; <see cref="ReadOnly"/>
/// is why the period's state refuses entry now (null: entry is open).
/// </summary>
public sealed record ManualGrid(string Period, PeriodState State, LocalizedText? ReadOnly, IReadOnlyList<ManualIndicator> Indicators, IReadOnlyList<ManualRow> Rows)
{
    public bool MayEnter => ReadOnly is null;
}

/// <summary>
/// One value to store: a person's actual of a manual indicator as written (<c>4.5</c>; read as the actuals file reads a value);
/// null or blank clears the cell (the indicator is missing again).
/// </summary>
public sealed record ManualEntry(string Person, string Indicator, string? Value)
{
    /// <summary>An entry of a number (the API's JSON), written as the invariant culture writes it.</summary>
    public static ManualEntry Of(string person, string indicator, decimal? value) =>
        new(person, indicator, value?.ToString(CultureInfo.InvariantCulture));
}

/// <summary>What a save did, cell by cell, and the import record it is audited under.</summary>
public sealed record ManualSaved(string Period, int Added, int Changed, int Unchanged, int Removed, long Import);

/// <summary>
/// Entering <c>source: manual</c> indicators (review.md R2: admins for everyone evaluated in the period, a manager for their
/// reports, direct and indirect, never for themselves; while Draft, Collecting or Calculated). The grid lists who the
/// <see cref="Authorizer"/> lets the user enter for; a save is checked whole (every problem located at
/// <c>values[i].person</c>, <c>.indicator</c> or <c>.value</c>, values checked as the actuals file checks them,
/// <see cref="ActualValue"/>) and written all or nothing as an actuals import of scope <c>manual</c> (<see cref="ImportActuals.MergeAsync"/>):
/// merged cell by cell, audited naming the user, and a current run becomes stale as after any import.
/// </summary>
public sealed class ManualActuals(YardstickDb db, CurrentUser? user = null)
{
    /// <summary>The import scope manual entries are recorded under.</summary>
    public const string Scope = "manual";

    private readonly UserAccess _access = new(db, user);

    private static readonly LocalizedText Action = new("录入手工指标", "enter manual indicators");

    /// <summary>The grid of <paramref name="label"/>; Forbidden when the user may enter for nobody, NotFound when there is no such period.</summary>
    public async Task<Result<ManualGrid>> GridAsync(string label, CancellationToken ct = default)
    {
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return Result<ManualGrid>.Fail(loaded.Problems);
        var period = loaded.Value;
        var (people, anyone) = await PeopleAsync(period, ct);
        if (!anyone)
            return UserAccess.Forbidden(AccessAction.EnterManualActuals, period.Row);

        var indicators = Indicators(period);
        var codes = indicators.Select(i => i.Code).ToList();
        var periodId = period.Row.Id;
        var stored = (await db.Actuals.AsNoTracking()
                .Where(a => a.PeriodId == periodId && a.ScopeKind == ScopeKinds.Person && codes.Contains(a.Indicator))
                .Select(a => new { a.ScopeId, a.Indicator, a.Value, a.Author, a.RecordedAt, a.Source }).ToListAsync(ct))
            .ToDictionary(a => (a.ScopeId, a.Indicator));
        var rows = people.Select(p => new ManualRow(p.Key, p.Value, [.. indicators.Select(i => stored.TryGetValue((p.Key, i.Code), out var a)
            ? new ManualCell(i.Code, a.Value, a.Author, a.RecordedAt, a.Source)
            : new ManualCell(i.Code, null, null, null, null))])).ToList();
        var closed = period.CheckAcceptsData(Action.Zh, Action.En);
        return new ManualGrid(period.Row.Label, period.Row.State, closed?.Message, indicators, rows);
    }

    /// <summary>
    /// Stores <paramref name="entries"/>, all or nothing. In this order: a person the user may not enter for is answered as R2
    /// answers it (NotFound when not visible or not evaluated in the period, else Forbidden); the period's state (Conflict from
    /// InReview on); every bad entry (Invalid, located); then one merge.
    /// </summary>
    public async Task<Result<ManualSaved>> SaveAsync(string label, IReadOnlyList<ManualEntry> entries, CancellationToken ct = default)
    {
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return Result<ManualSaved>.Fail(loaded.Problems);
        var period = loaded.Value;
        var (people, anyone) = await PeopleAsync(period, ct);
        for (var i = 0; i < entries.Count; i++)
        {
            var person = entries[i].Person ?? "";
            if (people.ContainsKey(person))
                continue;
            var refused = await _access.CheckAsync(AccessAction.EnterManualActuals, person, period.Row, ct);
            if (refused is not { Kind: ProblemKind.Conflict })
                return (refused ?? Problem.NotFound("", $"{person} 不是本周期的考核对象", $"{person} is not evaluated in this period", "access.not_found"))
                    .At(Location.Of($"values[{i}].person"));
        }

        if (!anyone)
            return UserAccess.Forbidden(AccessAction.EnterManualActuals, period.Row);
        if (period.CheckAcceptsData(Action.Zh, Action.En) is { } closed)
            return closed;

        var space = IndicatorSpace.Of(period.Document, period.Schemes);
        var manual = Indicators(period);
        var problems = new List<Problem>();
        var cells = new List<ActualCell>(entries.Count);
        var seen = new Dictionary<(string, string), int>();
        for (var i = 0; i < entries.Count; i++)
        {
            var (person, code, value) = (entries[i].Person!, entries[i].Indicator ?? "", entries[i].Value);
            var at = Location.Of($"values[{i}].indicator");
            var n = space.IndexOf(code);
            if (n < 0)
            {
                var unknown = space.Unknown(code);
                problems.Add(Problem.Invalid(at, unknown.Zh, unknown.En));
                continue;
            }

            var indicator = space.Indicators[n];
            if (indicator.Source != Source.Manual)
            {
                var list = manual.Count == 0 ? null : string.Join(", ", manual.Select(m => m.Code));
                problems.Add(Problem.Invalid(at,
                    $"'{code}' 不是手工录入的指标（来源：{indicator.Source.ToString().ToLowerInvariant()}）；手工指标：{list ?? "无"}",
                    $"'{code}' is not entered by hand (source: {indicator.Source.ToString().ToLowerInvariant()}); manual indicators: {list ?? "none"}",
                    "manual.not_manual", code));
                continue;
            }

            if (seen.TryGetValue((person, code), out var first))
            {
                problems.Add(Problem.Invalid(at, $"{person} 的 {code} 重复：values[{first}] 和 values[{i}]；请保留一个", $"{person}'s {code} is given twice: values[{first}] and values[{i}]; keep one"));
                continue;
            }

            seen[(person, code)] = i;
            decimal? stored = null;
            if (!string.IsNullOrWhiteSpace(value))
            {
                // the check of every actual (the actuals file's): a number, unit, scale or range, size; the message names what is accepted
                if (ActualValue.TryParse(indicator, value, out var parsed) is { } bad)
                {
                    problems.Add(bad.At(Location.Of($"values[{i}].value")).Prefixed($"{person}：", $"{person}: "));
                    continue;
                }

                stored = parsed;
            }

            cells.Add(new ActualCell(ScopeKinds.Person, person, code, stored));
        }

        if (problems.Count > 0)
            return Result<ManualSaved>.Fail(problems);

        using var file = Entered(cells);
        var merged = await ImportActuals.MergeAsync(db, period.Row.Id, Scope, file, cells, replace: false, source: Scope, progress: null, ct);
        if (!merged.IsSuccess)
            return Result<ManualSaved>.Fail(merged.Problems);
        var m = merged.Value.Merge!;
        return new ManualSaved(period.Row.Label, m.Added, m.Changed, m.Unchanged, m.Removed, merged.Value.Import.Id);
    }

    /// <summary>The manual indicators of the period's schemes (a lifecycle bundle's, each code once), in the scheme's order.</summary>
    private static List<ManualIndicator> Indicators(PeriodScheme period) =>
        [.. IndicatorSpace.Of(period.Document, period.Schemes).Indicators.Where(i => i.Source == Source.Manual)
            .Select(i => new ManualIndicator(i.Code, i.Name, i.Unit.ToString().ToLowerInvariant(), i.EffectiveMin, i.EffectiveMax))];

    /// <summary>
    /// Whom the user may enter for in the period, whatever its state, by id with their names: the people evaluated in it (an
    /// employee with role pm active in its dates, or anyone with an actual in it) that the <see cref="Authorizer"/> allows;
    /// <c>Anyone</c> is false when R2 lets the user enter for nobody at all (neither an admin nor anyone's manager).
    /// </summary>
    private async Task<(SortedDictionary<string, string> People, bool Anyone)> PeopleAsync(PeriodScheme period, CancellationToken ct)
    {
        var access = await _access.PeopleAsync(AccessAction.EnterManualActuals, period.Row, ct, anyState: true);
        var (first, last, periodId) = (period.Period.FirstDay, period.Period.LastDay, period.Row.Id);
        var employees = await db.Employees.AsNoTracking().ToListAsync(ct);
        var withActuals = (await db.Actuals.Where(a => a.PeriodId == periodId && a.ScopeKind == ScopeKinds.Person).Select(a => a.ScopeId).Distinct().ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var people = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in employees.Where(e => (DatabaseInputs.IsEvaluatedPm(e, first, last) || withActuals.Contains(e.Id)) && access.Contains(e.Id)))
            people[e.Id] = e.Name;
        return (people, access.Everyone || access.People.Count > 0);
    }

    /// <summary>The entries as an actuals file (what the import record's hash stands for).</summary>
    private static InputFile Entered(IReadOnlyList<ActualCell> cells)
    {
        var text = new StringBuilder("person,indicator,value\n");
        foreach (var c in cells)
            text.Append(c.ScopeId).Append(',').Append(c.Indicator).Append(',').Append(c.Value is { } v ? Decimals.Canonical(v).ToString(CultureInfo.InvariantCulture) : "").Append('\n');
        return InputFile.FromStream(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), "manual-entry.csv");
    }
}
