using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Users;

/// <summary>What the admin's user actions share: finding a user of the context's organisation by email, and their summary.</summary>
internal static class OrganisationUsers
{
    /// <summary>The user (tracked) with <paramref name="email"/> in the context's organisation; a user of another organisation is not found (review.md R2).</summary>
    public static async Task<Result<YardstickUser>> FindAsync(YardstickDb db, UserManager<YardstickUser> users, string email, string organisation, CancellationToken ct)
    {
        email = email.Trim();
        var normalized = users.NormalizeEmail(email);
        var found = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.OrganisationId == db.OrganisationId, ct);
        return found is null
            ? Problem.NotFound("email", $"组织 {organisation} 中没有邮箱为 {email} 的用户", $"organisation {organisation} has no user with email {email}", "user.unknown", email)
            : found;
    }

    /// <summary>The user as an admin sees them now, with their stored roles.</summary>
    public static async Task<UserSummary> SummaryAsync(YardstickDb db, YardstickUser user, CancellationToken ct)
    {
        var roles = await db.UserRoles.AsNoTracking().Where(r => r.UserId == user.Id).Select(r => r.RoleId).ToListAsync(ct);
        return new UserSummary(user.Email ?? "", user.EmployeeId, [.. roles.Order(StringComparer.Ordinal)], user.LockoutEnd is { } end && end > db.Now);
    }

    /// <summary>The roles asked for, trimmed and lower-cased, each once; a problem for each unknown one.</summary>
    public static List<string> Roles(IEnumerable<string> roles, List<Problem> problems)
    {
        var wanted = roles.Select(r => r.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        foreach (var r in wanted.Where(r => !RoleNames.All.Contains(r)))
            problems.Add(Problem.Invalid("role", $"未知角色 '{r}'；可用角色：{string.Join(", ", RoleNames.All)}", $"unknown role '{r}'; expected {string.Join(" or ", RoleNames.All)}"));
        return wanted;
    }
}
