using Yardstick.Core.Common;
using Yardstick.Core.Expressions;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using static Yardstick.Core.Common.TraceFormat;

namespace Yardstick.Core.Incentives;

/// <summary>Inputs of a payout run besides the scorecards.</summary>
/// <param name="People">Base salary, team, product and share by person id.</param>
/// <param name="Measures">Business measures of persons, teams and products.</param>
/// <param name="Events">Milestone events.</param>
/// <param name="Awards">Award nominations.</param>
/// <param name="Ledger">What earlier runs paid and graded.</param>
/// <param name="TeamActuals">Team-level actuals of team indicators, by team id, indexed by indicator number.</param>
/// <param name="Grades">Grades that replace the scorecards' in the ledger and career tracks (a pro-rata grade), by person.</param>
public sealed record PayoutInput(
    IReadOnlyDictionary<string, PersonInfo> People,
    Measures Measures,
    IReadOnlyList<MilestoneEvent> Events,
    IReadOnlyList<AwardNomination> Awards,
    Ledger Ledger,
    IReadOnlyDictionary<string, decimal?[]>? TeamActuals = null,
    IReadOnlyDictionary<string, string?>? Grades = null);

/// <summary>
/// Turns scorecards and business measures into payout lines (scoring.md §4–7). A run covers the people
/// evaluated under one plan in one period: pools split across teams, recognition ranks across the run.
/// </summary>
public static class PayoutCalculator
{
    /// <summary>
    /// Runs several plans one after another — the stage schemes of a lifecycle bundle, each on its own people —
    /// passing the ledger from one run to the next (a milestone paid by one is paid), and merges what they produced.
    /// Each run's <see cref="PayoutInput.Ledger"/> is replaced by the ledger as it stands when that run starts.
    /// </summary>
    public static PayoutResult RunEach(Period period, Ledger ledger, IEnumerable<(CompiledPlan Plan, IReadOnlyList<ScorecardResult> Cards, PayoutInput Input)> runs)
    {
        var lines = new Dictionary<string, IReadOnlyList<PayoutLine>>(StringComparer.Ordinal);
        var careers = new Dictionary<string, IReadOnlyList<CareerStatus>>(StringComparer.Ordinal);
        var problems = new List<Problem>();
        var notices = new List<Notice>();
        foreach (var (plan, cards, input) in runs)
        {
            var result = Run(plan, period, cards, input with { Ledger = ledger });
            problems.AddRange(result.Problems);
            notices.AddRange(result.Notices);
            ledger = result.Ledger;
            foreach (var (person, l) in result.Lines)
                lines[person] = l;
            foreach (var (person, c) in result.Careers)
                careers[person] = c;
        }

        return new PayoutResult(lines, careers, problems, notices, ledger);
    }

    /// <summary>Runs the rules of <paramref name="plan"/> whose frequency is the kind of <paramref name="period"/>.</summary>
    public static PayoutResult Run(CompiledPlan plan, Period period, IReadOnlyList<ScorecardResult> scorecards, PayoutInput input)
    {
        var run = new RunState(plan, period, scorecards, input);
        foreach (var rule in plan.Plan.Rules)
        {
            if (plan.FrequencyOf(rule) != period.Kind)
                continue;
            switch (rule)
            {
                case SalaryFactorRule sf:
                    run.SalaryFactor(sf);
                    break;
                case FixedRule fx:
                    run.Fixed(fx);
                    break;
                case AdjustmentRule adj:
                    run.Adjust(adj);
                    break;
                case PoolRule pool:
                    run.Pool(pool);
                    break;
                case MilestoneRule ms:
                    run.Milestone(ms);
                    break;
                case ExcessShareRule ex:
                    run.ExcessShare(ex);
                    break;
                case ProfitShareRule ps:
                    run.ProfitShare(ps);
                    break;
                case AwardRule aw:
                    run.Award(aw);
                    break;
                case RecognitionRule rec:
                    run.Recognition(rec);
                    break;
                default:
                    throw new InvalidOperationException($"unknown rule kind {rule.Kind}");
            }
        }

        run.CheckAwardsForOtherRules();
        var careers = run.Careers();
        return new PayoutResult(run.Finish(), careers, run.Problems, run.Notices, run.NewLedger());
    }

    private sealed class RunState(CompiledPlan plan, Period period, IReadOnlyList<ScorecardResult> cards, PayoutInput input)
    {
        private readonly string _currency = plan.Plan.Currency;
        private readonly Dictionary<string, PersonLines> _lines = new(StringComparer.Ordinal);
        private readonly List<MilestonePayment> _milestones = [.. input.Ledger.Milestones];
        private readonly List<ProfitSharePayment> _profitShares = [.. input.Ledger.ProfitShares];
        private readonly List<ProfitBaseline> _baselines = [.. input.Ledger.Baselines];

        public List<Problem> Problems { get; } = [];
        public List<Notice> Notices { get; } = [];

        private PersonInfo? Info(string person) => input.People.TryGetValue(person, out var p) ? p : null;

        private PersonScope? _scope;

        /// <summary>The run's one scope, pointed at <paramref name="card"/>: evaluations run one after another.</summary>
        private PersonScope ScopeOf(ScorecardResult card, PersonInfo? info)
        {
            _scope ??= new PersonScope(input.Measures);
            _scope.Reset(card, info);
            return _scope;
        }

        private PersonScope ScopeOf(ScorecardResult card) => ScopeOf(card, Info(card.Person));

        private void Add(PayoutLine line)
        {
            if (_lines.TryGetValue(line.Person, out var list))
                list.Add(line);
            else
                _lines[line.Person] = new PersonLines(line);
        }

        private static TraceStep S(Func<Language, string> render) => new(render);

        /// <summary>The values an expression read, for its trace: "(core_feature_usage = 0.55)".</summary>
        private static string Reads(Formula f, ScorecardResult? card, Func<string, decimal?> names, Language lang)
        {
            var parts = new List<string>();
            foreach (var code in f.ActualCodes)
            {
                var r = card?.Indicator(code);
                parts.Add(r is { Waived: true } ? $"{code} {(lang == Language.En ? "waived" : "已豁免")}"
                    : r?.Actual is { } v ? $"{code} = {Input(v)}"
                    : $"{code} {(lang == Language.En ? "missing" : "缺失")}");
            }

            foreach (var name in f.FreeNames)
                parts.Add(names(name) is { } v ? $"{name} = {Input(v)}" : $"{name} {(lang == Language.En ? "missing" : "缺失")}");
            return parts.Count == 0 ? "" : lang == Language.En ? $" ({string.Join(", ", parts)})" : $"（{string.Join("，", parts)}）";
        }

        private string Reads(Formula f, ScorecardResult card, Language lang)
        {
            var info = Info(card.Person);
            return Reads(f, card, name => name == Formula.BaseSalary ? info?.BaseSalary : input.Measures.Resolve(name, info), lang);
        }

        public void SalaryFactor(SalaryFactorRule rule)
        {
            var xf = plan.Formula(rule.Code, "x")!;
            foreach (var card in cards)
            {
                var info = Info(card.Person);
                if (info?.BaseSalary is not { } salary)
                    continue;
                var scope = ScopeOf(card, info);
                var x = xf.Evaluate(scope);
                if (x.Kind != XKind.Number)
                {
                    var missing = S(lng => lng == Language.ZhCN
                    ? $"{rule.Code}：x = {xf.Text} 缺失 → 0.00"
                    : $"{rule.Code}: x = {xf.Text} is missing → 0.00");
                    Add(new PayoutLine(card.Person, rule, _currency, 0m, true, [missing]));
                    continue;
                }

                var y = Curve.At(rule.Curve, x.Number);
                var amount = salary * y;
                var state = new SalaryState(rule, xf, x.Number, y, salary, amount, scope.ReadMissing);
                TraceStep[] steps =
                [
                    new(state, static (s, lang) => ((SalaryState)s!).XStep()),
                    new(state, static (s, lang) => ((SalaryState)s!).AmountStep(lang)),
                ];
                Add(new PayoutLine(card.Person, rule, _currency, amount, scope.ReadMissing, steps));
            }
        }

        public void Fixed(FixedRule rule)
        {
            var when = plan.Formula(rule.Code, "when");
            var amountF = plan.Formula(rule.Code, "amount")!;
            foreach (var card in cards)
            {
                var scope = ScopeOf(card);
                if (when is not null && !when.Evaluate(scope).IsTrue)
                    continue;

                var v = amountF.Evaluate(scope);
                if (v.Kind != XKind.Number)
                {
                    Notices.Add(new($"{card.Person}: {rule.Code} not paid: its amount {amountF.Text} reads a missing value{Reads(amountF, card, Language.En)}",
                        $"{card.Person}：{rule.Code} 未发放：金额 {amountF.Text} 读取了缺失值{Reads(amountF, card, Language.ZhCN)}"));
                    continue;
                }

                var fixedState = new FixedState(this, rule, when, amountF, card, v.Number);
                var amountStep = new TraceStep(fixedState, static (s, lang) => ((FixedState)s!).AmountStep(lang));
                TraceStep[] steps = when is null
                    ? [amountStep]
                    : [new TraceStep(fixedState, static (s, lang) => ((FixedState)s!).WhenStep(lang)), amountStep];
                Add(new PayoutLine(card.Person, rule, _currency, v.Number, scope.ReadMissing, steps));
            }
        }

        public void Adjust(AdjustmentRule rule)
        {
            var when = plan.Formula(rule.Code, "when")!;
            foreach (var card in cards)
            {
                if (!_lines.TryGetValue(card.Person, out var list) || list.Find(rule.Target) is not { } line)
                    continue;
                var scope = ScopeOf(card);
                var holds = when.Evaluate(scope).IsTrue;
                line.Provisional |= scope.ReadMissing;
                if (holds)
                    line.Unrounded *= rule.Factor;
                var adjustState = new AdjustState(this, rule, when, card, holds, scope.ReadMissing, line.Unrounded);
                line.AddStep(new TraceStep(adjustState, static (s, lang) => ((AdjustState)s!).Step(lang)));
            }
        }

        private SortedDictionary<string, List<Member>>? _byTeam;
        private SortedDictionary<string, List<Member>>? _byProduct;

        private SortedDictionary<string, List<Member>> GroupBy(Func<PersonInfo, string?> key)
        {
            // Members keep the run's order: every split breaks ties by person id itself.
            var groups = new Dictionary<string, List<Member>>(StringComparer.Ordinal);
            foreach (var card in cards)
            {
                if (Info(card.Person) is not { } p || key(p) is not { } k)
                    continue;
                if (!groups.TryGetValue(k, out var list))
                    groups[k] = list = [];
                list.Add(new Member(card, p));
            }

            return new SortedDictionary<string, List<Member>>(groups, StringComparer.Ordinal);
        }

        private SortedDictionary<string, List<Member>> Teams => _byTeam ??= GroupBy(p => p.Team);

        private SortedDictionary<string, List<Member>> Products => _byProduct ??= GroupBy(p => p.Product);

        /// <summary>Shares of members: explicit when every member has one, else the share expression, else equal.</summary>
        private (List<(string Person, decimal Share)> Shares, bool Provisional, string En, string Zh)? Shares(PayoutRule rule, string? shareText, List<Member> members, string groupLabel)
        {
            var given = 0;
            foreach (var m in members)
                if (m.Info.Share is not null)
                    given++;
            if (given > 0)
            {
                if (given < members.Count)
                {
                    var without = members.Where(m => m.Info.Share is null).Select(m => m.Person);
                    Problems.Add(new("share", $"{groupLabel}: shares are given for some members but not for {string.Join(", ", without)}; give every member a share or none ({rule.Code})"));
                    return null;
                }

                return ([.. members.Select(m => (m.Person, m.Info.Share!.Value))], false, "share entered by the team lead", "团队负责人录入的份额");
            }

            var formula = shareText is "equal" ? null : shareText is not null ? plan.Formula(rule.Code, "share") : plan.DefaultShare;
            if (formula is null)
                return ([.. members.Select(m => (m.Person, 1m))], false, "equal shares", "均分");
            var provisional = false;
            var list = new List<(string, decimal)>(members.Count);
            foreach (var m in members)
            {
                var scope = ScopeOf(m.Card, m.Info);
                var v = formula.Evaluate(scope);
                provisional |= scope.ReadMissing;
                list.Add((m.Person, v.Kind == XKind.Number ? Math.Max(0m, v.Number) : 0m));
            }

            return (list, provisional, $"share {formula.Text}", $"份额 {formula.Text}");
        }

        /// <summary>Splits an unrounded pool into lines, with the split in each line's trace.</summary>
        private void SplitPool(PayoutRule rule, decimal pool, List<(string Person, decimal Share)> shares, bool provisional, List<TraceStep> common, string shareEn, string shareZh)
        {
            var (lines, equal) = PoolSplit.Split(pool, shares);
            var context = new SplitContext(shareEn, shareZh, shares.Sum(s => s.Share), equal, lines);
            foreach (var l in lines)
            {
                var line = new PayoutLine(l.Person, rule, _currency, l.Amount, provisional || equal, [], common) { Exact = true, Detail = context };
                line.SetSteps([new TraceStep(line, static (s, lang) => SplitContext.Step((PayoutLine)s!, lang))]);
                Add(line);
            }
        }

        public void Pool(PoolRule rule)
        {
            var measure = plan.Formula(rule.Code, "measure")!;
            var when = plan.Formula(rule.Code, "when");
            foreach (var (team, members) in Teams)
            {
                var scope = new TeamScope(plan.Scheme, team, input);
                var common = new List<TraceStep>();
                var holds = true;
                if (when is not null)
                {
                    holds = when.Evaluate(scope).IsTrue;
                    var reads = (scope.Describe(when, Language.En), scope.Describe(when, Language.ZhCN));
                    common.Add(holds
                        ? S(lng => lng == Language.ZhCN
                    ? $"{rule.Code}：团队 {team}：条件 {when.Text} 成立{reads.Item2}"
                    : $"{rule.Code}: team {team}: {when.Text} holds{reads.Item1}")
                        : S(lng => lng == Language.ZhCN
                    ? $"{rule.Code}：团队 {team}：条件 {when.Text} 不成立{reads.Item2} → 奖金池为 0"
                    : $"{rule.Code}: team {team}: {when.Text} does not hold{reads.Item1} → pool 0"));
                }

                var m = measure.Evaluate(scope);
                if (m.Kind != XKind.Number)
                {
                    Notices.Add(new($"team {team}: {rule.Code} not computed: {measure.Text} is missing for {period}", $"团队 {team}：{rule.Code} 未计算：{period} 缺少 {measure.Text}"));
                    continue;
                }

                var pool = holds ? Math.Max(0m, rule.Rate * m.Number) : 0m;
                if (holds)
                    common.Add(S(lng => lng == Language.ZhCN
                    ? $"奖金池 = {Input(rule.Rate)} × {measure.Text} {Money(m.Number)} = {Plain(Show(pool, 4))} ≈ {Plain(Money(pool))}"
                    : $"pool = {Input(rule.Rate)} × {measure.Text} {Money(m.Number)} {Eq(Amount(pool))}{(Money(pool).StartsWith('≈') ? " → " + Plain(Money(pool)) : "")}"));
                if (Shares(rule, rule.Share, members, $"team {team}") is not { } shares)
                    continue;
                SplitPool(rule, pool, shares.Shares, scope.ReadMissing || shares.Provisional, common, shares.En, shares.Zh);
            }
        }

        public void Milestone(MilestoneRule rule)
        {
            foreach (var (product, owners) in Products)
            {
                var ev = input.Events.Where(e => e.Product == product && e.Event == rule.Event && e.Date >= period.FirstDay && e.Date <= period.LastDay).OrderBy(e => e.Date).FirstOrDefault();
                if (ev is null)
                    continue;
                if (_milestones.FirstOrDefault(m => m.Rule == rule.Code && m.Product == product) is { } paid)
                {
                    Notices.Add(new($"product {product}: {rule.Code} ({rule.Event}) was already paid in {paid.Period}; it pays once", $"产品 {product}：{rule.Code}（{rule.Event}）已于 {paid.Period} 发放，只发放一次"));
                    continue;
                }

                var common = new List<TraceStep>
                {
                    S(lng => lng == Language.ZhCN
                    ? $"{rule.Code}：产品 {product} 于 {ev.Date:yyyy-MM-dd} 达成 {rule.Event} → {Money(rule.Amount)}，每个产品只发一次，由 {owners.Count} 位负责人均分"
                    : $"{rule.Code}: product {product} recorded {rule.Event} on {ev.Date:yyyy-MM-dd} → {Money(rule.Amount)}, once per product, split equally among {owners.Count} owner(s)"),
                };
                SplitPool(rule, rule.Amount, [.. owners.Select(o => (o.Person, 1m))], false, common, "equal share", "均分");
                _milestones.Add(new MilestonePayment(rule.Code, product, rule.Event, period.ToString(), rule.Amount));
            }
        }

        public void ExcessShare(ExcessShareRule rule)
        {
            var measure = plan.Formula(rule.Code, "measure")!;
            foreach (var (product, owners) in Products)
            {
                Func<string, decimal?> names = n => n.StartsWith("product.", StringComparison.Ordinal) ? input.Measures.Get(MeasureScope.Product, product, n["product.".Length..]) : null;
                var m = measure.Evaluate(new NamesScope(names));
                if (m.Kind != XKind.Number)
                {
                    Notices.Add(new($"product {product}: {rule.Code} not computed: {measure.Text} reads a missing measure{Reads(measure, null, names, Language.En)}",
                        $"产品 {product}：{rule.Code} 未计算：{measure.Text} 缺少数据{Reads(measure, null, names, Language.ZhCN)}"));
                    continue;
                }

                var pool = rule.Rate * Math.Max(0m, m.Number);
                var common = new List<TraceStep>
                {
                    S(lng => lng == Language.ZhCN
                    ? $"{rule.Code}：产品 {product}：{Input(rule.Rate)} × max(0, {measure.Text}){Reads(measure, null, names, Language.ZhCN)} = {Input(rule.Rate)} × {Input(Math.Max(0m, m.Number))} {Eq(Money(pool))}"
                    : $"{rule.Code}: product {product}: {Input(rule.Rate)} × max(0, {measure.Text}){Reads(measure, null, names, Language.En)} = {Input(rule.Rate)} × {Input(Math.Max(0m, m.Number))} {Eq(Money(pool))}"),
                };
                SplitPool(rule, pool, [.. owners.Select(o => (o.Person, 1m))], false, common, "equal share", "均分");
            }
        }

        public void ProfitShare(ProfitShareRule rule)
        {
            var year = period.Year;
            foreach (var (product, owners) in Products)
            {
                decimal? M(string name) => input.Measures.Get(MeasureScope.Product, product, name);
                if (M("launch_year") is not { } launchValue)
                {
                    Notices.Add(new($"product {product}: {rule.Code} needs product.launch_year", $"产品 {product}：{rule.Code} 需要 product.launch_year"));
                    continue;
                }

                var launch = (int)launchValue;
                var after = year - launch;
                if (after == 0 && M("revenue") is { } launchRevenue && _baselines.All(b => b.Product != product))
                    _baselines.Add(new ProfitBaseline(product, launch, launchRevenue));
                if (after < 1 || after > rule.Years)
                {
                    if (after > rule.Years)
                        Notices.Add(new($"product {product}: {rule.Code} pays in years {launch + 1}–{launch + rule.Years}; {year} is year {after} after launch, nothing to pay",
                            $"产品 {product}：{rule.Code} 在 {launch + 1}–{launch + rule.Years} 年发放；{year} 年为上线后第 {after} 年，不再发放"));
                    continue;
                }

                if (_profitShares.FirstOrDefault(p => p.Rule == rule.Code && p.Product == product && p.Year == year) is { } done)
                {
                    Notices.Add(new($"product {product}: {rule.Code} for {year} is already in the ledger ({Money(done.Amount)}); it pays once a year", $"产品 {product}：{rule.Code} {year} 年已记入台账（{Money(done.Amount)}），每年只发一次"));
                    continue;
                }

                var baseline = M("revenue_baseline") ?? _baselines.FirstOrDefault(b => b.Product == product)?.Revenue;
                var revenue = M("revenue");
                var rate = M("profit_share_rate");
                if (baseline is null || revenue is null || rate is null)
                {
                    Notices.Add(new($"product {product}: {rule.Code} for {year} needs product.revenue, product.profit_share_rate and the launch-year revenue (product.revenue_baseline or the ledger)",
                        $"产品 {product}：{rule.Code} {year} 年需要 product.revenue、product.profit_share_rate 和上线当年营收（product.revenue_baseline 或台账）"));
                    continue;
                }

                if (rate < rule.RateMin || rate > rule.RateMax)
                {
                    Problems.Add(new($"product:{product}", $"profit_share_rate {Input(rate.Value)} is outside the plan's range {Input(rule.RateMin)}–{Input(rule.RateMax)} ({rule.Code})"));
                    continue;
                }

                var pool = rate.Value * Math.Max(0m, revenue.Value - baseline.Value);
                var common = new List<TraceStep>
                {
                    S(lng => lng == Language.ZhCN
                    ? $"{rule.Code}：产品 {product}，{launch} 年上线，{year} 年为第 {after}/{rule.Years} 年：{Input(rate.Value)} × max(0, 营收 {Money(revenue.Value)} − 上线当年营收 {Money(baseline.Value)}) {Eq(Money(pool))}"
                    : $"{rule.Code}: product {product}, launched {launch}, {year} is year {after} of {rule.Years}: {Input(rate.Value)} × max(0, revenue {Money(revenue.Value)} − launch-year revenue {Money(baseline.Value)}) {Eq(Money(pool))}"),
                };
                if (Shares(rule, null, owners, $"product {product}") is not { } shares)
                    continue;
                SplitPool(rule, pool, shares.Shares, shares.Provisional, common, shares.En, shares.Zh);
                _profitShares.Add(new ProfitSharePayment(rule.Code, product, year, Money.RoundAmount(pool)));
            }
        }

        public void Award(AwardRule rule)
        {
            HashSet<string>? inRun = null;
            foreach (var n in input.Awards.Where(a => a.Rule == rule.Code))
            {
                inRun ??= cards.Select(c => c.Person).ToHashSet(StringComparer.Ordinal);
                var before = Problems.Count;
                if (!inRun.Contains(n.Person))
                    Problems.Add(new(n.Where, $"'{n.Person}' is not evaluated in this run; nominate someone with a scorecard for {period}"));
                if (n.Amount < rule.Min || n.Amount > rule.Max)
                    Problems.Add(new(n.Where, $"amount {Input(n.Amount)} is outside the range of {rule.Code}: {Input(rule.Min)}–{Input(rule.Max)}"));
                if (n.EquityUnits is { } units && (units < 0 || !rule.Equity) && units != 0)
                    Problems.Add(new(n.Where, rule.Equity ? $"equity units {Input(units)} must not be negative" : $"{rule.Code} pays cash only; leave equity_units empty"));
                if (string.IsNullOrWhiteSpace(n.NominatedBy))
                    Problems.Add(new(n.Where, "nominated_by is required"));
                if (!string.IsNullOrWhiteSpace(n.ApprovedBy) && string.Equals(n.ApprovedBy, n.NominatedBy, StringComparison.Ordinal))
                    Problems.Add(new(n.Where, $"the approver must be a second person; {n.ApprovedBy} both nominated and approved"));
                if (Problems.Count > before)
                    continue;
                if (string.IsNullOrWhiteSpace(n.ApprovedBy))
                {
                    Notices.Add(new($"{n.Person}: {rule.Code} nominated by {n.NominatedBy} awaits approval; not paid", $"{n.Person}：{rule.Code} 由 {n.NominatedBy} 提名，待审批，未发放"));
                    continue;
                }

                var equity = n.EquityUnits is { } eu and > 0 ? ($", equity units {Input(eu)}", $"，股权 {Input(eu)} 份") : ("", "");
                Add(new PayoutLine(n.Person, rule, _currency, n.Amount, false,
                    [S(lng => lng == Language.ZhCN
                    ? $"{rule.Code}：{n.NominatedBy} 提名，{n.ApprovedBy} 审批：{Money(n.Amount)}（范围 {Money(rule.Min)}–{Money(rule.Max)}）{equity.Item2}"
                    : $"{rule.Code}: nominated by {n.NominatedBy}, approved by {n.ApprovedBy}: {Money(n.Amount)} (range {Money(rule.Min)}–{Money(rule.Max)}){equity.Item1}")])
                { EquityUnits = n.EquityUnits is > 0 ? n.EquityUnits : null, Exact = true });
            }
        }

        /// <summary>Nominations must name an award rule of the plan that runs in this period.</summary>
        public void CheckAwardsForOtherRules()
        {
            foreach (var n in input.Awards)
            {
                var rule = plan.Plan.Rules.FirstOrDefault(r => r.Code == n.Rule);
                if (rule is not AwardRule)
                {
                    var awards = plan.Plan.Rules.OfType<AwardRule>().Select(r => r.Code).ToList();
                    Problems.Add(new(n.Where, $"'{n.Rule}' is not an award rule of this plan; expected {(awards.Count == 0 ? "none (the plan has no awards)" : string.Join(", ", awards))}"));
                }
                else if (plan.FrequencyOf(rule) != period.Kind)
                {
                    Problems.Add(new(n.Where, $"{rule.Code} is paid in {plan.FrequencyOf(rule).ToString().ToLowerInvariant()} runs; {period} is a {period.Kind.ToString().ToLowerInvariant()}"));
                }
            }
        }

        public void Recognition(RecognitionRule rule)
        {
            var formulas = Enumerable.Range(0, rule.RankBy.Count).Select(i => plan.Formula(rule.Code, $"rank_by[{i}]")!).ToList();
            var groups = rule.Scope == RecognitionScope.Company
                ? [("company", cards.Select(c => new Member(c, Info(c.Person))).ToList())]
                : Teams.Select(kv => (kv.Key, kv.Value)).ToList();
            foreach (var (label, members) in groups)
            {
                var ranked = new List<(ScorecardResult Card, decimal[] Values)>();
                foreach (var (card, info) in members)
                {
                    var values = new decimal[formulas.Count];
                    var ok = true;
                    for (var i = 0; i < formulas.Count && ok; i++)
                    {
                        var scope = ScopeOf(card, info);
                        var v = formulas[i].Evaluate(scope);
                        ok = v.Kind == XKind.Number && !scope.ReadMissing;
                        values[i] = v.Number;
                    }

                    if (ok)
                        ranked.Add((card, values));
                }

                if (ranked.Count == 0)
                    continue;

                // The cut-off is the n-th best ranking: keep the best n seen so far (n is small), then take
                // everyone at or above it, so ties at the cut-off are all included.
                static int Compare(decimal[] a, decimal[] b)
                {
                    for (var i = 0; i < a.Length; i++)
                    {
                        var c = b[i].CompareTo(a[i]);
                        if (c != 0)
                            return c;
                    }

                    return 0;
                }

                var best = new List<decimal[]>(rule.Top + 1);
                foreach (var (_, values) in ranked)
                {
                    if (best.Count == rule.Top && Compare(values, best[^1]) >= 0)
                        continue;
                    var at = best.FindIndex(b => Compare(values, b) < 0);
                    best.Insert(at < 0 ? best.Count : at, values);
                    if (best.Count > rule.Top)
                        best.RemoveAt(best.Count - 1);
                }

                var cut = best[^1];
                var chosen = ranked.Where(r => Compare(r.Values, cut) <= 0).ToList();
                chosen.Sort((a, b) => Compare(a.Values, b.Values) is var c and not 0 ? c : string.CompareOrdinal(a.Card.Person, b.Card.Person));
                var by = string.Join(", ", rule.RankBy);
                for (var rank = 0; rank < chosen.Count; rank++)
                {
                    var (card, values) = chosen[rank];
                    var vals = string.Join(", ", values.Select(Value));
                    var tie = rank >= rule.Top ? (" (tied at the cut-off)", "（与末位并列）") : ("", "");
                    Add(new PayoutLine(card.Person, rule, _currency, 0m, false,
                        [S(lng => lng == Language.ZhCN
                    ? $"{rule.Code}：在 {label} 的 {ranked.Count} 名合格人员中按 {by} 排名前 {rule.Top}：({vals}){tie.Item2} → {rule.Benefit.Zh}"
                    : $"{rule.Code}: top {rule.Top} of {ranked.Count} eligible in {label} by {by}: ({vals}){tie.Item1} → {rule.Benefit.En}")])
                    { Benefit = rule.Benefit, Exact = true });
                }
            }
        }

        public IReadOnlyDictionary<string, IReadOnlyList<CareerStatus>> Careers()
        {
            var result = new Dictionary<string, IReadOnlyList<CareerStatus>>(StringComparer.Ordinal);
            var grades = plan.Scheme.Scheme.Grades.Select(g => g.Grade).ToList();
            if (plan.Plan.CareerTracks.Count == 0)
                return result;
            foreach (var card in cards)
            {
                var history = WithCurrent(card);
                var list = new List<CareerStatus>();
                foreach (var track in plan.Plan.CareerTracks)
                {
                    var window = history.TakeLast(track.Window).ToList();
                    var bar = grades.IndexOf(track.MinGrade);
                    var count = window.Count(g => grades.IndexOf(g.Grade) is var i && i >= 0 && i <= bar);
                    list.Add(new CareerStatus(track, count >= track.MinCount, count, window));
                }

                if (list.Count > 0)
                    result[card.Person] = list;
            }

            return result;
        }

        private readonly string _label = period.ToString();

        private readonly Dictionary<string, GradeRecord[]> _onlyCurrent = new(StringComparer.Ordinal);

        /// <summary>The person's grades with this period's replacing any earlier record of it, oldest first.</summary>
        private IReadOnlyList<GradeRecord> WithCurrent(ScorecardResult card)
        {
            var current = input.Grades is { } overrides && overrides.TryGetValue(card.Person, out var g0) ? g0 : card.Grade;
            var past = input.Ledger.GradesOf(card.Person);
            if (past.Count == 0 || (past.Count == 1 && past[0].Period == _label))
            {
                if (current is not { } only)
                    return [];
                if (!_onlyCurrent.TryGetValue(only, out var shared))
                    _onlyCurrent[only] = shared = [new GradeRecord(_label, only)];
                return shared;
            }

            var list = new List<GradeRecord>(past.Count + 1);
            foreach (var g in past)
                if (g.Period != _label)
                    list.Add(g);
            if (current is { } grade)
                list.Add(new GradeRecord(_label, grade));
            if (list.Count > 1 && Ledger.ComparePeriods(list[^2].Period, _label) > 0)
                list.Sort((a, b) => Ledger.ComparePeriods(a.Period, b.Period));
            return list;
        }

        public Ledger NewLedger()
        {
            var grades = new Dictionary<string, IReadOnlyList<GradeRecord>>(input.Ledger.Grades.Count + cards.Count, StringComparer.Ordinal);
            foreach (var (person, history) in input.Ledger.Grades)
                grades[person] = history;
            foreach (var card in cards)
                if (WithCurrent(card) is { Count: > 0 } history)
                    grades[card.Person] = history;
            return new Ledger(_milestones, _profitShares, _baselines, grades);
        }

        public IReadOnlyDictionary<string, IReadOnlyList<PayoutLine>> Finish()
        {
            foreach (var lines in _lines.Values)
                for (var i = 0; i < lines.Count; i++)
                    lines[i].Round();
            return new LinesByPerson(_lines);
        }

        /// <summary>What a salary_factor line's trace shows.</summary>
        private sealed record SalaryState(SalaryFactorRule Rule, Formula X, decimal Xv, decimal Y, decimal Salary, decimal Amount, bool ReadMissing)
        {
            public string XStep() => $"x = {X.Text} {Eq(Ratio(Xv))}";

            public string AmountStep(Language lang)
            {
                var approx = Ratio(Xv).StartsWith('≈') || Ratio(Y).StartsWith('≈') || Money(Amount).StartsWith('≈');
                var result = $"{Money(Salary)} × {Plain(Ratio(Y))} {(approx ? "≈" : "=")} {Plain(Money(Amount))}";
                return lang == Language.En
                    ? $"{Rule.Code} = {Money(Salary)} × curve({Plain(Ratio(Xv))}) = {result}{Missing(ReadMissing, Language.En)}"
                    : $"{Rule.Code} = {Money(Salary)} × 曲线({Plain(Ratio(Xv))}) = {result}{Missing(ReadMissing, Language.ZhCN)}";
            }
        }

        /// <summary>What a fixed line's trace shows.</summary>
        private sealed record FixedState(RunState Run, FixedRule Rule, Formula? When, Formula AmountFormula, ScorecardResult Card, decimal Amount)
        {
            public string WhenStep(Language lang) => lang == Language.ZhCN
                ? $"{Rule.Code}：条件 {When!.Text} 成立{Run.Reads(When, Card, Language.ZhCN)}"
                : $"{Rule.Code}: {When!.Text} holds{Run.Reads(When, Card, Language.En)}";

            public string AmountStep(Language lang) =>
                $"{Rule.Code} = {AmountFormula.Text}{Run.Reads(AmountFormula, Card, lang)} {Eq(Money(Amount))}";
        }

        /// <summary>What an adjustment adds to the trace of the line it changes.</summary>
        private sealed record AdjustState(RunState Run, AdjustmentRule Rule, Formula When, ScorecardResult Card, bool Holds, bool ReadMissing, decimal Adjusted)
        {
            public string Step(Language lang)
            {
                var reads = Run.Reads(When, Card, lang);
                if (Holds)
                {
                    return lang == Language.ZhCN
                        ? $"{Rule.Code}：条件 {When.Text} 成立{reads} → × {Input(Rule.Factor)} {Eq(Money(Adjusted))}"
                        : $"{Rule.Code}: {When.Text} holds{reads} → × {Input(Rule.Factor)} {Eq(Money(Adjusted))}";
                }

                return lang == Language.ZhCN
                    ? $"{Rule.Code}：条件 {When.Text} 不成立{reads}{(ReadMissing ? "：读取了缺失值，比较为假" : "")} → 不调整"
                    : $"{Rule.Code}: {When.Text} does not hold{reads}{(ReadMissing ? ": it reads a missing value, the comparison is false" : "")} → no change";
            }
        }

        /// <summary>One split: what its lines' traces show, rendered from the line when read.</summary>
        private sealed record SplitContext(string ShareEn, string ShareZh, decimal Total, bool Equal, IReadOnlyList<SplitLine> Lines)
        {
            public static string Step(PayoutLine line, Language lang)
            {
                var c = (SplitContext)line.Detail!;
                var l = c.Lines.First(x => x.Person == line.Person);
                if (c.Equal)
                    return lang == Language.ZhCN ? $"份额合计为 0：均分 → {Money(l.Amount)}（暂定）" : $"shares sum to 0: split equally → {Money(l.Amount)} (provisional)";
                var down = Money(l.Amount - (l.ExtraFen ? 0.01m : 0m));
                return lang == Language.ZhCN
                    ? $"{c.ShareZh}：{Value(l.Share)} / {Value(c.Total)} → 精确值 {Amount(l.Exact)}，向下取整 {down}{(l.ExtraFen ? " + 0.01（向下取整后剩余的分，按余数从大到小分配）" : "")} → {Money(l.Amount)}"
                    : $"{c.ShareEn}: {Value(l.Share)} of {Value(c.Total)} → exact {Amount(l.Exact)}, rounded down {down}{(l.ExtraFen ? " + 0.01 (a fen left over by rounding down, largest remainder first)" : "")} → {Money(l.Amount)}";
            }
        }

        private static string Missing(bool readMissing, Language lang) => !readMissing ? ""
            : lang == Language.En ? " (provisional: reads a missing indicator, computed with s = 0)" : "（暂定：读取了缺失指标，按 s = 0 计算）";

        private static string Plain(string shown) => shown.StartsWith('≈') ? shown[2..] : shown;
    }

    /// <summary>A person in a group of the run (a team, a product's owners), with what the run knows of them.</summary>
    private readonly record struct Member(ScorecardResult Card, PersonInfo? Info)
    {
        public string Person => Card.Person;

        public PersonInfo Info { get; } = Info ?? new PersonInfo(Card.Person);
    }

    /// <summary>The run's lines by person, read-only, without copying the run's dictionary.</summary>
    /// <summary>A person's lines: most people have one, so the first is kept without a list.</summary>
    private sealed class PersonLines(PayoutLine first) : IReadOnlyList<PayoutLine>
    {
        private List<PayoutLine>? _rest;

        public int Count => 1 + (_rest?.Count ?? 0);

        public PayoutLine this[int index] => index == 0 ? first : _rest![index - 1];

        public void Add(PayoutLine line) => (_rest ??= []).Add(line);

        /// <summary>The line of rule <paramref name="rule"/>, or null.</summary>
        public PayoutLine? Find(string rule)
        {
            for (var i = 0; i < Count; i++)
                if (this[i].Rule == rule)
                    return this[i];
            return null;
        }

        public IEnumerator<PayoutLine> GetEnumerator()
        {
            yield return first;
            foreach (var line in _rest ?? [])
                yield return line;
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class LinesByPerson(Dictionary<string, PersonLines> lines) : IReadOnlyDictionary<string, IReadOnlyList<PayoutLine>>
    {
        public IReadOnlyList<PayoutLine> this[string key] => lines[key];

        public IEnumerable<string> Keys => lines.Keys;

        public IEnumerable<IReadOnlyList<PayoutLine>> Values => lines.Values;

        public int Count => lines.Count;

        public bool ContainsKey(string key) => lines.ContainsKey(key);

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out IReadOnlyList<PayoutLine> value)
        {
            var found = lines.TryGetValue(key, out var list);
            value = list;
            return found;
        }

        public IEnumerator<KeyValuePair<string, IReadOnlyList<PayoutLine>>> GetEnumerator() =>
            lines.Select(kv => new KeyValuePair<string, IReadOnlyList<PayoutLine>>(kv.Key, kv.Value)).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A person's scorecard with base_salary and the person's team, product and own measures; reused across people.</summary>
    private sealed class PersonScope(Measures measures) : ScorecardScope
    {
        private PersonInfo? _info;

        public void Reset(ScorecardResult card, PersonInfo? info)
        {
            Card = card;
            _info = info;
            ReadMissing = false;
        }

        public override XValue Name(string name) =>
            XValue.Of(name == Formula.BaseSalary ? _info?.BaseSalary : measures.Resolve(name, _info));
    }

    /// <summary>Reads only free names (product measures); codes read as missing.</summary>
    private sealed class NamesScope(Func<string, decimal?> names) : EvalScope
    {
        public override XValue Actual(int indicator) => XValue.Missing;
        public override XValue Score(int indicator) => XValue.Missing;
        public override XValue Achievement(int node) => XValue.Missing;
        public override XValue Points(int node) => XValue.Missing;
        public override XValue Name(string name) => XValue.Of(names(name));
    }

    /// <summary>Reads a team's team-level actuals and team.* measures (pool conditions and measures).</summary>
    private sealed class TeamScope(CompiledScheme scheme, string team, PayoutInput input) : EvalScope
    {
        private decimal? TeamActual(int indicator) =>
            input.TeamActuals is { } t && t.TryGetValue(team, out var a) ? a[indicator] : null;

        public override XValue Actual(int indicator)
        {
            var v = TeamActual(indicator);
            if (v is null)
                ReadMissing = true;
            return XValue.Of(v);
        }

        public override XValue Score(int indicator) => XValue.Missing;
        public override XValue Achievement(int node) => XValue.Missing;
        public override XValue Points(int node) => XValue.Missing;

        public override XValue Name(string name) =>
            XValue.Of(name.StartsWith("team.", StringComparison.Ordinal) ? input.Measures.Get(MeasureScope.Team, team, name["team.".Length..]) : null);

        public string Describe(Formula f, Language lang)
        {
            var parts = f.ActualCodes.Select(c => TeamActual(scheme.IndicatorIndex(c)) is { } v ? $"{c} = {Input(v)}" : $"{c} {(lang == Language.En ? "missing" : "缺失")}")
                .Concat(f.FreeNames.Select(n => Name(n).AsNumber is { } v ? $"{n} = {Input(v)}" : $"{n} {(lang == Language.En ? "missing" : "缺失")}"))
                .ToList();
            return parts.Count == 0 ? "" : lang == Language.En ? $" ({string.Join(", ", parts)})" : $"（{string.Join("，", parts)}）";
        }
    }
}
