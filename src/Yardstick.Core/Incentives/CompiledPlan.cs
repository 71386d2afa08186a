using System.Globalization;
using System.Text.RegularExpressions;
using Yardstick.Core.Common;
using Yardstick.Core.Expressions;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;

namespace Yardstick.Core.Incentives;

/// <summary>
/// A plan checked against its scheme, with every expression parsed and compiled once.
/// </summary>
public sealed partial class CompiledPlan
{
    private readonly Dictionary<string, Formula> _formulas = new(StringComparer.Ordinal);

    private CompiledPlan(CompiledScheme scheme, Plan plan)
    {
        Scheme = scheme;
        Plan = plan;
    }

    /// <summary>The compiled scheme the plan belongs to.</summary>
    public CompiledScheme Scheme { get; }

    /// <summary>The plan.</summary>
    public Plan Plan { get; }

    /// <summary>The compiled expression of a rule's field ("monthly_bonus.x", "team_pool.when", "best_collaborator.rank_by[0]"); null when absent.</summary>
    public Formula? Formula(string rule, string field) => _formulas.TryGetValue(rule + "." + field, out var f) ? f : null;

    /// <summary>The share expression of pools and profit shares when the plan gives none: points('individual') if the scheme has that group.</summary>
    public Formula? DefaultShare { get; private set; }

    /// <summary>The period kind a rule runs in (adjustments follow their target).</summary>
    public PeriodKind FrequencyOf(PayoutRule rule) => rule is AdjustmentRule adj
        ? FrequencyOf(Plan.Rules.First(r => r.Code == adj.Target))
        : rule.Frequency ?? Scheme.Scheme.PeriodKind;

    /// <summary>Checks <paramref name="plan"/> against <paramref name="scheme"/>; problems name the rule and field.</summary>
    public static Result<CompiledPlan> Compile(CompiledScheme scheme, Plan plan, string where = "plan")
    {
        var problems = new List<Problem>();
        var compiled = new CompiledPlan(scheme, plan);
        if (!Money.IsCurrency(plan.Currency))
            problems.Add(ProblemText.NotACurrency(where + ".currency", plan.Currency));

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var schemeKind = scheme.Scheme.PeriodKind;
        for (var k = 0; k < plan.Rules.Count; k++)
        {
            var rule = plan.Rules[k];
            var at = $"{where}.rules[{k}] ({rule.Code})";
            if (!CodePattern().IsMatch(rule.Code ?? ""))
                problems.Add(Problem.Invalid(at, $"规则代码 '{rule.Code}' 无效；请使用 ASCII snake_case", $"rule code '{rule.Code}' is not allowed; use ASCII snake_case"));
            else if (!seen.Add(rule.Code!))
                problems.Add(Problem.Invalid(at, $"规则代码 '{rule.Code}' 重复", $"duplicate rule code '{rule.Code}'"));
            if (rule.Name is null || string.IsNullOrWhiteSpace(rule.Name.Zh) || string.IsNullOrWhiteSpace(rule.Name.En))
                problems.Add(ProblemText.NameRequired(at + ".name"));
            if (rule.Frequency is { } f && f < schemeKind)
                problems.Add(Problem.Invalid(at + ".frequency",
                    $"发放频率 {ProblemText.En(f)} 短于方案的周期（{ProblemText.En(schemeKind)}）；请使用 {ProblemText.En(schemeKind)} 或更长的频率",
                    $"frequency {ProblemText.En(f)} is shorter than the scheme's period ({ProblemText.En(schemeKind)}); use {ProblemText.En(schemeKind)} or longer"));
            compiled.CheckRule(rule, at, k, problems);
        }

        foreach (var track in plan.CareerTracks)
        {
            var at = $"{where}.career_tracks ({track.Code})";
            if (scheme.Scheme.Grades.All(g => g.Grade != track.MinGrade))
                problems.Add(Problem.Invalid(at + ".min_grade",
                    $"等级 '{track.MinGrade}' 不是方案中的等级（{ProblemText.ZhList(scheme.Scheme.Grades.Select(g => g.Grade))}）",
                    $"grade '{track.MinGrade}' is not one of the scheme's grades ({string.Join(", ", scheme.Scheme.Grades.Select(g => g.Grade))})"));
            if (track.Window < 1 || track.MinCount < 1 || track.MinCount > track.Window)
                problems.Add(Problem.Invalid(at, $"须满足 1 <= min_count（{track.MinCount}）<= window（{track.Window}）", $"needs 1 <= min_count ({track.MinCount}) <= window ({track.Window})"));
        }

        if (scheme.NodeIndex("individual") is >= 0 and var n && scheme.NodeIndicator[n] < 0)
            compiled.DefaultShare = Expressions.Formula.Compile("points('individual')", where, scheme.Symbols, false).Value;

        return problems.Count > 0 ? Result<CompiledPlan>.Fail(problems) : compiled;
    }

    private void CheckRule(PayoutRule rule, string at, int index, List<Problem> problems)
    {
        switch (rule)
        {
            case SalaryFactorRule sf:
                Expr(sf.Code, "x", sf.X, at, false, ExprScope.Person, problems);
                CheckCurve(sf.Curve, at + ".curve", problems);
                break;
            case AdjustmentRule adj:
                var target = Plan.Rules.Take(index).FirstOrDefault(r => r.Code == adj.Target);
                if (target is null)
                    problems.Add(Problem.Invalid(at + ".target", $"'{adj.Target}' 不是排在此调整规则之前的规则；调整规则只能修改排在它之前的规则的发放项", $"'{adj.Target}' is not a rule listed before this adjustment; an adjustment changes the line of an earlier rule"));
                else if (target.Kind is not (PayoutKind.SalaryFactor or PayoutKind.Fixed))
                    problems.Add(Problem.Invalid(at + ".target", $"'{adj.Target}' 是 {Name(target.Kind)} 规则；调整规则只能修改 salary_factor 或 fixed 规则的发放项", $"'{adj.Target}' is a {Name(target.Kind)} rule; adjustments change salary_factor or fixed lines"));
                Expr(adj.Code, "when", adj.When, at, true, ExprScope.Person, problems);
                if (adj.Factor < 0)
                    problems.Add(Problem.Invalid(at + ".factor", $"系数 {F(adj.Factor)} 为负数；扣减 20% 请用 0.8，上浮 10% 请用 1.1", $"factor {F(adj.Factor)} is negative; use 0.8 for a 20% deduction, 1.1 for a 10% uplift"));
                break;
            case FixedRule fx:
                Expr(fx.Code, "amount", fx.Amount, at, false, ExprScope.Person, problems);
                if (fx.When is not null)
                    Expr(fx.Code, "when", fx.When, at, true, ExprScope.Person, problems);
                break;
            case PoolRule pool:
                if (string.IsNullOrWhiteSpace(pool.Measure))
                    problems.Add(Problem.Invalid(at + ".measure", "奖金池需要一个业务数据，例如 team.revenue（奖金池 = rate × measure）", "a pool needs a measure, e.g. team.revenue (pool = rate × measure)"));
                else
                    Expr(pool.Code, "measure", pool.Measure, at, false, ExprScope.Team, problems);
                if (pool.When is not null)
                    Expr(pool.Code, "when", pool.When, at, true, ExprScope.Team, problems);
                if (pool.Share is not null and not "equal")
                    Expr(pool.Code, "share", pool.Share, at, false, ExprScope.Person, problems);
                if (pool.Rate < 0)
                    problems.Add(Problem.Invalid(at + ".rate", $"比例 {F(pool.Rate)} 为负数；例如 3% 应写作 0.03", $"rate {F(pool.Rate)} is negative; e.g. 0.03 for 3%"));
                break;
            case MilestoneRule ms:
                if (string.IsNullOrWhiteSpace(ms.Event))
                    problems.Add(Problem.Invalid(at + ".event", "里程碑需要触发它的事件，例如 demand_validated", "a milestone needs the event that triggers it, e.g. demand_validated"));
                if (ms.Amount <= 0)
                    problems.Add(Problem.Invalid(at + ".amount", $"金额 {F(ms.Amount)} 必须大于 0", $"amount {F(ms.Amount)} must be above 0"));
                break;
            case ExcessShareRule ex:
                if (string.IsNullOrWhiteSpace(ex.Measure))
                    problems.Add(Problem.Invalid(at + ".measure", "超额分成需要一个业务数据，例如 product.gmv - product.gmv_target", "an excess share needs a measure, e.g. product.gmv - product.gmv_target"));
                else
                    Expr(ex.Code, "measure", ex.Measure, at, false, ExprScope.Product, problems);
                if (ex.Rate < 0)
                    problems.Add(Problem.Invalid(at + ".rate", $"比例 {F(ex.Rate)} 为负数", $"rate {F(ex.Rate)} is negative"));
                break;
            case ProfitShareRule ps:
                if (ps.Years < 1)
                    problems.Add(Problem.Invalid(at + ".years", $"年数 {ps.Years} 必须大于或等于 1", $"years {ps.Years} must be 1 or more"));
                if (ps.RateMin < 0 || ps.RateMin > ps.RateMax || ps.RateMax > 1)
                    problems.Add(Problem.Invalid(at + ".rate", $"比例范围 {F(ps.RateMin)}–{F(ps.RateMax)} 无效；须满足 0 <= rate_min <= rate_max <= 1，例如 0.05–0.08", $"rate range {F(ps.RateMin)}–{F(ps.RateMax)} is not valid; expected 0 <= rate_min <= rate_max <= 1, e.g. 0.05–0.08"));
                if (FrequencyOf(ps) != PeriodKind.Year)
                    problems.Add(Problem.Invalid(at + ".frequency", "利润分成在年度计算中发放；请将 frequency 设为 year", "a profit share is paid in yearly runs; set frequency to year"));
                break;
            case AwardRule aw:
                if (aw.Min < 0 || aw.Min > aw.Max)
                    problems.Add(Problem.Invalid(at, $"奖励金额范围 {F(aw.Min)}–{F(aw.Max)} 无效；须满足 0 <= min <= max", $"award range {F(aw.Min)}–{F(aw.Max)} is not valid; expected 0 <= min <= max"));
                break;
            case RecognitionRule rec:
                if (rec.Top < 1)
                    problems.Add(Problem.Invalid(at + ".top", $"top {rec.Top} 必须大于或等于 1", $"top {rec.Top} must be 1 or more"));
                if (rec.RankBy.Count == 0)
                    problems.Add(Problem.Invalid(at + ".rank_by", "荣誉表彰至少需要一个排名表达式，例如 collaboration_rating", "a recognition needs at least one ranking expression, e.g. collaboration_rating"));
                for (var i = 0; i < rec.RankBy.Count; i++)
                    Expr(rec.Code, $"rank_by[{i}]", rec.RankBy[i], at, false, ExprScope.Person, problems);
                if (rec.Benefit is null || string.IsNullOrWhiteSpace(rec.Benefit.Zh) || string.IsNullOrWhiteSpace(rec.Benefit.En))
                    problems.Add(Problem.Invalid(at + ".benefit", "需要中文（zh-CN）和英文（en）的福利说明，例如“带薪假 1 天”", "the benefit text is required in zh-CN and en, e.g. paid leave 1 day"));
                break;
            default:
                problems.Add(Problem.Invalid(at, $"未知的规则类型 {rule.Kind}", $"unknown rule kind {rule.Kind}"));
                break;
        }
    }

    private enum ExprScope
    {
        Person,
        Team,
        Product,
    }

    private void Expr(string rule, string field, string text, string at, bool condition, ExprScope scope, List<Problem> problems)
    {
        var r = Expressions.Formula.Compile(text, $"{at}.{field}", Scheme.Symbols, condition);
        if (!r.IsSuccess)
        {
            problems.AddRange(r.Problems);
            return;
        }

        var f = r.Value;
        if (scope == ExprScope.Team)
        {
            var personCodes = f.ActualCodes.Where(c => Scheme.Indicators[Scheme.IndicatorIndex(c)].Scope != Scope.Team).ToList();
            var bad = f.FreeNames.Where(n => !n.StartsWith("team.", StringComparison.Ordinal)).Concat(personCodes).Concat(f.ScoreCodes.Select(c => $"score/achievement/points('{c}')")).ToList();
            if (bad.Count > 0)
                problems.Add(Problem.Invalid($"{at}.{field}",
                    $"奖金池的 {field} 按团队计算一次，只能读取团队指标和 team.* 业务数据；它读取了 {ProblemText.ZhList(bad)}",
                    $"a pool's {field} is evaluated once per team and may read team indicators and team.* measures only; it reads {string.Join(", ", bad)}"));
        }
        else if (scope == ExprScope.Product)
        {
            var bad = f.FreeNames.Where(n => !n.StartsWith("product.", StringComparison.Ordinal)).Concat(f.AllCodes).ToList();
            if (bad.Count > 0)
                problems.Add(Problem.Invalid($"{at}.{field}",
                    $"此 {field} 按产品计算一次，只能读取 product.* 业务数据；它读取了 {ProblemText.ZhList(bad)}",
                    $"this {field} is evaluated once per product and may read product.* measures only; it reads {string.Join(", ", bad)}"));
        }

        _formulas[rule + "." + field] = f;
    }

    private static void CheckCurve(IReadOnlyList<CurvePoint> curve, string at, List<Problem> problems)
    {
        if (curve.Count < 1)
        {
            problems.Add(Problem.Invalid(at, "曲线至少需要一个点 [x, y]，例如 [[0.6, 0], [1.0, 0.8], [1.2, 1.2]]", "a curve needs at least one point [x, y], e.g. [[0.6, 0], [1.0, 0.8], [1.2, 1.2]]"));
            return;
        }

        for (var i = 1; i < curve.Count; i++)
        {
            if (curve[i].X <= curve[i - 1].X)
            {
                problems.Add(Problem.Invalid(at, $"曲线的点未排序：第 {i + 1} 个点的 x = {F(curve[i].X)}，排在 x = {F(curve[i - 1].X)} 之后；x 必须严格递增", $"curve points are not sorted: point {i + 1} has x = {F(curve[i].X)} after x = {F(curve[i - 1].X)}; x must be strictly increasing"));
                return;
            }

            if (curve[i].Y < curve[i - 1].Y)
            {
                problems.Add(Problem.Invalid(at, $"曲线出现下降：第 {i + 1} 个点的 y = {F(curve[i].Y)}，低于前一个点的 y = {F(curve[i - 1].Y)}；y 不得递减", $"the curve falls: point {i + 1} has y = {F(curve[i].Y)} after y = {F(curve[i - 1].Y)}; y must not decrease"));
                return;
            }
        }
    }

    private static string Name(PayoutKind kind) => JsonNames.Kind(kind);

    private static string F(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex CodePattern();
}

/// <summary>The snake_case names of payout kinds, as in files and JSON output.</summary>
public static class JsonNames
{
    /// <summary>salary_factor, adjustment, fixed, pool, milestone, excess_share, profit_share, award, recognition.</summary>
    public static string Kind(PayoutKind kind) => kind switch
    {
        PayoutKind.SalaryFactor => "salary_factor",
        PayoutKind.Adjustment => "adjustment",
        PayoutKind.Fixed => "fixed",
        PayoutKind.Pool => "pool",
        PayoutKind.Milestone => "milestone",
        PayoutKind.ExcessShare => "excess_share",
        PayoutKind.ProfitShare => "profit_share",
        PayoutKind.Award => "award",
        PayoutKind.Recognition => "recognition",
    };
}
