using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Data;

namespace Yardstick.App.Database;

/// <summary>Applies the provider's pending migrations (creating the SQLite file or the schema when new).</summary>
public sealed class MigrateDatabase(YardstickDb db, TimeProvider? time = null)
{
    /// <summary>
    /// How old EF Core's migration lock row on SQLite (<c>__EFMigrationsLock</c>) may be before it counts as left by a
    /// command that was stopped: Yardstick's migrations take seconds, and a lock row lives only while one migrates.
    /// PostgreSQL needs no such rule: its lock is the session's and goes with the process.
    /// </summary>
    public static readonly TimeSpan StaleLockAfter = TimeSpan.FromSeconds(60);

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Set when a stale SQLite migration lock was cleared before migrating.</summary>
    public Notice? ClearedLock { get; private set; }

    /// <summary>Set when <see cref="CreateIfMissingAsync"/> created the PostgreSQL database.</summary>
    public bool CreatedDatabase { get; private set; }

    /// <summary>
    /// PostgreSQL: creates the database when it does not exist and the role may create databases (as <c>createdb</c> would);
    /// a problem saying so when it may not. SQLite creates its file when it opens it.
    /// </summary>
    public async Task<Problem?> CreateIfMissingAsync(CancellationToken ct = default)
    {
        if (db.Provider != DatabaseProvider.Postgres)
            return null;
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct))
            return null;
        try
        {
            await creator.CreateAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            var user = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).Username;
            return DatabaseConnection.Missing(Settings(), $"，且角色 '{user}' 无权创建数据库", $", and role '{user}' may not create databases");
        }

        CreatedDatabase = true;
        return null;
    }

    /// <summary>The migrations applied (empty when the database was up to date).</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            if (db.Database.IsSqlite())
                await AwaitSqliteLockAsync(ct);
            await db.Database.MigrateAsync(ct);
        }

        return pending;
    }

    /// <summary>
    /// EF Core waits without end for SQLite's lock row, which a migration killed half way leaves behind: wait while the
    /// row is younger than <see cref="StaleLockAfter"/> (another command migrating), then clear it, with a notice.
    /// </summary>
    private async Task AwaitSqliteLockAsync(CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            while (await LockTimestampAsync(connection, ct) is { } row)
            {
                var since = row.At is { } at ? _time.GetUtcNow() - at : TimeSpan.MaxValue;
                if (since < StaleLockAfter)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), _time, ct);
                    continue;
                }

                await using var delete = connection.CreateCommand();
                delete.CommandText = """DELETE FROM "__EFMigrationsLock" WHERE "Id" = 1 AND "Timestamp" = $ts""";
                var p = delete.CreateParameter();
                p.ParameterName = "$ts";
                p.Value = row.Text;
                delete.Parameters.Add(p);
                if (await delete.ExecuteNonQueryAsync(ct) == 1)
                {
                    var text = row.At?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? row.Text;
                    ClearedLock = new Notice(
                        $"cleared the migration lock taken at {text} by a command that stopped while upgrading the database; upgrading now",
                        $"已清除 {text} 由一个升级数据库时中断的命令留下的迁移锁；现在升级");
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<(string Text, DateTimeOffset? At)?> LockTimestampAsync(DbConnection connection, CancellationToken ct)
    {
        await using var exists = connection.CreateCommand();
        exists.CommandText = """SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'""";
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 0)
            return null;
        await using var read = connection.CreateCommand();
        read.CommandText = """SELECT "Timestamp" FROM "__EFMigrationsLock" WHERE "Id" = 1""";
        if (await read.ExecuteScalarAsync(ct) is not { } value || value is DBNull)
            return null;
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        return (text, DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null);
    }

    /// <summary>
    /// A problem when the database still has pending migrations (PostgreSQL is migrated only by <c>db migrate</c>), or when it does
    /// not exist at all (every migration is pending then, but migrating is not the first thing to do).
    /// </summary>
    public async Task<Problem?> CheckAsync(CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0 && db.Provider == DatabaseProvider.Postgres && !await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct))
            return DatabaseConnection.Missing(Settings());
        return pending.Count == 0 ? null : Problem.Conflict("db", $"数据库不是最新的（{pending.Count} 个待执行的迁移，第一个是 {pending[0]}）；请先升级数据库", $"the database is not up to date ({pending.Count} pending migrations, the first {pending[0]}); upgrade it first", "db.pending");
    }

    private DatabaseSettings Settings() =>
        new(db.Provider, db.Database.GetConnectionString() ?? "");
}
