using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import teams FILE</c>: <c>team,name,member,share</c>, one row per member (member and share may be empty).
/// Teams are matched by id and updated; the members of every team in the file are replaced by the file's.
/// A share is the member's part of the team (0–1); a team's shares add up to at most 1.
/// </summary>
public sealed class ImportTeams(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<ImportSummary>> RunAsync(InputFile file, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var problems = new Problems();
        var (rows, names, columns) = TeamsFile.Read(file, problems);
        var employees = await ImportCommon.EmployeeIdsAsync(db, ct);
        foreach (var r in rows.Where(r => r.Member is not null && !employees.Contains(r.Member)))
            ImportCommon.NotAnEmployee(problems, columns!.At(r.Line, "member"), r.Member!);
        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        return await ImportCommon.WriteAsync(db, null, ImportKinds.Teams, "all", file, rows.Count, async previous =>
        {
            var teams = await db.Teams.ToDictionaryAsync(t => t.Id, StringComparer.Ordinal, ct);
            var inFile = names.Keys.ToHashSet(StringComparer.Ordinal);
            var old = (await db.TeamMembers.ToListAsync(ct)).Where(m => inFile.Contains(m.TeamId)).ToList();
            db.TeamMembers.RemoveRange(old);
            foreach (var (id, name) in names)
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
