using Microsoft.AspNetCore.Http.HttpResults;
using Yardstick.App.Access;

namespace Yardstick.Web.Api;

/// <summary><c>GET /api/v1/me</c>: who the token is for.</summary>
public static class MeEndpoints
{
    /// <summary>The user: email, organisation, linked employee, stored roles and the people they manage, directly or not (sorted).</summary>
    public sealed record Me(string? Email, string Organisation, string? EmployeeId, IReadOnlyList<string> Roles, IReadOnlyList<string> Manages);

    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder group)
    {
        group.MapGet("", GetAsync).WithSummary("The signed-in user, their roles and who they manage.");
        return group;
    }

    private static async Task<Ok<Me>> GetAsync(CurrentUser user, Authorizer authorizer, CancellationToken ct)
    {
        var manages = await authorizer.ReportsAsync(user, ct);
        var roles = user.Roles.Select(r => r switch { Role.Admin => "admin", Role.Finance => "finance" }).Order(StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new Me(user.Email, user.Organisation, user.EmployeeId, roles, [.. manages.Order(StringComparer.Ordinal)]));
    }
}
