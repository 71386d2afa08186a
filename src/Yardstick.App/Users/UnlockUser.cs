using Microsoft.AspNetCore.Identity;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Users;

/// <summary>Ends the lockout of a user of the context's organisation and clears their failed logins (review.md R1); an admin's action.</summary>
public sealed class UnlockUser(YardstickDb db, UserManager<YardstickUser> users, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<UserSummary>> RunAsync(string email, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var found = await OrganisationUsers.FindAsync(db, users, email, (await _access.UserAsync(ct)).Organisation, ct);
        if (!found.IsSuccess)
            return Result<UserSummary>.Fail(found.Problems);
        var target = found.Value;
        var result = await users.SetLockoutEndDateAsync(target, null);
        if (result.Succeeded)
            result = await users.ResetAccessFailedCountAsync(target);
        return result.Succeeded
            ? await OrganisationUsers.SummaryAsync(db, target, ct)
            : Result<UserSummary>.Fail(IdentityProblems.Of(result, users.Options.Password, target.Email ?? ""));
    }
}
