using Yardstick.App.Database;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yardstick.App.Access;
using Yardstick.App.Calculation;
using Yardstick.App.Files;
using Yardstick.App.Hosting;
using Yardstick.App.Imports;
using Yardstick.App.Organisations;
using Yardstick.App.Periods;
using Yardstick.App.Ratings;
using Yardstick.App.Users;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Demo;

/// <summary>A demo organisation: its code and names.</summary>
public sealed record DemoOrganisationSummary(string Code, string NameZh, string NameEn);

/// <summary>A demo login: email, organisation, the employee it is linked to (null for HR, director, finance and raters) and its stored roles.</summary>
public sealed record DemoAccount(string Email, string Organisation, string? Employee, IReadOnlyList<string> Roles);

/// <summary>What the demo created: the organisations and every account, all with <see cref="Password"/>.</summary>
public sealed record DemoSummary(IReadOnlyList<DemoOrganisationSummary> Organisations, IReadOnlyList<DemoAccount> Accounts, string Password);

/// <summary>
/// Loads the demo data of review.md R12 through the use cases an HR admin would call (docs/demo.md lists what it holds):
/// the organisations <c>industrial</c> (T1), <c>crossborder</c> (T2) and <c>saas</c> (T3) with their people and logins, and
/// a year of periods in which the case's scheme replaces an older feature-count scheme. Every step acts as the user who
/// would take it: the installation's system administrator creates the organisations and their two admins, then
/// <c>hr@…</c> imports, opens, calculates, submits for review, publishes and locks, and <c>director@…</c> approves
/// (maker-checker, R6). Refused unless the database holds nothing but the empty <c>default</c> organisation. Each step runs
/// in its own scope of <paramref name="scopes"/>, as a request of the web application would.
/// </summary>
public sealed class LoadDemo(IServiceScopeFactory scopes)
{
    /// <summary>The password of every demo account.</summary>
    public const string Password = "Yardstick-demo-2026";

    /// <summary>The audit name of the system administrator that creates the organisations.</summary>
    public const string Actor = "demo";

    public async Task<Result<DemoSummary>> RunAsync(CancellationToken ct = default)
    {
        var installation = CurrentUser.System(Organisation.DefaultId, Organisation.DefaultCode, Actor);
        if (await RefuseAsync(installation, ct) is { } refused)
            return refused;
        var accounts = new List<DemoAccount>();
        try
        {
            foreach (var org in DemoData.Organisations)
                accounts.AddRange(await LoadAsync(installation, org, ct));
        }
        catch (StepRefused refusal)
        {
            return Result<DemoSummary>.Fail(refusal.Problems);
        }

        return new DemoSummary([.. DemoData.Organisations.Select(o => new DemoOrganisationSummary(o.Code, o.NameZh, o.NameEn))], accounts, Password);
    }

    /// <summary>A conflict naming what the database holds, unless it holds nothing but the empty default organisation.</summary>
    private async Task<Problem?> RefuseAsync(CurrentUser installation, CancellationToken ct)
    {
        await using var scope = Scope(installation);
        if (await new EmptyInstallation(scope.ServiceProvider.GetRequiredService<YardstickDb>()).WhatItHoldsAsync(ct) is not { } holds)
            return null;
        return Problem.Conflict("database",
            $"数据库不是空的（{holds.Zh}）：演示数据只能载入只含空 default 组织的数据库；请使用新的数据库",
            $"the database is not empty ({holds.En}): the demo loads only into a database that holds nothing but the empty default organisation; use a new database",
            "demo.not_empty");
    }

    private async Task<IReadOnlyList<DemoAccount>> LoadAsync(CurrentUser installation, DemoOrganisation org, CancellationToken ct)
    {
        var created = await Do<CreateOrganisation, Organisation>(installation, u => u.RunAsync(org.Code, org.NameZh, org.NameEn, ct));
        var system = CurrentUser.System(created.Id, org.Code, Actor);
        var accounts = new List<DemoAccount>();
        var hr = await AdminAsync(system, org, "hr", accounts, ct);
        var director = await AdminAsync(system, org, "director", accounts, ct);

        await Import<ImportEmployees>(hr, org, "employees", DemoData.Employees(org), (u, f) => u.RunAsync(f, null, null, ct));
        await Import<ImportSalaries>(hr, org, "salaries", DemoData.Salaries(org), (u, f) => u.RunAsync(f, null, null, ct));
        if (org.People.Any(p => p.Stage is not null))
            await Import<ImportStages>(hr, org, "stages", DemoData.Stages(org), (u, f) => u.RunAsync(f, null, ct));
        // T3's request service levels as the article states them (24 h to respond, 72 h to solve), in the company's time zone
        await Do<ConfigureOrganisation, Organisation>(hr, u => u.RunAsync(new OrganisationChange(24, 72, "Asia/Shanghai"), ct));

        await AddAsync(hr, org, "finance", null, [RoleNames.Finance], accounts, ct);
        foreach (var person in org.People)
            await AddAsync(hr, org, person.Id, person.Id, [], accounts, ct);
        foreach (var (rater, _) in DemoData.Raters)
            await AddAsync(hr, org, rater, null, [], accounts, ct);

        var history = org.History;
        for (var k = 0; k < history.Count; k++)
        {
            var label = history[k];
            var fixedValues = org.Code == "industrial" && label == "2026-10" ? (Func<string, IReadOnlyDictionary<string, decimal>?>)(p => p == "zhang_wei" ? DemoData.E1 : null) : _ => null;
            await OpenAndImportAsync(hr, org, label, DemoData.Actuals(org, label, k, fixedValues), ct);
            if (org.Effects.Any(e => e.Scope == EffectScope.Requests))
                await Import<ImportRequests>(hr, org, label + "-requests", DemoData.Requests(org, label, k), (u, f) => u.RunAsync(f, label, "all", null, ct));
            await Do<RunCalculation, RunSummary>(hr, u => u.RunAsync(label, null, ct));
            await Do<StartReview, ReviewPeriod>(hr, u => u.RunAsync(label, ct));
            // industrial's last month waits in review for a second admin (R12)
            if (org.Code == "industrial" && k == history.Count - 1)
                continue;
            await Do<ApprovePeriod, ReviewPeriod>(director, u => u.RunAsync(label, ct));
            await Do<PublishPeriod, ReviewPeriod>(hr, u => u.RunAsync(label, ct));
            await Do<LockPeriod, ReviewPeriod>(hr, u => u.RunAsync(label, ct));
        }

        if (org.Code == "saas")
            await SaasYearAndOpenCampaignAsync(hr, org, ct);
        return accounts;
    }

    /// <summary>The year 2026 with E3's team pool, Calculated; 2026-11 Collecting with a 360 campaign whose forms wait for the raters.</summary>
    private async Task SaasYearAndOpenCampaignAsync(CurrentUser hr, DemoOrganisation org, CancellationToken ct)
    {
        await OpenAndImportAsync(hr, org, "2026", DemoData.YearActuals(org), ct);
        await Do<RunCalculation, RunSummary>(hr, u => u.RunAsync("2026", null, ct));

        const string november = "2026-11", campaign = "2026-11-360";
        await Do<OpenPeriod, ReviewPeriod>(hr, u => u.RunAsync(november, DemoData.CaseScheme(org), ct));
        await Do<CreateCampaign, RatingCampaign>(hr, u => u.RunAsync(november, campaign, "collaboration_rating", ct));
        var raters = DemoData.Raters.Select(r => (Email(r.Rater, org), r.Group)).ToList();
        foreach (var pm in org.Pms)
            await Do<AddRaters, IReadOnlyList<RatingRater>>(hr, u => u.RunAsync(november, campaign, pm.Id, raters, ct));
    }

    private async Task OpenAndImportAsync(CurrentUser hr, DemoOrganisation org, string label, string actuals, CancellationToken ct)
    {
        var scheme = DemoData.IsBefore(label) ? DemoData.FeatureCountScheme(org.Kind) : DemoData.CaseScheme(org);
        await Do<OpenPeriod, ReviewPeriod>(hr, u => u.RunAsync(label, scheme, ct));
        await Import<ImportActuals>(hr, org, label + "-actuals", actuals, (u, f) => u.RunAsync(f, label, "all", null, ct));
    }

    /// <summary>Adds <c>hr@…</c> or <c>director@…</c> as an admin and returns that user, to act as them.</summary>
    private async Task<CurrentUser> AdminAsync(CurrentUser system, DemoOrganisation org, string name, List<DemoAccount> accounts, CancellationToken ct)
    {
        var email = await AddAsync(system, org, name, null, [RoleNames.Admin], accounts, ct);
        await using var scope = Scope(system);
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<YardstickUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"the user {email} was just added");
        return new CurrentUser(system.OrganisationId, system.Organisation, email, user.Id, email, null, new HashSet<Role> { Role.Admin }, IsSystem: false);
    }

    private async Task<string> AddAsync(CurrentUser admin, DemoOrganisation org, string name, string? employee, IReadOnlyList<string> roles, List<DemoAccount> accounts, CancellationToken ct)
    {
        var email = Email(name, org);
        var added = await Do<AddUser, UserSummary>(admin, u => u.RunAsync(email, employee, roles, Password, ct));
        accounts.Add(new DemoAccount(added.Email, org.Code, added.EmployeeId, added.Roles));
        return email;
    }

    private static string Email(string name, DemoOrganisation org) => $"{name}@{org.Code}.demo";

    private Task<ImportSummary> Import<TImport>(CurrentUser user, DemoOrganisation org, string name, string csv, Func<TImport, InputFile, Task<Result<ImportSummary>>> import)
        where TImport : notnull =>
        Do<TImport, ImportSummary>(user, async u =>
        {
            using var file = InputFile.FromStream(new MemoryStream(Encoding.UTF8.GetBytes(csv)), $"demo/{org.Code}/{name}.csv");
            return await import(u, file);
        });

    /// <summary>Runs one use case for <paramref name="user"/> in a scope of its own; a refusal stops the demo (a defect of its data).</summary>
    private async Task<T> Do<TCase, T>(CurrentUser user, Func<TCase, Task<Result<T>>> call)
        where TCase : notnull
    {
        await using var scope = Scope(user);
        var result = await call(scope.ServiceProvider.GetRequiredService<TCase>());
        return result.IsSuccess ? result.Value : throw new StepRefused(result.Problems);
    }

    private AsyncServiceScope Scope(CurrentUser user)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<YardstickSession>().User = user;
        return scope;
    }

    /// <summary>A use case refused a step of the demo: its data or its order is wrong. Caught in <see cref="RunAsync"/> and returned as its problems.</summary>
    private sealed class StepRefused(IReadOnlyList<Problem> problems) : Exception(string.Join("; ", problems))
    {
        public IReadOnlyList<Problem> Problems { get; } = problems;
    }
}
