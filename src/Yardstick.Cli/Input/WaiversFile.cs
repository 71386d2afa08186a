using Yardstick.Core.Scoring;

namespace Yardstick.Cli.Input;

/// <summary>Reads <c>person,indicator,reason</c>: per person, the waived indicator numbers with their reasons.</summary>
internal static class WaiversFile
{
    private static readonly string[] Required = ["person", "indicator", "reason"];

    /// <param name="isPerson">Whether a person id is evaluated (in the actuals or the people file).</param>
    public static Dictionary<string, Dictionary<int, string>> Read(string path, CompiledScheme scheme, Func<string, bool> isPerson, Problems problems)
    {
        var waivers = new Dictionary<string, Dictionary<int, string>>(StringComparer.Ordinal);
        var lines = new Dictionary<(string, int), int>();
        var lastLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var c = new int[3];
        foreach (var row in TableFile.Read(path, Required, [], c, problems))
        {
            var person = row[c[0]].Trim();
            var code = row[c[1]].Trim();
            var reason = row[c[2]].Trim();
            if (person.Length == 0)
            {
                problems.At(path, row.Line, c[0] + 1, "the person is empty; every row needs a person id");
                continue;
            }

            if (!isPerson(person))
            {
                problems.At(path, row.Line, c[0] + 1, $"person '{person}' has no actuals and is not in the people file; check the id");
                continue;
            }

            var i = scheme.IndicatorIndex(code);
            if (i < 0)
            {
                problems.At(path, row.Line, c[1] + 1, $"unknown indicator '{code}'; scheme {scheme.Scheme.Id} has: {string.Join(", ", scheme.Indicators.Select(x => x.Code))}");
                continue;
            }

            if (reason.Length == 0)
            {
                problems.At(path, row.Line, c[2] + 1, $"the waiver of '{code}' for '{person}' has no reason; a waiver must say why");
                continue;
            }

            if (lines.TryGetValue((person, i), out var earlier))
            {
                problems.At(path, row.Line, c[1] + 1, $"duplicate waiver for person '{person}' and indicator '{code}': lines {earlier} and {row.Line}; keep one");
                continue;
            }

            lines[(person, i)] = row.Line;
            lastLine[person] = row.Line;
            if (!waivers.TryGetValue(person, out var map))
                waivers.Add(person, map = []);
            map.Add(i, reason);
        }

        foreach (var (person, map) in waivers)
            if (map.Count == scheme.Indicators.Length)
                problems.At(path, lastLine[person], c[1] + 1, $"every indicator of '{person}' is waived; at least one must remain");

        return waivers;
    }
}
