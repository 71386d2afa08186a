using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Calculation;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.App.Ratings;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;
using Yardstick.Data;

namespace Yardstick.App.Tests.Access;

/// <summary>The Authorizer's relations from real data (manager chain, re-imported managers, a cycle, raters, own record), on SQLite and PostgreSQL.</summary>
public sealed class AuthorizerTests : IDisposable
{
    // d → f → x at first (f is x's manager); d is not a pm, so not evaluated; a ↔ b is a cycle and z reports into it
    private const string Employees = "person,name,manager,role\nd,D,,director\nm,M,d,pm\nf,F,d,pm\nx,X,f,pm\ny,Y,d,pm\na,A,b,pm\nb,B,a,pm\nz,Z,a,pm\n";

    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static CurrentUser User(string? employee, string? email = null, params Role[] roles) =>
        new(1, "default", employee ?? email ?? "user", "u-" + (employee ?? email), email, employee, new HashSet<Role>(roles), false);

    private async Task<ReviewPeriod> SeedAsync(YardstickDb db)
    {
        var opened = await new OpenPeriod(db).RunAsync("2026-10", SchemeJson.Write(TemplateCatalog.Find("saas-team-individual").Value.Document));
        Assert.True(opened.IsSuccess, string.Join("\n", opened.Problems));
        var imported = await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", Employees)), null);
        Assert.True(imported.IsSuccess, string.Join("\n", imported.Problems));
        return opened.Value;
    }

    private static async Task<char> LetterAsync(Authorizer authorizer, CurrentUser user, AccessAction action, string? person, ReviewPeriod? period)
    {
        return Outcome.Letter(await authorizer.DecideAsync(user, action, person, period).WaitAsync(Hang));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task DecideAsync_ManagerChainAndReimport_FormerManagerNoLongerSees(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        var period = await SeedAsync(db);
        var auth = new Authorizer(db);
        var (d, m, f, x, y) = (User("d"), User("m"), User("f"), User("x"), User("y"));

        // Collecting: x's managers (f directly, d indirectly) see x's scorecard; m and y do not; x not yet
        Assert.Equal("AANNN", new string([
            await LetterAsync(auth, f, AccessAction.ViewScorecard, "x", period),
            await LetterAsync(auth, d, AccessAction.ViewScorecard, "x", period),
            await LetterAsync(auth, m, AccessAction.ViewScorecard, "x", period),
            await LetterAsync(auth, y, AccessAction.ViewScorecard, "x", period),
            await LetterAsync(auth, x, AccessAction.ViewScorecard, "x", period)]));
        Assert.Equal(AccessRelation.Manager, await auth.RelationsAsync(d, "x"));
        Assert.Equal(AccessRelation.Self, await auth.RelationsAsync(x, "x"));
        Assert.Equal(["f", "m", "x", "y"], await auth.ReportsAsync(d));
        Assert.Equal(["x"], await auth.ReportsAsync(f));

        // x now reports to m: the former manager f sees nothing of x, m does, d still does (d → m → x)
        var moved = await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e2.csv", "person,name,manager\nx,X,m\n")), null);
        Assert.True(moved.IsSuccess, string.Join("\n", moved.Problems));

        Assert.Equal("NAA", new string([
            await LetterAsync(auth, f, AccessAction.ViewScorecard, "x", period),
            await LetterAsync(auth, m, AccessAction.ViewScorecard, "x", period),
            await LetterAsync(auth, d, AccessAction.ViewScorecard, "x", period)]));
        Assert.Equal(AccessRelation.None, await auth.RelationsAsync(f, "x"));
        Assert.Equal("access.not_found", (await auth.CheckAsync(f, AccessAction.ViewRatingResult, "x", period))!.Code);
        Assert.Equal("view the 360 result 'x' in 2026-10: not found, or not visible to you", (await auth.CheckAsync(f, AccessAction.ViewRatingResult, "x", period))!.Text(Language.En));
        Assert.Empty(await auth.ReportsAsync(f));
        var fSees = await auth.PeopleAsync(f, AccessAction.ViewScorecard, period);
        var mSees = await auth.PeopleAsync(m, AccessAction.ViewScorecard, period);
        Assert.Equal((false, 0), (fSees.Everyone, fSees.People.Count));
        Assert.False(mSees.Everyone);
        Assert.Equal(["x"], mSees.People);
        Assert.False(mSees.Contains("f"));
        // the manager may enter x's manual indicators while Collecting; adjusting waits for review
        Assert.Equal('A', await LetterAsync(auth, m, AccessAction.EnterManualActuals, "x", period));
        Assert.Equal("adjust the scorecard 'x' in 2026-10: only while the period is InReview; it is Collecting", (await auth.CheckAsync(m, AccessAction.Adjust, "x", period))!.Text(Language.En));
        Assert.Equal('N', await LetterAsync(auth, f, AccessAction.Adjust, "x", period));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task DecideAsync_CycleInManagers_EndsAndAnswers(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        var period = await SeedAsync(db);
        var auth = new Authorizer(db);

        // a ↔ b: each manages the other; z → a → b → a …: a and b manage z, y (outside the cycle) manages nobody there
        Assert.Equal("AAANNA", new string([
            await LetterAsync(auth, User("b"), AccessAction.ViewScorecard, "a", period),
            await LetterAsync(auth, User("a"), AccessAction.ViewScorecard, "b", period),
            await LetterAsync(auth, User("b"), AccessAction.ViewScorecard, "z", period),
            await LetterAsync(auth, User("y"), AccessAction.ViewScorecard, "z", period),
            await LetterAsync(auth, User("y"), AccessAction.ViewScorecard, "a", period),
            await LetterAsync(auth, User("a"), AccessAction.ViewScorecard, "z", period)]));
        // the cycle does not make a their own manager: a is self only, and still may not enter their own manual indicators
        Assert.Equal(AccessRelation.Self, await auth.RelationsAsync(User("a"), "a").WaitAsync(Hang));
        Assert.Equal('N', await LetterAsync(auth, User("a"), AccessAction.EnterManualActuals, "a", period));
        Assert.Equal(["b", "z"], await auth.ReportsAsync(User("a")).WaitAsync(Hang));
        Assert.Equal(["a", "z"], await auth.ReportsAsync(User("b")).WaitAsync(Hang));
        var people = await auth.PeopleAsync(User("b"), AccessAction.ViewScorecard, period).WaitAsync(Hang);
        Assert.Equal(["a", "z"], people.People.Order(StringComparer.Ordinal));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task DecideFormAsync_RaterInCampaign_OnlyOwnForms(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        var period = await SeedAsync(db);
        Assert.True((await new CreateCampaign(db).RunAsync("2026-10", "oct-360", "collaboration_rating")).IsSuccess);
        var forX = await new AddRaters(db).RunAsync("2026-10", "oct-360", "x", [("rater1@example.com", "sales"), ("y", "rd")]);
        var forM = await new AddRaters(db).RunAsync("2026-10", "oct-360", "m", [("y", "sales")]);
        Assert.True(forX.IsSuccess && forM.IsSuccess, string.Join("\n", forX.Problems.Concat(forM.Problems)));
        var outsiderForm = forX.Value[0].Id;
        var yForms = new[] { forX.Value[1].Id, forM.Value[0].Id };
        var auth = new Authorizer(db);
        // an outside rater: a user linked to no employee, named in the campaign by email (in another case)
        var outsider = User(null, "Rater1@Example.com");
        var y = User("y");
        var admin = User(null, "hr@example.com", Role.Admin);

        Assert.Equal([outsiderForm], (await auth.FormsAsync(outsider)).Select(r => r.Id));
        Assert.Equal(yForms.Order(), (await auth.FormsAsync(y, period.Id)).Select(r => r.Id).Order());
        Assert.Empty(await auth.FormsAsync(admin));
        Assert.Empty(await auth.FormsAsync(User("x")));
        Assert.Empty(await auth.FormsAsync(y, period.Id + 1));

        Assert.Null(await auth.CheckFormAsync(outsider, AccessAction.FillRaterForm, outsiderForm));
        Assert.Null(await auth.CheckFormAsync(y, AccessAction.ViewRaterForm, yForms[1]));
        var others = new[]
        {
            await auth.CheckFormAsync(outsider, AccessAction.ViewRaterForm, yForms[0]),
            await auth.CheckFormAsync(y, AccessAction.FillRaterForm, outsiderForm),
            await auth.CheckFormAsync(admin, AccessAction.ViewRaterForm, outsiderForm),
            await auth.CheckFormAsync(User("x"), AccessAction.ViewRaterForm, outsiderForm),
            await auth.CheckFormAsync(User("f"), AccessAction.ViewRaterForm, outsiderForm),
            await auth.CheckFormAsync(admin, AccessAction.ViewRaterForm, 999_999),
        };
        Assert.All(others, p => Assert.Equal(ProblemKind.NotFound, p!.Kind));
        Assert.Equal($"view a rater form '{yForms[0]}' in 2026-10: not found, or not visible to you", others[0]!.Text(Language.En));
        Assert.Equal("view a rater form '999999': not found, or not visible to you", others[5]!.Text(Language.En));
        // a rater sees nothing of the person they rate
        Assert.Equal('N', await LetterAsync(auth, User("y"), AccessAction.ViewRatingResult, "x", period));
        await Assert.ThrowsAsync<ArgumentException>(() => auth.CheckAsync(y, AccessAction.FillRaterForm, "x", period));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task DecideAsync_AdminEvaluatedInPeriod_ApproveForbidden(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        await SeedAsync(db);
        var calc = await new RunCalculation(db).RunAsync("2026-10");
        Assert.True(calc.IsSuccess, string.Join("\n", calc.Problems));
        var period = await db.Periods.SingleAsync(p => p.Label == "2026-10");
        Assert.Equal(PeriodState.Calculated, period.State);
        var auth = new Authorizer(db);
        var adminX = User("x", null, Role.Admin);
        var adminD = User("d", null, Role.Admin);

        var approve = await auth.CheckAsync(adminX, AccessAction.Approve, null, period);

        Assert.Equal((ProblemKind.Forbidden, "access.own_record"), (approve!.Kind, approve.Code));
        Assert.Equal("approve the period in 2026-10: nobody may do this on their own record, whatever roles they hold", approve.Text(Language.En));
        // d (a director, not evaluated) may approve; both may publish, the system user may do all
        Assert.Null(await auth.CheckAsync(adminD, AccessAction.Approve, null, period));
        Assert.Null(await auth.CheckAsync(adminX, AccessAction.Publish, null, period));
        Assert.Null(await auth.CheckAsync(CurrentUser.System(1, "default", "ops"), AccessAction.Approve, null, period));
        Assert.Equal(ProblemKind.Forbidden, (await auth.CheckAsync(User("x", null, Role.Finance), AccessAction.Approve, null, period))!.Kind);
        // the admin who is x may not calibrate or enter x's own record, may calibrate others, sees everyone else's
        Assert.Equal("access.own_record", (await auth.CheckAsync(adminX, AccessAction.Calibrate, "x", period))!.Code);
        Assert.Null(await auth.CheckAsync(adminX, AccessAction.Calibrate, "m", period));
        // the calibration view (no person) shows everyone: a manager sees nothing of it
        Assert.Equal('N', await LetterAsync(auth, User("f"), AccessAction.Calibrate, null, period));
        Assert.Equal('A', await LetterAsync(auth, adminX, AccessAction.Calibrate, null, period));
        var manual = await auth.PeopleAsync(adminX, AccessAction.EnterManualActuals, period);
        Assert.Equal((true, true, false, true), (manual.Everyone, manual.Contains("m"), manual.Contains("x"), manual.Contains("someone_new")));
        var pay = await auth.PeopleAsync(User(null, "fin@example.com", Role.Finance), AccessAction.ViewPay, period);
        Assert.Equal((false, 0), (pay.Everyone, pay.People.Count));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task PeopleAsync_PreliminaryToSelf_OwnScorecardFromCalculatedMarked(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        await SeedAsync(db);
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
        var period = await db.Periods.SingleAsync(p => p.Label == "2026-10");
        var x = User("x");

        var off = await new Authorizer(db).PeopleAsync(x, AccessAction.ViewScorecard, period);
        var on = await new Authorizer(db, new AccessSettings(PreliminaryToSelf: true)).PeopleAsync(x, AccessAction.ViewScorecard, period);
        var decision = await new Authorizer(db, new AccessSettings(PreliminaryToSelf: true)).DecideAsync(x, AccessAction.ViewScorecard, "x", period);
        var payOn = await new Authorizer(db, new AccessSettings(ManagersSeePay: true)).PeopleAsync(User("f"), AccessAction.ViewPay, period);

        Assert.Equal((false, 0), (off.Everyone, off.People.Count));
        Assert.Equal((false, true), (on.Everyone, on.IsPreliminary("x")));
        Assert.Equal(["x"], on.People);
        Assert.Equal((true, true), (decision.IsAllowed, decision.Preliminary));
        Assert.Equal(["x"], payOn.People);
        Assert.Equal(ProblemKind.NotFound, (await new Authorizer(db).CheckAsync(User("f"), AccessAction.ViewPay, "x", period))!.Kind);
    }
}
