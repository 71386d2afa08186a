using System.Text.Json;
using Yardstick.App.Access;
using Yardstick.App.Calculation;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.App.Requests;
using Yardstick.Core.Common;
using Yardstick.Core.Requests;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;

namespace Yardstick.App.Tests.Requests;

/// <summary>
/// The request log of 2026-10 under T3 (24 h / 72 h, Asia/Shanghai): li_na's A1 answered at 23 h and solved at 48 h (on time),
/// A2 answered at 25 h (late response), A3 neither answered nor solved (open, counted late), A0 due in September (not in the
/// log); wang_fang's A4 and zhang_wei's A5 on time. li_ming manages li_na and wang_fang.
/// </summary>
public sealed class RequestLogTests : IDisposable
{
    private const string Employees = "person,name,manager,role,team\nli_ming,李明,,manager,\nli_na,李娜,li_ming,pm,mes\nwang_fang,王芳,li_ming,pm,mes\nzhang_wei,张伟,,pm,erp\n";

    private const string Log = """
        id,person,created_at,first_response_at,solution_at,from
        A0,li_na,2026-09-20 09:00,2026-09-20 10:00,2026-09-21 09:00,sales
        A1,li_na,2026-10-05 09:00,2026-10-06 08:00,2026-10-07 09:00,sales
        A2,li_na,2026-10-06 09:00,2026-10-07 10:00,2026-10-09 09:00,customer_success
        A3,li_na,2026-10-07 09:00,,,sales
        A4,wang_fang,2026-10-08 09:00,2026-10-08 10:00,2026-10-09 09:00,
        A5,zhang_wei,2026-10-08 09:00,2026-10-08 10:00,2026-10-09 09:00,sales
        """;

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private async Task<TestDb> SeedAsync(string provider)
    {
        var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        Assert.True((await new OpenPeriod(db).RunAsync("2026-10", SchemeJson.Write(TemplateCatalog.Find("saas-team-individual").Value.Document))).IsSuccess);
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", Employees)), null)).IsSuccess);
        var imported = await new ImportRequests(db).RunAsync(Input.File(_files.Write("r.csv", Log.Replace("        ", "", StringComparison.Ordinal))), "2026-10");
        Assert.True(imported.IsSuccess, string.Join("\n", imported.Problems));
        var run = await new RunCalculation(db).RunAsync("2026-10");
        Assert.True(run.IsSuccess, string.Join("\n", run.Problems));
        return t;
    }

    private static CurrentUser User(string? employee, params Role[] roles) => new(1, "default", employee ?? "finance", null, null, employee, roles.ToHashSet(), false);

    private static string Verdicts(RequestLogView v) => string.Join(" ", v.Rows.Select(r => $"{r.Id}:{r.Response}/{r.Solution}/{(r.OnTime ? "ok" : "late")}"));

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_Admin_EachRequestsVerdictsAndHoursUnderTheLimits(string provider)
    {
        await using var t = await SeedAsync(provider);
        await using var db = t.Open();

        var log = await new RequestLog(db).RunAsync("2026-10");

        Assert.True(log.IsSuccess, string.Join("\n", log.Problems));
        var v = log.Value;
        Assert.Equal((24, 72, "Asia/Shanghai", 5), (v.ResponseLimitHours, v.SolutionLimitHours, v.TimeZone, v.Total));
        Assert.Equal("A1:OnTime/OnTime/ok A2:Late/OnTime/late A3:Open/Open/late A4:OnTime/OnTime/ok A5:OnTime/OnTime/ok", Verdicts(v));
        var (a1, a2, a3) = (v.Rows[0], v.Rows[1], v.Rows[2]);
        Assert.Equal((23m, 48m, "sales", "李娜"), (a1.ResponseHours, a1.SolutionHours, a1.Department, a1.Name));
        Assert.Equal((25m, 72m, "customer_success"), (a2.ResponseHours, a2.SolutionHours, a2.Department));
        Assert.Equal(((decimal?)null, (decimal?)null), (a3.ResponseHours, a3.SolutionHours));
        // A3's deadline: 72 h after 2026-10-07 09:00 in Shanghai
        Assert.Equal(new DateTimeOffset(2026, 10, 10, 1, 0, 0, TimeSpan.Zero), a3.Deadline);
        Assert.Null(v.Rows[3].Department);
        Assert.Equal(["li_na 1/3", "wang_fang 1/1", "zhang_wei 1/1"], v.People.Select(p => $"{p.Person} {p.OnTime}/{p.Counted}"));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_PersonRate_EqualsTheScorecardsRequestIndicator(string provider)
    {
        await using var t = await SeedAsync(provider);
        await using var db = t.Open();

        var people = (await new RequestLog(db).RunAsync("2026-10")).Value.People;

        foreach (var person in people)
        {
            using var card = JsonDocument.Parse(await Stored.ResultAsync(db, "2026-10", person.Person));
            var actual = card.RootElement.GetProperty("indicators").GetProperty("request_response_rate").GetProperty("actual").GetDecimal();
            Assert.Equal(actual, person.Rate);
        }

        Assert.Equal(1m / 3m, people[0].Rate);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_FiltersAndPages_KeepTheirRowsAndRatesFollowOnlyThePerson(string provider)
    {
        await using var t = await SeedAsync(provider);
        await using var db = t.Open();
        var log = new RequestLog(db);

        var open = (await log.RunAsync("2026-10", verdict: "open")).Value;
        var late = (await log.RunAsync("2026-10", verdict: "late")).Value;
        var onTime = (await log.RunAsync("2026-10", verdict: "on_time")).Value;
        var wang = (await log.RunAsync("2026-10", person: "wang_fang")).Value;
        var first = (await log.RunAsync("2026-10", limit: 2)).Value;
        var second = (await log.RunAsync("2026-10", limit: 2, after: first.Next)).Value;
        var last = (await log.RunAsync("2026-10", limit: 2, after: second.Next)).Value;
        var bad = await log.RunAsync("2026-10", verdict: "soon");

        Assert.Equal(["A3"], open.Rows.Select(r => r.Id));
        Assert.Equal(["A2"], late.Rows.Select(r => r.Id));
        Assert.Equal(["A1", "A4", "A5"], onTime.Rows.Select(r => r.Id));
        Assert.Equal(3, open.People.Count); // the rates are not filtered by the verdict
        Assert.Equal(["A4"], wang.Rows.Select(r => r.Id));
        Assert.Equal("wang_fang", Assert.Single(wang.People).Person);
        Assert.Equal(["li_na", "wang_fang", "zhang_wei"], wang.Persons);
        Assert.Equal("A1 A2 → A2 | A3 A4 → A4 | A5 → ", string.Join(" | ", new[] { first, second, last }.Select(p => $"{string.Join(" ", p.Rows.Select(r => r.Id))} → {p.Next}")));
        Assert.Equal(("verdict", ProblemKind.Invalid), (bad.Problems.Single().Where.Field, bad.Problems.Single().Kind));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_R2_ManagerSeesReportsPmOwnFromPublishedOthersNotFound(string provider)
    {
        await using var t = await SeedAsync(provider);
        var manager = User("li_ming");
        var pm = User("li_na");

        await using (var db = t.Open())
        {
            var reports = (await new RequestLog(db, manager).RunAsync("2026-10")).Value;
            Assert.Equal(["A1", "A2", "A3", "A4"], reports.Rows.Select(r => r.Id));
            Assert.Equal(["li_na", "wang_fang"], reports.Persons);
            Assert.Equal(ProblemKind.NotFound, (await new RequestLog(db, manager).RunAsync("2026-10", person: "zhang_wei")).Problems.Single().Kind);
            Assert.Equal(ProblemKind.NotFound, (await new RequestLog(db, pm).RunAsync("2026-10")).Problems.Single().Kind); // Calculated: not yet
            Assert.Equal(ProblemKind.NotFound, (await new RequestLog(db, User(null, Role.Finance)).RunAsync("2026-10")).Problems.Single().Kind);
            // the other indicators of T3, so that the period can be approved (review.md R6)
            var values = "team_goal_attainment,0.9\ncollaboration_rating,4\nrelease_plan_completion,0.9\npost_release_resolution,0.9\nfollowup_time_cut,0.2\npaid_conversion_lift,0.1\nadopted_suggestions,3\ninnovation_revenue_share,0.1\n";
            var actuals = string.Concat(new[] { "li_na", "wang_fang", "zhang_wei" }.SelectMany(p => values.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(v => $"{p},{v}\n")));
            var imported = await new ImportActuals(db).RunAsync(Input.File(_files.Write("a.csv", "person,indicator,value\n" + actuals)), "2026-10");
            Assert.True(imported.IsSuccess, string.Join("\n", imported.Problems));
            Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
            var review = await new StartReview(db).RunAsync("2026-10");
            Assert.True(review.IsSuccess, string.Join("\n", review.Problems));
        }

        var approved = await t.ApproveAsync("2026-10");
        Assert.True(approved.IsSuccess, string.Join("\n", approved.Problems));
        await using (var db = t.Open())
        {
            Assert.True((await new PublishPeriod(db).RunAsync("2026-10")).IsSuccess);
            var own = (await new RequestLog(db, pm).RunAsync("2026-10")).Value;
            Assert.Equal(["A1", "A2", "A3"], own.Rows.Select(r => r.Id));
            Assert.Equal("li_na 1/3", $"{Assert.Single(own.People).Person} {own.People[0].OnTime}/{own.People[0].Counted}");
            Assert.Equal(ProblemKind.NotFound, (await new RequestLog(db, pm).RunAsync("2026-10", person: "wang_fang")).Problems.Single().Kind);
        }
    }
}
