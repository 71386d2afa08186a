using Yardstick.Core.Common;
using Yardstick.Core.Incentives.Payouts;
using Yardstick.Core.Scoring;

namespace Yardstick.Core.Incentives;

/// <summary>Inputs of a payout run besides the scorecards.</summary>
/// <param name="People">Base salary, team, product and share by person id.</param>
/// <param name="Measures">Business measures of persons, teams and products.</param>
/// <param name="Events">Milestone events.</param>
/// <param name="Awards">Award nominations.</param>
/// <param name="Ledger">What earlier runs paid and graded.</param>
/// <param name="TeamActuals">Team-level actuals of team indicators, by team id, indexed by indicator number.</param>
/// <param name="Grades">Grades that replace the scorecards' in the ledger and career tracks (a pro-rata grade), by person.</param>
public sealed record PayoutInput(
    IReadOnlyDictionary<string, PersonInfo> People,
    Measures Measures,
    IReadOnlyList<MilestoneEvent> Events,
    IReadOnlyList<AwardNomination> Awards,
    Ledger Ledger,
    IReadOnlyDictionary<string, decimal?[]>? TeamActuals = null,
    IReadOnlyDictionary<string, string?>? Grades = null);

/// <summary>
/// Turns scorecards and business measures into payout lines (scoring.md §4–7). A run covers the people
/// evaluated under one plan in one period: pools split across teams, recognition ranks across the run.
/// </summary>
public static class PayoutCalculator
{
    /// <summary>
    /// Runs several plans one after another — the stage schemes of a lifecycle bundle, each on its own people —
    /// passing the ledger from one run to the next (a milestone paid by one is paid), and merges what they produced.
    /// Each run's <see cref="PayoutInput.Ledger"/> is replaced by the ledger as it stands when that run starts.
    /// </summary>
    public static PayoutResult RunEach(Period period, Ledger ledger, IEnumerable<(CompiledPlan Plan, IReadOnlyList<ScorecardResult> Cards, PayoutInput Input)> runs)
    {
        var lines = new Dictionary<string, IReadOnlyList<PayoutLine>>(StringComparer.Ordinal);
        var careers = new Dictionary<string, IReadOnlyList<CareerStatus>>(StringComparer.Ordinal);
        var problems = new List<Problem>();
        var notices = new List<Notice>();
        foreach (var (plan, cards, input) in runs)
        {
            var result = Run(plan, period, cards, input with { Ledger = ledger });
            problems.AddRange(result.Problems);
            notices.AddRange(result.Notices);
            ledger = result.Ledger;
            foreach (var (person, l) in result.Lines)
                lines[person] = l;
            foreach (var (person, c) in result.Careers)
                careers[person] = c;
        }

        return new PayoutResult(lines, careers, problems, notices, ledger);
    }

    /// <summary>Runs the rules of <paramref name="plan"/> whose frequency is the kind of <paramref name="period"/>.</summary>
    public static PayoutResult Run(CompiledPlan plan, Period period, IReadOnlyList<ScorecardResult> scorecards, PayoutInput input)
    {
        var run = new PayoutRun(plan, period, scorecards, input);
        foreach (var rule in plan.Plan.Rules)
        {
            if (plan.FrequencyOf(rule) != period.Kind)
                continue;
            switch (rule)
            {
                case SalaryFactorRule sf:
                    SalaryFactorPayout.Run(run, sf);
                    break;
                case FixedRule fx:
                    FixedPayout.Run(run, fx);
                    break;
                case AdjustmentRule adj:
                    SalaryFactorPayout.Adjust(run, adj);
                    break;
                case PoolRule pool:
                    PoolPayout.Run(run, pool);
                    break;
                case MilestoneRule ms:
                    MilestonePayout.Run(run, ms);
                    break;
                case ExcessShareRule ex:
                    ExcessSharePayout.Run(run, ex);
                    break;
                case ProfitShareRule ps:
                    ProfitSharePayout.Run(run, ps);
                    break;
                case AwardRule aw:
                    AwardPayout.Run(run, aw);
                    break;
                case RecognitionRule rec:
                    RecognitionPayout.Run(run, rec);
                    break;
                default:
                    throw new InvalidOperationException($"unknown rule kind {rule.Kind}");
            }
        }

        AwardPayout.CheckNominatedRules(run);
        var careers = CareerTracks.Standing(run);
        return new PayoutResult(run.Finish(), careers, run.Problems, run.Notices, run.NewLedger());
    }
}
