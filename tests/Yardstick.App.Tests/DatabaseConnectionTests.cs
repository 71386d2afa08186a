using System.Net.Sockets;
using Npgsql;
using Yardstick.App.Database;
using Yardstick.Data;

namespace Yardstick.App.Tests;

/// <summary>What a failure to connect stands for, as the driver reports it (the cases a test server cannot produce at will).</summary>
public sealed class DatabaseConnectionTests
{
    private static readonly DatabaseSettings Postgres = DatabaseSettings.FromArgument("postgres://pay:wrong@db.example:6432/yardstick").Value;

    [Fact]
    public void ToProblem_PasswordRefused_LoginProblemOnDb()
    {
        var ex = new PostgresException("password authentication failed for user \"pay\"", "FATAL", "FATAL", PostgresErrorCodes.InvalidPassword);

        var problem = DatabaseConnection.ToProblem(ex, Postgres);

        Assert.Equal(("db", "db.login"), (problem?.Where.Field, problem?.Code));
        Assert.Equal("db: the PostgreSQL server at db.example:6432 refused the login of role 'pay': password authentication failed; check the user name and password", problem?.ToString());
    }

    [Fact]
    public void ToProblem_HostNotFoundInsideTheDriversException_UnreachableOnDb()
    {
        var ex = new NpgsqlException("Failed to connect to db.example:6432", new SocketException((int)SocketError.HostNotFound));

        Assert.Equal("db: cannot connect to the PostgreSQL server at db.example:6432: no such host; check the server is running and the address", DatabaseConnection.ToProblem(ex, Postgres)?.ToString());
    }

    [Fact]
    public void ToProblem_OtherFailuresOrSqlite_Null()
    {
        Assert.Null(DatabaseConnection.ToProblem(new InvalidOperationException("a bug"), Postgres));
        Assert.Null(DatabaseConnection.ToProblem(new SocketException((int)SocketError.ConnectionRefused), DatabaseSettings.FromArgument("y.db").Value));
    }
}
