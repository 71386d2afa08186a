namespace Yardstick.App.Files;

/// <summary>A member row of a team as read from its file (member and share may be empty).</summary>
public sealed record TeamRow(int Line, string Team, string? Member, decimal? Share);

/// <summary>The teams format: <c>team,name,member,share</c>, one row per member; a team's shares (0–1) add up to at most 1.</summary>
public static class TeamsFile
{
    private static readonly string[] Required = ["team", "name", "member", "share"];

    /// <returns>The rows, each team's name, and the columns.</returns>
    public static (List<TeamRow> Rows, Dictionary<string, string> Names, TableColumns? Columns) Read(InputFile file, Problems problems)
    {
        var rows = new List<TeamRow>();
        var names = new Dictionary<string, (string Name, int Line)>(StringComparer.Ordinal);
        var members = new Dictionary<(string, string), int>();
        var shares = new Dictionary<string, decimal>(StringComparer.Ordinal);
        TableColumns? columns = null;
        foreach (var row in TableFile.Read(file, Required, [], problems))
        {
            columns ??= row.Columns;
            if (row.Required("team", problems) is not { } team)
                continue;
            row.IsId("team", problems);
            row.IsName("name", problems);
            row.IsId("member", problems);
            var name = row.Text("name");
            if (!names.TryGetValue(team, out var known) || (known.Line == 0 && name is not null))
                names[team] = (name ?? team, name is null ? 0 : row.Line);
            else if (name is not null && known.Name != name)
                problems.At(row.At("name"), $"团队 '{team}' 在第 {known.Line} 行叫 '{known.Name}'，这里叫 '{name}'；请只用一个名称", $"team '{team}' is named '{known.Name}' on line {known.Line} and '{name}' here; give one name");
            var member = row.Text("member");
            if (member is not null && !members.TryAdd((team, member), row.Line))
                problems.At(row.At("member"), $"'{member}' 两次成为 '{team}' 的成员：第 {members[(team, member)]} 行和第 {row.Line} 行；请保留一行", $"'{member}' is a member of '{team}' twice: lines {members[(team, member)]} and {row.Line}; keep one");
            decimal? share = null;
            if (row.Text("share") is not null)
            {
                share = row.Number("share", problems, "0.4");
                if (member is null)
                    problems.At(row.At("share"), "份额需要对应成员；份额是该成员在团队中所占的部分", "a share needs a member; a share is the member's part of the team");
                else if (share is < 0 or > 1)
                    problems.At(row.At("share"), Inv($"份额 {share} 超出 0–1；份额是该成员在团队中所占的部分，例如 0.4"), Inv($"share {share} is outside 0–1; a share is the member's part of the team, such as 0.4"));
                else if (share is { } s && (shares[team] = shares.GetValueOrDefault(team) + s) > 1)
                    problems.At(row.At("share"), Inv($"加上这一行，团队 '{team}' 的份额合计为 {shares[team]}；合计最多为 1"), Inv($"the shares of team '{team}' add up to {shares[team]} with this row; they may add up to at most 1"));
            }

            rows.Add(new TeamRow(row.Line, team, member, share));
        }

        return (rows, names.ToDictionary(kv => kv.Key, kv => kv.Value.Name, StringComparer.Ordinal), columns);
    }

    private static string Inv(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
