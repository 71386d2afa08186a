using System.Globalization;

namespace Yardstick.Cli.Input;

/// <summary>
/// A row of <c>--people</c>. <see cref="Team"/>, <see cref="Product"/> and <see cref="Share"/> are
/// kept for the payout rules of later issues.
/// </summary>
internal sealed record Person(string Id, decimal BaseSalary, string? Name, string? Team, string? Product, decimal? Share, int Line);

/// <summary>Reads <c>person,base_salary[,name,team,product,share]</c>.</summary>
internal static class PeopleFile
{
    private static readonly string[] Required = ["person", "base_salary"];
    private static readonly string[] Optional = ["name", "team", "product", "share"];

    /// <summary>The people by id; null when the file is unusable (then its problem says why).</summary>
    public static Dictionary<string, Person>? Read(string path, Problems problems)
    {
        var people = new Dictionary<string, Person>(StringComparer.Ordinal);
        var c = new int[6];
        foreach (var row in TableFile.Read(path, Required, Optional, c, problems))
        {
            var id = row[c[0]].Trim();
            if (id.Length == 0)
            {
                problems.At(path, row.Line, c[0] + 1, "the person is empty; every row needs a person id");
                continue;
            }

            if (people.TryGetValue(id, out var earlier))
            {
                problems.At(path, row.Line, c[0] + 1, $"person '{id}' appears twice: lines {earlier.Line} and {row.Line}; keep one");
                continue;
            }

            var salary = Amount(path, row, c[1], "base_salary", problems) ?? 0m;
            var share = c[5] >= 0 && row[c[5]].Trim().Length > 0 ? Amount(path, row, c[5], "share", problems) : null;
            people.Add(id, new Person(id, salary, Text(row, c[2]), Text(row, c[3]), Text(row, c[4]), share, row.Line));
        }

        return c[0] < 0 ? null : people;
    }

    private static string? Text(Row row, int column) =>
        column >= 0 && row[column].Trim() is { Length: > 0 } text ? text : null;

    private static decimal? Amount(string path, Row row, int column, string name, Problems problems)
    {
        var text = row[column].Trim();
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            problems.At(path, row.Line, column + 1, $"{name} '{text}' is not a number; expected a non-negative decimal with '.' and no thousands separators, such as 30000.00");
            return null;
        }

        return value;
    }
}
