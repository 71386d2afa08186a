using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Users;

/// <summary>The users of the context's organisation, by email, with their employee, roles and whether they are locked out now; an admin's view.</summary>
public sealed class ListUsers(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<IReadOnlyList<UserSummary>>> RunAsync(CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var rows = await db.Users.AsNoTracking().Where(u => u.OrganisationId == db.OrganisationId)
            .Select(u => new { u.Id, u.Email, u.EmployeeId, u.LockoutEnd }).ToListAsync(ct);
        var ids = rows.Select(u => u.Id).ToList();
        var roles = (await db.UserRoles.AsNoTracking().Where(r => ids.Contains(r.UserId))
                .Join(db.Roles, r => r.RoleId, role => role.Id, (r, role) => new { r.UserId, role.Name }).ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Name!, StringComparer.Ordinal);
        var now = db.Now;
        return rows
            .Select(u => new UserSummary(u.Email ?? "", u.EmployeeId, [.. roles[u.Id].Order(StringComparer.Ordinal)], u.LockoutEnd is { } end && end > now))
            .OrderBy(u => u.Email, StringComparer.Ordinal)
            .ToList();
    }
}
