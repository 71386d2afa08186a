using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Users;

/// <summary>
/// The one-time setup of an installation: creates its first user, an admin of the context's organisation, while the installation
/// holds no user at all (in any organisation). Once any user exists it is not found: from then on only admins create users
/// (review.md R1, no self-registration).
/// </summary>
public sealed class CreateFirstAdmin(YardstickDb db, UserManager<YardstickUser> users)
{
    /// <summary><see cref="Problem.Code"/> of the answer once the installation has a user.</summary>
    public const string Done = "setup.done";

    /// <summary>True while the installation holds no user, so that setup is offered.</summary>
    public async Task<bool> IsOpenAsync(CancellationToken ct = default) => !await db.Users.AnyAsync(ct);

    public async Task<Result<UserSummary>> RunAsync(string email, string password, CancellationToken ct = default)
    {
        if (!await IsOpenAsync(ct))
            return Problem.NotFound("setup", "安装已有用户，初始设置已完成；请登录，由管理员创建用户", "the installation has users, so setup is done; log in, and an admin creates users", Done);
        var organisation = await db.Organisations.Where(o => o.Id == db.OrganisationId).Select(o => o.Code).SingleAsync(ct);
        return await AddUser.CreateAsync(db, users, organisation, email, null, [RoleNames.Admin], password, ct);
    }
}
