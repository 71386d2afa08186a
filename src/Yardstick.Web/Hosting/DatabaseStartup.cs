using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Yardstick.App.Database;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.Web.Hosting;

/// <summary>
/// Before the host serves: creates the database when it is missing (PostgreSQL, as <c>db migrate</c> does; SQLite creates its
/// file), applies the pending migrations, and loads the demo when <see cref="DemoStart.ShouldLoad"/> says so. Once the
/// server listens it prints its addresses and the demo accounts. A database that cannot be reached stops the start with
/// the problem's message (a misconfiguration of the host, not a user's input).
/// </summary>
internal sealed class DatabaseStartup(IServiceProvider services, DatabaseSettings settings, DemoLoader demo, WebStartOptions options,
    IServer server, IHostApplicationLifetime lifetime, ILogger<DatabaseStartup> log) : IHostedService
{
    private IReadOnlyList<string> _accounts = [];

    public async Task StartAsync(CancellationToken ct)
    {
        bool empty;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YardstickDb>();
            var migrate = scope.ServiceProvider.GetRequiredService<MigrateDatabase>();
            var problem = await DatabaseConnection.ConnectAsync(db, settings, ct);
            if (problem?.Code == "db.missing")
                problem = await migrate.CreateIfMissingAsync(ct);
            if (problem is not null)
                throw new InvalidOperationException(problem.Format(Language.En));
            var applied = await migrate.RunAsync(ct);
            if (migrate.ClearedLock is { } cleared)
                log.LogWarning("{Notice}", cleared.En);
            log.LogInformation("database {Database}: {Count} migrations applied", settings.Describe(), applied.Count);
            empty = await scope.ServiceProvider.GetRequiredService<EmptyInstallation>().RunAsync(ct);
        }

        if (DemoStart.ShouldLoad(settings.Provider, options.Demo, empty))
            _accounts = await demo(services, ct);
        lifetime.ApplicationStarted.Register(Announce);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private void Announce()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
            Console.WriteLine($"Yardstick is serving {address} (database: {settings.Describe()})");
        if (_accounts.Count > 0)
            Console.WriteLine("Demo accounts: " + string.Join(", ", _accounts));
    }
}

/// <summary>What the host was started with beyond its configuration.</summary>
public sealed record WebStartOptions(bool? Demo);
