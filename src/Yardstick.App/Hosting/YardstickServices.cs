using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yardstick.App.Access;
using Yardstick.App.Audit;
using Yardstick.App.Calculation;
using Yardstick.App.Database;
using Yardstick.App.Demo;
using Yardstick.App.Imports;
using Yardstick.App.Organisations;
using Yardstick.App.Periods;
using Yardstick.App.Ratings;
using Yardstick.App.Results;
using Yardstick.App.Reviews;
using Yardstick.App.Users;
using Yardstick.App.Waivers;
using Yardstick.Data;

namespace Yardstick.App.Hosting;

/// <summary>
/// Who a scope acts for. A front end sets <see cref="User"/> at the start of each scope (a CLI command, a web request),
/// before anything asks for <see cref="YardstickDb"/> or <see cref="CurrentUser"/>. While it is null the scope works on
/// the installation: its <see cref="YardstickDb"/> is opened for <see cref="YardstickDb.NoOrganisation"/> (migrating,
/// finding the organisation, logging in).
/// </summary>
public sealed class YardstickSession
{
    public CurrentUser? User { get; set; }
}

/// <summary>The composition root of Yardstick's use cases, shared by every front end.</summary>
public static class YardstickServices
{
    /// <summary>
    /// Registers the clock (<see cref="TimeProvider.System"/> unless one is registered), the database (the
    /// <see cref="DatabaseSettings"/> already registered, such as a front end's <c>--db</c>, else those of
    /// <paramref name="configuration"/>), the scoped <see cref="YardstickSession"/> with its <see cref="CurrentUser"/>,
    /// <see cref="YardstickDb"/> opened for the session's organisation and actor, Identity's user and role managers on
    /// the EF stores (review.md R1), and every use case, scoped.
    /// </summary>
    public static IServiceCollection AddYardstick(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => Configured(configuration));
        services.TryAddSingleton(sp => sp.GetRequiredService<DatabaseSettings>().Options());
        services.AddScoped<YardstickSession>();
        services.AddScoped(sp => sp.GetRequiredService<YardstickSession>().User
            ?? throw new InvalidOperationException("no current user: the front end sets YardstickSession.User at the start of the scope"));
        services.AddScoped(sp =>
        {
            var user = sp.GetRequiredService<YardstickSession>().User;
            return new YardstickDb(sp.GetRequiredService<DbContextOptions<YardstickDb>>(), sp.GetRequiredService<TimeProvider>(),
                user?.Actor ?? "", user?.OrganisationId ?? YardstickDb.NoOrganisation);
        });

        services.AddIdentityCore<YardstickUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<YardstickDb>();

        services.AddScoped<MigrateDatabase>();
        services.AddScoped<ListOrganisations>();
        services.AddScoped<ResolveOrganisation>();
        services.AddScoped<CreateOrganisation>();
        services.AddScoped<ConfigureOrganisation>();
        services.AddScoped<OrganisationView>();
        services.AddScoped<AddUser>();
        services.AddScoped<ListUsers>();
        services.AddScoped<RemoveUser>();
        services.AddScoped<ResetPassword>();
        services.AddScoped<UnlockUser>();
        services.AddScoped<SetRoles>();
        services.AddScoped<CreateFirstAdmin>();
        services.AddScoped<SetLanguage>();
        services.AddScoped<EmptyInstallation>();
        services.AddScoped<ListPeriods>();
        services.AddScoped<OpenPeriod>();
        services.AddScoped<SetPeriodDistribution>();
        services.AddScoped<Schemes.SchemeLibrary>();
        services.AddScoped<StartReview>();
        services.AddScoped<ApprovePeriod>();
        services.AddScoped<PublishPeriod>();
        services.AddScoped<LockPeriod>();
        services.AddScoped<ReopenPeriod>();
        services.AddScoped<PeriodTrail>();
        services.AddScoped<ImportEmployees>();
        services.AddScoped<ImportSalaries>();
        services.AddScoped<ImportTeams>();
        services.AddScoped<ImportProducts>();
        services.AddScoped<ImportStages>();
        services.AddScoped<ImportActuals>();
        services.AddScoped<ManualActuals>();
        services.AddScoped<ImportRequests>();
        services.AddScoped<ImportEvents>();
        services.AddScoped<ImportAwards>();
        services.AddScoped<ImportRatings>();
        services.AddScoped<ImportFile>();
        services.AddScoped<CreateCampaign>();
        services.AddScoped<AddRaters>();
        services.AddScoped<RecordResponse>();
        services.AddScoped<CloseCampaign>();
        services.AddScoped<ShowRatings>();
        services.AddScoped<CampaignProgress>();
        services.AddScoped<Requests.RequestLog>();
        services.AddScoped<WaiveIndicator>();
        services.AddScoped<RemoveWaiver>();
        services.AddScoped<RunCalculation>();
        services.AddScoped<Reviews.AdjustScorecard>();
        services.TryAddSingleton<RunCache>();
        services.AddScoped<GetResults>();
        services.AddScoped<ResultsPage>();
        services.AddScoped<CalibrateGrade>();
        services.AddScoped<CalibrationView>();
        services.AddScoped<Authorizer>();
        services.AddScoped<ListAudit>();
        services.AddScoped<LoadDemo>();
        return services;
    }

    // a host without --db: a misconfiguration is a startup error there, not a user's bad input
    private static DatabaseSettings Configured(IConfiguration configuration)
    {
        var settings = DatabaseSettings.Resolve(null, configuration);
        return settings.IsSuccess ? settings.Value : throw new InvalidOperationException("the database is not configured: " + string.Join("; ", settings.Problems));
    }
}
