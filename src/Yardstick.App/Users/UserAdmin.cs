using Yardstick.App.Access;
using Yardstick.Core.Common;

namespace Yardstick.App.Users;

/// <summary>Who may manage users (review.md R2: users are an admin's matter).</summary>
internal static class UserAdmin
{
    /// <summary>Null when <paramref name="user"/> may manage the organisation's users; else why not.</summary>
    public static Problem? Refuse(CurrentUser user) => user.IsAdmin
        ? null
        : Problem.Forbidden("user", "只有管理员可以管理用户", "only an admin may manage users");
}
