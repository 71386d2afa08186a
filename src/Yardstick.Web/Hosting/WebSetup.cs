using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using Scalar.AspNetCore;
using Yardstick.App.Hosting;
using Yardstick.App.Users;
using Yardstick.Core.Common;
using Yardstick.Data;
using Yardstick.Web.Api;
using Yardstick.Web.Auth;
using Yardstick.Web.Components;
using Yardstick.Web.Components.Shared;
using Yardstick.Web.Localization;

namespace Yardstick.Web.Hosting;

/// <summary>The web host's services and pipeline (docs/web.md).</summary>
public static class WebSetup
{
    public static IServiceCollection AddYardstickWeb(this IServiceCollection services, bool? demo)
    {
        // --db, else Database:* (the CLI's forms, docs/operations.md), read once the configuration is complete
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var settings = DatabaseSettings.Resolve(configuration["db"], configuration);
            return settings.IsSuccess ? settings.Value.Pooled() : throw new InvalidOperationException("the database is not configured: " + string.Join("; ", settings.Problems));
        });
        services.AddYardstick(new ConfigurationBuilder().Build());
        services.AddYardstickAuth();
        services.AddSingleton(new WebStartOptions(demo));
        services.AddSingleton<DemoLoader>(DemoStart.App);
        services.AddHostedService<DatabaseStartup>();

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Chinese text is written as characters, not as numeric entities: pages are a third of the size and readable as source
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // a status without a body (no token: 401, an unknown route) or an unexpected error: a title in the request's language, never a stack trace
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            if (ctx.ProblemDetails.Detail is null)
            {
                ctx.ProblemDetails.Title = ProblemResults.Title(status).Get(Languages.Current);
                ctx.ProblemDetails.Type = ProblemResults.TypeOf(status);
            }

            ctx.ProblemDetails.Extensions.Remove("exception");
        });
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<ProblemDisplay>();
        services.AddSingleton<Calculations>();
        return services;
    }

    public static WebApplication UseYardstickWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseRequestLocalization(Languages.Options());
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseAuthentication();
        app.UseAuthorization();
        // after authorization, which may authenticate again with the endpoint's scheme; before anything asks for YardstickDb
        app.Use((ctx, next) =>
        {
            SessionUser.Apply(ctx.RequestServices, ctx.User);
            return next(ctx);
        });
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/scalar");

        var api = app.MapGroup("/api/v1");
        api.MapGroup("/auth").MapAuthApi().WithTags("auth");
        var signedIn = api.MapGroup("").RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser());
        signedIn.MapGroup("/me").MapMeApi().WithTags("me");
        signedIn.MapGroup("/periods").MapPeriodsApi().WithTags("periods");
        signedIn.MapGroup("/periods").MapResultsApi().WithTags("results");
        signedIn.MapGroup("/periods").MapReviewApi().WithTags("review");
        signedIn.MapGroup("/periods").MapCalibrationApi().WithTags("calibration");
        signedIn.MapImportApi();
        signedIn.MapGroup("/periods").MapManualActualsApi().WithTags("imports");
        signedIn.MapCalcApi();
        signedIn.MapGroup("/periods").MapTrailApi().WithTags("periods");
        signedIn.MapGroup("/audit").MapAuditApi().WithTags("audit");
        signedIn.MapGroup("/organisation").MapOrganisationApi().WithTags("organisation");
        signedIn.MapGroup("/schemes").MapSchemeApi().WithTags("schemes");
        signedIn.MapGroup("/periods").MapRequestsApi().WithTags("requests");
        signedIn.MapGroup("/periods").MapCampaignsApi().WithTags("campaigns");

        app.MapPost("/logout", async (SignInManager<YardstickUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        app.MapGet("/culture/{tag}", SetCultureAsync).ExcludeFromDescription();
        app.MapResultsDownload();

        app.MapRazorComponents<AppRoot>().AddInteractiveServerRenderMode();
        return app;
    }

    // the language switch: the cookie for this browser, and the user's choice for their next sign-in elsewhere
    private static async Task<IResult> SetCultureAsync(string tag, string? returnUrl, HttpContext http, AppScope scope, TimeProvider time)
    {
        if (LocalizedText.ParseLanguage(tag) is not { } language)
            return Results.NotFound();
        var culture = SetLanguage.Tag(language);
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = time.GetUtcNow().AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        if (scope.User is not null)
            await scope.RunAsync<SetLanguage, Result<Language>>(s => s.RunAsync(culture));
        return Results.LocalRedirect(returnUrl is ['/', not '/' and not '\\', ..] or "/" ? returnUrl : "/");
    }
}
