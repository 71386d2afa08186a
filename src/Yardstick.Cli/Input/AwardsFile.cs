using System.Globalization;
using Yardstick.Core.Incentives;

namespace Yardstick.Cli.Input;

/// <summary>
/// Reads <c>rule,person,amount,equity_units,nominated_by,approved_by</c>: award nominations. Each keeps
/// its <c>FILE:LINE</c>, so the payout engine's checks (range, approver, rule) point at the row.
/// </summary>
internal static class AwardsFile
{
    private static readonly string[] Required = ["rule", "person", "amount", "nominated_by"];
    private static readonly string[] Optional = ["equity_units", "approved_by"];

    public static List<(AwardNomination Nomination, int Line, int PersonColumn)> Read(string path, Problems problems)
    {
        var awards = new List<(AwardNomination, int, int)>();
        var c = new int[6];
        foreach (var row in TableFile.Read(path, Required, Optional, c, problems))
        {
            var rule = row[c[0]].Trim();
            var person = row[c[1]].Trim();
            if (rule.Length == 0 || person.Length == 0)
            {
                problems.At(path, row.Line, rule.Length == 0 ? c[0] + 1 : c[1] + 1, "the rule and the person are required");
                continue;
            }

            var amount = Number(path, row, c[2], "amount", problems);
            var units = c[4] >= 0 && row[c[4]].Trim().Length > 0 ? Number(path, row, c[4], "equity_units", problems) : null;
            if (amount is null || (c[4] >= 0 && row[c[4]].Trim().Length > 0 && units is null))
                continue;
            var approver = c[5] >= 0 && row[c[5]].Trim() is { Length: > 0 } a ? a : null;
            var where = string.Create(CultureInfo.InvariantCulture, $"{path}:{row.Line}");
            awards.Add((new AwardNomination(rule, person, amount.Value, units, row[c[3]].Trim(), approver, where), row.Line, c[1] + 1));
        }

        return awards;
    }

    private static decimal? Number(string path, Row row, int column, string name, Problems problems)
    {
        var text = row[column].Trim();
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return value;
        problems.At(path, row.Line, column + 1, $"{name} '{text}' is not a number; expected a decimal with '.' and no thousands separators, such as 150000.00");
        return null;
    }
}
