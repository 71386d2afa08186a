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
        var byText = people.GetAlternateLookup<ReadOnlySpan<char>>();
        // teams and products repeat: one string each (docs/performance.md, issue 8 item 19)
        var shared = new HashSet<string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        TableColumns? columns = null;
        int[] at = [];
        var usable = false;
        TableFile.ReadSpans(file, Required, Optional, problems, (in SpanRow row) =>
        {
            usable = true;
            if (columns is null)
            {
                columns = row.Columns;
                at = [.. Columns.Select(c => columns[c])];
            }

            var id = row[at[0]];
            if (id.Length == 0)
            {
                problems.At(row.At("person"), "人员为空；每一行都需要人员编号", "the person is empty; every row needs a person id");
                return;
            }

            for (var c = 0; c < Ids.Length; c++)
                if (row[at[Ids[c]]] is { Length: > 0 } text && Identifiers.IdProblem(Columns[Ids[c]], text) is { } bad)
                    problems.At(row.At(Columns[Ids[c]]), bad);
            var name = row[at[2]];
            if (name.Length > 0 && Identifiers.NameProblem("name", name) is { } badName)
                problems.At(row.At("name"), badName);
            if (byText.TryGetValue(id, out var earlier))
            {
                problems.At(row.At("person"), $"人员 '{id}' 出现了两次：第 {earlier.Line} 行和第 {row.Line} 行；请保留一行", $"person '{id}' appears twice: lines {earlier.Line} and {row.Line}; keep one");
                return;
            }

            var salary = Amount(row, at[1], "base_salary", problems, Numbers.MoneyLimit) ?? 0m;
            var share = row[at[5]].Length == 0 ? null : Amount(row, at[5], "share", problems, Numbers.ShareLimit);
            var person = id.ToString();
            people.Add(person, new PersonRow(person, salary, Text(name), Shared(shared, row[at[3]]), Shared(shared, row[at[4]]), share, row.Line));
        });

        if (columns is not null && columns.Has("share"))
        {
            var reported = new HashSet<string>(StringComparer.Ordinal);
            CheckShares(columns, people.Values, p => p.Team, ("团队", "team"), reported, problems);
            CheckShares(columns, people.Values, p => p.Product, ("产品", "product"), reported, problems);
        }

        return usable ? people : null;
    }

    /// <summary>Every column, in the order <see cref="Read"/> indexes them.</summary>
    private static readonly string[] Columns = ["person", "base_salary", "name", "team", "product", "share"];

    /// <summary>The columns that hold ids (positions in <see cref="Columns"/>).</summary>
    private static readonly int[] Ids = [0, 3, 4];

    private static string? Text(ReadOnlySpan<char> text) => text.Length == 0 ? null : text.ToString();

    private static string? Shared(HashSet<string>.AlternateLookup<ReadOnlySpan<char>> strings, ReadOnlySpan<char> text)
    {
        if (text.Length == 0)
            return null;
        if (strings.TryGetValue(text, out var s))
            return s;
        strings.Set.Add(s = text.ToString());
        return s;
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

    private static decimal? Amount(in SpanRow row, int index, string column, Problems problems, decimal limit)
    {
        var text = row[index];
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
