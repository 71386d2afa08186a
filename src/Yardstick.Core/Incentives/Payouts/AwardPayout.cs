using Yardstick.Core.Common;
using static Yardstick.Core.Common.TraceFormat;

namespace Yardstick.Core.Incentives.Payouts;

/// <summary>
/// <c>award</c> (scoring.md §4): a nominated cash amount within the rule's range (plus optional equity units), paid once a
/// second person has approved it; nominations for rules that are not awards of this run are problems.
/// </summary>
internal static class AwardPayout
{
    public static void Run(PayoutRun run, AwardRule rule)
    {
        HashSet<string>? inRun = null;
        var problems = run.Problems;
        foreach (var n in run.Input.Awards.Where(a => a.Rule == rule.Code))
        {
            inRun ??= run.Cards.Select(c => c.Person).ToHashSet(StringComparer.Ordinal);
            var before = problems.Count;
            if (!inRun.Contains(n.Person))
                problems.Add(Problem.Invalid(n.Where, $"'{n.Person}' 不在本次计算的人员中；请提名在 {run.Period} 周期有考核结果的人员", $"'{n.Person}' is not evaluated in this run; nominate someone with a scorecard for {run.Period}"));
            if (n.Amount < rule.Min || n.Amount > rule.Max)
                problems.Add(Problem.Invalid(n.Where, $"金额 {Input(n.Amount)} 超出 {rule.Code} 的范围：{Input(rule.Min)}–{Input(rule.Max)}", $"amount {Input(n.Amount)} is outside the range of {rule.Code}: {Input(rule.Min)}–{Input(rule.Max)}"));
            if (n.EquityUnits is { } units && (units < 0 || !rule.Equity) && units != 0)
                problems.Add(rule.Equity
                    ? Problem.Invalid(n.Where, $"股权份数 {Input(units)} 不能为负数", $"equity units {Input(units)} must not be negative")
                    : Problem.Invalid(n.Where, $"{rule.Code} 只发放现金；equity_units 请留空", $"{rule.Code} pays cash only; leave equity_units empty"));
            if (string.IsNullOrWhiteSpace(n.NominatedBy))
                problems.Add(Problem.Invalid(n.Where, "nominated_by（提名人）必须填写", "nominated_by is required"));
            if (!string.IsNullOrWhiteSpace(n.ApprovedBy) && string.Equals(n.ApprovedBy, n.NominatedBy, StringComparison.Ordinal))
                problems.Add(Problem.Invalid(n.Where, $"审批人必须是提名人以外的另一个人；{n.ApprovedBy} 既是提名人又是审批人", $"the approver must be a second person; {n.ApprovedBy} both nominated and approved"));
            if (problems.Count > before)
                continue;
            if (string.IsNullOrWhiteSpace(n.ApprovedBy))
            {
                run.Notices.Add(new($"{n.Person}: {rule.Code} nominated by {n.NominatedBy} awaits approval; not paid", $"{n.Person}：{rule.Code} 由 {n.NominatedBy} 提名，待审批，未发放"));
                continue;
            }

            var equity = n.EquityUnits is { } eu and > 0 ? ($", equity units {Input(eu)}", $"，股权 {Input(eu)} 份") : ("", "");
            run.Add(new PayoutLine(n.Person, rule, run.Currency, n.Amount, false,
                [PayoutRun.S(lng => lng == Language.ZhCN
                    ? $"{rule.Code}：{n.NominatedBy} 提名，{n.ApprovedBy} 审批：{Money(n.Amount)}（范围 {Money(rule.Min)}–{Money(rule.Max)}）{equity.Item2}"
                    : $"{rule.Code}: nominated by {n.NominatedBy}, approved by {n.ApprovedBy}: {Money(n.Amount)} (range {Money(rule.Min)}–{Money(rule.Max)}){equity.Item1}")])
            { EquityUnits = n.EquityUnits is > 0 ? n.EquityUnits : null, Exact = true });
        }
    }

    /// <summary>Nominations must name an award rule of the plan that runs in this period.</summary>
    public static void CheckNominatedRules(PayoutRun run)
    {
        var plan = run.Plan;
        var period = run.Period;
        foreach (var n in run.Input.Awards)
        {
            var rule = plan.Plan.Rules.FirstOrDefault(r => r.Code == n.Rule);
            if (rule is not AwardRule)
            {
                var awards = plan.Plan.Rules.OfType<AwardRule>().Select(r => r.Code).ToList();
                run.Problems.Add(Problem.Invalid(n.Where,
                    $"'{n.Rule}' 不是本激励方案的奖励规则；{(awards.Count == 0 ? "本激励方案没有奖励规则" : "应为 " + ProblemText.ZhList(awards))}",
                    $"'{n.Rule}' is not an award rule of this plan; expected {(awards.Count == 0 ? "none (the plan has no awards)" : string.Join(", ", awards))}"));
            }
            else if (plan.FrequencyOf(rule) != period.Kind)
            {
                var paidIn = plan.FrequencyOf(rule);
                run.Problems.Add(Problem.Invalid(n.Where,
                    $"{rule.Code} 在{ProblemText.Zh(paidIn)}计算中发放；{period} 是{ProblemText.Zh(period.Kind)}周期",
                    $"{rule.Code} is paid in {ProblemText.En(paidIn)} runs; {period} is a {ProblemText.En(period.Kind)}"));
            }
        }
    }
}
