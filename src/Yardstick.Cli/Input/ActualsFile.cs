using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;

namespace Yardstick.Cli.Input;

/// <summary>One person's actuals, by indicator number, with the line each came from (0: none).</summary>
internal sealed class PersonActuals(int indicators, int firstLine)
{
    public decimal?[] Values { get; } = new decimal?[indicators];

    public int[] Lines { get; } = new int[indicators];

    /// <summary>The first line that names the person.</summary>
    public int FirstLine { get; } = firstLine;
}

/// <summary>
/// Reads <c>person,indicator,value</c> (CSV or XLSX) row by row into per-person arrays indexed by
/// indicator number, so memory grows with people × indicators, not with the file.
/// </summary>
internal static class ActualsFile
{
    private static readonly string[] Required = ["person", "indicator", "value"];

    public static Dictionary<string, PersonActuals> Read(string path, CompiledScheme scheme, Problems problems)
    {
        var people = new Dictionary<string, PersonActuals>(StringComparer.Ordinal);
        var columns = new int[3];
        var count = scheme.Indicators.Length;
        string? codes = null;
        foreach (var row in TableFile.Read(path, Required, [], columns, problems, allowXlsx: true))
        {
            var (pc, ic, vc) = (columns[0], columns[1], columns[2]);
            var person = row[pc].Trim();
            var code = row[ic].Trim();
            if (person.Length == 0)
            {
                problems.At(path, row.Line, pc + 1, "the person is empty; every row needs a person id");
                continue;
            }

            if (!people.TryGetValue(person, out var actuals))
                people.Add(person, actuals = new PersonActuals(count, row.Line));

            var i = scheme.IndicatorIndex(code);
            if (i < 0)
            {
                codes ??= string.Join(", ", scheme.Indicators.Select(x => x.Code));
                problems.At(path, row.Line, ic + 1, $"unknown indicator '{code}'; scheme {scheme.Scheme.Id} has: {codes}");
                continue;
            }

            var indicator = scheme.Indicators[i];
            if (indicator.Source == Source.Formula)
            {
                problems.At(path, row.Line, ic + 1, $"'{code}' is computed by its formula; remove this row");
                continue;
            }

            if (actuals.Lines[i] != 0)
            {
                problems.At(path, row.Line, ic + 1, $"duplicate row for person '{person}' and indicator '{code}': lines {actuals.Lines[i]} and {row.Line}; keep one");
                continue;
            }

            actuals.Lines[i] = row.Line;
            var value = ActualValue.Parse(indicator, row[vc]);
            if (value.IsSuccess)
                actuals.Values[i] = value.Value;
            else
                foreach (var p in value.Problems)
                    problems.At(path, row.Line, vc + 1, p.Message);
        }

        return people;
    }
}
