using System.Net;
using System.Net.Sockets;
using Npgsql;

using static Yardstick.Cli.Tests.CliAssert;

namespace Yardstick.Cli.Tests;

/// <summary>A PostgreSQL database that cannot be reached, logged into or found: a problem on --db, exit 2, never the driver's error.</summary>
public sealed class DatabaseConnectionTests
{
    [Theory]
    [InlineData("db", "migrate")]
    [InlineData("results", "--period", "2026-10")]
    public void Command_NothingListensOnThePort_ConnectionRefusedOnDb(params string[] command)
    {
        var run = CliHarness.Run([.. command, "--db", "postgres://postgres@127.0.0.1:1/x"]);

        Refused(run, "--db: cannot connect to the PostgreSQL server at 127.0.0.1:1: connection refused; check the server is running and the address");
    }

    [Theory]
    [InlineData("db", "migrate")]
    [InlineData("org", "show")]
    public async Task Command_AnotherServiceOnThePort_SaysItDoesNotAnswerAsPostgreSQL(params string[] command)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        // an HTTP server's answer to every connection's first message (the driver may try a second time)
        using var stop = new CancellationTokenSource();
        var answering = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                var stream = client.GetStream();
                _ = await stream.ReadAtLeastAsync(new byte[8], 8, cancellationToken: stop.Token);
                await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray(), stop.Token);
            }
        });

        var run = CliHarness.Run([.. command, "--db", $"Host=127.0.0.1;Port={port};Username=postgres;Database=x;Pooling=false"]);

        Refused(run, $"--db: the service at 127.0.0.1:{port} did not answer as a PostgreSQL server does; check the address and the port");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answering);
    }

    [Fact]
    public void Command_ServerThatNeverAnswers_ConnectionTimedOutOnDb()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(); // accepts the connection in the kernel's backlog and never answers
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var run = CliHarness.Run("org", "show", "--db", $"Host=127.0.0.1;Port={port};Username=postgres;Database=x;Timeout=1;Pooling=false");

        Refused(run, $"--db: cannot connect to the PostgreSQL server at 127.0.0.1:{port}: the connection timed out; check the server is running and the address");
    }

    [SkippableFact]
    public void Command_RoleTheServerDoesNotKnow_LoginRefusedOnDb()
    {
        var server = Server();
        var role = "nobody_" + Guid.NewGuid().ToString("N")[..12];

        var run = CliHarness.Run("results", "--period", "2026-10", "--db", new NpgsqlConnectionStringBuilder(server.ConnectionString) { Username = role }.ConnectionString);

        Refused(run, $"--db: the PostgreSQL server at {server.Host}:{server.Port} refused the login of role '{role}': the role does not exist or may not log in from here; check the user name and password");
    }

    [SkippableFact]
    public void Command_DatabaseThatDoesNotExist_SaysSoAndHowToCreateIt()
    {
        var server = Server();
        var name = "yardstick_missing_" + Guid.NewGuid().ToString("N");

        var run = CliHarness.Run("results", "--period", "2026-10", "--db", new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString);

        Refused(run, $"--db: the PostgreSQL database '{name}' does not exist on the server at {server.Host}:{server.Port}; create it, then its schema (createdb {name}, then yardstick db migrate --db DB)");
    }

    [SkippableFact]
    public async Task DbMigrate_DatabaseThatDoesNotExist_CreatesItThenMigrates()
    {
        var server = Server();
        var name = "yardstick_created_" + Guid.NewGuid().ToString("N");
        var db = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
        try
        {
            var run = CliHarness.Run("db", "migrate", "--db", db);
            var again = CliHarness.Run("db", "migrate", "--db", db);

            Assert.True(run.Code == 0, run.ToString());
            Assert.Matches($@"^PostgreSQL .*Database={name}.*: created the database; applied \d+ migration\(s\): \d+_Initial, ", run.Out);
            Assert.EndsWith(": up to date", again.Out.TrimEnd());
        }
        finally
        {
            await Admin(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    [SkippableFact]
    public async Task DbMigrate_DatabaseThatDoesNotExistAndRoleMayNotCreate_SaysSoAndHowToCreateIt()
    {
        var server = Server();
        var role = "yardstick_nocreate_" + Guid.NewGuid().ToString("N")[..12];
        var name = "yardstick_missing_" + Guid.NewGuid().ToString("N");
        await Admin(server, $"CREATE ROLE \"{role}\" LOGIN NOCREATEDB");
        try
        {
            var run = CliHarness.Run("db", "migrate", "--db", new NpgsqlConnectionStringBuilder(server.ConnectionString) { Username = role, Database = name }.ConnectionString);

            Refused(run, $"--db: the PostgreSQL database '{name}' does not exist on the server at {server.Host}:{server.Port}, and role '{role}' may not create databases; create it, then its schema (createdb {name}, then yardstick db migrate --db DB)");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Admin(server, $"DROP ROLE IF EXISTS \"{role}\"");
        }
    }

    private static NpgsqlConnectionStringBuilder Server() => new(CliDb.Server());

    private static async Task Admin(NpgsqlConnectionStringBuilder server, string sql)
    {
        await using var admin = new NpgsqlConnection(server.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
