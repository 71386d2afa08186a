using Microsoft.AspNetCore.Identity;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Users;

/// <summary>
/// Sets a new password for a user of the context's organisation (review.md R1: an admin resets a password). The password must
/// pass Identity's rules; nothing changes otherwise. The user's security stamp changes with it, so that their open sessions
/// end at their next check. Audited without the password or its hash.
/// </summary>
public sealed class ResetPassword(YardstickDb db, UserManager<YardstickUser> users, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<UserSummary>> RunAsync(string email, string password, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var found = await OrganisationUsers.FindAsync(db, users, email, (await _access.UserAsync(ct)).Organisation, ct);
        if (!found.IsSuccess)
            return Result<UserSummary>.Fail(found.Problems);
        var target = found.Value;
        var problems = new List<Problem>();
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, target, password);
            if (!checkedPassword.Succeeded)
                problems.AddRange(IdentityProblems.Of(checkedPassword, users.Options.Password, target.Email ?? ""));
        }

        if (problems.Count > 0)
            return Result<UserSummary>.Fail(problems);
        target.PasswordHash = users.PasswordHasher.HashPassword(target, password);
        var result = await users.UpdateSecurityStampAsync(target);
        return result.Succeeded
            ? await OrganisationUsers.SummaryAsync(db, target, ct)
            : Result<UserSummary>.Fail(IdentityProblems.Of(result, users.Options.Password, target.Email ?? ""));
    }
}
