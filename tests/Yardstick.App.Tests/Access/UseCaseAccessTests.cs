using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yardstick.App.Access;
using Yardstick.App.Calculation;
using Yardstick.App.Files;
using Yardstick.App.Imports;
using Yardstick.App.Organisations;
using Yardstick.App.Periods;
using Yardstick.App.Ratings;
using Yardstick.App.Users;
using Yardstick.App.Waivers;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;
using Yardstick.Data;

namespace Yardstick.App.Tests.Access;

/// <summary>
/// Every use case asks review.md R2 of the one Authorizer for the user it runs for, on SQLite and PostgreSQL: a table of
/// use case × user (admin, finance, x's manager, x, a rater of x, a user of no relation) with the outcomes written out as
/// R2 reads; a refused use case writes nothing.
/// </summary>
public sealed class UseCaseAccessTests : IDisposable
{
    // d manages m, m manages x; o reports to d and is nobody's manager
    private const string Employees = "person,name,manager,role\nd,D,,director\nm,M,d,pm\nx,X,m,pm\no,O,d,pm\n";
    private const string Label = "2026";
    private const string Campaign = "c360";
    private const string RaterEmail = "rater@example.com";

    private static readonly CurrentUser Admin = User("hr", "hr@example.com", null, Role.Admin);
    private static readonly CurrentUser Finance = User("cfo", "cfo@example.com", null, Role.Finance);
    private static readonly CurrentUser Manager = User("m", "m@example.com", "m");
    private static readonly CurrentUser Self = User("x", "x@example.com", "x");
    private static readonly CurrentUser Rater = User("rater", RaterEmail, null);
    private static readonly CurrentUser Other = User("o", "o@example.com", "o");

    /// <summary>The users of the table, in the order of its expected letters.</summary>
    private static readonly CurrentUser[] Everyone = [Admin, Finance, Manager, Self, Rater, Other];

    private static readonly string[] AccessCodes = ["access.not_found", "access.forbidden", "access.own_record"];

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static CurrentUser User(string actor, string email, string? employee, params Role[] roles) =>
        new(Organisation.DefaultId, Organisation.DefaultCode, actor, "u-" + actor, email, employee, new HashSet<Role>(roles), false);

    private static string Template(string id) => SchemeJson.Write(TemplateCatalog.Find(id).Value.Document);

    /// <summary>One run of a use case for a user: the context of the test database and the services over it.</summary>
    private sealed record Run(TestDb Db, ServiceProvider Services, CurrentUser User);

    /// <summary>
    /// A use case and what R2 answers each user, in the order of <see cref="Everyone"/>: A done, N not found (404),
    /// F forbidden (403), C conflict (409).
    /// </summary>
    private sealed record Case(string Name, string Expected, Func<Run, Task<IReadOnlyList<Problem>>> Action);

    /// <summary>A use case built by hand on a context opened as the user's, given the user.</summary>
    private static Func<Run, Task<IReadOnlyList<Problem>>> Built<T>(Func<YardstickDb, CurrentUser, Task<Result<T>>> action) => async run =>
    {
        await using var db = run.Db.Open(run.User.Actor);
        return (await action(db, run.User)).Problems;
    };

    /// <summary>A use case resolved from a scope of <c>AddYardstick</c> whose session user is the user.</summary>
    private static Func<Run, Task<IReadOnlyList<Problem>>> Resolved<T>(Func<IServiceProvider, Task<Result<T>>> action) => async run =>
    {
        await using var scope = TestDb.Scope(run.Services, run.User);
        return (await action(scope.ServiceProvider)).Problems;
    };

    private static char Letter(IReadOnlyList<Problem> problems) => problems.Count == 0
        ? 'A'
        : problems[0].Kind switch
        {
            ProblemKind.NotFound => 'N',
            ProblemKind.Forbidden => 'F',
            ProblemKind.Conflict => 'C',
            ProblemKind.Invalid => '?',
        };

    /// <summary>What the database holds: the audit log, the import records and the rows every use case here writes.</summary>
    private static async Task<string> FootprintAsync(TestDb t)
    {
        await using var db = t.Open();
        var counts = new[]
        {
            await db.Audit.CountAsync(), await db.Imports.CountAsync(), await db.Employees.CountAsync(), await db.Salaries.CountAsync(),
            await db.Teams.CountAsync(), await db.TeamMembers.CountAsync(), await db.Products.CountAsync(), await db.ProductOwners.CountAsync(),
            await db.ProductStages.CountAsync(), await db.Actuals.CountAsync(), await db.Requests.CountAsync(), await db.MilestoneEvents.CountAsync(),
            await db.Awards.CountAsync(), await db.RatingCampaigns.CountAsync(), await db.RatingRaters.CountAsync(), await db.RatingResponses.CountAsync(),
            await db.Waivers.CountAsync(), await db.SchemeVersions.CountAsync(), await db.Users.CountAsync(), await db.Organisations.CountAsync(),
        };
        var periods = await db.Periods.OrderBy(p => p.Label).Select(p => p.Label + ":" + p.State).ToListAsync();
        var org = await db.Organisations.SingleAsync(o => o.Id == Organisation.DefaultId);
        return string.Join(",", counts) + " " + string.Join(",", periods) + " " + org.ProRata;
    }

    /// <summary>Runs every user of <paramref name="c"/>: the refused ones first, each leaving the database as it was; then the allowed ones, admin last.</summary>
    private static async Task CheckAsync(TestDb t, ServiceProvider services, Case c)
    {
        Assert.Equal(Everyone.Length, c.Expected.Length);
        foreach (var i in Enumerable.Range(0, Everyone.Length).OrderBy(i => c.Expected[i] == 'A').ThenByDescending(i => i))
        {
            var before = await FootprintAsync(t);
            var problems = await c.Action(new Run(t, services, Everyone[i]));
            Assert.True(c.Expected[i] == Letter(problems), $"{c.Name} for {Everyone[i].Actor}: expected {c.Expected[i]}, got {Letter(problems)} {string.Join("; ", problems)}");
            if (c.Expected[i] == 'A')
                continue;
            var refused = Assert.Single(problems);
            Assert.Contains(refused.Code, AccessCodes);
            Assert.True(before == await FootprintAsync(t), $"{c.Name} refused for {Everyone[i].Actor} wrote something");
        }
    }

    private Task<IReadOnlyList<Problem>> Import<T>(Run run, Func<YardstickDb, CurrentUser, InputFile, Task<Result<T>>> action, string name, string content) =>
        Built<T>((db, user) => action(db, user, Input.File(_files.Write(name, content))))(run);

    /// <summary>The use cases while the period is Collecting, with R2's answers for admin, finance, manager of x, x, rater of x, others.</summary>
    private Case[] Collecting() =>
    [
        new("import employees", "AFFFFF", r => Import(r, (db, u, f) => new ImportEmployees(db, u).RunAsync(f, null), "e.csv", Employees)),
        new("import salaries", "AFFFFF", r => Import(r, (db, u, f) => new ImportSalaries(db, u).RunAsync(f, null), "s.csv", "person,base_salary,effective_from\nx,30000,2026-01-01\n")),
        new("import teams", "AFFFFF", r => Import(r, (db, u, f) => new ImportTeams(db, u).RunAsync(f), "t.csv", "team,name,member,share\nt1,T1,x,1\n")),
        new("import products", "AFFFFF", r => Import(r, (db, u, f) => new ImportProducts(db, u).RunAsync(f), "p.csv", "product,name,owner,launch_date\np1,P1,x,2025-03-01\n")),
        new("import stages", "AFFFFF", r => Import(r, (db, u, f) => new ImportStages(db, u).RunAsync(f), "st.csv", "product,stage,from\np1,growth,2025-03-01\n")),
        new("import actuals", "AFFFFF", r => Import(r, (db, u, f) => new ImportActuals(db, u).RunAsync(f, Label), "a.csv", "person,indicator,value\nx,renewal_rate,0.9\n")),
        new("import requests", "AFFFFF", r => Import(r, (db, u, f) => new ImportRequests(db, u).RunAsync(f, Label), "rq.csv",
            "id,person,created_at,first_response_at,solution_at\nq1,x,2026-03-02 09:00,2026-03-02 10:00,2026-03-03 09:00\n")),
        new("import events", "AFFFFF", r => Import(r, (db, u, f) => new ImportEvents(db, u).RunAsync(f, Label), "ev.csv", "product,event,date\np1,pilot_launched,2026-02-14\n")),
        new("import awards", "AFFFFF", r => Import(r, (db, u, f) => new ImportAwards(db, u).RunAsync(f, Label), "aw.csv",
            "rule,person,amount,equity_units,nominated_by,approved_by\ninnovation_award,x,150000,,m,d\n")),
        new("import ratings", "AFFFFF", r => Import(r, (db, u, f) => new ImportRatings(db, u).RunAsync(f, Label), "ra.csv",
            $"campaign,ratee,rater,rater_group,question,score\n{Campaign},o,s1,sales,1,4\n")),
        new("waive", "AFFFFF", Built((db, u) => new WaiveIndicator(db, u).RunAsync(Label, "x", "csat", "on parental leave"))),
        new("remove a waiver", "AFFFFF", Built((db, u) => new RemoveWaiver(db, u).RunAsync(Label, "x", "csat", "back from leave"))),
        new("waive again", "AFFFFF", Built((db, u) => new WaiveIndicator(db, u).RunAsync(Label, "x", "csat", "on parental leave"))),
        new("create a campaign", "AFFFFF", Built((db, u) => new CreateCampaign(db, u).RunAsync(Label, "c2", "sales_support_rating"))),
        new("add raters", "AFFFFF", Built((db, u) => new AddRaters(db, u).RunAsync(Label, Campaign, "o", [("s2", "sales")]))),
        // a form is filled by its rater only; an admin enters any rater's answers; to anyone else the form is not found
        new("record the rater's response", "ANNNAN", Built((db, u) => new RecordResponse(db, u).RunAsync(Label, Campaign, "x", RaterEmail, [4m]))),
        new("close a campaign", "AFFFFF", Built((db, u) => new CloseCampaign(db, u).RunAsync(Label, "c2"))),
        // x's 360 result: admins and x's managers; x only from Published
        new("show x's ratings while Collecting", "ANANNN", Built((db, u) => new ShowRatings(db, u).RunAsync(Label, "x"))),
        new("configure the organisation", "AFFFFF", Built((db, u) => new ConfigureOrganisation(db, u).RunAsync(new OrganisationChange(ProRata: true)))),
        new("create an organisation", "AFFFFF", Built((db, u) => new CreateOrganisation(db, u).RunAsync("retail", "零售"))),
        new("add a user", "AFFFFF", Resolved(sp => sp.GetRequiredService<AddUser>().RunAsync("new@example.com", "o", [], null))),
        new("list users", "AFFFFF", Resolved(sp => sp.GetRequiredService<ListUsers>().RunAsync())),
        new("remove a user", "AFFFFF", Resolved(sp => sp.GetRequiredService<RemoveUser>().RunAsync("new@example.com"))),
        new("open a period", "AFFFFF", Built((db, u) => new OpenPeriod(db, u).RunAsync("2027", Template("industrial-value")))),
    ];

    private static Case Move(string name, Func<YardstickDb, CurrentUser, Task<Result<ReviewPeriod>>> move) => new(name, "AFFFFF", Built(move));

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task UseCases_EveryUserOfR2_AllowedForbiddenOrNotFoundAndRefusedWriteNothing(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var services = t.Services();
        await using (var db = t.Open())
        {
            Assert.True((await new OpenPeriod(db).RunAsync(Label, Template("industrial-value"))).IsSuccess);
            Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e0.csv", Employees)), null)).IsSuccess);
            Assert.True((await new CreateCampaign(db).RunAsync(Label, Campaign, "sales_support_rating")).IsSuccess);
            Assert.True((await new AddRaters(db).RunAsync(Label, Campaign, "x", [(RaterEmail, "sales")])).IsSuccess);
        }

        foreach (var c in Collecting())
            await CheckAsync(t, services, c);

        // a rater's submitted form is final; another rater's form, and one that does not exist, are not found alike
        var before = await FootprintAsync(t);
        var again = await Built((db, u) => new RecordResponse(db, u).RunAsync(Label, Campaign, "x", RaterEmail, [5m]))(new Run(t, services, Rater));
        var others = await Built((db, u) => new RecordResponse(db, u).RunAsync(Label, Campaign, "o", "s2", [5m]))(new Run(t, services, Rater));
        var ghost = await Built((db, u) => new RecordResponse(db, u).RunAsync(Label, Campaign, "o", "ghost", [5m]))(new Run(t, services, Rater));
        Assert.Equal((ProblemKind.Conflict, "form.submitted"), (Assert.Single(again).Kind, again[0].Code));
        Assert.Equal("rater: fill a rater form ('s2' on 'o' in campaign 'c360' of 2026): not found, or not visible to you", Assert.Single(others).ToString());
        Assert.Equal("rater: fill a rater form ('ghost' on 'o' in campaign 'c360' of 2026): not found, or not visible to you", Assert.Single(ghost).ToString());
        Assert.Equal(before, await FootprintAsync(t));

        // every other missing actual waived, so that the period can be approved
        await using (var db = t.Open())
        {
            Assert.True((await new ImportActuals(db).RunAsync(Input.File(_files.Write("a2.csv", "person,indicator,value\nm,renewal_rate,0.9\no,renewal_rate,0.8\n")), Label, "others")).IsSuccess);
            var run = await new RunCalculation(db).RunAsync(Label);
            Assert.True(run.IsSuccess, string.Join("\n", run.Problems));
            foreach (var missing in await ApprovePeriod.UnwaivedMissingAsync(db, await db.Periods.SingleAsync(p => p.Label == Label), default))
            {
                var waived = await new WaiveIndicator(db).RunAsync(Label, missing.Split('/')[0], missing.Split('/')[1], "not measured this year");
                Assert.True(waived.IsSuccess, string.Join("\n", waived.Problems));
            }

            // the waivers made the run stale (R6): calculated again, so that it can be reviewed
            Assert.True((await new RunCalculation(db).RunAsync(Label)).IsSuccess);
        }

        await CheckAsync(t, services, Move("move to review", (db, u) => new StartReview(db, u).RunAsync(Label)));
        await CheckAsync(t, services, Move("reopen", (db, u) => new ReopenPeriod(db, u).RunAsync(Label, "a late correction")));
        await using (var db = t.Open())
        {
            Assert.True((await new CloseCampaign(db).RunAsync(Label, Campaign)).IsSuccess);
            var run = await new RunCalculation(db).RunAsync(Label);
            Assert.True(run.IsSuccess, string.Join("\n", run.Problems));
            Assert.True((await new StartReview(db).RunAsync(Label)).IsSuccess);
        }

        // nobody approves a period in which they are evaluated, admin or not: x has a scorecard in the current run
        before = await FootprintAsync(t);
        var ownRecord = await Built((db, u) => new ApprovePeriod(db, u).RunAsync(Label))(new Run(t, services, User("hr_x", "hr.x@example.com", "x", Role.Admin)));
        Assert.Equal((ProblemKind.Forbidden, "access.own_record"), (Assert.Single(ownRecord).Kind, ownRecord[0].Code));
        Assert.Equal(before, await FootprintAsync(t));

        await CheckAsync(t, services, Move("approve", (db, u) => new ApprovePeriod(db, u).RunAsync(Label)));
        await CheckAsync(t, services, Move("publish", (db, u) => new PublishPeriod(db, u).RunAsync(Label)));
        await CheckAsync(t, services, new Case("show x's ratings once Published", "ANAANN", Built((db, u) => new ShowRatings(db, u).RunAsync(Label, "x"))));
        await CheckAsync(t, services, Move("lock", (db, u) => new LockPeriod(db, u).RunAsync(Label)));

        await using var check = t.Open();
        Assert.Equal(PeriodState.Locked, (await check.Periods.SingleAsync(p => p.Label == Label)).State);
        // the admin's runs are audited under the admin's name
        Assert.Contains(await check.Audit.Where(a => a.Entity == nameof(ReviewPeriod)).Select(a => a.Actor).ToListAsync(), a => a == "hr");
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AddYardstick_SessionUser_IsTheUserTheUseCaseRunsFor(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using (var db = t.Open())
            Assert.True((await new OpenPeriod(db).RunAsync(Label, Template("industrial-value"))).IsSuccess);
        await using var services = t.Services();
        var employees = _files.Write("e.csv", Employees);
        var before = await FootprintAsync(t);

        Result<ImportSummary> refused;
        await using (var scope = TestDb.Scope(services, Finance))
            refused = await scope.ServiceProvider.GetRequiredService<ImportEmployees>().RunAsync(Input.File(employees), null);

        var problem = Assert.Single(refused.Problems);
        Assert.Equal((ProblemKind.Forbidden, "access.forbidden", "administer"), (problem.Kind, problem.Code, problem.Arg));
        Assert.Equal("administer: administer (imports, calc, waivers, schemes, settings, users): you may not; allowed to admins", problem.ToString());
        Assert.Equal(before, await FootprintAsync(t));
        await using (var db = t.Open())
            Assert.Equal((0, 0), (await db.Imports.CountAsync(), await db.Audit.CountAsync(a => a.Entity == nameof(ImportRecord))));

        Result<ImportSummary> done;
        await using (var scope = TestDb.Scope(services, Admin))
            done = await scope.ServiceProvider.GetRequiredService<ImportEmployees>().RunAsync(Input.File(employees), null);

        Assert.True(done.IsSuccess, string.Join("\n", done.Problems));
        Assert.Equal(("hr", 4), (done.Value.Import.Author, done.Value.Rows));
        // the 360 result of x through the container: x's manager sees it, a user of no relation finds nothing
        await using (var db = t.Open())
        {
            Assert.True((await new CreateCampaign(db).RunAsync(Label, Campaign, "sales_support_rating")).IsSuccess);
            Assert.True((await new AddRaters(db).RunAsync(Label, Campaign, "x", [(RaterEmail, "sales")])).IsSuccess);
        }

        await using (var scope = TestDb.Scope(services, Manager))
            Assert.Equal([(Campaign, false)], (await scope.ServiceProvider.GetRequiredService<ShowRatings>().RunAsync(Label, "x")).Value.Select(v => (v.Campaign, v.Closed)));
        await using (var scope = TestDb.Scope(services, Other))
            Assert.Equal("x: view the 360 result 'x' in 2026: not found, or not visible to you", Assert.Single((await scope.ServiceProvider.GetRequiredService<ShowRatings>().RunAsync(Label, "x")).Problems).ToString());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task UseCase_WithoutUser_RunsAsSystemAdminOfTheContextsOrganisation(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open("ops");

        var imported = await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", Employees)), null);
        var industrial = await new CreateOrganisation(db).RunAsync("industrial", "工业互联网");

        Assert.True(imported.IsSuccess && industrial.IsSuccess, string.Join("\n", imported.Problems.Concat(industrial.Problems)));
        Assert.Equal("ops", imported.Value.Import.Author);
        var access = new UserAccess(db, null);
        var system = await access.UserAsync();
        Assert.Equal((Organisation.DefaultId, Organisation.DefaultCode, "ops", true, true), (system.OrganisationId, system.Organisation, system.Actor, system.IsSystem, system.IsAdmin));
        Assert.Null(await access.CheckAsync(AccessAction.Approve));
        // a user of another organisation never acts on this context's records
        var elsewhere = CurrentUser.System(industrial.Value.Id, industrial.Value.Code, "ind_admin");
        Assert.Throws<ArgumentException>(() => new ImportActuals(db, elsewhere));
    }
}
