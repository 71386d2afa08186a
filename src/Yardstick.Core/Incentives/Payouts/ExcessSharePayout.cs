using Yardstick.Core.Common;
using Yardstick.Core.Expressions;
using static Yardstick.Core.Common.TraceFormat;

namespace Yardstick.Core.Incentives.Payouts;

/// <summary>
/// <c>excess_share</c> (scoring.md §4): per product, <c>rate × max(0, measure)</c> (the measure reads product.* only),
/// split equally among the product's owners; a line for every owner, 0.00 included.
/// </summary>
internal static class ExcessSharePayout
{
    public static void Run(PayoutRun run, ExcessShareRule rule)
    {
        var measure = run.Plan.Formula(rule.Code, "measure")!;
        var measures = run.Input.Measures;
        foreach (var (product, owners) in run.Products)
        {
            Func<string, decimal?> names = n => n.StartsWith("product.", StringComparison.Ordinal) ? measures.Get(MeasureScope.Product, product, n["product.".Length..]) : null;
            var m = measure.Evaluate(new NamesScope(names));
            if (m.Kind != XKind.Number)
            {
                run.Notices.Add(new($"product {product}: {rule.Code} not computed: {measure.Text} reads a missing measure{PayoutRun.Reads(measure, null, names, Language.En)}",
                    $"产品 {product}：{rule.Code} 未计算：{measure.Text} 缺少数据{PayoutRun.Reads(measure, null, names, Language.ZhCN)}"));
                continue;
            }

            var pool = rule.Rate * Math.Max(0m, m.Number);
            var common = new List<TraceStep>
            {
                PayoutRun.S(lng => lng == Language.ZhCN
                    ? $"{rule.Code}：产品 {product}：{Input(rule.Rate)} × max(0, {measure.Text}){PayoutRun.Reads(measure, null, names, Language.ZhCN)} = {Input(rule.Rate)} × {Input(Math.Max(0m, m.Number))} {Eq(Money(pool))}"
                    : $"{rule.Code}: product {product}: {Input(rule.Rate)} × max(0, {measure.Text}){PayoutRun.Reads(measure, null, names, Language.En)} = {Input(rule.Rate)} × {Input(Math.Max(0m, m.Number))} {Eq(Money(pool))}"),
            };
            Splits.Split(run, rule, pool, Splits.Equal(owners), false, common, "equal share", "均分");
        }
    }
}
