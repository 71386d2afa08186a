using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Lifecycle;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;

namespace Yardstick.Cli.Evaluation;

/// <summary>The day-weighted total of a person whose product changed stage inside the period.</summary>
internal sealed record ProRataResult(IReadOnlyList<(ScorecardResult Card, int Days)> Parts, decimal Total, string? Grade, string TraceEn, string TraceZh)
{
    public string Trace(Language language) => language == Language.ZhCN ? TraceZh : TraceEn;
}

/// <summary>
/// One person's evaluation. <see cref="Card"/> is the scorecard under the scheme in effect on the period's
/// last day (its plan pays); <see cref="Total"/> and <see cref="Grade"/> are the card's, or the
/// day-weighted ones when <see cref="ProRata"/> is set.
/// </summary>
internal sealed record PersonResult(string Person, ScorecardResult Card, decimal Total, string? Grade, ProRataResult? ProRata, IReadOnlyList<PayoutLine> Lines, IReadOnlyList<CareerStatus> Careers)
{
    public CompiledScheme Scheme => Card.Scheme;

    /// <summary>The sum of the lines per currency (currencies never added together), with the count of provisional lines.</summary>
    public IEnumerable<(string Currency, decimal Amount, int Provisional)> Pay =>
        Lines.GroupBy(l => l.Amount.Currency, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(l => l.Amount.Amount), g.Count(l => l.Provisional)));
}

/// <summary>Everything one evaluation produced. <see cref="Problems"/> are bad input found by the payout engine (awards, shares, rates).</summary>
internal sealed record EvaluationResult(IReadOnlyList<PersonResult> Results, IReadOnlyList<Notice> Notices, IReadOnlyList<string> Problems, Ledger Ledger)
{
    public PersonResult? For(string person) => Results.FirstOrDefault(r => r.Person == person);
}

/// <summary>
/// Scorecards, then pay: each person under their scheme, then the payout engine once per scheme (a
/// bundle's people grouped by the stage scheme of their product), threading the ledger from group to group.
/// </summary>
internal static class Evaluator
{
    /// <param name="overrides">Replacement actuals (indexed like <see cref="RunInputs.Space"/>) by person, for what-if runs.</param>
    public static EvaluationResult Run(RunInputs inputs, IReadOnlyDictionary<string, decimal?[]>? overrides = null)
    {
        var problems = new List<string>();
        var cards = new Dictionary<string, (ScorecardResult Card, ProRataResult? ProRata)>(StringComparer.Ordinal);
        foreach (var id in inputs.Ids)
        {
            var assignment = inputs.Assignments[id];
            var card = Evaluate(inputs, id, assignment.Scheme, overrides, problems);
            if (card is null)
                continue;
            ProRataResult? proRata = null;
            if (assignment.Weighted)
            {
                var parts = new List<(ScorecardResult, int)>();
                foreach (var (scheme, days) in assignment.Parts)
                    if (Evaluate(inputs, id, scheme, overrides, problems) is { } part)
                        parts.Add((part, days));
                if (parts.Count != assignment.Parts.Count)
                    continue;
                var combined = ProRata.Combine(parts, inputs.Calculators[assignment.Scheme]);
                proRata = new ProRataResult(parts, combined.Total, combined.Grade, combined.TraceEn, combined.TraceZh);
            }

            cards[id] = (card, proRata);
        }

        // one payout run per stage scheme (a single one outside a bundle), each with its own people
        IEnumerable<(CompiledPlan, IReadOnlyList<ScorecardResult>, PayoutInput)> Runs()
        {
            for (var s = 0; s < inputs.Calculators.Length; s++)
            {
                if (inputs.Calculators[s].Scheme.Plan is not { } plan)
                    continue;
                var group = inputs.Ids.Where(id => cards.ContainsKey(id) && inputs.Assignments[id].Scheme == s).ToHashSet(StringComparer.Ordinal);
                if (group.Count == 0)
                    continue;
                var input = new PayoutInput(
                    group.ToDictionary(id => id, id => Info(inputs, id), StringComparer.Ordinal),
                    inputs.Measures,
                    inputs.Events,
                    [.. inputs.Awards.Where(a => group.Contains(a.Person))],
                    inputs.Ledger,
                    TeamActuals(inputs, s),
                    group.Where(id => cards[id].ProRata is not null).ToDictionary(id => id, id => cards[id].ProRata!.Grade, StringComparer.Ordinal));
                yield return (plan, [.. inputs.Ids.Where(group.Contains).Select(id => cards[id].Card)], input);
            }
        }

        var pay = PayoutCalculator.RunEach(inputs.Period, inputs.Ledger, Runs());
        problems.AddRange(pay.Problems.Select(p => p.ToString()));
        var (notices, ledger, lines, careers) = (pay.Notices, pay.Ledger, pay.Lines, pay.Careers);

        var results = new List<PersonResult>(cards.Count);
        foreach (var id in inputs.Ids)
        {
            if (!cards.TryGetValue(id, out var c))
                continue;
            var (total, grade) = c.ProRata is null ? (c.Card.Total, c.Card.Grade) : (c.ProRata.Total, c.ProRata.Grade);
            results.Add(new PersonResult(id, c.Card, total, grade, c.ProRata, lines.GetValueOrDefault(id) ?? [], careers.GetValueOrDefault(id) ?? []));
        }

        return new EvaluationResult(results, notices, problems, ledger);
    }

    /// <summary>What the payout engine knows of a person: without --people only the id (no base salary, team or product).</summary>
    private static PersonInfo Info(RunInputs inputs, string id) =>
        inputs.People?.GetValueOrDefault(id) is { } p ? new PersonInfo(id, p.BaseSalary, p.Name, p.Team, p.Product, p.Share) : new PersonInfo(id);

    /// <summary>The team actuals of team indicators, indexed by the indicator numbers of scheme <paramref name="s"/>.</summary>
    private static Dictionary<string, decimal?[]>? TeamActuals(RunInputs inputs, int s)
    {
        if (inputs.Actuals.Teams.Count == 0)
            return null;
        var map = inputs.Space.Maps[s];
        return inputs.Actuals.Teams.ToDictionary(kv => kv.Key, kv => map.Select(i => kv.Value.Values[i]).ToArray(), StringComparer.Ordinal);
    }

    private static ScorecardResult? Evaluate(RunInputs inputs, string id, int s, IReadOnlyDictionary<string, decimal?[]>? overrides, List<string> problems)
    {
        var calc = inputs.Calculators[s];
        var map = inputs.Space.Maps[s];
        var own = overrides?.GetValueOrDefault(id) ?? inputs.Actuals.People.GetValueOrDefault(id)?.Values;
        var team = inputs.People?.GetValueOrDefault(id)?.Team is { } t ? inputs.Actuals.Teams.GetValueOrDefault(t)?.Values : null;
        var values = new decimal?[map.Length];
        Dictionary<int, string>? waived = null;
        var personWaivers = inputs.Waivers?.ByPerson.GetValueOrDefault(id);
        for (var i = 0; i < map.Length; i++)
        {
            values[i] = own?[map[i]];
            // scoring.md §7: every member gets the team's actual unless they have their own
            if (values[i] is null && team is not null && calc.Scheme.Indicators[i].Scope == Scope.Team)
                values[i] = team[map[i]];
            if (personWaivers?.GetValueOrDefault(map[i]) is { } reason)
                (waived ??= [])[i] = reason;
        }

        var result = calc.Evaluate(new ScorecardInput(id, values, waived));
        if (result.IsSuccess)
            return result.Value;
        problems.AddRange(result.Problems.Select(p => $"{id}: {calc.Scheme.Scheme.Id}: {p}"));
        return null;
    }
}
