using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Database;

/// <summary>
/// Whether the installation holds nothing but the empty <c>default</c> organisation every database starts with (review.md
/// R12: the only database the demo is loaded into). Works in a context for no organisation, across every organisation.
/// </summary>
public sealed class EmptyInstallation(YardstickDb db)
{
    public async Task<bool> RunAsync(CancellationToken ct = default) => await WhatItHoldsAsync(ct) is null;

    /// <summary>Null when the installation is empty, else what it holds (other organisations, data of <c>default</c>, users).</summary>
    public async Task<LocalizedText?> WhatItHoldsAsync(CancellationToken ct = default)
    {
        var others = await db.Organisations.AsNoTracking().Where(o => o.Code != Organisation.DefaultCode).OrderBy(o => o.Code).Select(o => o.Code).ToListAsync(ct);
        if (others.Count > 0)
            return new($"已有组织 {string.Join(", ", others)}", $"it has the organisations {string.Join(", ", others)}");
        if (await db.Employees.IgnoreQueryFilters().AnyAsync(ct) || await db.Teams.IgnoreQueryFilters().AnyAsync(ct)
            || await db.Products.IgnoreQueryFilters().AnyAsync(ct) || await db.SchemeVersions.IgnoreQueryFilters().AnyAsync(ct)
            || await db.Periods.IgnoreQueryFilters().AnyAsync(ct) || await db.Imports.IgnoreQueryFilters().AnyAsync(ct))
            return new("default 组织已有数据", "the default organisation holds data");
        return await db.Users.IgnoreQueryFilters().AnyAsync(ct) ? new("已有用户", "it has users") : null;
    }
}
