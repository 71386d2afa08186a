using Yardstick.Cli.Input;
using Yardstick.Core.Incentives;
using Yardstick.Core.Scoring;

namespace Yardstick.Cli.Evaluation;

/// <summary>An indicator whose actual the what-if changes.</summary>
internal sealed record IndicatorChange(string Code, decimal? Before, decimal After);

/// <summary>A payout line before and after (null: no such line), matched by rule and order.</summary>
internal sealed record PayChange(string Rule, PayoutKind Kind, string Currency, PayoutLine? Before, PayoutLine? After)
{
    public decimal Difference => (After?.Amount.Amount ?? 0m) - (Before?.Amount.Amount ?? 0m);
}

/// <summary>A person's result with changed actuals beside the current one.</summary>
internal sealed record WhatIfResult(string Person, IReadOnlyList<IndicatorChange> Changes, PersonResult Before, PersonResult After, IReadOnlyList<PayChange> Pay)
{
    /// <summary>The pay per currency before and after.</summary>
    public IEnumerable<(string Currency, decimal Before, decimal After)> Totals =>
        Pay.GroupBy(p => p.Currency, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(p => p.Before?.Amount.Amount ?? 0m), g.Sum(p => p.After?.Amount.Amount ?? 0m)));
}

/// <summary>
/// The simulator: the whole evaluation run twice, once as it is and once with one person's actuals
/// changed, because pools and rankings depend on everyone. Takes loaded inputs, so any front end can use it.
/// </summary>
internal static class WhatIf
{
    /// <summary>Parses <c>code=value</c> arguments against the person's scheme; problems name the argument.</summary>
    public static List<(int Index, decimal Value)> ParseSets(RunInputs inputs, string person, IEnumerable<string> sets, Problems problems)
    {
        var changes = new List<(int, decimal)>();
        var assignment = inputs.Assignments[person];
        var allowed = assignment.Schemes.SelectMany(s => inputs.Space.Maps[s]).ToHashSet();
        foreach (var set in sets)
        {
            var eq = set.IndexOf('=', StringComparison.Ordinal);
            var code = eq < 0 ? set.Trim() : set[..eq].Trim();
            if (eq < 0)
            {
                problems.In($"--set {set}", "expected code=value, e.g. --set core_feature_usage=0.62");
                continue;
            }

            var i = inputs.Space.IndexOf(code);
            if (i < 0 || !allowed.Contains(i))
            {
                var codes = string.Join(", ", allowed.Order().Select(x => inputs.Space.Indicators[x].Code));
                problems.In($"--set {set}", $"unknown indicator '{code}'; the scheme of '{person}' has: {codes}");
                continue;
            }

            if (inputs.Space.Indicators[i].Source == Core.Schemes.Source.Formula)
            {
                problems.In($"--set {set}", $"'{code}' is computed by its formula; change its inputs instead");
                continue;
            }

            if (changes.Any(c => c.Item1 == i))
            {
                problems.In($"--set {set}", $"'{code}' is set twice; keep one");
                continue;
            }

            var value = ActualValue.Parse(inputs.Space.Indicators[i], set[(eq + 1)..]);
            if (value.IsSuccess)
                changes.Add((i, value.Value));
            else
                foreach (var p in value.Problems)
                    problems.In($"--set {set}", p.Message.En);
        }

        return changes;
    }

    /// <summary>Evaluates everyone as given and again with <paramref name="changes"/> applied to <paramref name="person"/>'s actuals.</summary>
    public static (WhatIfResult? Result, IReadOnlyList<string> Problems) Compare(RunInputs inputs, string person, IReadOnlyList<(int Index, decimal Value)> changes)
    {
        var before = Evaluator.Run(inputs);
        var own = inputs.Actuals.People.GetValueOrDefault(person)?.Values;
        var changed = own is null ? new decimal?[inputs.Space.Indicators.Length] : (decimal?[])own.Clone();
        foreach (var (i, v) in changes)
            changed[i] = v;
        var after = Evaluator.Run(inputs, new Dictionary<string, decimal?[]>(StringComparer.Ordinal) { [person] = changed });
        var problems = before.Problems.Concat(after.Problems).Distinct(StringComparer.Ordinal).ToList();
        if (problems.Count > 0)
            return (null, problems);

        var b = before.For(person)!;
        var a = after.For(person)!;
        var team = inputs.People?.GetValueOrDefault(person)?.Team;
        var teamValues = team is null ? null : inputs.Actuals.Teams.GetValueOrDefault(team)?.Values;
        var indicatorChanges = changes.Select(c => new IndicatorChange(inputs.Space.Indicators[c.Index].Code, own?[c.Index] ?? (inputs.Space.Indicators[c.Index].Scope == Core.Schemes.Scope.Team ? teamValues?[c.Index] : null), c.Value)).ToList();

        var pay = new List<PayChange>();
        foreach (var rule in b.Lines.Select(l => l.Rule).Concat(a.Lines.Select(l => l.Rule)).Distinct(StringComparer.Ordinal))
        {
            var bl = b.Lines.Where(l => l.Rule == rule).ToList();
            var al = a.Lines.Where(l => l.Rule == rule).ToList();
            for (var k = 0; k < Math.Max(bl.Count, al.Count); k++)
            {
                var x = k < bl.Count ? bl[k] : null;
                var y = k < al.Count ? al[k] : null;
                var line = (x ?? y)!;
                pay.Add(new PayChange(rule, line.Kind, line.Amount.Currency, x, y));
            }
        }

        return (new WhatIfResult(person, indicatorChanges, b, a, pay), []);
    }
}
