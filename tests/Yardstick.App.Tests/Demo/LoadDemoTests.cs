using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yardstick.App.Access;
using Yardstick.App.Demo;
using Yardstick.App.Periods;
using Yardstick.App.Results;
using Yardstick.Core.Common;
using Yardstick.Data;
using Xunit.Abstractions;

namespace Yardstick.App.Tests.Demo;

/// <summary>One demo load per provider, shared by the tests that only read it.</summary>
public sealed class DemoDatabases : IAsyncDisposable
{
    private readonly Dictionary<string, Task<Loaded>> _loads = [];

    public sealed record Loaded(TestDb Db, ServiceProvider Services, DemoSummary Summary, TimeSpan Elapsed);

    public Task<Loaded> GetAsync(string provider)
    {
        lock (_loads)
        {
            if (!_loads.TryGetValue(provider, out var load))
                _loads[provider] = load = LoadAsync(provider);
            return load;
        }
    }

    public static async Task<Loaded> LoadAsync(string provider)
    {
        var t = await TestDb.CreateAsync(provider);
        var services = t.Services();
        await using var scope = TestDb.Scope(services, null);
        var clock = Stopwatch.StartNew();
        var loaded = await scope.ServiceProvider.GetRequiredService<LoadDemo>().RunAsync();
        clock.Stop();
        Assert.True(loaded.IsSuccess, string.Join("\n", loaded.Problems));
        return new Loaded(t, services, loaded.Value, clock.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var load in _loads.Values.Where(l => l.IsCompletedSuccessfully))
        {
            await load.Result.Services.DisposeAsync();
            await load.Result.Db.DisposeAsync();
        }
    }
}

/// <summary>The demo data of review.md R12, on SQLite and PostgreSQL.</summary>
public sealed class LoadDemoTests(DemoDatabases demo, ITestOutputHelper output) : IClassFixture<DemoDatabases>
{
    /// <summary>seed-cases.md, last table: organisation, measure code, before (null: "—"), after, tolerance.</summary>
    public static TheoryData<string, string, string, decimal?, decimal, decimal> Effects()
    {
        var data = new TheoryData<string, string, string, decimal?, decimal, decimal>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            data.Add(provider, "industrial", "renewal_rate", 0.60m, 0.88m, 0.01m);
            data.Add(provider, "industrial", "revenue_yoy_growth", null, 0.25m, 0.01m);
            data.Add(provider, "crossborder", "pilot_success_rate", 0.40m, 0.75m, 0.01m);
            data.Add(provider, "crossborder", "gmv_yoy_growth", null, 0.35m, 0.01m);
            data.Add(provider, "crossborder", "key_renewal_rate", null, 0.92m, 0.01m);
            data.Add(provider, "crossborder", "core_talent_attrition", 0.20m, 0.05m, 0.01m);
            data.Add(provider, "saas", "team_goal_attainment", 0.65m, 0.90m, 0.01m);
            data.Add(provider, "saas", "csat", 3.8m, 4.6m, 0.05m);
            data.Add(provider, "saas", "market_share_growth", null, 0.12m, 0.01m);
        }

        return data;
    }

    private static readonly DateOnly Change = new(2026, 4, 1);

    private static async Task<YardstickDb> OpenAsync(DemoDatabases.Loaded loaded, string organisation)
    {
        await using var installation = loaded.Db.Open(organisationId: YardstickDb.NoOrganisation);
        var id = await installation.Organisations.Where(o => o.Code == organisation).Select(o => o.Id).SingleAsync();
        return loaded.Db.Open("test", id);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_EmptyDatabase_IndustrialZhangWeiHasE1TotalAndPayIn202610(string provider)
    {
        var loaded = await demo.GetAsync(provider);
        output.WriteLine($"demo load on {provider}: {loaded.Elapsed.TotalSeconds:F1} s");
        await using var db = await OpenAsync(loaded, "industrial");

        var lines = await new GetResults(db).LinesAsync("2026-10");

        Assert.True(lines.IsSuccess, string.Join("\n", lines.Problems));
        var zhang = lines.Value.Lines.Single(l => l.Person == "zhang_wei");
        Assert.Equal(100.77188375350140056022408964m, zhang.Total);
        Assert.Equal(("A", 20760.38m, "CNY", true), (zhang.Grade, zhang.Pay, zhang.Currency, zhang.Complete));
        Assert.Equal(10, lines.Value.Lines.Count);
        Assert.All(lines.Value.Lines, l => Assert.Equal(0, l.Missing));
        var li = await db.Employees.SingleAsync(e => e.Id == "li_ming");
        Assert.Equal(("李明", "manager"), (li.Name, li.Role));
        Assert.Equal("li_ming", (await db.Employees.SingleAsync(e => e.Id == "zhang_wei")).ManagerId);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_EmptyDatabase_SaasYear2026HasE3PoolLines(string provider)
    {
        var loaded = await demo.GetAsync(provider);
        await using var db = await OpenAsync(loaded, "saas");

        var lines = await new GetResults(db).LinesAsync("2026");

        Assert.True(lines.IsSuccess, string.Join("\n", lines.Problems));
        var pay = lines.Value.Lines.Where(l => l.Pay != 0).ToDictionary(l => l.Person, l => l.Pay);
        Assert.Equal(new Dictionary<string, decimal> { ["chen_jie"] = 123831.18m, ["li_na"] = 138151.80m, ["wang_fang"] = 108387.39m }, pay);
        Assert.Equal(370370.37m, pay.Values.Sum());
        Assert.Equal(10, lines.Value.Lines.Count);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_EmptyDatabase_EveryPeriodInItsState(string provider)
    {
        var loaded = await demo.GetAsync(provider);
        var months = Enumerable.Range(0, 12).Select(m => new DateOnly(2025, 11, 1).AddMonths(m).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var expected = new Dictionary<string, Dictionary<string, PeriodState>>
        {
            ["industrial"] = months.ToDictionary(m => m, m => m == "2026-10" ? PeriodState.InReview : PeriodState.Locked),
            ["crossborder"] = new[] { "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3" }.ToDictionary(q => q, _ => PeriodState.Locked),
            ["saas"] = months.ToDictionary(m => m, _ => PeriodState.Locked),
        };
        expected["saas"]["2026"] = PeriodState.Calculated;
        expected["saas"]["2026-11"] = PeriodState.Collecting;

        foreach (var (organisation, periods) in expected)
        {
            await using var db = await OpenAsync(loaded, organisation);
            var states = await db.Periods.ToDictionaryAsync(p => p.Label, p => p.State);
            Assert.Equal(periods.OrderBy(p => p.Key, StringComparer.Ordinal), states.OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_EmptyDatabase_OldSchemeThenCaseScheme(string provider)
    {
        var loaded = await demo.GetAsync(provider);
        await using var db = await OpenAsync(loaded, "crossborder");

        var schemes = await (from p in db.Periods join v in db.SchemeVersions on p.SchemeVersionId equals v.Id orderby p.Label select new { p.Label, v.Code }).ToListAsync();

        Assert.Equal(["2025-Q4 feature-count", "2026-Q1 feature-count", "2026-Q2 crossborder-lifecycle", "2026-Q3 crossborder-lifecycle"], schemes.Select(s => s.Label + " " + s.Code));
        Assert.Equal(["growth", "mature", "startup"], (await db.ProductStages.Select(s => s.Stage).Distinct().ToListAsync()).Order(StringComparer.Ordinal));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_EmptyDatabase_MovesActAsHrAndApprovalsAsDirector(string provider)
    {
        var loaded = await demo.GetAsync(provider);
        await using var db = await OpenAsync(loaded, "industrial");

        var trail = await db.Audit.Where(a => a.Entity == nameof(ReviewPeriod)).OrderBy(a => a.Id).Select(a => new { a.EntityKey, a.Actor, a.After }).ToListAsync();
        output.WriteLine(string.Join("\n", trail.Where(a => a.EntityKey == "2026-09").Select(a => a.Actor + " " + a.After)));

        Assert.Equal(["hr@industrial.demo"], trail.Where(a => a.EntityKey == "2026-10").Select(a => a.Actor).Distinct());
        var september = trail.Where(a => a.EntityKey == "2026-09").ToList();
        Assert.Equal(["hr@industrial.demo", "director@industrial.demo"], september.Select(a => a.Actor).Distinct());
        Assert.Equal("director@industrial.demo", Assert.Single(september, a => a.After!.Contains("Approved", StringComparison.Ordinal)).Actor);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_EmptyDatabase_SaasNovemberCampaignWaitsForRaters(string provider)
    {
        var loaded = await demo.GetAsync(provider);
        await using var db = await OpenAsync(loaded, "saas");

        var campaign = await db.RatingCampaigns.SingleAsync();
        var forms = await db.RatingRaters.Where(r => r.CampaignId == campaign.Id).ToListAsync();

        Assert.Equal(("2026-11-360", "collaboration_rating", false), (campaign.Name, campaign.Indicator, campaign.ClosedAt is not null));
        Assert.Equal("2026-11", (await db.Periods.SingleAsync(p => p.Id == campaign.PeriodId)).Label);
        Assert.Equal(30, forms.Count);
        Assert.Equal(["rater1@saas.demo", "rater2@saas.demo", "rater3@saas.demo"], forms.Select(f => f.Rater).Distinct().Order(StringComparer.Ordinal));
        Assert.All(forms, f => Assert.Null(f.RespondedAt));
        Assert.Equal(0, await db.RatingResponses.CountAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_EmptyDatabase_AccountsSignInWithTheDemoPassword(string provider)
    {
        var loaded = await demo.GetAsync(provider);
        var expected = new[]
        {
            ("hr@industrial.demo", "industrial", (string?)null, "admin"), ("director@industrial.demo", "industrial", null, "admin"),
            ("finance@industrial.demo", "industrial", null, "finance"), ("zhang_wei@industrial.demo", "industrial", "zhang_wei", ""),
            ("li_ming@industrial.demo", "industrial", "li_ming", ""), ("hr@crossborder.demo", "crossborder", null, "admin"),
            ("director@saas.demo", "saas", null, "admin"), ("li_na@saas.demo", "saas", "li_na", ""), ("rater1@saas.demo", "saas", null, ""),
        };
        await using var scope = TestDb.Scope(loaded.Services, null);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<YardstickUser>>();
        await using var installation = loaded.Db.Open(organisationId: YardstickDb.NoOrganisation);
        var organisations = await installation.Organisations.ToDictionaryAsync(o => o.Id, o => o.Code);

        foreach (var (email, organisation, employee, roles) in expected)
        {
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.Equal((organisation, employee), (organisations[user.OrganisationId], user.EmployeeId));
            Assert.Equal(roles, string.Join(",", await users.GetRolesAsync(user)));
            Assert.True(await users.CheckPasswordAsync(user, "Yardstick-demo-2026"), email);
            Assert.False(await users.CheckPasswordAsync(user, "Yardstick-demo-2025"), email);
        }

        Assert.Equal(3 * 18, loaded.Summary.Accounts.Count);
        Assert.Equal(("Yardstick-demo-2026", 3 * 18), (loaded.Summary.Password, users.Users.IgnoreQueryFilters().Count()));
        Assert.Equal(["industrial", "crossborder", "saas"], loaded.Summary.Organisations.Select(o => o.Code));
        Assert.Equal(["default", "industrial", "crossborder", "saas"], organisations.OrderBy(o => o.Key).Select(o => o.Value));
    }

    [SkippableTheory]
    [MemberData(nameof(Effects))]
    public async Task RunAsync_EmptyDatabase_StoredActualsGiveTheArticlesEffectFigures(string provider, string organisation, string measure, decimal? before, decimal after, decimal tolerance)
    {
        var loaded = await demo.GetAsync(provider);
        await using var db = await OpenAsync(loaded, organisation);

        // R10: per period the mean over whoever has the measure, then each side the mean of its periods' means
        var rows = await (from a in db.Actuals join p in db.Periods on a.PeriodId equals p.Id where a.Indicator == measure select new { p.Label, a.Value }).ToListAsync();
        var means = rows.Where(r => r.Label.Length > 4).GroupBy(r => Period.Parse(r.Label).Value).ToDictionary(g => g.Key, g => g.Average(r => r.Value));

        Near(after, Side(means, false), tolerance);
        if (before is null)
            Assert.Null(Side(means, true));
        else
            Near(before.Value, Side(means, true), tolerance);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_EmptyDatabase_SaasRequestLogGivesResponseRate70Then98(string provider)
    {
        var loaded = await demo.GetAsync(provider);
        await using var db = await OpenAsync(loaded, "saas");

        // on time: answered within 24 hours and solved within 72 (scoring.md §8); every demo request is counted in its month
        var requests = await (from r in db.Requests join p in db.Periods on r.PeriodId equals p.Id select new { p.Label, r.Person, r.CreatedAt, r.FirstResponseAt, r.SolutionAt }).ToListAsync();
        var means = requests.GroupBy(r => Period.Parse(r.Label).Value).ToDictionary(g => g.Key, g => g.GroupBy(r => r.Person)
            .Average(p => p.Count(r => r.FirstResponseAt - r.CreatedAt <= TimeSpan.FromHours(24) && r.SolutionAt - r.CreatedAt <= TimeSpan.FromHours(72)) / (decimal)p.Count()));

        Assert.Equal(12, means.Count);
        Near(0.70m, Side(means, true), 0.01m);
        Near(0.98m, Side(means, false), 0.01m);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_Twice_SecondRefusedAsConflict(string provider)
    {
        var loaded = await demo.GetAsync(provider);
        await using var scope = TestDb.Scope(loaded.Services, null);

        var again = await scope.ServiceProvider.GetRequiredService<LoadDemo>().RunAsync();

        var problem = Assert.Single(again.Problems);
        Assert.Equal((ProblemKind.Conflict, "database"), (problem.Kind, problem.Where.ToString()));
        Assert.Equal("the database is not empty (it has the organisations crossborder, industrial, saas): the demo loads only into a database that holds nothing but the empty default organisation; use a new database", problem.Message.En);
        Assert.Equal("数据库不是空的（已有组织 crossborder, industrial, saas）：演示数据只能载入只含空 default 组织的数据库；请使用新的数据库", problem.Message.Zh);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_DefaultOrganisationHoldsAnEmployee_RefusedAndNothingCreated(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        using var files = new TempFiles();
        await using (var db = t.Open())
        {
            var imported = await new Imports.ImportEmployees(db).RunAsync(Input.File(files.Write("e.csv", "person,name\nzhang_wei,张伟\n")), null);
            Assert.True(imported.IsSuccess, string.Join("\n", imported.Problems));
        }

        await using var services = t.Services();
        await using var scope = TestDb.Scope(services, null);
        var refused = await scope.ServiceProvider.GetRequiredService<LoadDemo>().RunAsync();

        Assert.Equal(["database: the database is not empty (the default organisation holds data): the demo loads only into a database that holds nothing but the empty default organisation; use a new database"],
            refused.Problems.Select(p => p.ToString()));
        await using var check = t.Open(organisationId: YardstickDb.NoOrganisation);
        Assert.Equal(["default"], await check.Organisations.Select(o => o.Code).ToListAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ApprovePeriod_Industrial202610AsDirector_ApprovedAsItIs(string provider)
    {
        var loaded = await DemoDatabases.LoadAsync(provider);
        await using (loaded.Db)
        await using (loaded.Services)
        {
            await using var db = await OpenAsync(loaded, "industrial");
            var director = await db.Users.SingleAsync(u => u.Email == "director@industrial.demo");
            var user = new CurrentUser(db.OrganisationId, "industrial", director.Email!, director.Id, director.Email, null, new HashSet<Role> { Role.Admin }, false);
            await using var scope = TestDb.Scope(loaded.Services, user);

            var approved = await scope.ServiceProvider.GetRequiredService<ApprovePeriod>().RunAsync("2026-10");

            Assert.True(approved.IsSuccess, string.Join("\n", approved.Problems));
            Assert.Equal(PeriodState.Approved, approved.Value.State);
        }
    }

    private static decimal? Side(Dictionary<Period, decimal> means, bool before)
    {
        var side = means.Where(m => m.Key.FirstDay < Change == before).Select(m => m.Value).ToList();
        return side.Count == 0 ? null : side.Average();
    }

    private static void Near(decimal expected, decimal? actual, decimal tolerance) =>
        Assert.True(actual is { } a && Math.Abs(a - expected) <= tolerance, $"expected {expected} ± {tolerance}, got {actual}");
}
