using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Yardstick.App.Access;
using Yardstick.App.Database;
using Yardstick.App.Hosting;
using Yardstick.App.Organisations;
using Yardstick.Data;

namespace Yardstick.App.Tests;

/// <summary>
/// A fresh database per test: a temporary SQLite file, or a new database on the PostgreSQL server named by
/// YARDSTICK_TEST_POSTGRES (an Npgsql connection string). Without that variable the PostgreSQL cases are
/// skipped locally and fail when CI=true.
/// </summary>
public sealed class TestDb : IAsyncDisposable
{
    public const string PostgresVariable = "YARDSTICK_TEST_POSTGRES";

    private readonly string? _file;
    private readonly string? _adminConnection;
    private readonly string? _database;

    private TestDb(DatabaseSettings settings, string? file, string? admin, string? database)
    {
        Settings = settings;
        _file = file;
        _adminConnection = admin;
        _database = database;
    }

    public DatabaseSettings Settings { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 3, 2, 0, 0, TimeSpan.Zero));

    public static async Task<TestDb> CreateAsync(string provider)
    {
        TestDb db;
        if (provider == "postgres")
        {
            var server = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrWhiteSpace(server))
            {
                Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                    $"CI=true but {PostgresVariable} is not set: the PostgreSQL tests must run in CI");
                Skip.If(true, $"{PostgresVariable} is not set (a local run without PostgreSQL)");
            }

            var name = "yardstick_test_" + Guid.NewGuid().ToString("N");
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await create.ExecuteNonQueryAsync();
            }

            db = new TestDb(new DatabaseSettings(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString), null, server, name);
        }
        else
        {
            var file = Path.Combine(Path.GetTempPath(), "yardstick-test-" + Guid.NewGuid().ToString("N") + ".db");
            db = new TestDb(DatabaseSettings.FromArgument(file).Value, file, null, null);
        }

        await using var ctx = db.Open(organisationId: YardstickDb.NoOrganisation);
        await new MigrateDatabase(ctx).RunAsync();
        return db;
    }

    /// <summary>A context for organisation <paramref name="organisationId"/> (default: the one every database starts with).</summary>
    public YardstickDb Open(string actor = "hr_admin", int organisationId = Organisation.DefaultId) => Settings.Open(Time, actor, organisationId);

    /// <summary>Creates a second organisation, <c>acme</c>, as the default organisation's system administrator; its id.</summary>
    /// <summary>
    /// Approves <paramref name="label"/> as a second administrator (review.md R6: the approver is never the submitter,
    /// <c>hr_admin</c> in these tests, nor anyone who adjusted), in a context of its own.
    /// </summary>
    public async Task<Yardstick.Core.Common.Result<ReviewPeriod>> ApproveAsync(string label, string approver = "second_admin")
    {
        await using var db = Open(approver);
        return await new Yardstick.App.Periods.ApprovePeriod(db).RunAsync(label);
    }

    public async Task<int> AddOrganisationAsync()
    {
        await using var installation = Open();
        var created = await new CreateOrganisation(installation, CurrentUser.System(Organisation.DefaultId, Organisation.DefaultCode, "hr_admin")).RunAsync("acme", "甲公司", "Acme");
        Assert.True(created.IsSuccess, string.Join("\n", created.Problems));
        return created.Value.Id;
    }

    /// <summary>The services of <see cref="YardstickServices.AddYardstick"/> on this database and this clock; dispose them.</summary>
    public ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Settings);
        services.AddSingleton<TimeProvider>(Time);
        services.AddYardstick(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>A scope of <paramref name="services"/> acting for <paramref name="user"/> (null: on the installation); dispose it.</summary>
    public static AsyncServiceScope Scope(ServiceProvider services, CurrentUser? user)
    {
        var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<YardstickSession>().User = user;
        return scope;
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            foreach (var f in new[] { _file, _file + "-wal", _file + "-shm", _file + "-journal" })
                File.Delete(f);
        }

        if (_adminConnection is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_adminConnection);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>Temporary input files.</summary>
public sealed class TempFiles : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("yardstick-files-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

/// <summary>Input files for the use cases, read into memory (as a web upload would arrive) under the path's name.</summary>
public static class Input
{
    public static Yardstick.App.Files.InputFile File(string path) =>
        Yardstick.App.Files.InputFile.FromStream(new MemoryStream(System.IO.File.ReadAllBytes(path)), path);
}

/// <summary>The current run's result objects as <c>results --format json</c> renders them (from the run's stored inputs).</summary>
public static class Stored
{
    /// <summary>A person's §10 result object (raw JSON).</summary>
    public static async Task<string> ResultAsync(YardstickDb db, string label, string person)
    {
        using var buffer = new MemoryStream();
        var written = await new Yardstick.App.Results.GetResults(db).WriteJsonAsync(label, buffer);
        Assert.True(written.IsSuccess, string.Join("\n", written.Problems));
        using var doc = System.Text.Json.JsonDocument.Parse(buffer.ToArray());
        return doc.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("person").GetString() == person).GetRawText();
    }

    /// <summary>The trace text of a person's payout line of <paramref name="rule"/>.</summary>
    public static async Task<string> TraceAsync(YardstickDb db, string label, string person, string rule)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(await ResultAsync(db, label, person));
        return doc.RootElement.GetProperty("payouts").EnumerateArray().Single(p => p.GetProperty("rule").GetString() == rule).GetProperty("trace").GetProperty("text").GetString()!;
    }
}
