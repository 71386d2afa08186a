using Yardstick.App.Hosting;

namespace Yardstick.Web.Auth;

/// <summary>
/// Runs one App use case in a scope of its own, acting for the user of the page's scope (request or circuit): a circuit lives
/// for minutes or hours, and a database context shared by every click would keep every entity it read and could be used by two
/// clicks at once.
/// </summary>
public sealed class AppScope(IServiceScopeFactory scopes, YardstickSession session)
{
    public async Task<T> RunAsync<TUseCase, T>(Func<TUseCase, Task<T>> action) where TUseCase : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<YardstickSession>().User = session.User;
        return await action(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }

    /// <summary>The user the page acts for; null when nobody is signed in.</summary>
    public App.Access.CurrentUser? User => session.User;
}
