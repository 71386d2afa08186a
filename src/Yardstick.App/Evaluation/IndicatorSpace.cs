using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;

namespace Yardstick.App.Evaluation;

/// <summary>
/// The indicators of every scheme of an evaluation, each code once (in the order first met): actuals, waivers and
/// derived indicators are held in this space and mapped into each scheme's own numbering when it evaluates. For a
/// single scheme the space is that scheme's indicators; for a lifecycle bundle, every code of its stage schemes (a
/// code several stage schemes share is read with the first one's definition).
/// </summary>
public sealed class IndicatorSpace
{
    private readonly Dictionary<string, int> _index;

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byText;
    private readonly bool[] _identity;

    private IndicatorSpace(Indicator[] indicators, int[][] maps, Dictionary<string, int> index, LocalizedText has)
    {
        (Indicators, Maps, _index, Has) = (indicators, maps, index, has);
        _byText = index.GetAlternateLookup<ReadOnlySpan<char>>();
        _identity = [.. maps.Select(m => m.Length == indicators.Length && m.Select((i, n) => i == n).All(x => x))];
    }

    public Indicator[] Indicators { get; }

    /// <summary>For scheme s, its indicator number i is space index <c>Maps[s][i]</c>.</summary>
    public int[][] Maps { get; }

    public int Count => Indicators.Length;

    /// <summary>"scheme X has" or "the stage schemes of X have", for messages listing the codes.</summary>
    public LocalizedText Has { get; }

    /// <summary>Every code, comma-separated, for messages.</summary>
    public string Codes => string.Join(", ", Indicators.Select(i => i.Code));

    /// <summary>"unknown indicator 'x'; scheme X has: a, b".</summary>
    public LocalizedText Unknown(string code) => new($"未知指标 '{code}'；{Has.Zh}：{Codes}", $"unknown indicator '{code}'; {Has.En}: {Codes}");

    public int IndexOf(string code) => _index.TryGetValue(code, out var i) ? i : -1;

    /// <summary>The space index of <paramref name="code"/> written in a file, or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> code) => _byText.TryGetValue(code, out var i) ? i : -1;

    /// <summary>The space of a scheme document's compiled schemes (one, or the stage schemes of the bundle <paramref name="document"/>).</summary>
    public static IndicatorSpace Of(SchemeDocument document, IReadOnlyList<CompiledScheme> schemes)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<Indicator>();
        foreach (var s in schemes)
            foreach (var ind in s.Indicators)
                if (index.TryAdd(ind.Code, list.Count))
                    list.Add(ind);
        var has = document.IsBundle
            ? new LocalizedText($"生命周期方案 {document.Id} 的各阶段方案包含", $"the stage schemes of {document.Id} have")
            : new LocalizedText($"方案 {schemes[0].Scheme.Id} 包含", $"scheme {schemes[0].Scheme.Id} has");
        return new IndicatorSpace([.. list], [.. schemes.Select(s => s.Indicators.Select(i => index[i.Code]).ToArray())], index, has);
    }

    /// <summary>
    /// Space values of a person as scheme <paramref name="s"/> numbers them: <paramref name="values"/> itself when the
    /// scheme numbers its indicators as the space does (a single scheme always does), else a copy.
    /// </summary>
    public decimal?[] ValuesFor(int s, decimal?[] values) => _identity[s] && values.Length == Count ? values : Array.ConvertAll(Maps[s], i => values[i]);

    /// <summary>Space waivers of a person as scheme <paramref name="s"/> numbers them (null when none applies).</summary>
    public Dictionary<int, string>? WaiversFor(int s, IReadOnlyDictionary<int, string>? waived)
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
