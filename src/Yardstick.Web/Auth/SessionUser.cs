using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Yardstick.App.Access;
using Yardstick.App.Hosting;
using Yardstick.Data;

namespace Yardstick.Web.Auth;

/// <summary>
/// The signed-in user as a <see cref="CurrentUser"/>: the claims a sign-in puts in the cookie or the bearer token (user id,
/// email, roles, and Yardstick's organisation and employee), read without a database query, and set on the scope's
/// <see cref="YardstickSession"/> before anything asks for <see cref="YardstickDb"/>.
/// </summary>
public static class SessionUser
{
    public const string OrganisationIdClaim = "yardstick:organisation_id";
    public const string OrganisationClaim = "yardstick:organisation";
    public const string EmployeeClaim = "yardstick:employee";

    /// <summary>The user of <paramref name="principal"/>; null when it is anonymous or was not issued by Yardstick's sign-in.</summary>
    public static CurrentUser? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
            return null;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var email = principal.FindFirstValue(ClaimTypes.Name);
        var organisation = principal.FindFirstValue(OrganisationClaim);
        if (id is null || organisation is null || !int.TryParse(principal.FindFirstValue(OrganisationIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var organisationId))
            return null;
        var roles = new HashSet<Role>();
        foreach (var role in principal.FindAll(ClaimTypes.Role).Select(c => c.Value))
        {
            if (role == RoleNames.Admin)
                roles.Add(Role.Admin);
            else if (role == RoleNames.Finance)
                roles.Add(Role.Finance);
        }

        return new CurrentUser(organisationId, organisation, email ?? id, id, email, principal.FindFirstValue(EmployeeClaim), roles, IsSystem: false);
    }

    /// <summary>Sets the scope's session from <paramref name="principal"/> unless it is set already (by an earlier step of the same request).</summary>
    public static void Apply(IServiceProvider scope, ClaimsPrincipal? principal)
    {
        var session = scope.GetRequiredService<YardstickSession>();
        session.User ??= From(principal);
    }
}

/// <summary>Identity's claims of a user (id, email, roles, stored claims such as the language) plus the organisation and the employee.</summary>
internal sealed class YardstickClaimsFactory(UserManager<YardstickUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, YardstickDb db)
    : UserClaimsPrincipalFactory<YardstickUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(YardstickUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var code = db.Organisations.Where(o => o.Id == user.OrganisationId).Select(o => o.Code).Single();
        identity.AddClaim(new Claim(SessionUser.OrganisationIdClaim, user.OrganisationId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(SessionUser.OrganisationClaim, code));
        if (user.EmployeeId is { } employee)
            identity.AddClaim(new Claim(SessionUser.EmployeeClaim, employee));
        return identity;
    }
}
