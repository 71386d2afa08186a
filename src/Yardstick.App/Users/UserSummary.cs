namespace Yardstick.App.Users;

/// <summary>A user as an admin sees them: email, linked employee, stored roles (by name, ordered) and whether the account is locked now.</summary>
public sealed record UserSummary(string Email, string? EmployeeId, IReadOnlyList<string> Roles, bool Locked);
