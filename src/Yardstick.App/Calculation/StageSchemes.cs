using Yardstick.Core.Common;
using Yardstick.Core.Lifecycle;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;

namespace Yardstick.App.Calculation;

/// <summary>
/// The indicators of every scheme of a period, each code once (in the order first met): actuals, waivers and
/// derived indicators are held in this space and mapped into each scheme's own numbering when it evaluates.
/// For a single scheme the space is that scheme's indicators.
/// </summary>
internal sealed class IndicatorSpace
{
    private readonly Dictionary<string, int> _index;

    private IndicatorSpace(Indicator[] indicators, int[][] maps, Dictionary<string, int> index) =>
        (Indicators, Maps, _index) = (indicators, maps, index);

    public Indicator[] Indicators { get; }

    /// <summary>For scheme s, its indicator number i is space index <c>Maps[s][i]</c>.</summary>
    public int[][] Maps { get; }

    public int Count => Indicators.Length;

    public int IndexOf(string code) => _index.TryGetValue(code, out var i) ? i : -1;

    public static IndicatorSpace Of(IReadOnlyList<CompiledScheme> schemes)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<Indicator>();
        foreach (var s in schemes)
            foreach (var ind in s.Indicators)
                if (index.TryAdd(ind.Code, list.Count))
                    list.Add(ind);
        return new IndicatorSpace([.. list], [.. schemes.Select(s => s.Indicators.Select(i => index[i.Code]).ToArray())], index);
    }

    /// <summary>Space values (or waivers) of a person as scheme <paramref name="s"/> numbers them.</summary>
    public decimal?[] ValuesFor(int s, decimal?[] values) => Array.ConvertAll(Maps[s], i => values[i]);

    public Dictionary<int, string>? WaiversFor(int s, Dictionary<int, string>? waived)
    {
        if (waived is null)
            return null;
        Dictionary<int, string>? result = null;
        var map = Maps[s];
        for (var i = 0; i < map.Length; i++)
            if (waived.TryGetValue(map[i], out var reason))
                (result ??= [])[i] = reason;
        return result;
    }
}

/// <summary>
/// Under a lifecycle bundle, the scheme that evaluates a person: <see cref="Scheme"/>, the stage scheme of their
/// product's stage on the period's last day; <see cref="Parts"/>, the stage schemes in effect during the period
/// with their days; with <see cref="ProRata"/> (the organisation's <c>pro_rata</c>) the total is weighted by them.
/// </summary>
internal sealed record StageAssignment(int Scheme, IReadOnlyList<(int Scheme, int Days)> Parts, bool ProRata)
{
    public bool Weighted => ProRata && Parts.Count > 1;

    /// <summary>
    /// Assigns each person a stage scheme; a person without a product, a product without a stage on the last
    /// day, or a stage without a scheme in the bundle is a problem naming the person.
    /// </summary>
    public static Result<Dictionary<string, StageAssignment>> Assign(
        SchemeDocument document, IReadOnlyList<CompiledScheme> schemes, Period period, bool proRata,
        IEnumerable<string> people, IReadOnlyDictionary<string, string> productOf, IReadOnlyDictionary<string, StageHistory> stages)
    {
        int SchemeOf(string stage)
        {
            for (var s = 0; s < schemes.Count; s++)
                if (schemes[s].Scheme.Stage == stage)
                    return s;
            return -1;
        }

        var available = string.Join(", ", schemes.Select(s => s.Scheme.Stage));
        var last = period.LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var problems = new List<Problem>();
        var result = new Dictionary<string, StageAssignment>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            if (!productOf.TryGetValue(person, out var product))
            {
                problems.Add(new Problem(person, $"'{person}' owns no product; under the lifecycle bundle {document.Id} a PM's scheme follows their product's stage, so give them a product (the product column of yardstick import employees)"));
                continue;
            }

            var history = stages.GetValueOrDefault(product);
            if (history?.StageOn(period.LastDay) is not { } stage)
            {
                problems.Add(new Problem(person, history is null
                    ? $"product '{product}' of '{person}' has no lifecycle stage; record its stage history (product, stage, from) before calculating {period}"
                    : $"product '{product}' of '{person}' has no stage in effect on {last}, the last day of {period}; its first stage starts {history.Changes[0].From:yyyy-MM-dd}"));
                continue;
            }

            var scheme = SchemeOf(stage);
            if (scheme < 0)
            {
                problems.Add(new Problem(person, $"product '{product}' of '{person}' is in stage {stage} on {last}, and {document.Id} has no scheme for it (stages: {available})"));
                continue;
            }

            var parts = new List<(int, int)>();
            foreach (var (partStage, days) in history.DaysIn(period))
            {
                var s = SchemeOf(partStage);
                if (s < 0 && proRata)
                    problems.Add(new Problem(person, $"product '{product}' of '{person}' is in stage {partStage} for {days} days of {period}, and {document.Id} has no scheme for it (stages: {available}); pro rata needs one"));
                parts.Add((s, days));
            }

            result[person] = new StageAssignment(scheme, parts, proRata);
        }

        return problems.Count > 0 ? Result<Dictionary<string, StageAssignment>>.Fail(problems) : result;
    }
}

/// <summary>A person's scorecard under <see cref="Scheme"/> (an index into the period's schemes), with the day-weighted total when pro rata.</summary>
internal sealed record PersonCard(ScorecardResult Card, int Scheme, ProRataTotal? ProRata)
{
    public decimal Total => ProRata?.Total ?? Card.Total;

    public string? Grade => ProRata is null ? Card.Grade : ProRata.Grade;
}

/// <summary>The stage parts of a pro-rata total, the total, its grade and trace (Core's <see cref="Core.Lifecycle.ProRata"/>).</summary>
internal sealed record ProRataTotal(IReadOnlyList<(ScorecardResult Card, int Days)> Parts, decimal Total, string? Grade, string Trace);
