using Yardstick.Core.Common;
using Yardstick.Core.Expressions;
using static Yardstick.Core.Common.TraceFormat;

namespace Yardstick.Core.Incentives.Payouts;

/// <summary>
/// <c>pool</c> (scoring.md §4): per team, <c>rate × measure</c> when <c>when</c> holds (both evaluated once per team),
/// split among the team's members by share; a line for every member, 0.00 included.
/// </summary>
internal static class PoolPayout
{
    public static void Run(PayoutRun run, PoolRule rule)
    {
        var measure = run.Plan.Formula(rule.Code, "measure")!;
        var when = run.Plan.Formula(rule.Code, "when");
        foreach (var (team, members) in run.Teams)
        {
            var scope = new TeamScope(run.Plan.Scheme, team, run.Input);
            var common = new List<TraceStep>();
            var holds = true;
            if (when is not null)
            {
                holds = when.Evaluate(scope).IsTrue;
                var reads = (scope.Describe(when, Language.En), scope.Describe(when, Language.ZhCN));
                common.Add(holds
                    ? PayoutRun.S(lng => lng == Language.ZhCN
                        ? $"{rule.Code}：团队 {team}：条件 {when.Text} 成立{reads.Item2}"
                        : $"{rule.Code}: team {team}: {when.Text} holds{reads.Item1}")
                    : PayoutRun.S(lng => lng == Language.ZhCN
                        ? $"{rule.Code}：团队 {team}：条件 {when.Text} 不成立{reads.Item2} → 奖金池为 0"
                        : $"{rule.Code}: team {team}: {when.Text} does not hold{reads.Item1} → pool 0"));
            }

            var m = measure.Evaluate(scope);
            if (m.Kind != XKind.Number)
            {
                run.Notices.Add(new($"team {team}: {rule.Code} not computed: {measure.Text} is missing for {run.Period}", $"团队 {team}：{rule.Code} 未计算：{run.Period} 缺少 {measure.Text}"));
                continue;
            }

            var pool = holds ? Math.Max(0m, rule.Rate * m.Number) : 0m;
            if (holds)
                common.Add(PayoutRun.S(lng => lng == Language.ZhCN
                    ? $"奖金池 = {Input(rule.Rate)} × {measure.Text} {Money(m.Number)} = {PayoutRun.Plain(Show(pool, 4))} ≈ {PayoutRun.Plain(Money(pool))}"
                    : $"pool = {Input(rule.Rate)} × {measure.Text} {Money(m.Number)} {Eq(Amount(pool))}{(Money(pool).StartsWith('≈') ? " → " + PayoutRun.Plain(Money(pool)) : "")}"));
            if (Splits.Shares(run, rule, rule.Share, members, MeasureScope.Team, team) is not { } shares)
                continue;
            Splits.Split(run, rule, pool, shares.Shares, scope.ReadMissing || shares.Provisional, common, shares.En, shares.Zh);
        }
    }
}
