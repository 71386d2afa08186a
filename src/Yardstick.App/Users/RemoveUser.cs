using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Users;

/// <summary>
/// Removes a user of the context's organisation with their roles (audited); an admin's action. A user of another
/// organisation is answered as not found (review.md R2), and no one removes their own login.
/// </summary>
public sealed class RemoveUser(YardstickDb db, UserManager<YardstickUser> users, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<UserSummary>> RunAsync(string email, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var me = await _access.UserAsync(ct);
        var lookup = await OrganisationUsers.FindAsync(db, users, email, me.Organisation, ct);
        if (!lookup.IsSuccess)
            return Result<UserSummary>.Fail(lookup.Problems);
        var found = lookup.Value;
        if (found.Id == me.UserId)
            return Problem.Conflict("email", "不能删除自己的用户", "you cannot remove your own user");
        // loaded so that their deletion is tracked, and audited, with the user's
        var links = await db.UserRoles.Where(r => r.UserId == found.Id).ToListAsync(ct);
        var summary = new UserSummary(found.Email ?? "", found.EmployeeId, [.. links.Select(l => l.RoleId).Order(StringComparer.Ordinal)], found.LockoutEnd is { } end && end > db.Now);
        var result = await users.DeleteAsync(found);
        return result.Succeeded ? summary : Result<UserSummary>.Fail(IdentityProblems.Of(result, users.Options.Password, email));
    }
}
