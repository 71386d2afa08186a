namespace Yardstick.App.Access;

/// <summary>The stored roles of a user (review.md R1); every other relation (self, manager of X, rater) follows from the data.</summary>
public enum Role
{
    /// <summary>HR / compensation admin.</summary>
    Admin,

    /// <summary>Finance: pay lines and the payroll export.</summary>
    Finance,
}

/// <summary>
/// Who a use case runs for: the organisation it acts in, the user (null for the CLI's system administrator), the
/// employee the user is linked to, and the stored roles. <see cref="Actor"/> is the name written to audit entries,
/// imports and runs. Every use case receives one and asks the one authorisation service what it may do.
/// </summary>
public sealed record CurrentUser(int OrganisationId, string Organisation, string Actor, string? UserId, string? Email, string? EmployeeId, IReadOnlySet<Role> Roles, bool IsSystem)
{
    /// <summary>The CLI's user: a system administrator of <paramref name="organisation"/> (review.md R2), named <paramref name="actor"/> in the audit.</summary>
    public static CurrentUser System(int organisationId, string organisation, string actor) =>
        new(organisationId, organisation, actor, null, null, null, new HashSet<Role> { Role.Admin }, true);

    public bool IsAdmin => Roles.Contains(Role.Admin);

    public bool IsFinance => Roles.Contains(Role.Finance);
}
