using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Organisations;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Lifecycle;
using Yardstick.Core.Ratings;
using Yardstick.Core.Requests;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using Yardstick.Data;

namespace Yardstick.App.Calculation;

/// <summary>What a run produced.</summary>
public sealed record RunSummary(CalculationRun Run, int Scorecards, int PayoutLines, int Incomplete, IReadOnlyList<string> Notices);

/// <summary>
/// <c>calc --period P</c>: reads everything of the period, evaluates every person with the Core engine
/// (scorecards, then the payout engine once for everyone), and stores the results as a new run in one
/// transaction; the new run becomes current only at its commit, so a cancellation or a crash leaves the
/// previous run current. The request response rate comes from the request log (scoring.md §8), rating
/// indicators from closed 360 campaigns (§7). Persons are evaluated in ordinal id order, so the same inputs
/// give byte-identical results (<see cref="CalculationRun.ResultsHash"/>).
/// Who is evaluated: every person with an actual in the period, plus every employee with role <c>pm</c>
/// active in the period.
/// </summary>
public sealed class RunCalculation(YardstickDb db)
{
    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public async Task<Result<RunSummary>> RunAsync(string label, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return Result<RunSummary>.Fail(loaded.Problems);
        var p = loaded.Value;
        if (p.Row.CheckCalculate() is { } refused)
            return Result<RunSummary>.Fail([refused]);
        var started = db.Now;
        var space = IndicatorSpace.Of(p.Schemes);
        var calculators = new ScorecardCalculator[p.Schemes.Count];
        for (var s = 0; s < calculators.Length; s++)
        {
            var calculator = ScorecardCalculator.Create(p.Schemes[s], p.Period);
            if (!calculator.IsSuccess)
                return Result<RunSummary>.Fail(calculator.Problems);
            calculators[s] = calculator.Value;
        }

        var (first, last) = (p.Period.FirstDay, p.Period.LastDay);
        progress?.Report(new WorkProgress("read", 0, 0));

        // inputs
        var actuals = await db.Actuals.AsNoTracking().Where(a => a.PeriodId == p.Row.Id)
            .Select(a => new { a.ScopeKind, a.ScopeId, a.Indicator, a.Value }).ToListAsync(ct);
        var employees = await db.Employees.AsNoTracking().ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, ct);
        var people = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in employees.Values)
            if (e.Role == "pm" && (e.ActiveFrom is null || e.ActiveFrom <= last) && (e.ActiveTo is null || e.ActiveTo >= first))
                people.Add(e.Id);
        var count = space.Count;
        var own = new Dictionary<string, decimal?[]>(StringComparer.Ordinal);
        var teamActuals = new Dictionary<string, decimal?[]>(StringComparer.Ordinal);
        var measures = new Measures();
        foreach (var a in actuals)
        {
            var i = space.IndexOf(a.Indicator);
            if (a.ScopeKind == ScopeKinds.Person && i >= 0)
            {
                people.Add(a.ScopeId);
                (own.TryGetValue(a.ScopeId, out var v) ? v : own[a.ScopeId] = new decimal?[count])[i] = a.Value;
            }
            else if (a.ScopeKind == ScopeKinds.Team && i >= 0)
            {
                (teamActuals.TryGetValue(a.ScopeId, out var v) ? v : teamActuals[a.ScopeId] = new decimal?[count])[i] = a.Value;
            }
            else
            {
                measures.Set(a.ScopeKind switch { ScopeKinds.Team => MeasureScope.Team, ScopeKinds.Product => MeasureScope.Product, _ => MeasureScope.Person }, a.ScopeId, a.Indicator, a.Value);
            }
        }

        var waivers = await db.Waivers.AsNoTracking().Where(w => w.PeriodId == p.Row.Id).ToListAsync(ct);
        var waived = waivers.GroupBy(w => w.Person, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Where(w => space.IndexOf(w.Indicator) >= 0).ToDictionary(w => space.IndexOf(w.Indicator), w => w.Reason), StringComparer.Ordinal);
        var teamOf = (await db.TeamMembers.AsNoTracking().ToListAsync(ct)).GroupBy(m => m.EmployeeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(m => m.TeamId, StringComparer.Ordinal).First(), StringComparer.Ordinal);
        var owned = (await db.ProductOwners.AsNoTracking().Select(o => new { o.EmployeeId, o.ProductId }).ToListAsync(ct))
            .GroupBy(o => o.EmployeeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(o => o.ProductId).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var salaries = (await db.Salaries.AsNoTracking().Where(s => s.EffectiveFrom <= last).ToListAsync(ct))
            .GroupBy(s => s.EmployeeId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(s => s.EffectiveFrom)!, StringComparer.Ordinal);

        // derived indicators
        var derived = new Dictionary<string, Dictionary<int, decimal>>(StringComparer.Ordinal);
        var autoWaivers = new Dictionary<string, Dictionary<int, string>>(StringComparer.Ordinal);
        var requestIndicators = Enumerable.Range(0, count).Where(i => space.Indicators[i].Source == Source.Requests).ToList();
        if (requestIndicators.Count > 0)
        {
            var sla = await ConfigureOrganisation.LoadAsync(db, ct);
            var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - sla.SolutionLimit - TimeSpan.FromDays(1);
            var to = new DateTimeOffset(last.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + TimeSpan.FromDays(2);
            // SQLite cannot compare DateTimeOffset in SQL: there the window is applied here
            var query = db.Requests.AsNoTracking();
            if (db.Provider == DatabaseProvider.Postgres)
                query = query.Where(r => r.CreatedAt >= from && r.CreatedAt <= to);
            var requests = (await query.ToListAsync(ct)).Where(r => r.CreatedAt >= from && r.CreatedAt <= to)
                .GroupBy(r => r.ExternalId, StringComparer.Ordinal).Select(g => g.MaxBy(r => r.ImportId)!) // the latest import's version of a request
                .Select(r => new RequestRecord(r.ExternalId, r.Person, r.CreatedAt, r.FirstResponseAt, r.SolutionAt));
            foreach (var (person, rate) in RequestRates.For(requests, p.Period, sla, people))
            {
                people.Add(person);
                foreach (var i in requestIndicators)
                {
                    if (rate.Rate is { } r)
                        Get(derived, person)[i] = r;
                    else
                        Get(autoWaivers, person)[i] = rate.WaiverReason!.En;
                }
            }
        }

        var ratingIndicators = Enumerable.Range(0, count).Where(i => space.Indicators[i].Source == Source.Ratings).ToList();
        foreach (var i in ratingIndicators)
        {
            var code = space.Indicators[i].Code;
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
                    space.Indicators[i].RaterGroups);
                if (!aggregate.IsSuccess)
                    return Result<RunSummary>.Fail([.. aggregate.Problems.Select(x => new Problem($"rating campaign for {code}, ratee {ratee.Key}", x.Message.En))]);
                if (aggregate.Value.Actual is { } actual)
                {
                    people.Add(ratee.Key);
                    Get(derived, ratee.Key)[i] = actual;
                }
            }
        }

        // each person's product: the one they own (several owners share a product; a PM owns at most one)
        var productOf = ProductOf(people, owned);
        if (!productOf.IsSuccess)
            return Result<RunSummary>.Fail(productOf.Problems);

        // under a lifecycle bundle: each person's stage scheme
        Dictionary<string, StageAssignment>? stages = null;
        if (p.IsBundle)
        {
            var assigned = await AssignStagesAsync(p, people, productOf.Value, ct);
            if (!assigned.IsSuccess)
                return Result<RunSummary>.Fail(assigned.Problems);
            stages = assigned.Value;
        }

        // scorecards
        var cards = new List<PersonCard>(people.Count);
        var done = 0;
        foreach (var person in people)
        {
            ct.ThrowIfCancellationRequested();
            var values = own.TryGetValue(person, out var v) ? (decimal?[])v.Clone() : new decimal?[count];
            var team = teamOf.GetValueOrDefault(person)?.TeamId is { } t ? teamActuals.GetValueOrDefault(t) : null;
            for (var i = 0; i < count; i++)
                if (values[i] is null && team is not null && space.Indicators[i].Scope == Scope.Team)
                    values[i] = team[i];
            if (derived.TryGetValue(person, out var d))
                foreach (var (i, value) in d)
                    values[i] = value;
            Dictionary<int, string>? w = null;
            if (autoWaivers.TryGetValue(person, out var auto))
                w = new Dictionary<int, string>(auto);
            if (waived.TryGetValue(person, out var explicitWaivers))
                foreach (var (i, reason) in explicitWaivers)
                    (w ??= [])[i] = reason;
            var card = Evaluate(p, calculators, space, person, values, w, stages?.GetValueOrDefault(person));
            if (!card.IsSuccess)
                return Result<RunSummary>.Fail(card.Problems);
            cards.Add(card.Value);
            if (++done % 1000 == 0)
                progress?.Report(new WorkProgress("evaluate", done, people.Count));
        }

        progress?.Report(new WorkProgress("evaluate", done, people.Count));

        // pay
        PayoutResult? pay = null;
        var ledger = await LedgerBeforeAsync(p, ct);
        if (p.Schemes.Any(s => s.Plan is not null))
        {
            var info = people.ToDictionary(id => id, id => new PersonInfo(
                id,
                salaries.GetValueOrDefault(id) is { } s ? s.AmountMinor / 100m : null,
                employees.GetValueOrDefault(id)?.Name,
                teamOf.GetValueOrDefault(id)?.TeamId,
                productOf.Value.GetValueOrDefault(id),
                teamOf.GetValueOrDefault(id)?.Share), StringComparer.Ordinal);
            var events = (await db.MilestoneEvents.AsNoTracking().ToListAsync(ct))
                .OrderBy(e => e.Date).ThenBy(e => e.ProductId, StringComparer.Ordinal).ThenBy(e => e.Event, StringComparer.Ordinal)
                .Select(e => new MilestoneEvent(e.ProductId, e.Event, e.Date)).ToList();
            pay = Pay(p, space, cards, new PayoutInput(info, measures, events, await AwardsAsync(p.Row.Id, ct), ledger, teamActuals));
            if (pay.Problems.Count > 0)
                return Result<RunSummary>.Fail(pay.Problems);
            ledger = pay.Ledger;
        }

        // results as the §10 JSON, one object per person
        var rows = new List<ScorecardRow>(cards.Count);
        var lines = new List<PayoutLineRow>();
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var personCard in cards)
        {
            ct.ThrowIfCancellationRequested();
            var card = personCard.Card;
            var personLines = pay?.For(card.Person) ?? [];
            var careers = pay?.Careers.GetValueOrDefault(card.Person) ?? [];
            buffer.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(buffer, Json))
            {
                ResultJson.WriteResult(w, card, new ResultJson.ResultJsonExtras(
                    Total: personCard.ProRata?.Total,
                    Grade: personCard.Grade,
                    Fields: p.IsBundle ? fw => StageFields(fw, personCard) : null,
                    Payouts: pw => PayoutJson.Payouts(pw, personLines, Language.En),
                    After: aw => PayoutJson.Careers(aw, careers, Language.En)));
            }

            hash.AppendData(buffer.WrittenSpan);
            var unwaivedMissing = card.Indicators.Count(x => x.Missing && !x.Waived);
            rows.Add(new ScorecardRow { Person = card.Person, Total = personCard.Total, Grade = personCard.Grade, Scheme = card.Scheme.Scheme.Id, Complete = card.Complete, Missing = unwaivedMissing, Json = Encoding.UTF8.GetString(buffer.WrittenSpan) });
            for (var k = 0; k < personLines.Count; k++)
            {
                var l = personLines[k];
                buffer.ResetWrittenCount();
                using (var w = new Utf8JsonWriter(buffer, Json))
                    PayoutJson.PayoutObject(w, l, Language.En);
                lines.Add(new PayoutLineRow
                {
                    Person = card.Person,
                    Position = k,
                    Rule = l.Rule,
                    Kind = JsonNames.Kind(l.Kind),
                    AmountMinor = (long)(Money.RoundAmount(l.Amount.Amount) * 100),
                    Currency = l.Currency,
                    Provisional = l.Provisional,
                    Json = Encoding.UTF8.GetString(buffer.WrittenSpan),
                });
            }
        }

        var notices = pay?.Notices ?? [];
        var noticesJson = JsonSerializer.Serialize(notices.Select(n => new { en = n.En, zh = n.Zh }), new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        // write: one transaction; the run becomes current at the end
        await using var tx = await db.Database.BeginTransactionAsync(ct);
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
            Scorecards = rows.Count,
            ResultsHash = Convert.ToHexStringLower(hash.GetHashAndReset()),
            LedgerJson = ledger.Write(),
            NoticesJson = noticesJson,
        }).Entity;
        await db.SaveChangesAsync(ct);
        var runId = run.Id;
        var total = rows.Count + lines.Count;
        await BulkInsert.WriteAsync<ScorecardRow, ScorecardRow>(db, rows,
        [
            new(nameof(ScorecardRow.RunId), _ => runId),
            new(nameof(ScorecardRow.Person), r => r.Person),
            new(nameof(ScorecardRow.Total), r => r.Total),
            new(nameof(ScorecardRow.Grade), r => r.Grade),
            new(nameof(ScorecardRow.Scheme), r => r.Scheme),
            new(nameof(ScorecardRow.Complete), r => r.Complete),
            new(nameof(ScorecardRow.Missing), r => r.Missing),
            new(nameof(ScorecardRow.Json), r => r.Json),
        ], new Reporter(n => progress?.Report(new WorkProgress("write", n, total))), ct);
        await BulkInsert.WriteAsync<PayoutLineRow, PayoutLineRow>(db, lines,
        [
            new(nameof(PayoutLineRow.RunId), _ => runId),
            new(nameof(PayoutLineRow.Person), r => r.Person),
            new(nameof(PayoutLineRow.Position), r => r.Position),
            new(nameof(PayoutLineRow.Rule), r => r.Rule),
            new(nameof(PayoutLineRow.Kind), r => r.Kind),
            new(nameof(PayoutLineRow.AmountMinor), r => r.AmountMinor),
            new(nameof(PayoutLineRow.Currency), r => r.Currency),
            new(nameof(PayoutLineRow.Provisional), r => r.Provisional),
            new(nameof(PayoutLineRow.Json), r => r.Json),
        ], new Reporter(n => progress?.Report(new WorkProgress("write", rows.Count + n, total))), ct);
        foreach (var old in await db.Runs.Where(r => r.PeriodId == p.Row.Id && r.IsCurrent).ToListAsync(ct))
            old.IsCurrent = false;
        run.IsCurrent = true;
        run.FinishedAt = db.Now;
        p.Row.MarkCalculated(db.Now);
        ct.ThrowIfCancellationRequested();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RunSummary(run, rows.Count, lines.Count, rows.Count(r => r.Missing > 0), [.. notices.Select(n => n.En)]);
    }

    /// <summary>
    /// The ledger this run starts from, rebuilt from the current runs of the other periods (never from this
    /// period's own runs, so a re-run neither pays its milestone twice nor loses it): the milestones and profit
    /// shares each of those runs paid itself (a payout line of the rule, and the ledger entry it wrote for its own
    /// period or year, which names the product), every baseline they recorded, and the grades of the periods that
    /// end before this one (for career tracks), oldest first.
    /// </summary>
    private async Task<Ledger> LedgerBeforeAsync(PeriodScheme p, CancellationToken ct)
    {
        var runs = await (from r in db.Runs.AsNoTracking()
                          where r.IsCurrent && r.PeriodId != p.Row.Id
                          join period in db.Periods.AsNoTracking() on r.PeriodId equals period.Id
                          select new { r.Id, period.Label, r.LedgerJson }).ToListAsync(ct);
        if (runs.Count == 0)
            return Ledger.Empty;
        var ids = runs.Select(r => r.Id).ToList();
        var (milestone, profitShare) = (JsonNames.Kind(PayoutKind.Milestone), JsonNames.Kind(PayoutKind.ProfitShare));
        var paid = (await db.PayoutLines.AsNoTracking().Where(l => ids.Contains(l.RunId) && (l.Kind == milestone || l.Kind == profitShare))
                .Select(l => new { l.RunId, l.Kind, l.Rule }).Distinct().ToListAsync(ct))
            .Select(l => (l.RunId, l.Kind, l.Rule)).ToHashSet();
        var milestones = new List<MilestonePayment>();
        var shares = new List<ProfitSharePayment>();
        var baselines = new Dictionary<string, ProfitBaseline>(StringComparer.Ordinal);
        foreach (var run in runs.OrderBy(r => r.Label, StringComparer.Ordinal))
        {
            if (run.LedgerJson.Length == 0)
                continue;
            var stored = Ledger.Parse(run.LedgerJson, $"ledger of run {run.Id}").Value;
            var period = Period.Parse(run.Label).Value;
            milestones.AddRange(stored.Milestones.Where(m => m.Period == run.Label && paid.Contains((run.Id, milestone, m.Rule))));
            if (period.Kind == PeriodKind.Year)
                shares.AddRange(stored.ProfitShares.Where(s => s.Year == period.Year && paid.Contains((run.Id, profitShare, s.Rule))));
            foreach (var b in stored.Baselines)
                baselines.TryAdd(b.Product, b);
        }

        var earlier = runs.Select(r => (r.Id, Period: Period.Parse(r.Label).Value))
            .Where(r => r.Period.LastDay < p.Period.LastDay || (r.Period.LastDay == p.Period.LastDay && r.Period.Kind < p.Period.Kind))
            .ToDictionary(r => r.Id, r => r.Period);
        var earlierIds = earlier.Keys.ToList();
        var grades = (await db.Scorecards.AsNoTracking().Where(s => earlierIds.Contains(s.RunId) && s.Grade != null)
                .Select(s => new { s.RunId, s.Person, s.Grade }).ToListAsync(ct))
            .GroupBy(s => s.Person, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<GradeRecord>)[.. g.Select(s => (Period: earlier[s.RunId], s.Grade))
                    .OrderBy(s => s.Period.LastDay).ThenBy(s => s.Period.Kind).Select(s => new GradeRecord(s.Period.ToString(), s.Grade!))],
                StringComparer.Ordinal);
        return new Ledger(milestones, shares, [.. baselines.Values], grades);
    }

    /// <summary>
    /// The product of each person evaluated: the one product they own, whose milestones, excess shares and profit
    /// shares they split with its other owners and, under a lifecycle bundle, whose stage picks their scheme.
    /// A person owning several products is a problem naming them and the products (a run evaluates a PM once).
    /// </summary>
    private static Result<Dictionary<string, string>> ProductOf(IEnumerable<string> people, IReadOnlyDictionary<string, List<string>> owned)
    {
        var problems = new List<Problem>();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            if (!owned.TryGetValue(person, out var products))
                continue;
            if (products.Count == 1)
                result[person] = products[0];
            else
                problems.Add(new Problem(person, $"'{person}' owns {products.Count} products ({string.Join(", ", products.Select(x => $"'{x}'"))}); a PM may own at most one product in a period's evaluation, so remove them from the owners of all but one (yardstick import products FILE)"));
        }

        return problems.Count > 0 ? Result<Dictionary<string, string>>.Fail(problems) : result;
    }

    /// <summary>The period's award nominations (import awards), in a stable order; the engine pays the approved ones.</summary>
    private async Task<IReadOnlyList<AwardNomination>> AwardsAsync(int periodId, CancellationToken ct) =>
        [.. (await db.Awards.AsNoTracking().Where(a => a.PeriodId == periodId).ToListAsync(ct))
            .OrderBy(a => a.Rule, StringComparer.Ordinal).ThenBy(a => a.Person, StringComparer.Ordinal).ThenBy(a => a.Id)
            .Select(a => new AwardNomination(a.Rule, a.Person, a.AmountMinor / 100m, a.EquityUnits, a.NominatedBy, a.ApprovedBy, a.Source))];

    /// <summary>Each person's stage scheme under a lifecycle bundle (scoring.md §6), from the stage history of the product they own.</summary>
    private async Task<Result<Dictionary<string, StageAssignment>>> AssignStagesAsync(PeriodScheme p, IEnumerable<string> people, IReadOnlyDictionary<string, string> productOf, CancellationToken ct)
    {
        var proRata = (await ConfigureOrganisation.GetAsync(db, ct)).ProRata;
        var last = p.Period.LastDay;
        var rows = await db.ProductStages.AsNoTracking().Where(s => s.From <= last).Select(s => new { s.ProductId, s.Stage, s.From }).ToListAsync(ct);
        var stages = new Dictionary<string, StageHistory>(StringComparer.Ordinal);
        var problems = new List<Problem>();
        foreach (var g in rows.GroupBy(r => r.ProductId, StringComparer.Ordinal))
        {
            var history = StageHistory.Create(g.Key, g.Select(r => new StageChange(r.Stage, r.From)));
            if (history.IsSuccess)
                stages[g.Key] = history.Value;
            else
                problems.AddRange(history.Problems);
        }

        return problems.Count > 0
            ? Result<Dictionary<string, StageAssignment>>.Fail(problems)
            : StageAssignment.Assign(p.Document, p.Schemes, p.Period, proRata, people, productOf, stages);
    }

    /// <summary>
    /// A person's scorecard: under the period's scheme, or under a bundle the stage scheme of their product on
    /// the last day, with pro rata each stage's scorecard and the day-weighted total (Core's ProRata.Combine).
    /// </summary>
    private static Result<PersonCard> Evaluate(PeriodScheme p, ScorecardCalculator[] calculators, IndicatorSpace space, string person, decimal?[] values, Dictionary<int, string>? waived, StageAssignment? stage)
    {
        Result<ScorecardResult> Under(int s)
        {
            var card = calculators[s].Evaluate(new ScorecardInput(person, space.ValuesFor(s, values), space.WaiversFor(s, waived)));
            return card.IsSuccess
                ? card
                : Result<ScorecardResult>.Fail([.. card.Problems.Select(x => new Problem(person, p.IsBundle ? $"{p.Schemes[s].Scheme.Id}: {x}" : x.ToString()))]);
        }

        var scheme = stage?.Scheme ?? 0;
        var main = Under(scheme);
        if (!main.IsSuccess)
            return Result<PersonCard>.Fail(main.Problems);
        if (stage is not { Weighted: true })
            return new PersonCard(main.Value, scheme, null);
        var parts = new List<(ScorecardResult, int)>(stage.Parts.Count);
        foreach (var (s, days) in stage.Parts)
        {
            var part = s == scheme ? main : Under(s);
            if (!part.IsSuccess)
                return Result<PersonCard>.Fail(part.Problems);
            parts.Add((part.Value, days));
        }

        var combined = ProRata.Combine(parts, calculators[scheme]);
        return new PersonCard(main.Value, scheme, new ProRataTotal(parts, combined.Total, combined.Grade, combined.TraceEn));
    }

    /// <summary>
    /// The payout engine once per scheme with a plan, for the people that scheme evaluated (everyone unless the
    /// period is a lifecycle bundle), threading the ledger from one scheme to the next; a pro-rata grade replaces
    /// the scorecard's in the ledger and career tracks.
    /// </summary>
    private static PayoutResult Pay(PeriodScheme p, IndicatorSpace space, List<PersonCard> cards, PayoutInput input)
    {
        return PayoutCalculator.RunEach(p.Period, input.Ledger, Runs());

        // one payout run per stage scheme (a single one outside a bundle), each with its own people
        IEnumerable<(CompiledPlan, IReadOnlyList<ScorecardResult>, PayoutInput)> Runs()
        {
            for (var s = 0; s < p.Schemes.Count; s++)
            {
                if (p.Schemes[s].Plan is not { } plan)
                    continue;
                var group = cards.Where(c => c.Scheme == s).ToList();
                if (group.Count == 0)
                    continue;
                var members = group.Select(c => c.Card.Person).ToHashSet(StringComparer.Ordinal);
                var proRata = group.Where(c => c.ProRata is not null).ToDictionary(c => c.Card.Person, c => c.Grade, StringComparer.Ordinal);
                yield return (plan, [.. group.Select(c => c.Card)], input with
                {
                    People = p.IsBundle ? input.People.Where(kv => members.Contains(kv.Key)).ToDictionary(StringComparer.Ordinal) : input.People,
                    Awards = p.IsBundle ? [.. input.Awards.Where(a => members.Contains(a.Person))] : input.Awards,
                    TeamActuals = p.IsBundle ? input.TeamActuals?.ToDictionary(kv => kv.Key, kv => space.ValuesFor(s, kv.Value), StringComparer.Ordinal) : input.TeamActuals,
                    Grades = proRata.Count > 0 ? proRata : input.Grades,
                });
            }
        }
    }

    /// <summary>Under a bundle, as evaluate writes them: the stage scheme and its version, and the pro-rata parts.</summary>
    private static void StageFields(Utf8JsonWriter w, PersonCard card)
    {
        w.WriteString("scheme", card.Card.Scheme.Scheme.Id);
        w.WriteNumber("version", card.Card.Scheme.Scheme.Version);
        if (card.ProRata is { } pro)
            ProRataJson.Write(w, pro.Parts, pro.Trace);
    }

    private static Dictionary<int, T> Get<T>(Dictionary<string, Dictionary<int, T>> map, string person) =>
        map.TryGetValue(person, out var d) ? d : map[person] = [];
}
