using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;

namespace Yardstick.Cli.Input;

/// <summary>One person's (or team's) actuals, by indicator number of the <see cref="IndicatorSpace"/>, with the line each came from (0: none).</summary>
internal sealed class PersonActuals(int indicators, int firstLine)
{
    public decimal?[] Values { get; } = new decimal?[indicators];

    public int[] Lines { get; } = new int[indicators];

    /// <summary>The first line that names the person.</summary>
    public int FirstLine { get; } = firstLine;
}

/// <summary>The actuals of a file: per person, per team (rows <c>team:ID</c>), and the columns for messages.</summary>
internal sealed record ActualsData(Dictionary<string, PersonActuals> People, Dictionary<string, PersonActuals> Teams, int PersonColumn, int IndicatorColumn);

/// <summary>
/// Reads <c>person,indicator,value</c> (CSV or XLSX) row by row into per-person arrays indexed by
/// indicator number, so memory grows with people × indicators, not with the file. A person column
/// <c>team:ID</c> gives the team actual of a team indicator (scoring.md §7).
/// </summary>
internal static class ActualsFile
{
    public const string TeamPrefix = "team:";

    private static readonly string[] Required = ["person", "indicator", "value"];

    public static ActualsData Read(string path, IndicatorSpace space, Problems problems)
    {
        var people = new Dictionary<string, PersonActuals>(StringComparer.Ordinal);
        var teams = new Dictionary<string, PersonActuals>(StringComparer.Ordinal);
        var columns = new int[3];
        var count = space.Indicators.Length;
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

            var team = person.StartsWith(TeamPrefix, StringComparison.Ordinal) ? person[TeamPrefix.Length..].Trim() : null;
            if (team is { Length: 0 })
            {
                problems.At(path, row.Line, pc + 1, $"'{person}' names no team; write team:ID, the team id of the people file");
                continue;
            }

            var map = team is null ? people : teams;
            var key = team ?? person;
            if (!map.TryGetValue(key, out var actuals))
                map.Add(key, actuals = new PersonActuals(count, row.Line));

            var i = space.IndexOf(code);
            if (i < 0)
            {
                problems.At(path, row.Line, ic + 1, $"unknown indicator '{code}'; {space.Has}: {space.Codes}");
                continue;
            }

            var indicator = space.Indicators[i];
            if (indicator.Source == Source.Formula)
            {
                problems.At(path, row.Line, ic + 1, $"'{code}' is computed by its formula; remove this row");
                continue;
            }

            if (team is not null && indicator.Scope != Scope.Team)
            {
                var teamCodes = space.Indicators.Where(x => x.Scope == Scope.Team).Select(x => x.Code).ToList();
                problems.At(path, row.Line, ic + 1, $"'{code}' is not a team indicator, so a {TeamPrefix}{team} row cannot give it; team indicators: {(teamCodes.Count == 0 ? "none" : string.Join(", ", teamCodes))}");
                continue;
            }

            if (actuals.Lines[i] != 0)
            {
                problems.At(path, row.Line, ic + 1, $"duplicate row for {(team is null ? "person" : "team")} '{key}' and indicator '{code}': lines {actuals.Lines[i]} and {row.Line}; keep one");
                continue;
            }

            actuals.Lines[i] = row.Line;
            var value = ActualValue.Parse(indicator, row[vc]);
            if (value.IsSuccess)
                actuals.Values[i] = value.Value;
            else
                foreach (var p in value.Problems)
                    problems.At(path, row.Line, vc + 1, p.Message.En);
        }

        return new ActualsData(people, teams, columns[0], columns[1]);
    }
}
