using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yardstick.App.Access;
using Yardstick.App.Imports;
using Yardstick.App.Organisations;
using Yardstick.App.Users;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Tests;

/// <summary>Users on ASP.NET Core Identity's EF store (review.md R1), through <c>AddYardstick</c>, on SQLite and PostgreSQL.</summary>
public sealed class UserTests : IDisposable
{
    private const string Password = "CorrectHorse42Battery";

    private static readonly CurrentUser DefaultAdmin = CurrentUser.System(Organisation.DefaultId, Organisation.DefaultCode, "hr_admin");

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Organisation <c>industrial</c> (id 2) beside <c>default</c>; li_na is an employee of <c>default</c> only.</summary>
    private async Task<CurrentUser> SeedAsync(TestDb t)
    {
        await using var db = t.Open();
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", "person,name\nli_na,李娜\nzhang_wei,张伟\n")), null)).IsSuccess);
        var industrial = await new CreateOrganisation(db, DefaultAdmin).RunAsync("industrial", "工业互联网", "Industrial internet");
        return CurrentUser.System(industrial.Value.Id, industrial.Value.Code, "ind_admin");
    }

    private static async Task<Result<T>> As<T>(ServiceProvider services, CurrentUser user, Func<IServiceProvider, Task<Result<T>>> action)
    {
        await using var scope = TestDb.Scope(services, user);
        return await action(scope.ServiceProvider);
    }

    private static Task<Result<UserSummary>> Add(ServiceProvider services, CurrentUser user, string email, string? employee, string[] roles, string? password) =>
        As(services, user, sp => sp.GetRequiredService<AddUser>().RunAsync(email, employee, roles, password));

    private static Task<Result<IReadOnlyList<UserSummary>>> List(ServiceProvider services, CurrentUser user) =>
        As(services, user, sp => sp.GetRequiredService<ListUsers>().RunAsync());

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AddUser_EmployeeRolesPassword_StoredHashedAuditedWithoutSecrets(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using var services = t.Services();

        var added = await Add(services, DefaultAdmin, " Li.Na@Example.com ", "li_na", ["finance", "admin", "finance"], Password);

        Assert.True(added.IsSuccess, string.Join("\n", added.Problems));
        Assert.Equal(("Li.Na@Example.com", "li_na", "admin,finance", false), (added.Value.Email, added.Value.EmployeeId, string.Join(",", added.Value.Roles), added.Value.Locked));
        await using var db = t.Open();
        var user = await db.Users.SingleAsync();
        Assert.Equal((Organisation.DefaultId, "li_na", "Li.Na@Example.com", "LI.NA@EXAMPLE.COM", true), (user.OrganisationId, user.EmployeeId, user.UserName, user.NormalizedEmail, user.LockoutEnabled));
        // Identity's hash, never the password itself
        Assert.NotNull(user.PasswordHash);
        Assert.DoesNotContain(Password, user.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<YardstickUser>().VerifyHashedPassword(user, user.PasswordHash, Password));
        Assert.Equal(PasswordVerificationResult.Failed, new PasswordHasher<YardstickUser>().VerifyHashedPassword(user, user.PasswordHash, Password.ToLowerInvariant()));
        var audit = await db.Audit.Where(a => a.Entity == nameof(YardstickUser) || a.Entity == "UserRole").OrderBy(a => a.EntityKey).ToListAsync();
        Assert.Equal([(nameof(YardstickUser), "Li.Na@Example.com", "create"), ("UserRole", "Li.Na@Example.com/admin", "create"), ("UserRole", "Li.Na@Example.com/finance", "create")],
            audit.Select(a => (a.Entity, a.EntityKey, a.Action)).OrderBy(a => a.EntityKey, StringComparer.Ordinal));
        Assert.All(await db.Audit.ToListAsync(), a =>
        {
            Assert.DoesNotContain(Password, (a.Before ?? "") + a.After, StringComparison.Ordinal);
            Assert.DoesNotContain(user.PasswordHash, (a.Before ?? "") + a.After, StringComparison.Ordinal);
            Assert.DoesNotContain("PasswordHash", (a.Before ?? "") + a.After, StringComparison.Ordinal);
        });
        Assert.Contains("\"EmployeeId\":\"li_na\"", audit.Single(a => a.Entity == nameof(YardstickUser)).After, StringComparison.Ordinal);
        // AddYardstick kept the test's clock (TryAdd) and named the session's actor
        Assert.All(audit, a => Assert.Equal((t.Time.GetUtcNow(), "hr_admin"), (a.At, a.Actor)));

        // a login looks the user up by email without an organisation, and Identity checks the password
        await using var login = TestDb.Scope(services, null);
        var users = login.ServiceProvider.GetRequiredService<UserManager<YardstickUser>>();
        var found = await users.FindByEmailAsync("li.na@example.com");
        Assert.Equal(Organisation.DefaultId, found!.OrganisationId);
        Assert.True(await users.CheckPasswordAsync(found, Password));
        Assert.Equal(["admin", "finance"], (await users.GetRolesAsync(found)).Order(StringComparer.Ordinal));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AddUser_DuplicateEmailOtherOrganisationsEmployeeBadInput_RefusedAndNothingWritten(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var industrial = await SeedAsync(t);
        await using var services = t.Services();
        Assert.True((await Add(services, DefaultAdmin, "li.na@example.com", "li_na", [], null)).IsSuccess);

        // an email is unique in the installation, whatever the case and the organisation
        var duplicate = await Add(services, industrial, "LI.NA@example.com", null, [], null);
        Assert.Equal([(ProblemKind.Conflict, "email: email LI.NA@example.com is already used by another user; an email belongs to one user in the whole installation")],
            duplicate.Problems.Select(p => (p.Kind, p.ToString())));
        // li_na is an employee of default, not of industrial
        var employee = await Add(services, industrial, "wang.fang@example.com", "li_na", [], null);
        Assert.Equal([(ProblemKind.NotFound, "employee: there is no employee 'li_na' in organisation industrial; import employees first")], employee.Problems.Select(p => (p.Kind, p.ToString())));
        Assert.Equal("组织 industrial 中没有员工 'li_na'；请先导入员工", employee.Problems[0].Message.Zh);
        var bad = await Add(services, DefaultAdmin, "not-an-email", null, ["owner"], null);
        Assert.Equal(
            ["email: 'not-an-email' is not an email address such as li.na@example.com", "role: unknown role 'owner'; expected admin or finance"],
            bad.Problems.Select(p => p.ToString()));

        await using var db = t.Open(organisationId: YardstickDb.NoOrganisation);
        Assert.Equal(["li.na@example.com"], await db.Users.Select(u => u.Email).ToListAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AddUser_WeakPasswords_IdentitysRulesInBothLanguagesAndNoUser(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using var services = t.Services();

        var shortOne = await Add(services, DefaultAdmin, "li.na@example.com", null, ["admin"], "Short1a");
        var lower = await Add(services, DefaultAdmin, "li.na@example.com", null, ["admin"], "alllowercase-and-long");

        Assert.Equal(["password: the password needs at least 12 characters"], shortOne.Problems.Select(p => p.ToString()));
        Assert.Equal("密码至少需要 12 个字符", shortOne.Problems[0].Message.Zh);
        Assert.Equal(["password: the password needs at least one digit (0–9)", "password: the password needs at least one upper-case letter (A–Z)"], lower.Problems.Select(p => p.ToString()));
        Assert.All(shortOne.Problems.Concat(lower.Problems), p => Assert.DoesNotContain("Short1a", p.Message.En + p.Message.Zh, StringComparison.Ordinal));
        await using var db = t.Open();
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.UserRoles.CountAsync());
        Assert.Equal(0, await db.Audit.CountAsync(a => a.Entity == nameof(YardstickUser)));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ListAndRemoveUsers_EachOrganisationItsOwnAdminsOnlyLockoutShown(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var industrial = await SeedAsync(t);
        await using var services = t.Services();
        Assert.True((await Add(services, DefaultAdmin, "zhang.wei@example.com", "zhang_wei", ["admin"], Password)).IsSuccess);
        Assert.True((await Add(services, DefaultAdmin, "cfo@example.com", null, ["finance"], null)).IsSuccess);
        Assert.True((await Add(services, industrial, "ops@example.com", null, [], null)).IsSuccess);

        // five failed logins lock the account (Identity's lockout)
        await using (var login = TestDb.Scope(services, null))
        {
            var users = login.ServiceProvider.GetRequiredService<UserManager<YardstickUser>>();
            var user = (await users.FindByEmailAsync("zhang.wei@example.com"))!;
            for (var i = 0; i < 4; i++)
                await users.AccessFailedAsync(user);
            Assert.False(await users.IsLockedOutAsync(user));
            await users.AccessFailedAsync(user);
            Assert.True(await users.IsLockedOutAsync(user));
        }

        Assert.Equal([("cfo@example.com", null, "finance", false), ("zhang.wei@example.com", "zhang_wei", "admin", true)],
            (await List(services, DefaultAdmin)).Value.Select(u => (u.Email, u.EmployeeId, string.Join(",", u.Roles), u.Locked)));
        Assert.Equal([("ops@example.com", "")], (await List(services, industrial)).Value.Select(u => (u.Email, string.Join(",", u.Roles))));

        var finance = new CurrentUser(Organisation.DefaultId, Organisation.DefaultCode, "cfo", "u-cfo", "cfo@example.com", null, new HashSet<Role> { Role.Finance }, false);
        Assert.Equal(["administer: administer (imports, calc, waivers, schemes, settings, users): you may not; allowed to admins"], (await List(services, finance)).Problems.Select(p => p.ToString()));
        Assert.Equal(ProblemKind.Forbidden, Assert.Single((await Add(services, finance, "x@example.com", null, [], null)).Problems).Kind);
        Assert.Equal(ProblemKind.Forbidden, Assert.Single((await As(services, finance, sp => sp.GetRequiredService<RemoveUser>().RunAsync("ops@example.com"))).Problems).Kind);

        // another organisation's user is not found; one's own is removed with its roles
        var elsewhere = await As(services, industrial, sp => sp.GetRequiredService<RemoveUser>().RunAsync("zhang.wei@example.com"));
        Assert.Equal([(ProblemKind.NotFound, "email: organisation industrial has no user with email zhang.wei@example.com")], elsewhere.Problems.Select(p => (p.Kind, p.ToString())));
        var removed = await As(services, DefaultAdmin, sp => sp.GetRequiredService<RemoveUser>().RunAsync("Zhang.Wei@example.com"));
        Assert.Equal(("zhang.wei@example.com", "admin"), (removed.Value.Email, string.Join(",", removed.Value.Roles)));

        Assert.Equal(["cfo@example.com"], (await List(services, DefaultAdmin)).Value.Select(u => u.Email));
        await using var db = t.Open();
        Assert.Equal(["cfo@example.com", "ops@example.com"], (await db.Users.Select(u => u.Email!).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(["finance"], await db.UserRoles.Select(r => r.RoleId).ToListAsync());
        Assert.Equal([("UserRole", "zhang.wei@example.com/admin"), (nameof(YardstickUser), "zhang.wei@example.com")],
            (await db.Audit.Where(a => a.Action == "delete").ToListAsync()).Select(a => (a.Entity, a.EntityKey)).OrderBy(a => a.Entity, StringComparer.Ordinal));
    }
}
