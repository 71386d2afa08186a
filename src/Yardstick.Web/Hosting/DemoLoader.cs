using Yardstick.App.Demo;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.Web.Hosting;

/// <summary>
/// Loads the demo of review.md R12 into an empty installation, with the root services; the accounts it returns are printed at
/// start-up. Registered by the host (<see cref="DemoStart.App"/>; tests register their own).
/// </summary>
public delegate Task<IReadOnlyList<string>> DemoLoader(IServiceProvider services, CancellationToken ct);

/// <summary>When the demo is loaded (review.md R12).</summary>
public static class DemoStart
{
    /// <summary>
    /// Loads App's demo (<see cref="LoadDemo"/>) and lists its accounts with the password. A refused step is a defect of the
    /// demo data or a database that is not empty after all: the start stops with the problem's message.
    /// </summary>
    public static async Task<IReadOnlyList<string>> App(IServiceProvider services, CancellationToken ct)
    {
        // LoadDemo opens a scope of its own for every step, as the user who would take it
        await using var scope = services.CreateAsyncScope();
        var loaded = await scope.ServiceProvider.GetRequiredService<LoadDemo>().RunAsync(ct);
        if (!loaded.IsSuccess)
            throw new InvalidOperationException("the demo could not be loaded: " + string.Join("; ", loaded.Problems.Select(p => p.Format(Language.En))));
        return [.. loaded.Value.Accounts.Select(a => $"{a.Email} ({a.Organisation}{(a.Roles.Count > 0 ? ", " + string.Join("+", a.Roles) : "")})"),
            $"password for every demo account: {loaded.Value.Password}"];
    }

    /// <summary>
    /// On SQLite unless <c>--no-demo</c>, on PostgreSQL only with <c>--demo</c> (<paramref name="demo"/> null: neither given);
    /// in both only into an installation holding nothing but the empty <c>default</c> organisation.
    /// </summary>
    public static bool ShouldLoad(DatabaseProvider provider, bool? demo, bool emptyInstallation) => emptyInstallation && provider switch
    {
        DatabaseProvider.Sqlite => demo != false,
        DatabaseProvider.Postgres => demo == true,
    };
}
