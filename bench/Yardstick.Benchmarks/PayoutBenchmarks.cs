using BenchmarkDotNet.Attributes;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Scoring;
using Yardstick.Core.Templates;

namespace Yardstick.Benchmarks;

/// <summary>
/// Issue 3's goal: payout lines from 50,000 ready scorecards (T1's plan, T3's plan), at least
/// 1 million payout lines per second on one core. Each benchmark reports the time per person.
/// Background (concurrent) GC is off, as in the CLI: a batch run gains nothing from it and the
/// 50,000 retained scorecards make every background collection expensive.
/// </summary>
[MemoryDiagnoser]
[GcConcurrent(false)]
public class PayoutBenchmarks
{
    private const int People = 50_000;

    private Run _t1 = null!;
    private Run _t3Month = null!;
    private Run _t3Year = null!;

    private sealed record Run(CompiledPlan Plan, Period Period, List<ScorecardResult> Cards, PayoutInput Input, int Lines);

    [GlobalSetup]
    public void Setup()
    {
        _t1 = Prepare("industrial-value", "2026-10");
        _t3Month = Prepare("saas-team-individual", "2026-10");
        _t3Year = Prepare("saas-team-individual", "2026");
    }

    private static Run Prepare(string template, string period)
    {
        var scheme = CompiledScheme.Compile(TemplateCatalog.Find(template).Value.Document.Schemes[0]).Value;
        var calc = ScorecardCalculator.Create(scheme, Period.Parse(period).Value).Value;
        var random = new Random(7);
        var cards = new List<ScorecardResult>(People);
        var people = new Dictionary<string, PersonInfo>(People);
        var measures = new Measures();
        var teamActuals = new Dictionary<string, decimal?[]>();
        for (var p = 0; p < People; p++)
        {
            var id = "p" + p.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            var actuals = new decimal?[scheme.Indicators.Length];
            for (var i = 0; i < actuals.Length; i++)
            {
                var ind = scheme.Indicators[i];
                var v = calc.Targets[i] * (decimal)(0.6 + (random.NextDouble() * 0.6));
                actuals[i] = ind.Unit switch
                {
                    Yardstick.Core.Schemes.Unit.Count => Math.Round(v),
                    Yardstick.Core.Schemes.Unit.Rating => Math.Clamp(Math.Round(v, 1), 1m, 5m),
                    _ => Math.Round(v, 4),
                };
            }

            cards.Add(calc.Evaluate(new ScorecardInput(id, actuals)).Value);
            var team = "team" + (p % 500).ToString(System.Globalization.CultureInfo.InvariantCulture);
            people[id] = new PersonInfo(id, 20000m + (p % 100 * 100m), Team: team);
            if (p < 500)
            {
                measures.Set(MeasureScope.Team, team, "revenue", 10_000_000m + (p * 1000m));
                var ta = new decimal?[scheme.Indicators.Length];
                if (scheme.IndicatorIndex("team_goal_attainment") is var g and >= 0)
                    ta[g] = 1.05m;
                teamActuals[team] = ta;
            }
        }

        var input = new PayoutInput(people, measures, [], [], Ledger.Empty, teamActuals);
        var lines = PayoutCalculator.Run(scheme.Plan!, calc.Period, cards, input).Lines.Values.Sum(l => l.Count);
        return new Run(scheme.Plan!, calc.Period, cards, input, lines);
    }

    /// <summary>T1 monthly: monthly_bonus with usage_deduction, one line per person.</summary>
    [Benchmark(OperationsPerInvoke = People)]
    public int T1Monthly() => Execute(_t1);

    /// <summary>T3 monthly: individual_bonus, collaboration_bonus where earned, best_collaborator.</summary>
    [Benchmark(OperationsPerInvoke = People)]
    public int T3Monthly() => Execute(_t3Month);

    /// <summary>T3 yearly: the team pool over 500 teams of 100.</summary>
    [Benchmark(OperationsPerInvoke = People)]
    public int T3YearlyPool() => Execute(_t3Year);

    private static int Execute(Run run) => PayoutCalculator.Run(run.Plan, run.Period, run.Cards, run.Input).Lines.Count;

    /// <summary>Prints how many lines each run produces, to turn time per person into lines per second.</summary>
    [GlobalCleanup]
    public void Report() =>
        Console.WriteLine($"// lines per run: T1 monthly {_t1.Lines}, T3 monthly {_t3Month.Lines}, T3 yearly {_t3Year.Lines} (of {People} people)");
}
