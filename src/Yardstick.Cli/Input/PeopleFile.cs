using System.Globalization;

namespace Yardstick.Cli.Input;

/// <summary>A row of <c>--people</c>: the team and product say who shares a pool or a product's money.</summary>
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

        if (c[5] >= 0)
        {
            var reported = new HashSet<string>(StringComparer.Ordinal);
            CheckShares(path, people.Values, p => p.Team, "team", c[5] + 1, reported, problems);
            CheckShares(path, people.Values, p => p.Product, "product", c[5] + 1, reported, problems);
        }

        return c[0] < 0 ? null : people;
    }

    /// <summary>Explicit shares apply only when every member of the team (or owner of the product) has one (scoring.md §4).</summary>
    private static void CheckShares(string path, IEnumerable<Person> people, Func<Person, string?> key, string what, int column, HashSet<string> reported, Problems problems)
    {
        foreach (var group in people.Where(p => key(p) is not null).GroupBy(p => key(p)!, StringComparer.Ordinal))
        {
            var with = group.FirstOrDefault(p => p.Share is not null);
            if (with is null)
                continue;
            foreach (var p in group.Where(p => p.Share is null && reported.Add(p.Id)))
                problems.At(path, p.Line, column, $"'{p.Id}' has no share, but {what} {group.Key} has explicit shares (line {with.Line}); give every member of the {what} a share or none");
        }
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
