using Yardstick.App.Evaluation;

namespace Yardstick.App.Files;

/// <summary>Waivers by person: indicator number of the <see cref="IndicatorSpace"/> → reason; and the line of each.</summary>
public sealed record WaiversData(Dictionary<string, Dictionary<int, string>> ByPerson, Dictionary<(string Person, int Indicator), int> Lines, TableColumns? Columns);

/// <summary>The waivers format, <c>person,indicator,reason</c>: per person, the waived indicators with their reasons (scoring.md §2).</summary>
public static class WaiversFile
{
    private static readonly string[] Required = ["person", "indicator", "reason"];

    /// <param name="isPerson">Whether a person id is evaluated.</param>
    /// <param name="checkAllWaived">Whether to reject a person whose every indicator is waived (one scheme; a bundle checks per stage scheme later).</param>
    public static WaiversData Read(InputFile file, IndicatorSpace space, Func<string, bool> isPerson, bool checkAllWaived, Problems problems)
    {
        var waivers = new Dictionary<string, Dictionary<int, string>>(StringComparer.Ordinal);
        var lines = new Dictionary<(string, int), int>();
        var lastLine = new Dictionary<string, int>(StringComparer.Ordinal);
        TableColumns? columns = null;
        foreach (var row in TableFile.Read(file, Required, [], problems))
        {
            columns ??= row.Columns;
            var person = row["person"];
            var code = row["indicator"];
            var reason = row["reason"];
            if (person.Length == 0)
            {
                problems.At(row.At("person"), "人员为空；每一行都需要人员编号", "the person is empty; every row needs a person id");
                continue;
            }

            if (!row.IsId("person", problems))
                continue;
            if (!isPerson(person))
            {
                problems.At(row.At("person"), $"人员 '{person}' 没有实际值，也不在人员文件中；请检查编号", $"person '{person}' has no actuals and is not in the people file; check the id");
                continue;
            }

            var i = space.IndexOf(code);
            if (i < 0)
            {
                problems.At(row.At("indicator"), space.Unknown(code));
                continue;
            }

            if (reason.Length == 0)
            {
                problems.At(row.At("reason"), $"'{person}' 的指标 '{code}' 豁免没有写原因；豁免必须说明原因", $"the waiver of '{code}' for '{person}' has no reason; a waiver must say why");
                continue;
            }

            if (lines.TryGetValue((person, i), out var earlier))
            {
                problems.At(row.At("indicator"), $"人员 '{person}' 的指标 '{code}' 豁免重复：第 {earlier} 行和第 {row.Line} 行；请保留一行", $"duplicate waiver for person '{person}' and indicator '{code}': lines {earlier} and {row.Line}; keep one");
                continue;
            }

            lines[(person, i)] = row.Line;
            lastLine[person] = row.Line;
            if (!waivers.TryGetValue(person, out var map))
                waivers.Add(person, map = []);
            map.Add(i, reason);
        }

        if (checkAllWaived && columns is not null)
            foreach (var (person, map) in waivers)
                if (map.Count == space.Count)
                    problems.At(columns.At(lastLine[person], "indicator"), $"'{person}' 的所有指标都被豁免了；至少要保留一个", $"every indicator of '{person}' is waived; at least one must remain");

        return new WaiversData(waivers, lines, columns);
    }
}
