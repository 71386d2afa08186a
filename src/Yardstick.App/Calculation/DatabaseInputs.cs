using Microsoft.EntityFrameworkCore;
using Yardstick.App.Evaluation;
using Yardstick.App.Organisations;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Lifecycle;
using Yardstick.Core.Ratings;
using Yardstick.Core.Requests;
using Yardstick.Core.Schemes;
using Yardstick.Data;

namespace Yardstick.App.Calculation;

/// <summary>
/// The loader from the system of record: everything a period reads, as <see cref="EvaluationInputs"/>. Two steps:
/// <see cref="LoadAsync"/> reads the stored inputs (actuals, waivers, people, teams, products, stages, salaries,
/// events, awards, the ledger before the period), then <see cref="DeriveAsync"/> adds the derived indicators: the
/// request response rate from the request log (scoring.md §8, with the automatic waiver of a quiet period) and
/// rating indicators from closed 360 campaigns (§7).
/// Who is evaluated: every person with an actual in the period, every employee with role <c>pm</c> active in the
/// period, and everyone the request log or a closed campaign gives a value.
/// </summary>
public sealed class DatabaseInputs
{
    private readonly Dictionary<string, decimal?[]> _actuals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<int, string>> _waivers = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _people = new(StringComparer.Ordinal);

    private DatabaseInputs(PeriodScheme period, IReadOnlyList<Core.Scoring.ScorecardCalculator> calculators) =>
        (Period, Calculators, Space) = (period, calculators, IndicatorSpace.Of(period.Document, period.Schemes));

    /// <summary>An employee with role <c>pm</c> active in [<paramref name="first"/>, <paramref name="last"/>] is evaluated whether or not they have an actual.</summary>
    internal static bool IsEvaluatedPm(Employee e, DateOnly first, DateOnly last) =>
        e.Role == "pm" && (e.ActiveFrom is null || e.ActiveFrom <= last) && (e.ActiveTo is null || e.ActiveTo >= first);

    public PeriodScheme Period { get; }

    private IReadOnlyList<Core.Scoring.ScorecardCalculator> Calculators { get; }

    private IndicatorSpace Space { get; }

    private Dictionary<string, Employee> _employees = [];
    private readonly Dictionary<string, decimal?[]> _teamActuals = new(StringComparer.Ordinal);
    private readonly Measures _measures = new();
    private Dictionary<string, TeamMember> _teamOf = [];
    private Dictionary<string, List<string>> _owned = [];
    private Dictionary<string, SalaryRecord> _salaries = [];
    private List<MilestoneEvent> _events = [];
    private IReadOnlyList<AwardNomination> _awards = [];
    private Dictionary<string, StageHistory> _stages = [];
    private bool _proRata;
    private Ledger _ledger = Ledger.Empty;

    /// <summary>Load, then derive: the period's whole input.</summary>
    public static async Task<Result<EvaluationInputs>> ReadAsync(YardstickDb db, PeriodScheme period, CancellationToken ct)
    {
        var calculators = EvaluationInputs.CalculatorsFor(period.Schemes, period.Period);
        if (!calculators.IsSuccess)
            return Result<EvaluationInputs>.Fail(calculators.Problems);
        var inputs = new DatabaseInputs(period, calculators.Value);
        var loaded = await inputs.LoadAsync(db, ct);
        if (!loaded.IsSuccess)
            return Result<EvaluationInputs>.Fail(loaded.Problems);
        var derived = await inputs.DeriveAsync(db, ct);
        if (!derived.IsSuccess)
            return Result<EvaluationInputs>.Fail(derived.Problems);
        var (adjustments, grades) = await ReadReviewAsync(db, period.Row.Id, ct);
        var built = inputs.Build();
        return !built.IsSuccess || (adjustments.Count == 0 && grades.Count == 0) ? built : built.Value.WithAdjustments(adjustments, grades);
    }

    /// <summary>Reads the stored inputs of the period.</summary>
    private async Task<Result<bool>> LoadAsync(YardstickDb db, CancellationToken ct)
    {
        var p = Period;
        var (first, last) = (p.Period.FirstDay, p.Period.LastDay);
        var count = Space.Count;
        _employees = await db.Employees.AsNoTracking().ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, ct);
        foreach (var e in _employees.Values)
            if (IsEvaluatedPm(e, first, last))
                _people.Add(e.Id);

        // streamed: a million rows are read one at a time from the provider's reader into the per-person arrays, never
        // held as a list nor materialised by EF
        await BulkRead.ReadAsync<Actual>(db, [nameof(Actual.ScopeKind), nameof(Actual.ScopeId), nameof(Actual.Indicator), nameof(Actual.Value)], nameof(Actual.PeriodId), p.Row.Id, r =>
        {
            var (kind, scope, indicator, value) = (r.GetString(0), r.GetString(1), r.GetString(2), Decimals.Canonical(r.GetDecimal(3)));
            var i = Space.IndexOf(indicator);
            if (kind == ScopeKinds.Person && i >= 0)
            {
                _people.Add(scope);
                Values(_actuals, scope, count)[i] = value;
            }
            else if (kind == ScopeKinds.Team && i >= 0)
            {
                Values(_teamActuals, scope, count)[i] = value;
            }
            else
            {
                _measures.Set(kind switch { ScopeKinds.Team => MeasureScope.Team, ScopeKinds.Product => MeasureScope.Product, _ => MeasureScope.Person }, scope, indicator, value);
            }
        }, ct);

        foreach (var w in await db.Waivers.AsNoTracking().Where(w => w.PeriodId == p.Row.Id).ToListAsync(ct))
            if (Space.IndexOf(w.Indicator) is var i and >= 0)
                Reasons(w.Person)[i] = w.Reason;
        _teamOf = (await db.TeamMembers.AsNoTracking().ToListAsync(ct)).GroupBy(m => m.EmployeeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(m => m.TeamId, StringComparer.Ordinal).First(), StringComparer.Ordinal);
        _owned = (await db.ProductOwners.AsNoTracking().Select(o => new { o.EmployeeId, o.ProductId }).ToListAsync(ct))
            .GroupBy(o => o.EmployeeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(o => o.ProductId).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        _salaries = (await db.Salaries.AsNoTracking().Where(s => s.EffectiveFrom <= last).ToListAsync(ct))
            .GroupBy(s => s.EmployeeId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(s => s.EffectiveFrom)!, StringComparer.Ordinal);
        _events = [.. (await db.MilestoneEvents.AsNoTracking().ToListAsync(ct))
            .OrderBy(e => e.Date).ThenBy(e => e.ProductId, StringComparer.Ordinal).ThenBy(e => e.Event, StringComparer.Ordinal)
            .Select(e => new MilestoneEvent(e.ProductId, e.Event, e.Date))];
        _awards = [.. (await db.Awards.AsNoTracking().Where(a => a.PeriodId == p.Row.Id).ToListAsync(ct))
            .OrderBy(a => a.Rule, StringComparer.Ordinal).ThenBy(a => a.Person, StringComparer.Ordinal).ThenBy(a => a.Id)
            .Select(a => new AwardNomination(a.Rule, a.Person, Decimals.Canonical(Money.FromMinor(a.AmountMinor)), a.EquityUnits is { } u ? Decimals.Canonical(u) : null, a.NominatedBy, a.ApprovedBy, a.Source))];
        _ledger = await LedgerBefore.ReadAsync(db, p, ct);
        if (p.IsBundle)
        {
            _proRata = (await ConfigureOrganisation.GetAsync(db, ct)).ProRata;
            var rows = await db.ProductStages.AsNoTracking().Where(s => s.From <= last).Select(s => new { s.ProductId, s.Stage, s.From }).ToListAsync(ct);
            var problems = new List<Problem>();
            foreach (var g in rows.GroupBy(r => r.ProductId, StringComparer.Ordinal))
            {
                var history = StageHistory.Create(g.Key, g.Select(r => new StageChange(r.Stage, r.From)));
                if (history.IsSuccess)
                    _stages[g.Key] = history.Value;
                else
                    problems.AddRange(history.Problems);
            }

            if (problems.Count > 0)
                return Result<bool>.Fail(problems);
        }

        return true;
    }

    /// <summary>The derived indicators: the request response rate and closed 360 campaigns.</summary>
    private async Task<Result<bool>> DeriveAsync(YardstickDb db, CancellationToken ct)
    {
        var p = Period;
        var count = Space.Count;
        var requestIndicators = Enumerable.Range(0, count).Where(i => Space.Indicators[i].Source == Source.Requests).ToList();
        if (requestIndicators.Count > 0)
        {
            var sla = await ConfigureOrganisation.LoadAsync(db, ct);
            var requests = (await Requests.RequestLog.ReadAsync(db, p.Period, sla, ct)).Select(Requests.RequestLog.Record);
            foreach (var (person, rate) in RequestRates.For(requests, p.Period, sla, _people))
            {
                _people.Add(person);
                foreach (var i in requestIndicators)
                {
                    if (rate.Rate is { } r)
                        Values(_actuals, person, count)[i] = r;
                    else if (!(_waivers.TryGetValue(person, out var w) && w.ContainsKey(i)))
                        Reasons(person)[i] = rate.WaiverReason!.En;
                }
            }
        }

        foreach (var i in Enumerable.Range(0, count).Where(i => Space.Indicators[i].Source == Source.Ratings))
        {
            var code = Space.Indicators[i].Code;
            var responses = await (from c in db.RatingCampaigns
                                   where c.PeriodId == p.Row.Id && c.Indicator == code && c.ClosedAt != null
                                   join rater in db.RatingRaters on c.Id equals rater.CampaignId
                                   join answer in db.RatingResponses on rater.Id equals answer.RaterId
                                   select new { rater.Ratee, rater.Rater, rater.RaterGroup, answer.Score, answer.Question }).ToListAsync(ct);
            foreach (var ratee in responses.GroupBy(r => r.Ratee, StringComparer.Ordinal))
            {
                var aggregate = RatingAggregation.Aggregate(
                    ratee.GroupBy(r => (r.Rater, r.RaterGroup)).OrderBy(g => g.Key.Rater, StringComparer.Ordinal)
                        .Select(g => new RatingResponse(g.Key.Rater, g.Key.RaterGroup, [.. g.OrderBy(x => x.Question).Select(x => x.Score)])),
                    Space.Indicators[i].RaterGroups);
                if (!aggregate.IsSuccess)
                    return Result<bool>.Fail([.. aggregate.Problems.Select(x => x.At(Location.Of(code)).Prefixed($"{code} 的 360 评价（被评价人 {ratee.Key}）：", $"rating campaign for {code}, ratee {ratee.Key}: "))]);
                if (aggregate.Value.Actual is { } actual)
                {
                    _people.Add(ratee.Key);
                    Values(_actuals, ratee.Key, count)[i] = actual;
                }
            }
        }

        return true;
    }

    private Result<EvaluationInputs> Build()
    {
        var productOf = ProductOf();
        if (!productOf.IsSuccess)
            return Result<EvaluationInputs>.Fail(productOf.Problems);
        if (CheckCurrencies() is { Count: > 0 } currencies)
            return Result<EvaluationInputs>.Fail(currencies);
        var info = _people.ToDictionary(id => id, id => new PersonInfo(
            id,
            _salaries.GetValueOrDefault(id) is { } s ? Decimals.Canonical(Money.FromMinor(s.AmountMinor)) : null,
            _employees.GetValueOrDefault(id)?.Name,
            _teamOf.GetValueOrDefault(id)?.TeamId,
            productOf.Value.GetValueOrDefault(id),
            _teamOf.GetValueOrDefault(id)?.Share is { } share ? Decimals.Canonical(share) : null), StringComparer.Ordinal);
        return new EvaluationInputs
        {
            Period = Period.Period,
            Document = Period.Document,
            Calculators = Calculators,
            Space = Space,
            People = [.. _people],
            Info = info,
            Actuals = _actuals,
            TeamActuals = _teamActuals,
            Waivers = _waivers.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<int, string>)kv.Value, StringComparer.Ordinal),
            Measures = _measures,
            Events = _events,
            Awards = _awards,
            Ledger = _ledger,
            Stages = _stages,
            ProRata = _proRata,
        };
    }

    /// <summary>
    /// The review adjustments (R3) stored for a period, by person, ordered by kind and indicator (a stable snapshot and
    /// fingerprint), and the final grades of calibration (R4, the rows of kind <c>grade</c>), by person.
    /// </summary>
    internal static async Task<(IReadOnlyDictionary<string, IReadOnlyList<PersonAdjustment>> Adjustments, IReadOnlyDictionary<string, FinalGrade> Grades)> ReadReviewAsync(YardstickDb db, int periodId, CancellationToken ct)
    {
        var all = await db.Adjustments.AsNoTracking().Where(a => a.PeriodId == periodId).ToListAsync(ct);
        var grades = all.Where(a => a.Kind == FinalGrade.Kind && a.Grade is not null)
            .ToDictionary(a => a.Person, a => new FinalGrade(a.Grade!, a.Author, a.Reason), StringComparer.Ordinal);
        var rows = all.Where(a => a.Kind != FinalGrade.Kind);
        var adjustments = rows.GroupBy(a => a.Person, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<PersonAdjustment>)[.. g.OrderBy(a => a.Kind, StringComparer.Ordinal).ThenBy(a => a.Indicator, StringComparer.Ordinal)
                .Select(a => new PersonAdjustment(PersonAdjustment.KindOf(a.Kind)!.Value, a.Indicator, a.Value, a.Author, a.Reason))],
            StringComparer.Ordinal);
        return (adjustments, grades);
    }

    /// <summary>
    /// The product of each person evaluated: the one product they own, whose milestones, excess shares and profit
    /// shares they split with its other owners and, under a lifecycle bundle, whose stage picks their scheme.
    /// A person owning several products is a problem naming them and the products (a run evaluates a PM once).
    /// </summary>
    private Result<Dictionary<string, string>> ProductOf()
    {
        var problems = new List<Problem>();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var person in _people)
        {
            if (!_owned.TryGetValue(person, out var products))
                continue;
            if (products.Count == 1)
            {
                result[person] = products[0];
                continue;
            }

            var list = string.Join(", ", products.Select(x => $"'{x}'"));
            problems.Add(Problem.Invalid(person,
                $"'{person}' 负责 {products.Count} 个产品（{list}）；一次周期评估中一个产品经理最多负责一个产品，请只保留其中一个产品的负责人身份",
                $"'{person}' owns {products.Count} products ({list}); a PM may own at most one product in a period's evaluation, so remove them from the owners of all but one",
                "person.several_products", person));
        }

        return problems.Count > 0 ? Result<Dictionary<string, string>>.Fail(problems) : result;
    }

    /// <summary>
    /// Every person evaluated whose base salary is in a currency other than the plan's: lines in different currencies are
    /// never mixed (scoring.md §4), so the salary is refused, naming the person; nothing to check without a plan.
    /// </summary>
    private List<Problem> CheckCurrencies()
    {
        var problems = new List<Problem>();
        if (Period.Schemes.All(s => s.Plan is null))
            return problems;
        var currency = Period.Currency;
        foreach (var person in _people)
        {
            if (_salaries.GetValueOrDefault(person) is not { } s || s.Currency == currency)
                continue;
            var (amount, from) = (TraceFormat.Money(Money.FromMinor(s.AmountMinor)), Files.Dates.Format(s.EffectiveFrom));
            problems.Add(Problem.Invalid(person,
                $"'{person}' 自 {from} 起的基本工资 {amount} 以 {s.Currency} 计，而 {Period.Row.Label} 的激励方案以 {currency} 发放；不同币种的金额不能混算，请导入以 {currency} 计的工资",
                $"the base salary of '{person}' from {from} ({amount}) is in {s.Currency}, but the plan of {Period.Row.Label} pays in {currency}; amounts in different currencies are never mixed, so import the salary in {currency}",
                "salary.currency", person));
        }

        return problems;
    }

    private Dictionary<int, string> Reasons(string person) =>
        _waivers.TryGetValue(person, out var d) ? d : _waivers[person] = [];

    private static decimal?[] Values(Dictionary<string, decimal?[]> map, string key, int count) =>
        map.TryGetValue(key, out var v) ? v : map[key] = new decimal?[count];
}
