using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;

namespace Yardstick.Cli.Input;

/// <summary>
/// The indicator codes the input files may name: one scheme's, or every code of a lifecycle bundle's
/// stage schemes. Actuals and waivers are read once into this space and mapped onto each scheme that
/// evaluates a person. A code that several stage schemes share is read with the first one's definition
/// and checked against the others when mapped.
/// </summary>
internal sealed class IndicatorSpace
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<Indicator> _indicators = [];

    public IndicatorSpace(IReadOnlyList<CompiledScheme> schemes, string? bundleId)
    {
        foreach (var s in schemes)
            foreach (var ind in s.Indicators)
                if (_index.TryAdd(ind.Code, _indicators.Count))
                    _indicators.Add(ind);
        Indicators = [.. _indicators];
        Maps = [.. schemes.Select(s => s.Indicators.Select(i => _index[i.Code]).ToArray())];
        Has = bundleId is null ? $"scheme {schemes[0].Scheme.Id} has" : $"the stage schemes of {bundleId} have";
    }

    public Indicator[] Indicators { get; }

    /// <summary>For each scheme, its indicator number → the index in this space.</summary>
    public int[][] Maps { get; }

    /// <summary>"scheme X has" or "the stage schemes of X have", for messages listing the codes.</summary>
    public string Has { get; }

    public string Codes => string.Join(", ", Indicators.Select(i => i.Code));

    public int IndexOf(string code) => _index.TryGetValue(code, out var i) ? i : -1;
}
