using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yardstick.App.Users;
using Yardstick.Data;

namespace Yardstick.Web.Auth;

/// <summary>
/// Sign-in (review.md R1): Identity's cookie for the pages (idle timeout 30 minutes, sliding; a cookie signed in more than 12
/// hours ago is refused), Identity's bearer tokens for the API (<c>/api</c> never reads the cookie, so that no other site can
/// act through a browser's cookie), and the claims that make a <see cref="App.Access.CurrentUser"/>. Lockout and password
/// rules are App's (<see cref="App.Hosting.YardstickServices.AddYardstick"/>).
/// </summary>
public static class AuthSetup
{
    public const string Scheme = "Yardstick";

    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);

    /// <summary>The cookie's property holding when its user signed in (a sliding renewal keeps it).</summary>
    public const string SignedInItem = "yardstick.signed-in";

    public static IServiceCollection AddYardstickAuth(this IServiceCollection services)
    {
        new IdentityBuilder(typeof(YardstickUser), typeof(IdentityRole), services).AddSignInManager();
        services.Replace(ServiceDescriptor.Scoped<IUserClaimsPrincipalFactory<YardstickUser>, YardstickClaimsFactory>());
        services.TryAddScoped<ISecurityStampValidator, SecurityStampValidator<YardstickUser>>();
        // roles and resets reach open sessions within a minute (SetRoles and ResetPassword change the security stamp)
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "cookie for pages, bearer token for the API", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Path.StartsWithSegments("/api") ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(1);
                o.RefreshTokenExpiration = AbsoluteTimeout;
            })
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/login";
                o.ExpireTimeSpan = IdleTimeout;
                o.SlidingExpiration = true;
                o.Cookie.Name = ".Yardstick.Session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Events = new CookieAuthenticationEvents
                {
                    OnSigningIn = SigningInAsync,
                    OnValidatePrincipal = ValidateAsync,
                };
            });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AppScope>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, SessionCircuitHandler>();
        return services;
    }

    /// <summary>True when a session that signed in at <paramref name="signedIn"/> is past the absolute timeout at <paramref name="now"/>.</summary>
    public static bool IsExpired(DateTimeOffset? signedIn, DateTimeOffset now) => signedIn is not { } at || now - at > AbsoluteTimeout;

    private static Task SigningInAsync(CookieSigningInContext ctx)
    {
        var now = ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        ctx.Properties.Items[SignedInItem] = now.ToString("O", CultureInfo.InvariantCulture);
        // the language the user chose last time, on this browser too
        if (ctx.Principal?.FindFirst(SetLanguage.ClaimType)?.Value is { } tag)
            ctx.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(tag)),
                new CookieOptions { Expires = now.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        return Task.CompletedTask;
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext ctx)
    {
        var now = ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var signedIn = ctx.Properties.Items.TryGetValue(SignedInItem, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : (DateTimeOffset?)null;
        if (IsExpired(signedIn, now))
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        // the security stamp check below asks for the database: the scope's user comes first
        SessionUser.Apply(ctx.HttpContext.RequestServices, ctx.Principal);
        await SecurityStampValidator.ValidatePrincipalAsync(ctx);
    }
}
