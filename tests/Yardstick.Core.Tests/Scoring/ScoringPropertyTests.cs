using CsCheck;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using static Yardstick.Core.Tests.TestSchemes;

namespace Yardstick.Core.Tests.Scoring;

/// <summary>Invariants of scoring, checked on random inputs with CsCheck.</summary>
public class ScoringPropertyTests
{
    private static readonly ScorecardCalculator T1 = Calculator("industrial-value", "2026-10");

    /// <summary>Random T1 actuals: each indicator present (a value in a plausible range) or missing.</summary>
    private static readonly Gen<decimal?[]> T1Actuals =
        Gen.Select(Gen.Decimal[0m, 2m].Array[11], Gen.Bool.Array[11], Gen.Decimal[1m, 5m].Array[11])
            .Select((values, present, ratings) =>
            {
                var result = new decimal?[11];
                for (var i = 0; i < 11; i++)
                {
                    if (!present[i])
                        continue;
                    var ind = T1.Scheme.Indicators[i];
                    result[i] = ind.Unit switch
                    {
                        Unit.Rating => Math.Round(ratings[i], 2),
                        Unit.Count => Math.Round(values[i] * 3),
                        _ => Math.Round(values[i], 4),
                    };
                }

                return result;
            });

    private static readonly Gen<(Indicator Indicator, decimal Actual)> AnyIndicator =
        Gen.Select(
            Gen.Enum<RuleKind>().Where(k => k != RuleKind.Formula),
            Gen.Enum<Direction>(),
            Gen.Decimal[0.01m, 100m],
            Gen.Decimal[-200m, 200m],
            Gen.Decimal[0m, 0.5m],
            Gen.Decimal[1m, 2m])
        .Select((rule, dir, target, actual, floor, cap) =>
        {
            var ind = Ind("x", 1m, Math.Round(target, 4), dir, rule) with { Floor = Math.Round(floor, 2), Cap = Math.Round(cap, 2) };
            ind = rule switch
            {
                RuleKind.Linear => ind with { Zero = dir == Direction.Higher ? ind.Target - 10m : ind.Target + 10m },
                RuleKind.Bands => ind with
                {
                    Bands = dir == Direction.Higher
                        ? [new(ind.Target / 2, 0.5m), new(ind.Target, 1m), new(ind.Target * 2, 1.5m)]
                        : [new(ind.Target * 2, 0.5m), new(ind.Target, 1m), new(ind.Target / 2, 1.5m)],
                },
                _ => ind,
            };
            return (ind, Math.Round(actual, 4));
        });

    [Fact]
    public void Score_AnyRuleAndDirection_StaysWithinFloorAndCap()
    {
        AnyIndicator.Sample(x =>
        {
            var calc = ScorecardCalculator.Create(CompiledScheme.Compile(Single(x.Indicator)).Value, Period.Parse("2026-10").Value).Value;
            var r = Evaluate(calc, [new("x", x.Actual)]).Indicator("x");
            Assert.InRange(r.Score, x.Indicator.Floor, x.Indicator.Cap);
        }, iter: 2000);
    }

    [Fact]
    public void Total_AnyActuals_WithinTheRangeOfFloorsAndCaps()
    {
        var min = T1.Scheme.Indicators.Sum(i => 100m * i.Weight * i.Floor);
        var max = T1.Scheme.Indicators.Sum(i => 100m * i.Weight * i.Cap);
        T1Actuals.Sample(actuals =>
        {
            var r = T1.Evaluate(new ScorecardInput("p", actuals)).Value;
            Assert.InRange(r.Total, min, max);
            Assert.Equal(R(r.Total, 20), R(r.Scheme.Scheme.Children.Sum(c => r.Points(c.Code)), 20));
        }, iter: 1000);
    }

    [Fact]
    public void Total_RaisingAnActual_MovesTotalTheRightWay()
    {
        Gen.Select(T1Actuals, Gen.Int[0, 10], Gen.Decimal[0.0001m, 1m]).Sample((actuals, i, raise) =>
        {
            var ind = T1.Scheme.Indicators[i];
            if (actuals[i] is not { } v)
                return;
            var raised = (decimal?[])actuals.Clone();
            raised[i] = ind.Unit == Unit.Count ? v + 1 : v + Math.Round(raise, 4);
            if (ind.EffectiveMax is { } max && raised[i] > max)
                return;
            var before = T1.Evaluate(new ScorecardInput("p", actuals)).Value.Total;
            var after = T1.Evaluate(new ScorecardInput("p", raised)).Value.Total;
            if (ind.Direction == Direction.Higher)
                Assert.True(after >= before, $"{ind.Code} {v} → {raised[i]}: {before} → {after}");
            else
                Assert.True(after <= before, $"{ind.Code} {v} → {raised[i]}: {before} → {after}");
        }, iter: 2000);
    }

    [Fact]
    public void Evaluate_ShuffledInputOrder_ChangesNothing()
    {
        Gen.Select(T1Actuals, Gen.Int[0, int.MaxValue]).Sample((actuals, seed) =>
        {
            var pairs = actuals.Select((v, i) => (v, i)).Where(x => x.v is not null)
                .Select(x => new KeyValuePair<string, decimal>(T1.Scheme.Indicators[x.i].Code, x.v!.Value)).ToList();
            var shuffled = pairs.ToList();
            new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));
            var a = Evaluate(T1, pairs);
            var b = Evaluate(T1, shuffled);
            Assert.Equal(a.Total, b.Total);
            Assert.Equal(a.Indicators, b.Indicators);
        }, iter: 300);
    }

    [Fact]
    public void Waiver_AllRemainingTargetsMet_TotalsExactly100()
    {
        var dec = Calculator("industrial-value", "2026-12");
        var targets = dec.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target);
        Gen.Int[1, (1 << 11) - 2].Sample(mask =>
        {
            var waivers = dec.Scheme.Indicators.Where((_, i) => (mask & (1 << i)) != 0)
                .Select(i => new KeyValuePair<string, string>(i.Code, "test"));
            var r = Evaluate(dec, targets, waivers);
            Assert.Equal(100m, Math.Round(r.Total, 20));
            Assert.Equal("A", r.Grade);
        }, iter: 500);
    }
}
