using Yardstick.Core.Common;
using Yardstick.Core.Expressions;
using Yardstick.Core.Scoring;
using static Yardstick.Core.Common.TraceFormat;

namespace Yardstick.Core.Incentives.Payouts;

/// <summary>
/// <c>salary_factor</c> (scoring.md §4): <c>base_salary × curve(x)</c>, a line for everyone with a base salary;
/// and <c>adjustment</c>, which multiplies an earlier line by its factor when its condition holds.
/// </summary>
internal static class SalaryFactorPayout
{
    public static void Run(PayoutRun run, SalaryFactorRule rule)
    {
        var xf = run.Plan.Formula(rule.Code, "x")!;
        foreach (var card in run.Cards)
        {
            var info = run.Info(card.Person);
            if (info?.BaseSalary is not { } salary)
                continue;
            var scope = run.ScopeOf(card, info);
            var x = xf.Evaluate(scope);
            if (x.Kind != XKind.Number)
            {
                var missing = PayoutRun.S(lng => lng == Language.ZhCN
                    ? $"{rule.Code}：x = {xf.Text} 缺失 → 0.00"
                    : $"{rule.Code}: x = {xf.Text} is missing → 0.00");
                run.Add(new PayoutLine(card.Person, rule, run.Currency, 0m, true, [missing]));
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
            run.Add(new PayoutLine(card.Person, rule, run.Currency, amount, scope.ReadMissing, steps));
        }
    }

    /// <summary>An adjustment: changes the line of its target rule, in place, and adds a step to that line's trace.</summary>
    public static void Adjust(PayoutRun run, AdjustmentRule rule)
    {
        var when = run.Plan.Formula(rule.Code, "when")!;
        foreach (var card in run.Cards)
        {
            if (run.LineOf(card.Person, rule.Target) is not { } line)
                continue;
            var scope = run.ScopeOf(card);
            var holds = when.Evaluate(scope).IsTrue;
            line.Provisional |= scope.ReadMissing;
            if (holds)
                line.Unrounded *= rule.Factor;
            var adjustState = new AdjustState(run, rule, when, card, holds, scope.ReadMissing, line.Unrounded);
            line.AddStep(new TraceStep(adjustState, static (s, lang) => ((AdjustState)s!).Step(lang)));
        }
    }

    /// <summary>What a salary_factor line's trace shows.</summary>
    private sealed record SalaryState(SalaryFactorRule Rule, Formula X, decimal Xv, decimal Y, decimal Salary, decimal Amount, bool ReadMissing)
    {
        public string XStep() => $"x = {X.Text} {Eq(Ratio(Xv))}";

        public string AmountStep(Language lang)
        {
            var approx = Ratio(Xv).StartsWith('≈') || Ratio(Y).StartsWith('≈') || Money(Amount).StartsWith('≈');
            var result = $"{Money(Salary)} × {PayoutRun.Plain(Ratio(Y))} {(approx ? "≈" : "=")} {PayoutRun.Plain(Money(Amount))}";
            return lang == Language.En
                ? $"{Rule.Code} = {Money(Salary)} × curve({PayoutRun.Plain(Ratio(Xv))}) = {result}{Missing(ReadMissing, Language.En)}"
                : $"{Rule.Code} = {Money(Salary)} × 曲线({PayoutRun.Plain(Ratio(Xv))}) = {result}{Missing(ReadMissing, Language.ZhCN)}";
        }

        private static string Missing(bool readMissing, Language lang) => !readMissing ? ""
            : lang == Language.En ? " (provisional: reads a missing indicator, computed with s = 0)" : "（暂定：读取了缺失指标，按 s = 0 计算）";
    }

    /// <summary>What an adjustment adds to the trace of the line it changes.</summary>
    private sealed record AdjustState(PayoutRun Run, AdjustmentRule Rule, Formula When, ScorecardResult Card, bool Holds, bool ReadMissing, decimal Adjusted)
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
}
