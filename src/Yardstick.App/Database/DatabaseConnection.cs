using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Database;

/// <summary>
/// A database that cannot be reached or used, as a problem located on the database (field <c>db</c>): a PostgreSQL server
/// that does not answer, a login it refuses, a database that does not exist. Never the driver's exception text.
/// </summary>
public static class DatabaseConnection
{
    /// <summary>The problem a failure to connect to <paramref name="settings"/>' database stands for; null when it is none of them.</summary>
    public static Problem? ToProblem(Exception ex, DatabaseSettings settings)
    {
        if (settings.Provider != DatabaseProvider.Postgres)
            return null;
        var server = Server(settings);
        foreach (var e in Chain(ex))
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName }:
                    return Missing(settings);
                case PostgresException { SqlState: PostgresErrorCodes.InvalidPassword }:
                    return Refused(server, "密码验证失败", "password authentication failed");
                case PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification }:
                    return Refused(server, "该角色不存在或不允许从此处登录", "the role does not exist or may not log in from here");
                case SocketException s:
                    return Unreachable(server, s.SocketErrorCode);
            }
        }

        return null;
    }

    /// <summary>
    /// Opens (and gives back to the pool) a connection to <paramref name="db"/>'s PostgreSQL database before anything else uses it, so
    /// that a failure to connect is told as one: besides <see cref="ToProblem"/>'s cases, a server that does not answer in time and a
    /// peer that does not speak PostgreSQL's protocol (another service on that port). Null when connected, and always on SQLite.
    /// </summary>
    public static async Task<Problem?> ConnectAsync(YardstickDb db, DatabaseSettings settings, CancellationToken ct = default)
    {
        if (settings.Provider != DatabaseProvider.Postgres)
            return null;
        try
        {
            // the driver's connection itself: EF's retrying execution strategy would try a peer that is not PostgreSQL again and again
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(ct);
            await connection.CloseAsync();
            return null;
        }
        catch (Exception ex) when (Chain(ex).Any(e => e is NpgsqlException or TimeoutException or SocketException))
        {
            if (ToProblem(ex, settings) is { } problem)
                return problem;
            var server = Server(settings);
            if (Chain(ex).Any(e => e is TimeoutException))
                return Unreachable(server, SocketError.TimedOut);
            return Problem.Invalid("db",
                $"{server.Server} 上的服务没有按 PostgreSQL 的协议应答；请检查地址和端口",
                $"the service at {server.Server} did not answer as a PostgreSQL server does; check the address and the port",
                "db.unreachable");
        }
    }

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            yield return e;
    }

    /// <summary>"the PostgreSQL database 'x' does not exist on the server at H:P; create it, then its schema" (code <c>db.missing</c>, the database as its argument).</summary>
    public static Problem Missing(DatabaseSettings settings, string? whyZh = null, string? whyEn = null)
    {
        var (server, _, database) = Server(settings);
        return Problem.Invalid("db",
            $"PostgreSQL 服务器 {server} 上没有数据库 '{database}'{whyZh}；请先创建它，再创建其结构",
            $"the PostgreSQL database '{database}' does not exist on the server at {server}{whyEn}; create it, then its schema",
            "db.missing", database);
    }

    private static Problem Refused((string Server, string User, string Database) at, string whyZh, string whyEn) => Problem.Invalid("db",
        $"PostgreSQL 服务器 {at.Server} 拒绝了角色 '{at.User}' 的登录：{whyZh}；请检查用户名和密码",
        $"the PostgreSQL server at {at.Server} refused the login of role '{at.User}': {whyEn}; check the user name and password",
        "db.login");

    private static Problem Unreachable((string Server, string User, string Database) at, SocketError error)
    {
        var (zh, en) = error switch
        {
            SocketError.ConnectionRefused => ("连接被拒绝", "connection refused"),
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => ("找不到该主机", "no such host"),
            SocketError.TimedOut => ("连接超时", "the connection timed out"),
            SocketError.NetworkUnreachable or SocketError.HostUnreachable => ("网络不可达", "the network is unreachable"),
            _ => ("网络错误", "a network error"),
        };
        return Problem.Invalid("db",
            $"无法连接到 PostgreSQL 服务器 {at.Server}：{zh}；请检查服务器是否在运行以及地址是否正确",
            $"cannot connect to the PostgreSQL server at {at.Server}: {en}; check the server is running and the address",
            "db.unreachable");
    }

    private static (string Server, string User, string Database) Server(DatabaseSettings settings)
    {
        var b = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        return ($"{b.Host}:{b.Port}", b.Username ?? Environment.UserName, b.Database ?? "");
    }
}
