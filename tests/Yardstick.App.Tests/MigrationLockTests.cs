using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Yardstick.App.Database;
using Yardstick.Data;

namespace Yardstick.App.Tests;

/// <summary>EF Core's SQLite migration lock (<c>__EFMigrationsLock</c>), on a real file.</summary>
public sealed class MigrationLockTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 3, 2, 0, 0, TimeSpan.Zero);
    private readonly string _file = Path.Combine(Path.GetTempPath(), "yardstick-lock-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task Run_LockRowLeftByAKilledFirstMigration_ClearedWithANoticeAndMigrated()
    {
        // the first migration was killed after EF took its lock: every later command waited for ever
        Sql("""CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL)""",
            """INSERT INTO "__EFMigrationsLock" VALUES (1, '2026-11-03 01:58:30.1234567+00:00')""");
        await using var db = Open();
        var migrate = new MigrateDatabase(db, _time);

        var applied = await migrate.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(db.Database.GetMigrations().ToList(), applied);
        Assert.Equal("cleared the migration lock taken at 2026-11-03 01:58:30Z by a command that stopped while upgrading the database; upgrading now", migrate.ClearedLock?.En);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0L, Scalar("""SELECT COUNT(*) FROM "__EFMigrationsLock" """));
    }

    [Fact]
    public async Task Run_YoungLockRow_WaitsForItThenClearsItOnceStale()
    {
        // another command may be migrating: its lock is waited for, but not longer than StaleLockAfter
        Sql("""CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL)""",
            """INSERT INTO "__EFMigrationsLock" VALUES (1, '2026-11-03 01:59:50+00:00')""");
        await using var db = Open();
        var migrate = new MigrateDatabase(db, _time);

        var run = migrate.RunAsync();
        await Task.Delay(500);
        Assert.False(run.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(51));
        await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("cleared the migration lock taken at 2026-11-03 01:59:50Z by a command that stopped while upgrading the database; upgrading now", migrate.ClearedLock?.En);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Run_EfWritesItsLockRow_InAFormReadAsItsTime()
    {
        // a trigger keeps the row EF writes while it migrates, so the age rule reads EF's own timestamps
        Sql("""CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL)""",
            """CREATE TABLE taken (at TEXT)""",
            """CREATE TRIGGER keep AFTER INSERT ON "__EFMigrationsLock" BEGIN INSERT INTO taken VALUES (NEW."Timestamp"); END""");
        await using var db = Open();
        var migrate = new MigrateDatabase(db);

        await migrate.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var at = DateTimeOffset.Parse((string)Scalar("SELECT at FROM taken")!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        Assert.InRange(DateTimeOffset.UtcNow - at, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.Null(migrate.ClearedLock);
    }

    private YardstickDb Open() => DatabaseSettings.FromArgument(_file).Value.Open(_time, "test", YardstickDb.NoOrganisation);

    private void Sql(params string[] statements)
    {
        using var c = new SqliteConnection($"Data Source={_file}");
        c.Open();
        foreach (var sql in statements)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
    }

    private object? Scalar(string sql)
    {
        using var c = new SqliteConnection($"Data Source={_file}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
