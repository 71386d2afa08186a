namespace Yardstick.App.Files;

/// <summary>A row of the people file of file-based evaluation: the team and product say who shares a pool or a product's money.</summary>
public sealed record PersonRow(string Id, decimal BaseSalary, string? Name, string? Team, string? Product, decimal? Share, int Line);

/// <summary>The people format of file-based evaluation (scoring.md §10): <c>person,base_salary</c>, optionally <c>name,team,product,share</c>.</summary>
public static class PeopleFile
{
    private static readonly string[] Required = ["person", "base_salary"];
    private static readonly string[] Optional = ["name", "team", "product", "share"];

    /// <summary>The people by id; null when the file is unusable (then its problem says why).</summary>
    public static Dictionary<string, PersonRow>? Read(InputFile file, Problems problems)
    {
        var people = new Dictionary<string, PersonRow>(StringComparer.Ordinal);
        TableColumns? columns = null;
        var usable = false;
        foreach (var row in TableFile.Read(file, Required, Optional, problems))
        {
            usable = true;
            columns ??= row.Columns;
            var id = row["person"];
            if (id.Length == 0)
            {
                problems.At(row.At("person"), "人员为空；每一行都需要人员编号", "the person is empty; every row needs a person id");
                continue;
            }

            foreach (var column in (string[])["person", "team", "product"])
                row.IsId(column, problems);
            row.IsName("name", problems);
            if (people.TryGetValue(id, out var earlier))
            {
                problems.At(row.At("person"), $"人员 '{id}' 出现了两次：第 {earlier.Line} 行和第 {row.Line} 行；请保留一行", $"person '{id}' appears twice: lines {earlier.Line} and {row.Line}; keep one");
                continue;
            }

            var salary = Amount(row, "base_salary", problems, Numbers.MoneyLimit) ?? 0m;
            var share = row.Text("share") is null ? null : Amount(row, "share", problems, Numbers.ShareLimit);
            people.Add(id, new PersonRow(id, salary, row.Text("name"), row.Text("team"), row.Text("product"), share, row.Line));
        }

        if (columns is not null && columns.Has("share"))
        {
            var reported = new HashSet<string>(StringComparer.Ordinal);
            CheckShares(columns, people.Values, p => p.Team, ("团队", "team"), reported, problems);
            CheckShares(columns, people.Values, p => p.Product, ("产品", "product"), reported, problems);
        }

        return usable ? people : null;
    }

    /// <summary>Explicit shares apply only when every member of the team (or owner of the product) has one (scoring.md §4).</summary>
    private static void CheckShares(TableColumns columns, IEnumerable<PersonRow> people, Func<PersonRow, string?> key, (string Zh, string En) what, HashSet<string> reported, Problems problems)
    {
        foreach (var group in people.Where(p => key(p) is not null).GroupBy(p => key(p)!, StringComparer.Ordinal))
        {
            var with = group.FirstOrDefault(p => p.Share is not null);
            if (with is null)
                continue;
            foreach (var p in group.Where(p => p.Share is null && reported.Add(p.Id)))
                problems.At(columns.At(p.Line, "share"),
                    $"'{p.Id}' 没有份额，但{what.Zh} {group.Key} 给出了明确的份额（第 {with.Line} 行）；请给{what.Zh}的每个成员都填份额，或都不填",
                    $"'{p.Id}' has no share, but {what.En} {group.Key} has explicit shares (line {with.Line}); give every member of the {what.En} a share or none");
        }
    }

    private static decimal? Amount(Row row, string column, Problems problems, decimal limit)
    {
        var text = row[column];
        if (Numbers.TryParse(text, allowSign: false, out var value))
        {
            if (Numbers.TooLarge(text, value, limit) is not { } large)
                return value;
            problems.At(row.At(column), large);
            return null;
        }

        problems.At(row.At(column),
            $"{column} '{text}' 不是数字；应为不小于 0、用 '.' 作小数点、不带千分位的数，例如 30000.00",
            $"{column} '{text}' is not a number; expected a non-negative decimal with '.' and no thousands separators, such as 30000.00");
        return null;
    }
}
