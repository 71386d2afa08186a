using System.Globalization;
using Yardstick.Core.Incentives;

namespace Yardstick.Cli.Input;

/// <summary>Reads <c>scope,measure,value</c>: business measures (team.revenue, product.gmv, …) with scope <c>person:ID</c>, <c>team:ID</c> or <c>product:ID</c>.</summary>
internal static class MeasuresFile
{
    private static readonly string[] Required = ["scope", "measure", "value"];

    public static Measures Read(string path, Problems problems)
    {
        var measures = new Measures();
        var lines = new Dictionary<(MeasureScope, string, string), int>();
        var c = new int[3];
        foreach (var row in TableFile.Read(path, Required, [], c, problems))
        {
            var scopeText = row[c[0]].Trim();
            var name = row[c[1]].Trim();
            var valueText = row[c[2]].Trim();
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
                problems.At(path, row.Line, c[0] + 1, $"'{scopeText}' is not a scope; expected person:ID, team:ID or product:ID");
                continue;
            }

            if (name.Length == 0 || name.Contains('.', StringComparison.Ordinal))
            {
                problems.At(path, row.Line, c[1] + 1, $"'{name}' is not a measure name; write the name without its scope, e.g. revenue (read as team.revenue for a team:ID row)");
                continue;
            }

            if (!decimal.TryParse(valueText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                problems.At(path, row.Line, c[2] + 1, $"'{valueText}' is not a number; expected a decimal with '.' and no thousands separators, such as 12345678.90");
                continue;
            }

            if (lines.TryGetValue((scope.Value, id, name), out var earlier))
            {
                problems.At(path, row.Line, c[1] + 1, $"duplicate measure '{name}' for {scopeText}: lines {earlier} and {row.Line}; keep one");
                continue;
            }

            lines[(scope.Value, id, name)] = row.Line;
            measures.Set(scope.Value, id, name, value);
        }

        return measures;
    }
}
