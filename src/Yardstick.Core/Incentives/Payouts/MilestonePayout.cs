using Yardstick.Core.Common;
using static Yardstick.Core.Common.TraceFormat;

namespace Yardstick.Core.Incentives.Payouts;

/// <summary>
/// <c>milestone</c> (scoring.md §4): a fixed amount when the product records the milestone event inside the period,
/// once per product and milestone ever (the ledger remembers it), split equally among the product's owners.
/// </summary>
internal static class MilestonePayout
{
    public static void Run(PayoutRun run, MilestoneRule rule)
    {
        var period = run.Period;
        foreach (var (product, owners) in run.Products)
        {
            var ev = run.Input.Events.Where(e => e.Product == product && e.Event == rule.Event && e.Date >= period.FirstDay && e.Date <= period.LastDay).OrderBy(e => e.Date).FirstOrDefault();
            if (ev is null)
                continue;
            if (run.Milestones.FirstOrDefault(m => m.Rule == rule.Code && m.Product == product) is { } paid)
            {
                run.Notices.Add(new($"product {product}: {rule.Code} ({rule.Event}) was already paid in {paid.Period}; it pays once", $"产品 {product}：{rule.Code}（{rule.Event}）已于 {paid.Period} 发放，只发放一次"));
                continue;
            }

            var common = new List<TraceStep>
            {
                PayoutRun.S(lng => lng == Language.ZhCN
                    ? $"{rule.Code}：产品 {product} 于 {ev.Date:yyyy-MM-dd} 达成 {rule.Event} → {Money(rule.Amount)}，每个产品只发一次，由 {owners.Count} 位负责人均分"
                    : $"{rule.Code}: product {product} recorded {rule.Event} on {ev.Date:yyyy-MM-dd} → {Money(rule.Amount)}, once per product, split equally among {owners.Count} owner(s)"),
            };
            Splits.Split(run, rule, rule.Amount, Splits.Equal(owners), false, common, "equal share", "均分");
            run.Milestones.Add(new MilestonePayment(rule.Code, product, rule.Event, period.ToString(), rule.Amount));
        }
    }
}
