using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Yardstick.Web.Auth;

/// <summary>
/// An interactive circuit has its own services, outside any request: when it opens, before its components are created, its
/// <see cref="App.Hosting.YardstickSession"/> is set from the user the circuit was started for.
/// </summary>
internal sealed class SessionCircuitHandler(IServiceProvider services, AuthenticationStateProvider authentication) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken) => await ApplyAsync();

    /// <summary>What opening a circuit does (the tests call it: a <see cref="Circuit"/> cannot be made outside the framework).</summary>
    internal async Task ApplyAsync() => SessionUser.Apply(services, (await authentication.GetAuthenticationStateAsync()).User);
}
