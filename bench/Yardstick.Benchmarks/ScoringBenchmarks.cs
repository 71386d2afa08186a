using BenchmarkDotNet.Attributes;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;

namespace Yardstick.Benchmarks;

/// <summary>
/// Issue 2's goal: 50,000 people × 20 indicators (two of them formula indicators), in memory,
/// at least 5 million indicator evaluations per second on one core.
/// </summary>
[MemoryDiagnoser]
[GcConcurrent(false)]
public class ScoringBenchmarks
{
    public const int People = 50_000;
    public const int IndicatorCount = 20;

    private ScorecardCalculator _calc = null!;
    private ScorecardInput[] _inputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        var scheme = BenchScheme();
        _calc = ScorecardCalculator.Create(CompiledScheme.Compile(scheme).Value, Period.Parse("2026-10").Value).Value;
        var random = new Random(42);
        _inputs = new ScorecardInput[People];
        for (var p = 0; p < People; p++)
        {
            var actuals = new decimal?[IndicatorCount];
            for (var i = 0; i < IndicatorCount; i++)
                actuals[i] = Math.Round((decimal)(random.NextDouble() * 1.5), 4);
            _inputs[p] = new ScorecardInput("p" + p.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), actuals);
        }
    }

    /// <summary>Evaluates every person: 1,000,000 indicator evaluations per call.</summary>
    [Benchmark(OperationsPerInvoke = People * IndicatorCount)]
    public decimal EvaluateAll()
    {
        decimal sum = 0;
        foreach (var input in _inputs)
            sum += _calc.Evaluate(input).Value.Total;
        return sum;
    }

    /// <summary>
    /// 20 indicators in 4 groups: 18 ratio/threshold/linear/bands indicators in both directions, one
    /// formula source and one formula rule.
    /// </summary>
    public static Scheme BenchScheme()
    {
        var groups = new List<Node>();
        for (var g = 0; g < 4; g++)
        {
            var children = new List<Node>();
            for (var k = 0; k < 5; k++)
            {
                var i = g * 5 + k;
                var code = $"i{i:D2}";
                var ind = new Indicator(code, new LocalizedText(code, code), 0.05m, Unit.Percent, i % 3 == 0 ? Direction.Lower : Direction.Higher, 0.8m);
                ind = (i % 4) switch
                {
                    1 => ind with { Rule = RuleKind.Threshold },
                    2 => ind with { Rule = RuleKind.Linear, Zero = ind.Direction == Direction.Higher ? 0.2m : 1.6m },
                    3 => ind with { Rule = RuleKind.Bands, Bands = ind.Direction == Direction.Higher ? [new(0.4m, 0.5m), new(0.8m, 1m), new(1.0m, 1.2m)] : [new(1.2m, 0.5m), new(0.8m, 1m), new(0.5m, 1.2m)] },
                    _ => ind,
                };
                if (i == 18)
                    ind = ind with { Rule = RuleKind.Ratio, Direction = Direction.Higher, Source = Source.Formula, Expression = "(i00 + i01) / 2" };
                if (i == 19)
                    ind = ind with { Rule = RuleKind.Formula, Direction = Direction.Higher, Expression = "if(i19 >= 0.8, 1 + (i19 - 0.8), i19 / 0.8) * min(1.2, achievement('g0'))" };
                children.Add(ind);
            }

            groups.Add(new Group($"g{g}", new LocalizedText($"g{g}", $"g{g}"), 0.25m, children));
        }

        return new Scheme("bench", 1, new LocalizedText("bench", "bench"), PeriodKind.Month, 1, groups,
            [new GradeBand("A", 100m), new GradeBand("B", 85m), new GradeBand("C", null)]);
    }
}
