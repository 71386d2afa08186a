namespace Yardstick.Cli.Input;

/// <summary>Waivers by person: indicator number of the <see cref="IndicatorSpace"/> → reason; and the line of each.</summary>
internal sealed record WaiversData(Dictionary<string, Dictionary<int, string>> ByPerson, Dictionary<(string Person, int Indicator), int> Lines, int IndicatorColumn);

/// <summary>Reads <c>person,indicator,reason</c>: per person, the waived indicator numbers with their reasons.</summary>
internal static class WaiversFile
{
    private static readonly string[] Required = ["person", "indicator", "reason"];

    /// <param name="isPerson">Whether a person id is evaluated (in the actuals or the people file).</param>
    /// <param name="checkAllWaived">Whether to reject a person whose every indicator is waived (one scheme; a bundle checks per stage scheme later).</param>
    public static WaiversData Read(string path, IndicatorSpace space, Func<string, bool> isPerson, bool checkAllWaived, Problems problems)
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

            var i = space.IndexOf(code);
            if (i < 0)
            {
                problems.At(path, row.Line, c[1] + 1, $"unknown indicator '{code}'; {space.Has}: {space.Codes}");
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

        if (checkAllWaived)
            foreach (var (person, map) in waivers)
                if (map.Count == space.Indicators.Length)
                    problems.At(path, lastLine[person], c[1] + 1, $"every indicator of '{person}' is waived; at least one must remain");

        return new WaiversData(waivers, lines, c[1]);
    }
}
