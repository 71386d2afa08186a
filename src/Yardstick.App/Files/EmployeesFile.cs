namespace Yardstick.App.Files;

/// <summary>An employee as read from its file.</summary>
public sealed record EmployeeRow(int Line, string Id, string Name, string? Manager, string Role, string? Team, decimal? Share, string? Product, DateOnly? From, DateOnly? To);

/// <summary>The employees format: <c>person,name</c>, optionally <c>manager,role,team,share,product,active_from,active_to</c>.</summary>
public static class EmployeesFile
{
    private static readonly string[] Required = ["person", "name"];
    private static readonly string[] Optional = ["manager", "role", "team", "share", "product", "active_from", "active_to"];

    /// <summary>The longest role (pm, lead, …) the employees table stores.</summary>
    public const int RoleMax = 32;

    public static (List<EmployeeRow> Rows, TableColumns? Columns) Read(InputFile file, Problems problems)
    {
        var rows = new List<EmployeeRow>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        TableColumns? columns = null;
        foreach (var row in TableFile.Read(file, Required, Optional, problems))
        {
            columns ??= row.Columns;
            var id = row["person"];
            var name = row["name"];
            if (id.Length == 0)
            {
                problems.At(row.At("person"), "人员为空；每一行都需要员工编号", "the person is empty; every row needs an employee id");
                continue;
            }

            foreach (var column in (string[])["person", "manager", "team", "product"])
                row.IsId(column, problems);
            row.IsId("role", problems, max: RoleMax);
            row.IsName("name", problems);
            if (id.Contains(':', StringComparison.Ordinal))
                problems.At(row.At("person"), $"'{id}' 含有 ':'；员工编号应为 zhang_wei 这样的普通编号", $"'{id}' contains ':'; an employee id is a plain id such as zhang_wei");
            if (!lines.TryAdd(id, row.Line))
                problems.At(row.At("person"), $"人员 '{id}' 的行重复：第 {lines[id]} 行和第 {row.Line} 行；请保留一行", $"duplicate row for person '{id}': lines {lines[id]} and {row.Line}; keep one");
            if (name.Length == 0)
                problems.At(row.At("name"), $"'{id}' 的姓名为空", $"the name of '{id}' is empty");
            decimal? share = null;
            if (row.Text("share") is { } s)
            {
                if (!Numbers.TryParse(s, allowSign: false, out var v))
                    problems.At(row.At("share"), $"'{s}' 不是份额；应为不小于 0 的数，例如 0.4", $"'{s}' is not a share; expected a number >= 0 such as 0.4");
                else if (Numbers.TooLarge(s, v, Numbers.ShareLimit) is { } large)
                    problems.At(row.At("share"), large);
                else
                    share = v;
            }

            if (share is not null && row.Text("team") is null)
                problems.At(row.At("share"), $"'{id}' 有份额但没有团队；份额是此人在团队中所占的部分", $"'{id}' has a share but no team; a share is the person's part of their team");
            var manager = row.Text("manager");
            if (manager == id)
                problems.At(row.At("manager"), $"'{id}' 不能是自己的经理", $"'{id}' cannot be their own manager");
            var from = row.Date("active_from", problems);
            var to = row.Date("active_to", problems);
            if (from is not null && to is not null && to < from)
                problems.At(row.At("active_to"), $"active_to {Dates.Format(to.Value)} 早于 active_from {Dates.Format(from.Value)}", $"active_to {Dates.Format(to.Value)} is before active_from {Dates.Format(from.Value)}");
            rows.Add(new EmployeeRow(row.Line, id, name, manager, row.Text("role") ?? "pm", row.Text("team"), share, row.Text("product"), from, to));
        }

        return (rows, columns);
    }
}
