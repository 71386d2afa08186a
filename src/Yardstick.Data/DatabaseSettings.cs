using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Yardstick.Core.Common;

namespace Yardstick.Data;

/// <summary>The database engines Yardstick runs on.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database to use. <c>--db</c> takes a SQLite file path, a <c>postgres://</c> URL or an Npgsql connection
/// string (scoring.md §11). Without it, configuration decides: <c>Database:Provider=Postgres</c> with
/// <c>Database:ConnectionString</c> (or <c>ConnectionStrings:Yardstick</c>); otherwise SQLite in
/// <c>yardstick.db</c> under the data directory (<c>Database:DataDirectory</c>, default the user's local
/// application data folder + <c>/yardstick</c>), created on first use.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>Resolves <c>--db</c> or the configuration.</summary>
    public static Result<DatabaseSettings> Resolve(string? db, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(db))
            return FromArgument(db.Trim());
        var provider = configuration["Database:Provider"];
        var connection = configuration["Database:ConnectionString"] ?? configuration.GetConnectionString("Yardstick");
        if (string.Equals(provider, "postgres", StringComparison.OrdinalIgnoreCase) || string.Equals(provider, "postgresql", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
                return Problem.Invalid("Database:ConnectionString", "Database:Provider 是 Postgres，但没有配置连接字符串；请设置 Database__ConnectionString 或 ConnectionStrings__Yardstick", "Database:Provider is Postgres but no connection string is configured; set Database__ConnectionString or ConnectionStrings__Yardstick");
            return FromArgument(connection);
        }

        if (provider is not null && !string.Equals(provider, "sqlite", StringComparison.OrdinalIgnoreCase))
            return Problem.Invalid("Database:Provider", $"未知的数据库类型 '{provider}'；应为 Sqlite 或 Postgres", $"unknown provider '{provider}'; expected Sqlite or Postgres");
        if (!string.IsNullOrWhiteSpace(connection))
            return FromArgument(connection);
        var dir = configuration["Database:DataDirectory"] is { Length: > 0 } d
            ? d
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "yardstick");
        return Sqlite(Path.Combine(dir, "yardstick.db"));
    }

    /// <summary>A SQLite path, a postgres:// URL or an Npgsql connection string.</summary>
    public static Result<DatabaseSettings> FromArgument(string db)
    {
        if (db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return FromUrl(db);
        if (db.Contains("Host=", StringComparison.OrdinalIgnoreCase) || db.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new DatabaseSettings(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(db).ConnectionString);
            }
            catch (ArgumentException ex)
            {
                return Problem.Invalid("db", $"不是有效的 Npgsql 连接字符串：{ex.Message}", $"not a valid Npgsql connection string: {ex.Message}");
            }
        }

        if (db.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))
            return new DatabaseSettings(DatabaseProvider.Sqlite, db);
        return Sqlite(db);
    }

    private static Result<DatabaseSettings> Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            return Problem.Invalid("db", $"'{path}' 是目录；应为 SQLite 文件，例如 {Path.Combine(path, "yardstick.db")}", $"'{path}' is a directory; expected a SQLite file such as {Path.Combine(path, "yardstick.db")}");
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // SQLite has one writer at a time: a second waits at most 5 seconds for the first (then a clear conflict, not a long hang)
        return new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={full};Pooling=False;Default Timeout=5");
    }

    private static Result<DatabaseSettings> FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            return Problem.Invalid("db", $"'{url}' 不是 URL；应为 postgres://USER:PASSWORD@HOST:PORT/DATABASE", $"'{url}' is not a URL; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE");
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1)
                b.Password = Uri.UnescapeDataString(parts[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            try
            {
                b[Uri.UnescapeDataString(kv[0]).Replace('_', ' ')] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
            }
            catch (ArgumentException)
            {
                return Problem.Invalid("db", $"URL 中有未知的连接选项 '{kv[0]}'", $"unknown connection option '{kv[0]}' in the URL");
            }
        }

        if (string.IsNullOrEmpty(b.Database))
            return Problem.Invalid("db", $"'{url}' 没有指定数据库；应为 postgres://USER:PASSWORD@HOST:PORT/DATABASE", $"'{url}' names no database; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE");
        return new DatabaseSettings(DatabaseProvider.Postgres, b.ConnectionString);
    }

    /// <summary>The migrations assembly of each provider.</summary>
    public string MigrationsAssembly => Provider == DatabaseProvider.Postgres ? "Yardstick.Data.Postgres" : "Yardstick.Data.Sqlite";

    /// <summary>Options for a context on this database.</summary>
    public DbContextOptions<YardstickDb> Options()
    {
        var b = new DbContextOptionsBuilder<YardstickDb>();
        if (Provider == DatabaseProvider.Postgres)
            b.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly));
        else
            b.UseSqlite(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly));
        return b.Options;
    }

    /// <summary>A new context for organisation <paramref name="organisationId"/> (<see cref="YardstickDb.NoOrganisation"/>: the installation); dispose it.</summary>
    public YardstickDb Open(TimeProvider time, string actor, int organisationId) => new(Options(), time, actor, organisationId);

    /// <summary>
    /// These settings for a long-running host (the web application): SQLite connections pooled. A command-line run opens a
    /// connection or two and lets the file go at its end; a web host opens one per request, and a new SQLite connection opens
    /// the file and reads and parses the whole schema at its first statement (docs/performance.md, "Web (issue 9)").
    /// </summary>
    public DatabaseSettings Pooled() => Provider == DatabaseProvider.Sqlite
        ? this with { ConnectionString = ConnectionString.Replace(";Pooling=False;", ";Pooling=True;", StringComparison.Ordinal) }
        : this;

    /// <summary>The connection string without its password, for messages.</summary>
    public string Describe() => Provider == DatabaseProvider.Postgres
        ? "PostgreSQL " + new NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.ConnectionString
        : "SQLite " + ConnectionString.Replace("Data Source=", "", StringComparison.Ordinal).Replace(";Pooling=False;Default Timeout=5", "", StringComparison.Ordinal)
            .Replace(";Pooling=True;Default Timeout=5", "", StringComparison.Ordinal);
}
