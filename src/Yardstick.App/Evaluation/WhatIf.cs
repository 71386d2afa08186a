using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;

namespace Yardstick.App.Evaluation;

/// <summary>An indicator whose actual the what-if changes.</summary>
public sealed record IndicatorChange(string Code, decimal? Before, decimal After);

/// <summary>A payout line before and after (null: no such line), matched by rule and order.</summary>
public sealed record PayChange(string Rule, PayoutKind Kind, string Currency, PayoutLine? Before, PayoutLine? After)
{
    public decimal Difference => (After?.Amount.Amount ?? 0m) - (Before?.Amount.Amount ?? 0m);
}

/// <summary>A person's result with changed actuals beside the current one.</summary>
public sealed record WhatIfResult(string Person, IReadOnlyList<IndicatorChange> Changes, PersonResult Before, PersonResult After, IReadOnlyList<PayChange> Pay)
{
    /// <summary>The pay per currency before and after.</summary>
    public IEnumerable<(string Currency, decimal Before, decimal After)> Totals =>
        Pay.GroupBy(p => p.Currency, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(p => p.Before?.Amount.Amount ?? 0m), g.Sum(p => p.After?.Amount.Amount ?? 0m)));
}

/// <summary>
/// The simulator: the whole evaluation run twice, once as it is and once with one person's actuals changed,
/// because pools and rankings depend on everyone. Nothing is saved. Takes loaded inputs, so every front end uses it.
/// </summary>
public static class WhatIf
{
    /// <summary>
    /// Checks changed actuals (code, value as a file writes it) against the person's schemes; each problem's field is
    /// the code as given. Null with problems when any change is not accepted.
    /// </summary>
    public static List<(int Index, decimal Value)>? ParseChanges(EvaluationInputs inputs, string person, IEnumerable<(string Code, string Value)> changes, Problems problems)
    {
        if (!inputs.People.Contains(person))
        {
            problems.Add(Problem.NotFound("person", $"本次评估中没有人员 '{person}'", $"no person '{person}' is evaluated", "person.not_evaluated", person));
            return null;
        }

        var assigned = StageAssignment.Assign(inputs);
        if (!assigned.IsSuccess)
        {
            problems.AddRange(assigned.Problems);
            return null;
        }

        var allowed = assigned.Value[person].Schemes.SelectMany(s => inputs.Space.Maps[s]).ToHashSet();
        var result = new List<(int, decimal)>();
        foreach (var (code, text) in changes)
        {
            var i = inputs.Space.IndexOf(code);
            if (i < 0 || !allowed.Contains(i))
            {
                var codes = string.Join(", ", allowed.Order().Select(x => inputs.Space.Indicators[x].Code));
                problems.In(code, $"未知指标 '{code}'；'{person}' 的方案包含：{codes}", $"unknown indicator '{code}'; the scheme of '{person}' has: {codes}");
                continue;
            }

            if (inputs.Space.Indicators[i].Source == Source.Formula)
            {
                problems.In(code, $"'{code}' 由公式计算得出；请改变它的输入", $"'{code}' is computed by its formula; change its inputs instead");
                continue;
            }

            if (result.Any(c => c.Item1 == i))
            {
                problems.In(code, $"'{code}' 被设置了两次；请保留一个", $"'{code}' is set twice; keep one");
                continue;
            }

            var value = ActualValue.Parse(inputs.Space.Indicators[i], text);
            if (value.IsSuccess)
                result.Add((i, value.Value));
            else
                foreach (var p in value.Problems)
                    problems.Add(p.At(Location.Of(code)));
        }

        return problems.Any ? null : result;
    }

    /// <summary>Evaluates everyone as given and again with <paramref name="changes"/> applied to <paramref name="person"/>'s actuals.</summary>
    public static Result<WhatIfResult> Compare(EvaluationInputs inputs, string person, IReadOnlyList<(int Index, decimal Value)> changes)
    {
        var before = Evaluator.Evaluate(inputs);
        if (!before.IsSuccess)
            return Result<WhatIfResult>.Fail(before.Problems);
        var own = inputs.Actuals.GetValueOrDefault(person);
        var changed = own is null ? new decimal?[inputs.Space.Count] : (decimal?[])own.Clone();
        foreach (var (i, v) in changes)
            changed[i] = v;
        var after = Evaluator.Evaluate(inputs, new Dictionary<string, decimal?[]>(StringComparer.Ordinal) { [person] = changed });
        if (!after.IsSuccess)
            return Result<WhatIfResult>.Fail(after.Problems);

        var b = before.Value.For(person)!;
        var a = after.Value.For(person)!;
        var team = inputs.InfoOf(person).Team;
        var teamValues = team is null ? null : inputs.TeamActuals.GetValueOrDefault(team);
        var indicatorChanges = changes.Select(c => new IndicatorChange(
            inputs.Space.Indicators[c.Index].Code,
            own?[c.Index] ?? (inputs.Space.Indicators[c.Index].Scope == Scope.Team ? teamValues?[c.Index] : null),
            c.Value)).ToList();

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

        return new WhatIfResult(person, indicatorChanges, b, a, pay);
    }
}
