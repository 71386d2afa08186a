using Microsoft.EntityFrameworkCore;
using Yardstick.Data;

namespace Yardstick.App.Organisations;

/// <summary>The organisations of the installation, by code; works in a context for no organisation too.</summary>
public sealed class ListOrganisations(YardstickDb db)
{
    public async Task<IReadOnlyList<Organisation>> RunAsync(CancellationToken ct = default) =>
        (await db.Organisations.AsNoTracking().ToListAsync(ct)).OrderBy(o => o.Code, StringComparer.Ordinal).ToList();
}
