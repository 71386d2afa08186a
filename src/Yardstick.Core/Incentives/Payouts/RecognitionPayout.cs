using Yardstick.Core.Common;
using Yardstick.Core.Expressions;
using Yardstick.Core.Scoring;
using static Yardstick.Core.Common.TraceFormat;

namespace Yardstick.Core.Incentives.Payouts;

/// <summary>
/// <c>recognition</c> (scoring.md §4): the top n of the company or of each team by the ranking expressions in order
/// (ties at the cut-off all included), a 0.00 line with the benefit; only people with every ranking value present qualify.
/// </summary>
internal static class RecognitionPayout
{
    public static void Run(PayoutRun run, RecognitionRule rule)
    {
        var formulas = Enumerable.Range(0, rule.RankBy.Count).Select(i => run.Plan.Formula(rule.Code, $"rank_by[{i}]")!).ToList();
        var groups = rule.Scope == RecognitionScope.Company
            ? [("company", run.Cards.Select(c => new Member(c, run.Info(c.Person))).ToList())]
            : run.Teams.Select(kv => (kv.Key, kv.Value)).ToList();
        foreach (var (label, members) in groups)
        {
            var ranked = new List<(ScorecardResult Card, decimal[] Values)>();
            foreach (var (card, info) in members)
            {
                var values = new decimal[formulas.Count];
                var ok = true;
                for (var i = 0; i < formulas.Count && ok; i++)
                {
                    var scope = run.ScopeOf(card, info);
                    var v = formulas[i].Evaluate(scope);
                    ok = v.Kind == XKind.Number && !scope.ReadMissing;
                    values[i] = v.Number;
                }

                if (ok)
                    ranked.Add((card, values));
            }

            if (ranked.Count == 0)
                continue;

            var cut = CutOff(ranked, rule.Top);
            var chosen = ranked.Where(r => Compare(r.Values, cut) <= 0).ToList();
            chosen.Sort((a, b) => Compare(a.Values, b.Values) is var c and not 0 ? c : string.CompareOrdinal(a.Card.Person, b.Card.Person));
            var by = string.Join(", ", rule.RankBy);
            for (var rank = 0; rank < chosen.Count; rank++)
            {
                var (card, values) = chosen[rank];
                var vals = string.Join(", ", values.Select(Value));
                var tie = rank >= rule.Top ? (" (tied at the cut-off)", "（与末位并列）") : ("", "");
                run.Add(new PayoutLine(card.Person, rule, run.Currency, 0m, false,
                    [PayoutRun.S(lng => lng == Language.ZhCN
                        ? $"{rule.Code}：在 {label} 的 {ranked.Count} 名合格人员中按 {by} 排名前 {rule.Top}：({vals}){tie.Item2} → {rule.Benefit.Zh}"
                        : $"{rule.Code}: top {rule.Top} of {ranked.Count} eligible in {label} by {by}: ({vals}){tie.Item1} → {rule.Benefit.En}")])
                { Benefit = rule.Benefit, Exact = true });
            }
        }
    }

    /// <summary>
    /// The n-th best ranking: keep the best n seen so far (n is small), then everyone at or above it is chosen,
    /// so ties at the cut-off are all included.
    /// </summary>
    private static decimal[] CutOff(List<(ScorecardResult Card, decimal[] Values)> ranked, int top)
    {
        var best = new List<decimal[]>(top + 1);
        foreach (var (_, values) in ranked)
        {
            if (best.Count == top && Compare(values, best[^1]) >= 0)
                continue;
            var at = best.FindIndex(b => Compare(values, b) < 0);
            best.Insert(at < 0 ? best.Count : at, values);
            if (best.Count > top)
                best.RemoveAt(best.Count - 1);
        }

        return best[^1];
    }

    /// <summary>Higher rankings first, value by value.</summary>
    private static int Compare(decimal[] a, decimal[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var c = b[i].CompareTo(a[i]);
            if (c != 0)
                return c;
        }

        return 0;
    }
}
