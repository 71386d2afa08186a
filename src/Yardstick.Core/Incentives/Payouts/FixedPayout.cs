using Yardstick.Core.Common;
using Yardstick.Core.Expressions;
using Yardstick.Core.Scoring;
using static Yardstick.Core.Common.TraceFormat;

namespace Yardstick.Core.Incentives.Payouts;

/// <summary><c>fixed</c> (scoring.md §4): an <c>amount</c> expression, paid when <c>when</c> holds; a line only when it pays.</summary>
internal static class FixedPayout
{
    public static void Run(PayoutRun run, FixedRule rule)
    {
        var when = run.Plan.Formula(rule.Code, "when");
        var amountF = run.Plan.Formula(rule.Code, "amount")!;
        foreach (var card in run.Cards)
        {
            var scope = run.ScopeOf(card);
            if (when is not null && !when.Evaluate(scope).IsTrue)
                continue;

            var v = amountF.Evaluate(scope);
            if (v.Kind != XKind.Number)
            {
                run.Notices.Add(new($"{card.Person}: {rule.Code} not paid: its amount {amountF.Text} reads a missing value{run.Reads(amountF, card, Language.En)}",
                    $"{card.Person}：{rule.Code} 未发放：金额 {amountF.Text} 读取了缺失值{run.Reads(amountF, card, Language.ZhCN)}"));
                continue;
            }

            var fixedState = new FixedState(run, rule, when, amountF, card, v.Number);
            var amountStep = new TraceStep(fixedState, static (s, lang) => ((FixedState)s!).AmountStep(lang));
            TraceStep[] steps = when is null
                ? [amountStep]
                : [new TraceStep(fixedState, static (s, lang) => ((FixedState)s!).WhenStep(lang)), amountStep];
            run.Add(new PayoutLine(card.Person, rule, run.Currency, v.Number, scope.ReadMissing, steps));
        }
    }

    /// <summary>What a fixed line's trace shows.</summary>
    private sealed record FixedState(PayoutRun Run, FixedRule Rule, Formula? When, Formula AmountFormula, ScorecardResult Card, decimal Amount)
    {
        public string WhenStep(Language lang) => lang == Language.ZhCN
            ? $"{Rule.Code}：条件 {When!.Text} 成立{Run.Reads(When, Card, Language.ZhCN)}"
            : $"{Rule.Code}: {When!.Text} holds{Run.Reads(When, Card, Language.En)}";

        public string AmountStep(Language lang) =>
            $"{Rule.Code} = {AmountFormula.Text}{Run.Reads(AmountFormula, Card, lang)} {Eq(Money(Amount))}";
    }
}
