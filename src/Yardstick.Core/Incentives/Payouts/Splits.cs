using Yardstick.Core.Common;
using Yardstick.Core.Expressions;
using static Yardstick.Core.Common.TraceFormat;

namespace Yardstick.Core.Incentives.Payouts;

/// <summary>The shares of a group's members, how they were found, and whether reading them made the split provisional.</summary>
internal readonly record struct MemberShares(List<(string Person, decimal Share)> Shares, bool Provisional, string En, string Zh);

/// <summary>
/// Splitting an amount among a group (scoring.md §4 "Shares"), for pools, milestones, excess and profit shares:
/// the members' shares, and the lines of a split by largest remainder with the split in each line's trace.
/// </summary>
internal static class Splits
{
    /// <summary>
    /// Shares of members: explicit when every member has one, else the share expression, else equal; null (and a
    /// problem) when only some members have one. <paramref name="groupKind"/> and <paramref name="group"/> (a team or product id) name the group in that problem.
    /// </summary>
    public static MemberShares? Shares(PayoutRun run, PayoutRule rule, string? shareText, List<Member> members, MeasureScope groupKind, string group)
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
                var (zh, en) = groupKind == MeasureScope.Team ? ($"团队 {group}", $"team {group}") : ($"产品 {group}", $"product {group}");
                run.Problems.Add(Problem.Invalid("share",
                    $"{zh}：部分成员录入了份额，{ProblemText.ZhList(without)} 没有；请为每位成员都录入份额，或都不录入（{rule.Code}）",
                    $"{en}: shares are given for some members but not for {string.Join(", ", without)}; give every member a share or none ({rule.Code})"));
                return null;
            }

            return new([.. members.Select(m => (m.Person, m.Info.Share!.Value))], false, "share entered by the team lead", "团队负责人录入的份额");
        }

        var formula = shareText is "equal" ? null : shareText is not null ? run.Plan.Formula(rule.Code, "share") : run.Plan.DefaultShare;
        if (formula is null)
            return new(Equal(members), false, "equal shares", "均分");
        var provisional = false;
        var list = new List<(string, decimal)>(members.Count);
        foreach (var m in members)
        {
            var scope = run.ScopeOf(m.Card, m.Info);
            var v = formula.Evaluate(scope);
            provisional |= scope.ReadMissing;
            list.Add((m.Person, v.Kind == XKind.Number ? Math.Max(0m, v.Number) : 0m));
        }

        return new(list, provisional, $"share {formula.Text}", $"份额 {formula.Text}");
    }

    /// <summary>Equal shares (1 each) of a group: a product's owners, or members without share expression.</summary>
    public static List<(string Person, decimal Share)> Equal(List<Member> owners) => [.. owners.Select(o => (o.Person, 1m))];

    /// <summary>Splits an unrounded pool into lines, with the split in each line's trace.</summary>
    public static void Split(PayoutRun run, PayoutRule rule, decimal pool, List<(string Person, decimal Share)> shares, bool provisional, List<TraceStep> common, string shareEn, string shareZh)
    {
        var (lines, equal) = PoolSplit.Split(pool, shares);
        var context = new SplitContext(shareEn, shareZh, shares.Sum(s => s.Share), equal, lines);
        foreach (var l in lines)
        {
            var line = new PayoutLine(l.Person, rule, run.Currency, l.Amount, provisional || equal, [], common) { Exact = true, Detail = context };
            line.SetSteps([new TraceStep(line, static (s, lang) => SplitContext.Step((PayoutLine)s!, lang))]);
            run.Add(line);
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
}
