using Yardstick.App.Evaluation;
using Yardstick.Core.Incentives;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;

namespace Yardstick.App.Files;

/// <summary>One person's (or team's) actuals, by indicator number of the <see cref="IndicatorSpace"/>, with the line each came from (0: none).</summary>
public sealed class ScopeActuals(int indicators, int firstLine)
{
    public decimal?[] Values { get; } = new decimal?[indicators];

    public int[] Lines { get; } = new int[indicators];

    /// <summary>The first line that names the person or team.</summary>
    public int FirstLine { get; } = firstLine;
}

/// <summary>A business measure of a team or product (team.revenue, product.gmv) given in an actuals file, with its line.</summary>
public sealed record MeasureRow(MeasureScope Scope, string Id, string Name, decimal Value, int Line);

/// <summary>The actuals of a file: per person, per team (rows <c>team:ID</c>), the business measures (team or product rows naming no indicator), and the file's columns.</summary>
public sealed record ActualsData(Dictionary<string, ScopeActuals> People, Dictionary<string, ScopeActuals> Teams, List<MeasureRow> Measures, TableColumns? Columns)
{
    public int Rows => People.Values.Concat(Teams.Values).Sum(a => a.Lines.Count(l => l != 0)) + Measures.Count;
}

/// <summary>
/// The actuals format, <c>person,indicator,value</c> (CSV or XLSX), read by <c>evaluate</c> and by the actuals
/// import alike. A person column <c>team:ID</c> gives the team actual of a team indicator (scoring.md §7);
/// <c>team:ID</c> or <c>product:ID</c> with a name that is no indicator gives a business measure (team.revenue).
/// Rows are read into per-person arrays indexed by indicator number, so memory grows with people × indicators,
/// not with the file.
/// </summary>
public static class ActualsFile
{
    public const string TeamPrefix = "team:";
    public const string ProductPrefix = "product:";

    private static readonly string[] Required = ["person", "indicator", "value"];

    /// <param name="derivedAllowed">Whether actuals of indicators derived from the request log may be given (file-based evaluation, scoring.md §1); the system of record derives them.</param>
    /// <param name="allowEmpty">Whether a header without rows is accepted (a replacing import that empties the set).</param>
    public static ActualsData Read(InputFile file, IndicatorSpace space, bool derivedAllowed, Problems problems, bool allowEmpty = false)
    {
        var people = new Dictionary<string, ScopeActuals>(StringComparer.Ordinal);
        var teams = new Dictionary<string, ScopeActuals>(StringComparer.Ordinal);
        // rows are read from spans (docs/performance.md, issue 8 item 19): a person's id becomes a string once, when first met
        var peopleByText = people.GetAlternateLookup<ReadOnlySpan<char>>();
        var teamsByText = teams.GetAlternateLookup<ReadOnlySpan<char>>();
        var measures = new List<MeasureRow>();
        var measureLines = new Dictionary<(MeasureScope, string, string), int>();
        TableColumns? columns = null;
        var (personAt, indicatorAt, valueAt) = (-1, -1, -1);
        TableFile.ReadSpans(file, Required, [], problems, (in SpanRow row) =>
        {
            if (columns is null)
            {
                columns = row.Columns;
                (personAt, indicatorAt, valueAt) = (columns["person"], columns["indicator"], columns["value"]);
            }

            var who = row[personAt];
            var code = row[indicatorAt];
            if (who.Length == 0)
            {
                problems.At(row.At("person"), "人员为空；每一行都需要人员编号（或 team:ID、product:ID）", "the person is empty; every row needs a person id (or team:ID, product:ID)");
                return;
            }

            var scope = who.StartsWith(TeamPrefix, StringComparison.Ordinal) ? MeasureScope.Team
                : who.StartsWith(ProductPrefix, StringComparison.Ordinal) ? MeasureScope.Product
                : MeasureScope.Person;
            var id = scope switch
            {
                MeasureScope.Team => who[TeamPrefix.Length..].Trim(),
                MeasureScope.Product => who[ProductPrefix.Length..].Trim(),
                _ => who,
            };
            if (id.Length == 0)
            {
                problems.At(row.At("person"), $"'{who}' 没有写出编号；应写 team:ID 或 product:ID", $"'{who}' names no id; write team:ID or product:ID");
                return;
            }

            if (Identifiers.IdProblem("person", id) is { } badId)
            {
                problems.At(row.At("person"), badId);
                return;
            }

            var i = space.IndexOf(code);
            if (i < 0)
            {
                if (scope == MeasureScope.Person || code.Length == 0 || code.Contains('.'))
                {
                    problems.At(row.At("indicator"), space.Unknown(code.ToString()));
                    return;
                }

                // a business measure of a team or product (read as team.revenue, product.gmv)
                if (Identifiers.IdProblem("indicator", code) is { } badCode)
                {
                    problems.At(row.At("indicator"), badCode);
                    return;
                }

                Measure(row, scope, who.ToString(), id.ToString(), code.ToString(), valueAt, measures, measureLines, problems);
                return;
            }

            var indicator = space.Indicators[i];
            if (indicator.Source == Source.Formula)
            {
                problems.At(row.At("indicator"), $"'{code}' 由公式计算得出；请删除这一行", $"'{code}' is computed by its formula; remove this row");
                return;
            }

            if (indicator.Source == Source.Requests && !derivedAllowed)
            {
                problems.At(row.At("indicator"), $"'{code}' 由跨部门需求记录计算得出（导入需求记录）；请删除这一行", $"'{code}' is derived from the request log (import the requests); remove this row");
                return;
            }

            if (scope != MeasureScope.Person && (scope == MeasureScope.Product || indicator.Scope != Scope.Team))
            {
                var teamCodes = space.Indicators.Where(x => x.Scope == Scope.Team).Select(x => x.Code).ToList();
                var list = teamCodes.Count == 0 ? "none" : string.Join(", ", teamCodes);
                problems.At(row.At("indicator"),
                    $"'{code}' 不是团队指标，{who} 这样的行不能给出它；团队指标：{(teamCodes.Count == 0 ? "无" : string.Join(", ", teamCodes))}",
                    $"'{code}' is not a team indicator, so a {who} row cannot give it; team indicators: {list}");
                return;
            }

            var map = scope == MeasureScope.Person ? peopleByText : teamsByText;
            if (!map.TryGetValue(id, out var actuals))
                map.TryAdd(id, actuals = new ScopeActuals(space.Count, row.Line));
            if (actuals.Lines[i] != 0)
            {
                var (zh, en) = scope == MeasureScope.Person ? ("人员", "person") : ("团队", "team");
                problems.At(row.At("indicator"),
                    $"{zh} '{id}' 的指标 '{code}' 重复：第 {actuals.Lines[i]} 行和第 {row.Line} 行；请保留一行",
                    $"duplicate row for {en} '{id}' and indicator '{code}': lines {actuals.Lines[i]} and {row.Line}; keep one");
                return;
            }

            actuals.Lines[i] = row.Line;
            if (ActualValue.TryParse(indicator, row[valueAt], out var value) is { } bad)
                problems.At(row.At("value"), bad.Message);
            else
                actuals.Values[i] = value;
        }, allowEmpty);

        return new ActualsData(people, teams, measures, columns);
    }

    /// <summary>A business measure of a team or product, once per (scope, id, measure).</summary>
    private static void Measure(in SpanRow row, MeasureScope scope, string who, string id, string code, int valueAt, List<MeasureRow> measures, Dictionary<(MeasureScope, string, string), int> measureLines, Problems problems)
    {
        if (measureLines.TryGetValue((scope, id, code), out var first))
        {
            problems.At(row.At("indicator"), $"'{who}' 的业务指标 '{code}' 重复：第 {first} 行和第 {row.Line} 行；请保留一行", $"duplicate row for '{who}' and measure '{code}': lines {first} and {row.Line}; keep one");
            return;
        }

        measureLines[(scope, id, code)] = row.Line;
        var text = row[valueAt].ToString();
        if (!Numbers.TryParse(text, allowSign: true, out var m))
            problems.At(row.At("value"), $"'{text}' 不是数字；应为用 '.' 作小数点的数，例如 12345.67", $"'{text}' is not a number; expected a decimal with '.' such as 12345.67");
        else if (Numbers.TooLarge(text, m) is { } large)
            problems.At(row.At("value"), large);
        else
            measures.Add(new MeasureRow(scope, id, code, m, row.Line));
    }
}
