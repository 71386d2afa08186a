using Microsoft.AspNetCore.Identity;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Users;

/// <summary>
/// Makes the stored roles of a user of the context's organisation exactly the ones given (review.md R1: admin, finance; none is
/// allowed); an admin's action, audited. An admin does not take the admin role from themselves, so that an organisation is not
/// left without one by a slip. The user's security stamp changes, so that their sessions pick up the new roles at their next check.
/// </summary>
public sealed class SetRoles(YardstickDb db, UserManager<YardstickUser> users, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<UserSummary>> RunAsync(string email, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var me = await _access.UserAsync(ct);
        var problems = new List<Problem>();
        var wanted = OrganisationUsers.Roles(roles, problems);
        if (problems.Count > 0)
            return Result<UserSummary>.Fail(problems);
        var found = await OrganisationUsers.FindAsync(db, users, email, me.Organisation, ct);
        if (!found.IsSuccess)
            return Result<UserSummary>.Fail(found.Problems);
        var target = found.Value;
        if (target.Id == me.UserId && !wanted.Contains(RoleNames.Admin))
            return Problem.Conflict("role", "不能取消自己的管理员角色；请让另一位管理员操作", "you cannot take the admin role from yourself; ask another admin");

        var held = await users.GetRolesAsync(target);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await users.RemoveFromRolesAsync(target, [.. held.Except(wanted, StringComparer.Ordinal)]);
        if (result.Succeeded)
            result = await users.AddToRolesAsync(target, [.. wanted.Except(held, StringComparer.Ordinal)]);
        if (result.Succeeded)
            result = await users.UpdateSecurityStampAsync(target);
        if (!result.Succeeded)
            return Result<UserSummary>.Fail(IdentityProblems.Of(result, users.Options.Password, target.Email ?? ""));
        await tx.CommitAsync(ct);
        return await OrganisationUsers.SummaryAsync(db, target, ct);
    }
}
