using CsCheck;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Scoring;
using static Yardstick.Core.Tests.Incentives.WorkedExamplePayTests;
using static Yardstick.Core.Tests.TestSchemes;

namespace Yardstick.Core.Tests.Incentives;

/// <summary>Invariants of the payout engine, checked on random inputs.</summary>
public class PayoutPropertyTests
{
    [Fact]
    public void Split_AnyShares_LinesSumExactlyToTheRoundedPool()
    {
        Gen.Select(Gen.Decimal[0m, 10_000_000m], Gen.Decimal[0m, 100m].Array[1, 40], Gen.Bool)
            .Sample((pool, shares, zeroes) =>
            {
                pool = Math.Round(pool, Gen.Int[0, 6].Single());
                var list = shares.Select((s, i) => ($"p{i:D2}", zeroes && i % 3 == 0 ? 0m : Math.Round(s, 3))).ToList();
                var (lines, equal) = PoolSplit.Split(pool, list);
                Assert.Equal(Math.Round(pool, 2, MidpointRounding.AwayFromZero), lines.Sum(l => l.Amount));
                Assert.All(lines, l => Assert.Equal(l.Amount, Math.Round(l.Amount, 2)));
                Assert.All(lines, l => Assert.InRange(l.Amount - l.Exact, -0.01m, 0.01m));
                Assert.Equal(list.Sum(s => s.Item2) == 0, equal);
            }, iter: 3000);
    }

    [Fact]
    public void Adjustment_FactorOne_ChangesNothing()
    {
        var calc = Calculator("industrial-value", "2026-10");
        var factorOne = CompiledScheme.Compile(calc.Scheme.Scheme with
        {
            Plan = calc.Scheme.Scheme.Plan! with
            {
                Rules = [.. calc.Scheme.Scheme.Plan!.Rules.Select(r => r is AdjustmentRule a ? a with { Factor = 1m } : r)],
            },
        }).Value.Plan!;
        Gen.Select(Gen.Decimal[0.3m, 1.0m], Gen.Decimal[0.5m, 1.5m], Gen.Decimal[1000m, 90000m]).Sample((usage, renewal, salary) =>
        {
            var actuals = E1Actuals();
            actuals["core_feature_usage"] = Math.Round(usage, 4);
            actuals["renewal_rate"] = Math.Round(renewal, 4);
            var card = Evaluate(calc, actuals, person: "p");
            var people = new Dictionary<string, PersonInfo> { ["p"] = new("p", Math.Round(salary, 2)) };
            var input = new PayoutInput(people, new Measures(), [], [], Ledger.Empty);
            var withFactorOne = PayoutCalculator.Run(factorOne, calc.Period, [card], input).For("p").Single().Amount;
            var withoutAdjustment = PayoutCalculator.Run(
                CompiledScheme.Compile(calc.Scheme.Scheme with { Plan = calc.Scheme.Scheme.Plan! with { Rules = [calc.Scheme.Scheme.Plan!.Rules[0]] } }).Value.Plan!,
                calc.Period, [card], input).For("p").Single().Amount;
            Assert.Equal(withoutAdjustment, withFactorOne);
        }, iter: 300);
    }

    [Fact]
    public void SalaryFactor_AmountNeverFallsWhenXRises()
    {
        var points = new[] { new CurvePoint(0.6m, 0m), new CurvePoint(1.0m, 0.8m), new CurvePoint(1.2m, 1.2m) };
        Gen.Select(Gen.Decimal[-1m, 3m], Gen.Decimal[0m, 1m], Gen.Decimal[0m, 100000m]).Sample((x, dx, salary) =>
        {
            var low = Money.RoundAmount(salary * Curve.At(points, x));
            var high = Money.RoundAmount(salary * Curve.At(points, x + dx));
            Assert.True(high >= low, $"x {x} → {x + dx}: {low} → {high}");
            Assert.InRange(Curve.At(points, x), 0m, 1.2m);
        }, iter: 5000);
    }

    [Fact]
    public void Milestone_EvaluatedTwiceOrMore_PaysOnce()
    {
        var calc = Calculator("crossborder-startup", "2026-Q1");
        var actuals = calc.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target);
        Gen.Int[1, 4].Select(Gen.Int[2, 4]).Sample((owners, runs) =>
        {
            var people = Enumerable.Range(0, owners).Select(i => new PersonInfo($"pm{i}", Product: "compliance")).ToList();
            var cards = people.Select(p => Evaluate(calc, actuals, person: p.Id)).ToList();
            var events = new[] { new MilestoneEvent("compliance", "demand_validated", new DateOnly(2026, 3, 31)), new MilestoneEvent("compliance", "pilot_launched", new DateOnly(2026, 1, 1)) };
            var ledger = Ledger.Empty;
            decimal total = 0;
            for (var run = 0; run < runs; run++)
            {
                var r = Pay(calc, cards, people, ledger: ledger, events: events);
                total += r.Lines.Values.SelectMany(l => l).Sum(l => l.Amount.Amount);
                ledger = r.Ledger;
            }

            Assert.Equal(130000m, total);
            Assert.Equal(2, ledger.Milestones.Count);
        }, iter: 30);
    }

    [Fact]
    public void Recognition_AnyRatings_SelectsTopNWithTiesLikeAFullSort()
    {
        var calc = Calculator("saas-team-individual", "2026-10");
        var targets = calc.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target);
        Gen.Select(Gen.Int[1, 5].Array[1, 30], Gen.Int[90, 100].Array[30]).Sample((ratings, rates) =>
        {
            var cards = ratings.Select((r, i) => Evaluate(calc, new Dictionary<string, decimal>(targets)
            {
                ["collaboration_rating"] = r,
                ["request_response_rate"] = rates[i] / 100m,
            }, person: $"p{i:D2}")).ToList();
            var chosen = Pay(calc, cards, cards.Select(c => new PersonInfo(c.Person))).Lines
                .Where(kv => kv.Value.Any(l => l.Rule == "best_collaborator")).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();

            var keyed = cards.Select((c, i) => (c.Person, Key: (ratings[i], rates[i]))).OrderByDescending(x => x.Key.Item1).ThenByDescending(x => x.Key.Item2).ToList();
            var expected = keyed.Where(x => x.Key == keyed[0].Key).Select(x => x.Person).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, chosen);
        }, iter: 300);
    }

    [Fact]
    public void Ledger_WriteThenParse_RoundTrips()
    {
        var ledger = new Ledger(
            [new MilestonePayment("validation_subsidy", "p", "demand_validated", "2026-Q1", 50000m)],
            [new ProfitSharePayment("project_dividend", "mes", 2025, 30000m)],
            [new ProfitBaseline("mes", 2024, 1000000m)],
            new Dictionary<string, IReadOnlyList<GradeRecord>> { ["张伟"] = [new("2026-Q1", "A")] });
        var json = ledger.Write();
        var again = Ledger.Parse(json, "ledger.json").Value;
        Assert.Equal(json, again.Write());
        Assert.Contains("张伟", json, StringComparison.Ordinal);
        Assert.False(Ledger.Parse("{\"milestone\": []}", "l.json").IsSuccess);
    }
}
