using Yardstick.Core.Common;
using static Yardstick.Core.Common.TraceFormat;

namespace Yardstick.Core.Incentives.Payouts;

/// <summary>
/// <c>profit_share</c> (scoring.md §4): in a yearly run for year y within the rule's years after the product's launch
/// year, <c>rate × max(0, revenue(y) − revenue(launch year))</c>, split among the product's owners by share; each
/// year's payment and the launch-year revenue are kept in the ledger.
/// </summary>
internal static class ProfitSharePayout
{
    public static void Run(PayoutRun run, ProfitShareRule rule)
    {
        var year = run.Period.Year;
        var measures = run.Input.Measures;
        foreach (var (product, owners) in run.Products)
        {
            decimal? M(string name) => measures.Get(MeasureScope.Product, product, name);
            if (M("launch_year") is not { } launchValue)
            {
                run.Notices.Add(new($"product {product}: {rule.Code} needs product.launch_year", $"产品 {product}：{rule.Code} 需要 product.launch_year"));
                continue;
            }

            var launch = (int)launchValue;
            var after = year - launch;
            if (after == 0 && M("revenue") is { } launchRevenue && run.Baselines.All(b => b.Product != product))
                run.Baselines.Add(new ProfitBaseline(product, launch, launchRevenue));
            if (after < 1 || after > rule.Years)
            {
                if (after > rule.Years)
                    run.Notices.Add(new($"product {product}: {rule.Code} pays in years {launch + 1}–{launch + rule.Years}; {year} is year {after} after launch, nothing to pay",
                        $"产品 {product}：{rule.Code} 在 {launch + 1}–{launch + rule.Years} 年发放；{year} 年为上线后第 {after} 年，不再发放"));
                continue;
            }

            if (run.ProfitShares.FirstOrDefault(p => p.Rule == rule.Code && p.Product == product && p.Year == year) is { } done)
            {
                run.Notices.Add(new($"product {product}: {rule.Code} for {year} is already in the ledger ({Money(done.Amount)}); it pays once a year", $"产品 {product}：{rule.Code} {year} 年已记入台账（{Money(done.Amount)}），每年只发一次"));
                continue;
            }

            var baseline = M("revenue_baseline") ?? run.Baselines.FirstOrDefault(b => b.Product == product)?.Revenue;
            var revenue = M("revenue");
            var rate = M("profit_share_rate");
            if (baseline is null || revenue is null || rate is null)
            {
                run.Notices.Add(new($"product {product}: {rule.Code} for {year} needs product.revenue, product.profit_share_rate and the launch-year revenue (product.revenue_baseline or the ledger)",
                    $"产品 {product}：{rule.Code} {year} 年需要 product.revenue、product.profit_share_rate 和上线当年营收（product.revenue_baseline 或台账）"));
                continue;
            }

            if (rate < rule.RateMin || rate > rule.RateMax)
            {
                run.Problems.Add(Problem.Invalid($"product:{product}",
                    $"profit_share_rate {Input(rate.Value)} 超出激励方案规定的范围 {Input(rule.RateMin)}–{Input(rule.RateMax)}（{rule.Code}）",
                    $"profit_share_rate {Input(rate.Value)} is outside the plan's range {Input(rule.RateMin)}–{Input(rule.RateMax)} ({rule.Code})"));
                continue;
            }

            var pool = rate.Value * Math.Max(0m, revenue.Value - baseline.Value);
            var common = new List<TraceStep>
            {
                PayoutRun.S(lng => lng == Language.ZhCN
                    ? $"{rule.Code}：产品 {product}，{launch} 年上线，{year} 年为第 {after}/{rule.Years} 年：{Input(rate.Value)} × max(0, 营收 {Money(revenue.Value)} − 上线当年营收 {Money(baseline.Value)}) {Eq(Money(pool))}"
                    : $"{rule.Code}: product {product}, launched {launch}, {year} is year {after} of {rule.Years}: {Input(rate.Value)} × max(0, revenue {Money(revenue.Value)} − launch-year revenue {Money(baseline.Value)}) {Eq(Money(pool))}"),
            };
            if (Splits.Shares(run, rule, null, owners, MeasureScope.Product, product) is not { } shares)
                continue;
            Splits.Split(run, rule, pool, shares.Shares, shares.Provisional, common, shares.En, shares.Zh);
            run.ProfitShares.Add(new ProfitSharePayment(rule.Code, product, year, Incentives.Money.RoundAmount(pool)));
        }
    }
}
