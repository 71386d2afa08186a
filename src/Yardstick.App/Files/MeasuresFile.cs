using Yardstick.Core.Incentives;

namespace Yardstick.App.Files;

/// <summary>The business measures format, <c>scope,measure,value</c>: team.revenue, product.gmv, … with scope <c>person:ID</c>, <c>team:ID</c> or <c>product:ID</c>.</summary>
public static class MeasuresFile
{
    private static readonly string[] Required = ["scope", "measure", "value"];

    public static List<MeasureRow> Read(InputFile file, Problems problems)
    {
        var measures = new List<MeasureRow>();
        var lines = new Dictionary<(MeasureScope, string, string), int>();
        foreach (var row in TableFile.Read(file, Required, [], problems))
        {
            var scopeText = row["scope"];
            var name = row["measure"];
            var valueText = row["value"];
            var colon = scopeText.IndexOf(':', StringComparison.Ordinal);
            MeasureScope? scope = colon < 0 ? null : scopeText[..colon].Trim() switch
            {
                "person" => MeasureScope.Person,
                "team" => MeasureScope.Team,
                "product" => MeasureScope.Product,
                _ => null,
            };
            var id = colon < 0 ? "" : scopeText[(colon + 1)..].Trim();
            if (scope is null || id.Length == 0)
            {
                problems.At(row.At("scope"), $"'{scopeText}' 不是有效的范围；应为 person:ID、team:ID 或 product:ID", $"'{scopeText}' is not a scope; expected person:ID, team:ID or product:ID");
                continue;
            }

            if (!row.IsId("scope", problems, id) || !row.IsId("measure", problems))
                continue;
            if (name.Length == 0 || name.Contains('.', StringComparison.Ordinal))
            {
                problems.At(row.At("measure"), $"'{name}' 不是业务指标名；请写不带范围的名称，例如 revenue（team:ID 行读作 team.revenue）", $"'{name}' is not a measure name; write the name without its scope, e.g. revenue (read as team.revenue for a team:ID row)");
                continue;
            }

            if (!Numbers.TryParse(valueText, allowSign: true, out var value))
            {
                problems.At(row.At("value"), $"'{valueText}' 不是数字；应为用 '.' 作小数点、不带千分位的数，例如 12345678.90", $"'{valueText}' is not a number; expected a decimal with '.' and no thousands separators, such as 12345678.90");
                continue;
            }

            if (Numbers.TooLarge(valueText, value) is { } large)
            {
                problems.At(row.At("value"), large);
                continue;
            }

            if (lines.TryGetValue((scope.Value, id, name), out var earlier))
            {
                problems.At(row.At("measure"), $"{scopeText} 的业务指标 '{name}' 重复：第 {earlier} 行和第 {row.Line} 行；请保留一行", $"duplicate measure '{name}' for {scopeText}: lines {earlier} and {row.Line}; keep one");
                continue;
            }

            lines[(scope.Value, id, name)] = row.Line;
            measures.Add(new MeasureRow(scope.Value, id, name, value, row.Line));
        }

        return measures;
    }
}
