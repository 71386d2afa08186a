using System.Collections.Concurrent;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Lifecycle;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;

namespace Yardstick.App.Evaluation;

/// <summary>The day-weighted total of a person whose product changed stage inside the period (scoring.md §6).</summary>
public sealed record ProRataResult(IReadOnlyList<(ScorecardResult Card, int Days)> Parts, decimal Total, string? Grade, LocalizedText Trace);

/// <summary>
/// One person's evaluation. <see cref="Card"/> is the scorecard under the scheme in effect on the period's last day
/// (<see cref="Scheme"/>, an index into the evaluation's calculators; its plan pays); <see cref="Total"/> and
/// <see cref="Grade"/> are the card's, or the day-weighted ones when <see cref="ProRata"/> is set.
/// </summary>
/// <remarks>
/// A final grade set in calibration (<see cref="Calibration"/>, review.md R4) replaces the computed grade as
/// <see cref="Grade"/>; <see cref="ComputedGrade"/> keeps the one the total gives.
/// </remarks>
public sealed record PersonResult(string Person, ScorecardResult Card, int Scheme, ProRataResult? ProRata, IReadOnlyList<PayoutLine> Lines, IReadOnlyList<CareerStatus> Careers, FinalGrade? Calibration = null)
{
    public decimal Total => ProRata?.Total ?? Card.Total;

    /// <summary>The final grade: the calibrated one when there is one, else the computed one.</summary>
    public string? Grade => Calibration?.Grade ?? ComputedGrade;

    /// <summary>The grade of the total (the card's, or the day-weighted one), before calibration.</summary>
    public string? ComputedGrade => ProRata is null ? Card.Grade : ProRata.Grade;

    /// <summary>The explanation of the person's result: the scorecard's trace (scoring.md §9), the day-weighted total and the calibration, if any.</summary>
    public string Trace(Language language) =>
        ScorecardTrace.Render(Card, language)
        + (ProRata is { } pro ? pro.Trace.Get(language) + "\n" : "")
        + (Calibration is { } c ? c.Trace(ComputedGrade, language) + "\n" : "");

    /// <summary>Missing indicators that are not waived (approval needs none).</summary>
    public int UnwaivedMissing => Card.Indicators.Count(x => x.Missing && !x.Waived);

    /// <summary>The sum of the lines per currency (currencies never added together), with the count of provisional lines.</summary>
    public IEnumerable<(string Currency, decimal Amount, int Provisional)> Pay =>
        Lines.GroupBy(l => l.Amount.Currency, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(l => l.Amount.Amount), g.Count(l => l.Provisional)));
}

/// <summary>Everything one evaluation produced, in person order (ordinal).</summary>
public sealed record EvaluationResult(IReadOnlyList<PersonResult> Results, IReadOnlyList<Notice> Notices, Ledger Ledger)
{
    public PersonResult? For(string person) => Results.FirstOrDefault(r => r.Person == person);
}

/// <summary>
/// The one evaluation of every front end: each person's scheme (stage assignment under a lifecycle bundle), their
/// actuals (team actuals for team indicators they have none of, §7), waivers, the scorecard (and the day-weighted
/// total, pro rata), then the payout engine once per scheme with a plan, for that scheme's people, threading the
/// ledger from one run to the next. Deterministic: the same inputs give the same results.
/// </summary>
public static class Evaluator
{
    /// <param name="overrides">Replacement actuals (space-indexed) by person, for what-if runs.</param>
    public static Result<EvaluationResult> Evaluate(EvaluationInputs inputs, IReadOnlyDictionary<string, decimal?[]>? overrides = null)
    {
        Dictionary<string, StageAssignment>? assignments = null;
        var single = inputs.IsBundle ? null : StageAssignment.Single(inputs.Period);
        if (inputs.IsBundle)
        {
            var assigned = StageAssignment.Assign(inputs);
            if (!assigned.IsSuccess)
                return Result<EvaluationResult>.Fail(assigned.Problems);
            assignments = assigned.Value;
        }

        // by the person's position in inputs.People: the pipeline looks each person up once, not once per stage
        var people = inputs.People;
        var cards = new (ScorecardResult Card, int Scheme, ProRataResult? ProRata)[people.Count];
        // a person's problems by position, so that scorecards computed on several cores report in person order
        var failed = new List<Problem>?[people.Count];
        void Range(int from, int to)
        {
            var values = new decimal?[inputs.Space.Count];
            for (var n = from; n < to; n++)
            {
                var person = people[n];
                var assignment = single ?? assignments![person];
                List<Problem>? problems = null;
                cards[n] = Person(inputs, person, assignment, overrides, values, ref problems);
                failed[n] = problems;
            }
        }

        // scorecards are independent of each other (ScorecardCalculator is thread-safe): one range per core
        if (people.Count < ParallelFrom)
            Range(0, people.Count);
        else
            Parallel.ForEach(Partitioner.Create(0, people.Count, Math.Max(ParallelFrom, people.Count / (4 * Environment.ProcessorCount))), r => Range(r.Item1, r.Item2));

        var problems = new List<Problem>();
        foreach (var p in failed)
            if (p is not null)
                problems.AddRange(p);
        if (problems.Count > 0)
            return Result<EvaluationResult>.Fail(problems);

        var pay = PayoutCalculator.RunEach(inputs.Period, inputs.Ledger, PayoutRuns(inputs, cards));
        if (pay.Problems.Count > 0)
            return Result<EvaluationResult>.Fail(pay.Problems);

        var results = new List<PersonResult>(cards.Length);
        for (var n = 0; n < people.Count; n++)
        {
            var person = people[n];
            var (card, scheme, proRata) = cards[n];
            results.Add(new PersonResult(person, card, scheme, proRata, pay.Lines.GetValueOrDefault(person) ?? [], pay.Careers.GetValueOrDefault(person) ?? [],
                inputs.FinalGrades.Count == 0 ? null : inputs.FinalGrades.GetValueOrDefault(person)));
        }

        return new EvaluationResult(results, inputs.Adjustments.Count == 0 ? pay.Notices : [.. pay.Notices, .. Unapplied(results)], pay.Ledger);
    }

    /// <summary>review.md R3: a score or actual adjustment whose indicator is missing or waived is dropped, with a notice.</summary>
    private static IEnumerable<Notice> Unapplied(IReadOnlyList<PersonResult> results)
    {
        foreach (var r in results)
        {
            if (r.Card.Adjustments?.Unapplied is not { Count: > 0 } unapplied)
                continue;
            foreach (var (kind, i) in unapplied)
            {
                var code = r.Card.Scheme.Indicators[i].Code;
                var what = kind == AdjustedKind.Actual ? ("actual", "实际值") : ("score", "得分");
                yield return new Notice(
                    $"{r.Person}: the {what.Item1} adjustment of {code} is not applied: the indicator is missing or waived; enter its actual or remove the adjustment",
                    $"{r.Person}：{code} 的{what.Item2}调整未生效：该指标缺失或已豁免；请录入实际值或删除该调整");
            }
        }
    }

    /// <summary>Below this many people scorecards are computed on one core.</summary>
    private const int ParallelFrom = 1024;

    /// <summary>One person's scorecard (and the day-weighted total, pro rata); default with <paramref name="problems"/> when it fails.</summary>
    private static (ScorecardResult Card, int Scheme, ProRataResult? ProRata) Person(
        EvaluationInputs inputs, string person, StageAssignment assignment, IReadOnlyDictionary<string, decimal?[]>? overrides, decimal?[] values, ref List<Problem>? problems)
    {
        Values(inputs, person, overrides, values);
        var waived = inputs.Waivers.Count == 0 ? null : inputs.Waivers.GetValueOrDefault(person);
        var card = Card(inputs, person, assignment.Scheme, values, waived, ref problems);
        if (card is null)
            return default;
        ProRataResult? proRata = null;
        if (assignment.Weighted)
        {
            var parts = new List<(ScorecardResult, int)>(assignment.Parts.Count);
            foreach (var (s, days) in assignment.Parts)
                if ((s == assignment.Scheme ? card : Card(inputs, person, s, values, waived, ref problems)) is { } part)
                    parts.Add((part, days));
            if (parts.Count != assignment.Parts.Count)
                return default;
            var combined = ProRata.Combine(parts, inputs.Calculators[assignment.Scheme]);
            proRata = new ProRataResult(parts, combined.Total, combined.Grade, new LocalizedText(combined.TraceZh, combined.TraceEn));
        }

        return (card, assignment.Scheme, proRata);
    }

    /// <summary>A person's actuals: their own (or the what-if's), else their team's for team indicators.</summary>
    private static void Values(EvaluationInputs inputs, string person, IReadOnlyDictionary<string, decimal?[]>? overrides, decimal?[] values)
    {
        var own = overrides?.GetValueOrDefault(person) ?? inputs.Actuals.GetValueOrDefault(person);
        var team = inputs.TeamActuals.Count > 0 && inputs.InfoOf(person).Team is { } t ? inputs.TeamActuals.GetValueOrDefault(t) : null;
        var indicators = inputs.Space.Indicators;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = own?[i];
            // scoring.md §7: every member gets the team's actual unless they have their own
            if (values[i] is null && team is not null && indicators[i].Scope == Scope.Team)
                values[i] = team[i];
        }
    }

    private static ScorecardResult? Card(EvaluationInputs inputs, string person, int s, decimal?[] values, IReadOnlyDictionary<int, string>? waived, ref List<Problem>? problems)
    {
        var calculator = inputs.Calculators[s];
        var adjustments = inputs.Adjustments.Count == 0 ? null : PersonAdjustment.For(calculator.Scheme, inputs.Adjustments.GetValueOrDefault(person));
        var result = calculator.Evaluate(new ScorecardInput(person, inputs.Space.ValuesFor(s, values), inputs.Space.WaiversFor(s, waived), Adjustments: adjustments));
        if (result.IsSuccess)
            return result.Value;
        var origin = inputs.Origin?.Invoke(person);
        foreach (var p in result.Problems)
        {
            var located = origin is { } o ? p.At(o) : p.At(Location.Of(person));
            (problems ??= []).Add(inputs.IsBundle ? located.Prefixed($"{person}：{calculator.Scheme.Scheme.Id}：", $"{person}: {calculator.Scheme.Scheme.Id}: ") : located.Prefixed($"{person}：", $"{person}: "));
        }

        return null;
    }

    /// <summary>One payout run per scheme with a plan (a single one outside a bundle), each with its own people.</summary>
    private static IEnumerable<(CompiledPlan, IReadOnlyList<ScorecardResult>, PayoutInput)> PayoutRuns(
        EvaluationInputs inputs, (ScorecardResult Card, int Scheme, ProRataResult? ProRata)[] cards)
    {
        var people = inputs.People;
        for (var s = 0; s < inputs.Calculators.Count; s++)
        {
            if (inputs.Calculators[s].Scheme.Plan is not { } plan)
                continue;
            var group = new List<int>();
            for (var n = 0; n < cards.Length; n++)
                if (cards[n].Scheme == s)
                    group.Add(n);
            if (group.Count == 0)
                continue;
            var map = inputs.Space.Maps[s];
            // a run of everyone, each with their info, reads the inputs' own map: the same entries, without a copy
            var everyone = group.Count == people.Count && inputs.Info.Count == people.Count && people.All(inputs.Info.ContainsKey);
            var copy = everyone ? null : new Dictionary<string, PersonInfo>(group.Count, StringComparer.Ordinal);
            var info = copy ?? inputs.Info;
            var groupCards = new ScorecardResult[group.Count];
            // the grades the ledger and career tracks read instead of the card's: a day-weighted one, or a final grade (R4)
            Dictionary<string, string?> grades = new(StringComparer.Ordinal);
            for (var g = 0; g < group.Count; g++)
            {
                var (person, (card, _, pro)) = (people[group[g]], cards[group[g]]);
                copy?.Add(person, inputs.InfoOf(person));
                groupCards[g] = card;
                if (inputs.FinalGrades.Count > 0 && inputs.FinalGrades.TryGetValue(person, out var final))
                    grades.Add(person, final.Grade);
                else if (pro is not null)
                    grades.Add(person, pro.Grade);
            }

            var input = new PayoutInput(
                info,
                inputs.Measures,
                inputs.Events,
                inputs.IsBundle ? [.. inputs.Awards.Where(a => info.ContainsKey(a.Person))] : inputs.Awards,
                inputs.Ledger,
                inputs.TeamActuals.Count == 0 ? null : inputs.TeamActuals.ToDictionary(kv => kv.Key, kv => Array.ConvertAll(map, i => kv.Value[i]), StringComparer.Ordinal),
                grades);
            yield return (plan, groupCards, input);
        }
    }
}
