using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Yardstick.App.Access;
using Yardstick.App.Hosting;
using Yardstick.Data;
using Yardstick.Web.Auth;
using Yardstick.Web.Hosting;

namespace Yardstick.Web.Tests;

/// <summary>Who a scope acts for (requests and circuits), the session lifetimes and the start-up switches.</summary>
public sealed class SessionTests
{
    private static ClaimsPrincipal Principal(params Claim[] extra) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "u-1"), new Claim(ClaimTypes.Name, "li.ming@example.com"), new Claim(ClaimTypes.Role, "finance"),
            new Claim(SessionUser.OrganisationIdClaim, "1"), new Claim(SessionUser.OrganisationClaim, "default"), .. extra,
        ], "test"));

    private sealed class FixedAuthentication(ClaimsPrincipal principal) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(principal));
    }

    [Fact]
    public async Task CircuitOpened_SignedInUser_SessionAndDatabaseActForThem()
    {
        await using var host = WebHost.Create();
        _ = host.Services; // started and migrated
        await using var circuit = host.Services.CreateAsyncScope();
        var handler = new SessionCircuitHandler(circuit.ServiceProvider, new FixedAuthentication(Principal(new Claim(SessionUser.EmployeeClaim, "li_ming"))));

        await handler.ApplyAsync();

        var user = circuit.ServiceProvider.GetRequiredService<YardstickSession>().User;
        Assert.NotNull(user);
        Assert.Equal((1, "default", "u-1", "li.ming@example.com", "li_ming", false), (user.OrganisationId, user.Organisation, user.UserId, user.Email, user.EmployeeId, user.IsSystem));
        Assert.Equal([Role.Finance], user.Roles);
        var db = circuit.ServiceProvider.GetRequiredService<YardstickDb>();
        Assert.Equal((1, "li.ming@example.com"), (db.OrganisationId, db.Actor));
    }

    [Fact]
    public async Task CircuitOpened_Anonymous_DatabaseSeesNoOrganisation()
    {
        await using var host = WebHost.Create();
        await using var circuit = host.Services.CreateAsyncScope();
        var handler = new SessionCircuitHandler(circuit.ServiceProvider, new FixedAuthentication(new ClaimsPrincipal(new ClaimsIdentity())));

        await handler.ApplyAsync();

        Assert.Null(circuit.ServiceProvider.GetRequiredService<YardstickSession>().User);
        Assert.Equal(YardstickDb.NoOrganisation, circuit.ServiceProvider.GetRequiredService<YardstickDb>().OrganisationId);
    }

    [Fact]
    public void From_PrincipalWithoutOrganisation_NoUser()
    {
        var foreign = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "u-1")], "test"));

        Assert.Null(SessionUser.From(foreign));
        Assert.Equal(Organisation.DefaultCode, SessionUser.From(Principal())!.Organisation);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(719, false)]
    [InlineData(720, false)]
    [InlineData(721, true)]
    public void IsExpired_MinutesSinceSignIn_RefusedPastTwelveHours(int minutes, bool expired)
    {
        var signedIn = new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero);

        Assert.Equal(expired, AuthSetup.IsExpired(signedIn, signedIn.AddMinutes(minutes)));
    }

    [Fact]
    public void IsExpired_NoSignInTime_Refused() => Assert.True(AuthSetup.IsExpired(null, DateTimeOffset.UnixEpoch));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, null, true, true)]
    [InlineData(DatabaseProvider.Sqlite, false, true, false)]
    [InlineData(DatabaseProvider.Sqlite, true, true, true)]
    [InlineData(DatabaseProvider.Sqlite, null, false, false)]
    [InlineData(DatabaseProvider.Postgres, null, true, false)]
    [InlineData(DatabaseProvider.Postgres, true, true, true)]
    [InlineData(DatabaseProvider.Postgres, true, false, false)]
    [InlineData(DatabaseProvider.Postgres, false, true, false)]
    public void ShouldLoad_ProviderFlagAndContents_AsR12Says(DatabaseProvider provider, bool? demo, bool empty, bool load) =>
        Assert.Equal(load, DemoStart.ShouldLoad(provider, demo, empty));

    [Fact]
    public void Parse_DemoSwitches_RemovedBeforeTheConfiguration()
    {
        var flags = StartFlags.Parse(["--no-demo", "--urls", "http://0.0.0.0:8080", "--db", "x.db"]);

        Assert.False(flags.Demo);
        Assert.Equal(["--urls", "http://0.0.0.0:8080", "--db", "x.db"], flags.Rest);
        Assert.True(StartFlags.Parse(["--no-demo", "--demo"]).Demo);
        Assert.Null(StartFlags.Parse([]).Demo);
    }
}
