using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Database;

/// <summary>Applies the provider's pending migrations (creating the SQLite file or the schema when new).</summary>
public sealed class MigrateDatabase(YardstickDb db)
{
    /// <summary>The migrations applied (empty when the database was up to date).</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
            await db.Database.MigrateAsync(ct);
        return pending;
    }

    /// <summary>A problem when the database still has pending migrations (PostgreSQL is migrated only by <c>db migrate</c>).</summary>
    public async Task<Problem?> CheckAsync(CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        return pending.Count == 0 ? null : Problem.Conflict("db", $"数据库不是最新的（{pending.Count} 个待执行的迁移，第一个是 {pending[0]}）；请先升级数据库", $"the database is not up to date ({pending.Count} pending migrations, the first {pending[0]}); upgrade it first", "db.pending");
    }
}
