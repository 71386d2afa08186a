using Microsoft.EntityFrameworkCore;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import teams FILE</c>: <c>team,name,member,share</c>, one row per member (member and share may be empty).
/// Teams are matched by id and updated; the members of every team in the file are replaced by the file's.
/// A share is the member's part of the team (0–1); a team's shares add up to at most 1.
/// </summary>
public sealed class ImportTeams(YardstickDb db)
{
    private static readonly string[] Required = ["team", "name", "member", "share"];

    private sealed record Parsed(string Team, string? Member, decimal? Share);

    public async Task<Result<ImportSummary>> RunAsync(string path, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        var problems = new Problems();
        if (!ImportCommon.Exists(path, problems))
            return ImportCommon.Fail<ImportSummary>(problems);
        var employees = (await db.Employees.Select(e => e.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var c = new int[Required.Length];
        var rows = new List<Parsed>();
        var names = new Dictionary<string, (string Name, int Line)>(StringComparer.Ordinal);
        var members = new Dictionary<(string, string), int>();
        var shares = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var row in TableFile.Read(path, Required, [], c, problems, allowXlsx: true))
        {
            if (ImportCommon.Required(path, row, c[0], "team", problems) is not { } team)
                continue;
            var name = ImportCommon.Text(row, c[1]);
            if (!names.TryGetValue(team, out var known) || (known.Line == 0 && name is not null))
                names[team] = (name ?? team, name is null ? 0 : row.Line);
            else if (name is not null && known.Name != name)
                problems.At(path, row.Line, c[1] + 1, $"team '{team}' is named '{known.Name}' on line {known.Line} and '{name}' here; give one name");
            var member = ImportCommon.Text(row, c[2]);
            decimal? share = null;
            if (member is not null)
            {
                if (!employees.Contains(member))
                    problems.At(path, row.Line, c[2] + 1, $"'{member}' is not an employee; import employees first");
                if (!members.TryAdd((team, member), row.Line))
                    problems.At(path, row.Line, c[2] + 1, $"'{member}' is a member of '{team}' twice: lines {members[(team, member)]} and {row.Line}; keep one");
            }

            if (ImportCommon.Text(row, c[3]) is not null)
            {
                share = ImportCommon.Number(path, row, c[3], "share", problems, "0.4");
                if (member is null)
                    problems.At(path, row.Line, c[3] + 1, "a share needs a member; a share is the member's part of the team");
                else if (share is < 0 or > 1)
                    problems.At(path, row.Line, c[3] + 1, $"share {share} is outside 0–1; a share is the member's part of the team, such as 0.4");
                else if (share is { } s && (shares[team] = shares.GetValueOrDefault(team) + s) > 1)
                    problems.At(path, row.Line, c[3] + 1, $"the shares of team '{team}' add up to {shares[team]} with this row; they may add up to at most 1");
            }

            rows.Add(new Parsed(team, member, share));
        }

        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        return await ImportCommon.WriteAsync(db, null, ImportKinds.Teams, "all", path, rows.Count, async previous =>
        {
            var teams = await db.Teams.ToDictionaryAsync(t => t.Id, StringComparer.Ordinal, ct);
            var inFile = names.Keys.ToHashSet(StringComparer.Ordinal);
            var old = (await db.TeamMembers.ToListAsync(ct)).Where(m => inFile.Contains(m.TeamId)).ToList();
            db.TeamMembers.RemoveRange(old);
            foreach (var (id, (name, _)) in names)
            {
                if (!teams.TryGetValue(id, out var team))
                    team = db.Teams.Add(new Team { Id = id }).Entity;
                team.Name = name;
            }

            foreach (var r in rows.Where(r => r.Member is not null))
                db.TeamMembers.Add(new TeamMember { TeamId = r.Team, EmployeeId = r.Member!, Share = r.Share });
            return old.Count;
        }, null, progress, ct);
    }
}
