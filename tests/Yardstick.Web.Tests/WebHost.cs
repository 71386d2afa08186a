using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Yardstick.App.Access;
using Yardstick.App.Files;
using Yardstick.App.Hosting;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.App.Users;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;
using Yardstick.Data;

namespace Yardstick.Web.Tests;

/// <summary>
/// The web host on a database of its own: a temporary SQLite file, or a new PostgreSQL database on the server of
/// YARDSTICK_TEST_POSTGRES (skipped without it, failing when CI=true), created and migrated by the host's start.
/// </summary>
public sealed class WebHost : WebApplicationFactory<Program>
{
    public const string Password = "Correct-horse-42";

    private readonly string _db;
    private readonly string? _file;
    private readonly string? _server;
    private readonly string? _database;
    private readonly Action<IServiceCollection>? _services;

    /// <summary>True: the host loads the demo at its start as a fresh installation does; false (the default): it loads nothing.</summary>
    public bool LoadsDemo { get; private set; }

    /// <summary>This host, loading the demo at its start (before its first request).</summary>
    public WebHost WithDemo()
    {
        LoadsDemo = true;
        return this;
    }

    private WebHost(string db, string? file, string? server, string? database, Action<IServiceCollection>? services)
    {
        _db = db;
        _file = file;
        _server = server;
        _database = database;
        _services = services;
    }

    public static WebHost Create(string provider = "sqlite", Action<IServiceCollection>? services = null)
    {
        if (provider != "postgres")
        {
            var file = Path.Combine(Path.GetTempPath(), "yardstick-web-" + Guid.NewGuid().ToString("N") + ".db");
            return new WebHost(file, file, null, null, services);
        }

        var server = Environment.GetEnvironmentVariable("YARDSTICK_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "CI=true but YARDSTICK_TEST_POSTGRES is not set");
            Skip.If(true, "YARDSTICK_TEST_POSTGRES is not set (a local run without PostgreSQL)");
        }

        var name = "yardstick_web_" + Guid.NewGuid().ToString("N");
        return new WebHost(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, null, server, name, services);
    }

    /// <summary>
    /// A host of its own on a copy of this host's SQLite database as it is now (<c>VACUUM INTO</c>), loading nothing: a test
    /// that changes the data (a period move) starts from a shared fixture's state without changing the fixture.
    /// </summary>
    public WebHost Copy()
    {
        if (_file is null)
            throw new InvalidOperationException("only a SQLite host is copied");
        _ = Server; // the source is created, migrated and loaded at its start
        var file = Path.Combine(Path.GetTempPath(), "yardstick-web-" + Guid.NewGuid().ToString("N") + ".db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_file}"))
        {
            connection.Open();
            using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $file";
            vacuum.Parameters.AddWithValue("$file", file);
            vacuum.ExecuteNonQuery();
        }

        return new WebHost(file, file, null, null, _services);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("db", _db);
        if (!LoadsDemo)
            builder.ConfigureTestServices(s => s.AddSingleton<Yardstick.Web.Hosting.DemoLoader>((_, _) => Task.FromResult<IReadOnlyList<string>>([])));
        if (_services is not null)
            builder.ConfigureTestServices(_services);
    }

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Runs <paramref name="action"/> as the system administrator of the default organisation.</summary>
    public async Task<T> AsSystemAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<YardstickSession>().User = CurrentUser.System(Organisation.DefaultId, Organisation.DefaultCode, "test");
        return await action(scope.ServiceProvider);
    }

    public async Task AddUserAsync(string email, string? employee = null, params string[] roles)
    {
        var added = await AsSystemAsync(s => s.GetRequiredService<AddUser>().RunAsync(email, employee, roles, Password));
        Assert.True(added.IsSuccess, string.Join("\n", added.Problems));
    }

    /// <summary>li_ming manages zhang_wei.</summary>
    public async Task AddEmployeesAsync()
    {
        var csv = "person,name,manager,role,team,share,product,active_from,active_to\nli_ming,李明,,manager,,,,,\nzhang_wei,张伟,li_ming,pm,,,,,\n";
        var imported = await AsSystemAsync(s => s.GetRequiredService<ImportEmployees>().RunAsync(InputFile.FromStream(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "employees.csv"), null));
        Assert.True(imported.IsSuccess, string.Join("\n", imported.Problems));
    }

    /// <summary>Opens <paramref name="label"/> with the built-in industrial-value scheme: Collecting.</summary>
    public async Task OpenPeriodAsync(string label)
    {
        var json = SchemeJson.Write(TemplateCatalog.Find("industrial-value").Value.Document);
        var opened = await AsSystemAsync(s => s.GetRequiredService<OpenPeriod>().RunAsync(label, json));
        Assert.True(opened.IsSuccess, string.Join("\n", opened.Problems));
    }

    /// <summary>A client sending the bearer token of <paramref name="email"/>.</summary>
    public async Task<HttpClient> ApiAsync(string email, string password = Password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        Assert.Equal(200, (int)response.StatusCode);
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_file is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _file, _file + "-wal", _file + "-shm", _file + "-journal" })
                File.Delete(f);
        }

        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
