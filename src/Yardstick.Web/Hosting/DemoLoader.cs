using Yardstick.Data;

namespace Yardstick.Web.Hosting;

/// <summary>
/// Loads the demo of review.md R12 into an empty installation, with the root services; the accounts it returns are printed at
/// start-up. Registered by the host (a no-op until the demo loader of App is wired in, docs/web.md).
/// </summary>
public delegate Task<IReadOnlyList<string>> DemoLoader(IServiceProvider services, CancellationToken ct);

/// <summary>When the demo is loaded (review.md R12).</summary>
public static class DemoStart
{
    /// <summary>The loader used until the demo of App exists: loads nothing, lists no account.</summary>
    public static Task<IReadOnlyList<string>> None(IServiceProvider services, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>([]);

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
