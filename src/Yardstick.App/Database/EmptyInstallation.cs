using Microsoft.EntityFrameworkCore;
using Yardstick.Data;

namespace Yardstick.App.Database;

/// <summary>
/// Whether the installation holds nothing but the empty <c>default</c> organisation every database starts with (review.md
/// R12: the only database the demo is loaded into). Works in a context for no organisation, across every organisation.
/// </summary>
public sealed class EmptyInstallation(YardstickDb db)
{
    public async Task<bool> RunAsync(CancellationToken ct = default)
    {
        var organisations = await db.Organisations.AsNoTracking().Select(o => o.Code).ToListAsync(ct);
        if (organisations is not [Organisation.DefaultCode])
            return false;
        return !await db.Users.AnyAsync(ct)
            && !await db.Employees.IgnoreQueryFilters().AnyAsync(ct)
            && !await db.SchemeVersions.IgnoreQueryFilters().AnyAsync(ct)
            && !await db.Periods.IgnoreQueryFilters().AnyAsync(ct)
            && !await db.Imports.IgnoreQueryFilters().AnyAsync(ct);
    }
}
