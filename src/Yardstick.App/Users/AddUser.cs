using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Users;

/// <summary>
/// Adds a user (a login) to the context's organisation (review.md R1): an admin's action. The email is the user name,
/// unique in the installation; the employee, when given, is one of the organisation; the roles are <c>admin</c> and
/// <c>finance</c>. A password, when given, must pass Identity's password rules and is stored only as Identity's hash;
/// without one the user cannot log in until a password is set. User and roles are written together or not at all, audited
/// (never the password or its hash).
/// </summary>
public sealed class AddUser(YardstickDb db, UserManager<YardstickUser> users, CurrentUser? user = null)
{
    public const int MaxEmailLength = 256;

    private readonly UserAccess _access = new(db, user);

    public async Task<Result<UserSummary>> RunAsync(string email, string? employeeId, IReadOnlyCollection<string> roles, string? password, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        return await CreateAsync(db, users, (await _access.UserAsync(ct)).Organisation, email, employeeId, roles, password, ct);
    }

    /// <summary>Checks and creates a user of <paramref name="db"/>'s organisation (<paramref name="organisation"/> is its code, for messages); the caller has asked R2.</summary>
    internal static async Task<Result<UserSummary>> CreateAsync(YardstickDb db, UserManager<YardstickUser> users, string organisation, string email, string? employeeId,
        IReadOnlyCollection<string> roles, string? password, CancellationToken ct)
    {
        email = email.Trim();
        var problems = new List<Problem>();
        if (email.Length > MaxEmailLength || !MailAddress.TryCreate(email, out var address) || address.Address != email || address.DisplayName.Length > 0)
            problems.Add(Problem.Invalid("email", $"'{email}' 不是有效的邮箱地址，例如 li.na@example.com", $"'{email}' is not an email address such as li.na@example.com"));
        var wanted = OrganisationUsers.Roles(roles, problems);
        var employee = string.IsNullOrWhiteSpace(employeeId) ? null : employeeId.Trim();
        if (employee is not null && !await db.Employees.AnyAsync(e => e.Id == employee, ct))
            problems.Add(Problem.NotFound("employee", $"组织 {organisation} 中没有员工 '{employee}'；请先导入员工", $"there is no employee '{employee}' in organisation {organisation}; import employees first", "employee.unknown"));
        if (problems.Count > 0)
            return Result<UserSummary>.Fail(problems);
        if (await users.FindByEmailAsync(email) is not null)
            return Problem.Conflict("email", $"邮箱 {email} 已被另一个用户使用；每个邮箱在整个系统中只能属于一个用户", $"email {email} is already used by another user; an email belongs to one user in the whole installation");

        var created = new YardstickUser { UserName = email, Email = email, OrganisationId = db.OrganisationId, EmployeeId = employee };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = password is null ? await users.CreateAsync(created) : await users.CreateAsync(created, password);
        if (result.Succeeded && wanted.Count > 0)
            result = await users.AddToRolesAsync(created, wanted);
        if (!result.Succeeded)
            return Result<UserSummary>.Fail(IdentityProblems.Of(result, users.Options.Password, email));
        await tx.CommitAsync(ct);
        return new UserSummary(email, employee, [.. wanted.Order(StringComparer.Ordinal)], Locked: false);
    }
}
