using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yardstick.Data;

using static Yardstick.Cli.Tests.CliAssert;

namespace Yardstick.Cli.Tests;

/// <summary>
/// Organisations and users through the CLI (review.md R1), on SQLite and PostgreSQL: two organisations in one database
/// with the same employee ids and period label never see each other's data through any command.
/// </summary>
public sealed class OrganisationCommandTests : IDisposable
{
    private const string Password = "CorrectHorse42Battery";
    private const string E1Line = "zhang_wei,100.77,A,true,0,20760.38,CNY,0";
    private const string CsvHeader = "person,total,grade,complete,missing,pay,currency,provisional";

    private readonly CliHarness _h = new();

    public void Dispose() => _h.Dispose();

    private const string ReviewDefaults = "review: points adjustments at most 10.00; preliminary to self: off; managers see pay: off; calibration groups of at least 10; distribution: none";

    private static CliRun Run(CliDb db, params string[] args) => CliHarness.Run([.. args, "--db", db.Argument]);

    private static CliRun In(CliDb db, string org, params string[] args) => Run(db, [.. args, "--org", org]);

    /// <summary>
    /// Organisation industrial beside default, each with period 2026-10 on industrial-value, employee zhang_wei (张伟 in
    /// default, 张卫 in industrial, on 30,000 and 40,000 a month) and E1's actuals; li_na only in default, wang_fang only in
    /// industrial; both calculated.
    /// </summary>
    private void SeedTwo(CliDb db)
    {
        Assert.Equal(0, Run(db, "db", "migrate").Code);
        Ok(Run(db, "org", "create", "industrial", "--name", "工业互联网", "--name-en", "Industrial internet"),
            "organisation industrial (工业互联网, Industrial internet): created; act in it with --org industrial");
        var actuals = _h.Write("e1.csv", CliHarness.E1Actuals);
        foreach (var (org, employees, salary) in new[]
        {
            ("default", "person,name,manager,role\nzhang_wei,张伟,,pm\nli_na,李娜,zhang_wei,manager\n", "30000"),
            ("industrial", "person,name,manager,role\nzhang_wei,张卫,,pm\nwang_fang,王芳,,pm\n", "40000"),
        })
        {
            Ok(In(db, org, "period", "open", "2026-10", "--template", "industrial-value"), "period 2026-10: Collecting");
            Assert.StartsWith("imported 2 employees row(s)", In(db, org, "import", "employees", _h.Write($"e-{org}.csv", employees)).Out);
            Assert.StartsWith("imported 1 salaries row(s)", In(db, org, "import", "salaries", _h.Write($"s-{org}.csv", $"person,base_salary,effective_from\nzhang_wei,{salary},2026-01-01\n")).Out);
            Assert.StartsWith("imported 11 actuals row(s)", In(db, org, "import", "actuals", actuals, "--period", "2026-10").Out);
        }

        Assert.StartsWith("run 1 of 2026-10: 1 scorecard(s), 1 payout line(s), 0 incomplete;", In(db, "default", "calc", "--period", "2026-10").Out);
        Assert.StartsWith("run 1 of 2026-10: 2 scorecard(s), 1 payout line(s), 1 incomplete;", In(db, "industrial", "calc", "--period", "2026-10").Out);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TwoOrganisations_EveryCommandSeesOnlyItsOwnData(string provider)
    {
        await using var db = await CliDb.CreateAsync(provider);
        SeedTwo(db);

        // results: the same person and period, each organisation's own salary and people
        Ok(In(db, "default", "results", "--period", "2026-10", "--format", "csv"), $"{CsvHeader}\n{E1Line}");
        var industrial = In(db, "industrial", "results", "--period", "2026-10", "--format", "csv").Out.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal(CsvHeader, industrial[0]);
        Assert.StartsWith("wang_fang,0", industrial[1], StringComparison.Ordinal);
        Assert.EndsWith(",D,false,11,0.00,,0", industrial[1], StringComparison.Ordinal);
        Assert.Equal("zhang_wei,100.77,A,true,0,27680.51,CNY,0", industrial[2]);
        Assert.Equal(3, industrial.Length);

        // waive: a person of the other organisation is not an employee here; a waiver changes only its organisation's next run
        Refused(In(db, "default", "waive", "wang_fang", "csat", "--period", "2026-10", "--reason", "on leave"), "PERSON: 'wang_fang' is not an employee; import employees first (yardstick import employees FILE)");
        Ok(In(db, "industrial", "waive", "zhang_wei", "csat", "--period", "2026-10", "--reason", "survey not run"), "waived csat of zhang_wei in 2026-10: survey not run (run calc again to apply it)");
        Assert.StartsWith("run 2 of 2026-10:", In(db, "industrial", "calc", "--period", "2026-10").Out);
        Assert.DoesNotContain("zhang_wei,100.77,", In(db, "industrial", "results", "--period", "2026-10", "--format", "csv").Out, StringComparison.Ordinal);
        Ok(In(db, "default", "results", "--period", "2026-10", "--format", "csv"), $"{CsvHeader}\n{E1Line}");
        Assert.Contains("\"waived\":[]", In(db, "default", "results", "--period", "2026-10", "--format", "json").Out.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // organisation imports: a product of default is unknown to industrial's period imports
        Assert.StartsWith("imported 1 products row(s)", In(db, "default", "import", "products", _h.Write("p.csv", "product,name,owner,launch_date\nmes_platform,MES,zhang_wei,2024-01-01\n")).Out);
        var events = _h.Write("ev.csv", "product,event,date\nmes_platform,demand_validated,2026-10-20\n");
        Refused(In(db, "industrial", "import", "events", events, "--period", "2026-10"), $"{events}:2:1: unknown product 'mes_platform'; import products first (yardstick import products FILE)");

        // ratings: a campaign (named where the campaign is expected) of default does not exist in industrial
        Ok(In(db, "default", "ratings", "create", "oct-360", "--indicator", "sales_support_rating", "--period", "2026-10"), "campaign oct-360 of 2026-10 for sales_support_rating: open");
        Refused(In(db, "industrial", "ratings", "close", "oct-360", "--period", "2026-10"),
            "oct-360: there is no campaign 'oct-360' in 2026-10; campaigns: none (yardstick ratings create NAME --indicator CODE --period 2026-10)");

        // period moves: one organisation's period moves alone
        Ok(In(db, "industrial", "period", "review", "2026-10"), "period 2026-10: InReview");
        Refused(In(db, "default", "period", "approve", "2026-10"), "2026-10: cannot approve: the period is Calculated; allowed from Calculated: calc, review, reopen");
        Refused(In(db, "industrial", "calc", "--period", "2026-10"), "2026-10: cannot calc: the period is InReview; allowed from InReview: approve, reopen");
        Assert.StartsWith("run 2 of 2026-10:", In(db, "default", "calc", "--period", "2026-10").Out);

        // ratings: the campaign of default
        Assert.True(In(db, "default", "import", "ratings", _h.Write("r.csv", "campaign,ratee,rater,rater_group,question,score\noct-360,zhang_wei,li_na,sales,1,4\n"), "--period", "2026-10").Code == 0);
        Ok(In(db, "default", "ratings", "show", "zhang_wei", "--period", "2026-10"), "oct-360 (sales_support_rating): open, 1 rater(s)\n  results are shown once the campaign is closed");
        Refused(In(db, "industrial", "ratings", "show", "zhang_wei", "--period", "2026-10"), "PERSON: 'zhang_wei' is not a ratee of any campaign in 2026-10");

        // settings: org set changes the organisation it acts in only
        Ok(In(db, "industrial", "org", "set", "--solution-hours", "96", "--stage-mode", "pro-rata"),
            "requests: response within 24 h, solution within 96 h, time zone Asia/Shanghai; stage mode: pro-rata\n" + ReviewDefaults);
        Ok(In(db, "default", "org", "show"), "requests: response within 24 h, solution within 72 h, time zone Asia/Shanghai; stage mode: last-day\n" + ReviewDefaults);
        Ok(In(db, "industrial", "org", "show"), "requests: response within 24 h, solution within 96 h, time zone Asia/Shanghai; stage mode: pro-rata\n" + ReviewDefaults);

        // the database: each organisation's records, written by the commands of that organisation only
        await using var one = db.Open();
        await using var two = db.Open(2);
        Assert.Equal([("li_na", "李娜"), ("zhang_wei", "张伟")], (await one.Employees.OrderBy(e => e.Id).ToListAsync()).Select(e => (e.Id, e.Name)));
        Assert.Equal([("wang_fang", "王芳"), ("zhang_wei", "张卫")], (await two.Employees.OrderBy(e => e.Id).ToListAsync()).Select(e => (e.Id, e.Name)));
        Assert.Equal((3000000L, 4000000L), ((await one.Salaries.SingleAsync()).AmountMinor, (await two.Salaries.SingleAsync()).AmountMinor));
        Assert.Equal((PeriodState.Calculated, PeriodState.InReview), ((await one.Periods.SingleAsync()).State, (await two.Periods.SingleAsync()).State));
        Assert.Equal((0, 1), (await one.Waivers.CountAsync(), await two.Waivers.CountAsync()));
        Assert.Equal((1, 0), (await one.RatingCampaigns.CountAsync(), await two.RatingCampaigns.CountAsync()));
        Assert.Equal((11, 11), (await one.Actuals.CountAsync(), await two.Actuals.CountAsync()));
        Assert.Equal((5, 3), (await one.Imports.CountAsync(), await two.Imports.CountAsync()));
        Assert.Equal((1, 0), (await one.Products.CountAsync(), await two.Products.CountAsync()));
        Assert.Equal((false, true), ((await one.Organisations.SingleAsync(o => o.Id == 1)).ProRata, (await two.Organisations.SingleAsync(o => o.Id == 2)).ProRata));
        Assert.Contains(await two.Audit.ToListAsync(), a => a.Entity == nameof(Waiver));
        Assert.DoesNotContain(await one.Audit.ToListAsync(), a => a.Entity == nameof(Waiver));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Org_SeveralOrganisations_OrgRequiredUnknownListedListAndCreateChecked(string provider)
    {
        await using var db = await CliDb.CreateAsync(provider);
        Assert.Equal(0, Run(db, "db", "migrate").Code);

        // one organisation: no --org needed, and naming it works too
        Ok(Run(db, "org", "list"), "default: 默认组织 (Default organisation)");
        Ok(Run(db, "org", "show"), "requests: response within 24 h, solution within 72 h, time zone Asia/Shanghai; stage mode: last-day\n" + ReviewDefaults);
        Ok(In(db, "default", "org", "show"), "requests: response within 24 h, solution within 72 h, time zone Asia/Shanghai; stage mode: last-day\n" + ReviewDefaults);
        Refused(In(db, "retail", "org", "show"), "--org: there is no organisation 'retail'; the organisations are: default");

        Refused(Run(db, "org", "create", "Industrial", "--name", "工业"), "ID: 'Industrial' is not an organisation code; use 1–64 lower-case letters a–z, digits, '-' or '_', such as industrial");
        Refused(Run(db, "org", "create", "default", "--name", "默认"), "ID: organisation 'default' already exists; choose another code");
        Assert.Equal(2, Run(db, "org", "create", "retail").Code);
        Ok(Run(db, "org", "create", "industrial", "--name", "工业互联网"), "organisation industrial (工业互联网, 工业互联网): created; act in it with --org industrial");

        // two organisations: every command in an organisation needs --org; db migrate and org list work on the installation
        const string Ambiguous = "--org: the database holds several organisations (default, industrial); name one";
        Refused(Run(db, "org", "show"), Ambiguous);
        Refused(Run(db, "period", "open", "2026-10", "--template", "industrial-value"), Ambiguous);
        Refused(Run(db, "import", "employees", _h.Write("e.csv", "person,name\nzhang_wei,张伟\n")), Ambiguous);
        Refused(Run(db, "results", "--period", "2026-10"), Ambiguous);
        Refused(Run(db, "users", "list"), Ambiguous);
        Refused(Run(db, "org", "create", "retail", "--name", "零售"), Ambiguous);
        Refused(In(db, "retail", "calc", "--period", "2026-10"), "--org: there is no organisation 'retail'; the organisations are: default, industrial");
        Ok(Run(db, "org", "list"), "default: 默认组织 (Default organisation)\nindustrial: 工业互联网 (工业互联网)");
        Assert.EndsWith(": up to date", Run(db, "db", "migrate").Out.TrimEnd());
        Assert.Equal(2, Run(db, "org", "list", "--org", "default").Code);

        await using var check = db.Open();
        Assert.Equal(["default", "industrial"], (await check.Organisations.Select(o => o.Code).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(0, await check.Periods.CountAsync());
        Assert.Equal("industrial", (await check.Audit.SingleAsync(a => a.Entity == nameof(Organisation) && a.Action == "create")).EntityKey);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Users_AddListRemove_RolesUniqueEmailKnownEmployeePasswordNeverShown(string provider)
    {
        await using var db = await CliDb.CreateAsync(provider);
        Assert.Equal(0, Run(db, "db", "migrate").Code);
        Assert.Equal(0, Run(db, "import", "employees", _h.Write("e.csv", "person,name\nli_na,李娜\nzhang_wei,张伟\n")).Code);
        var runs = new List<CliRun>();
        CliRun Users(string? stdin, params string[] args)
        {
            var run = stdin is null ? Run(db, ["users", .. args]) : CliHarness.RunWithInput(stdin, ["users", .. args, "--db", db.Argument]);
            runs.Add(run);
            return run;
        }

        Ok(Users(Password + "\n", "add", "li.na@example.com", "--employee", "li_na", "--role", "admin", "--role", "finance", "--password-stdin"),
            "user li.na@example.com: employee li_na, roles admin, finance: added; password set");
        Ok(Users(null, "add", "cfo@example.com", "--role", "finance"), "user cfo@example.com: employee -, roles finance: added; no password yet");
        Refused(Users(null, "add", "LI.NA@example.com"), "EMAIL: email LI.NA@example.com is already used by another user; an email belongs to one user in the whole installation");
        Refused(Users(null, "add", "ghost@example.com", "--employee", "ghost"), "--employee: there is no employee 'ghost' in organisation default; import employees first (yardstick import employees FILE)");
        Refused(Users("short\n", "add", "weak@example.com", "--password-stdin"),
            "--password-stdin: the password needs at least 12 characters", "--password-stdin: the password needs at least one digit (0–9)", "--password-stdin: the password needs at least one upper-case letter (A–Z)");
        Refused(Users("", "add", "empty@example.com", "--password-stdin"), "--password-stdin: no password on standard input; write it as the first line");
        Assert.Equal(2, Users(null, "add", "x@example.com", "--role", "owner").Code);
        Ok(Users(null, "list"), "cfo@example.com: employee -, roles finance\nli.na@example.com: employee li_na, roles admin, finance");

        // another organisation sees none of these users and cannot remove them
        Assert.Equal(0, Run(db, "org", "create", "industrial", "--name", "工业互联网").Code);
        Ok(Users(null, "list", "--org", "industrial"), "");
        Refused(Users(null, "remove", "li.na@example.com", "--org", "industrial"), "EMAIL: organisation industrial has no user with email li.na@example.com");
        Ok(Users(null, "remove", "cfo@example.com", "--org", "default"), "user cfo@example.com: employee -, roles finance: removed");
        Refused(Users(null, "remove", "cfo@example.com", "--org", "default"), "EMAIL: organisation default has no user with email cfo@example.com");
        Ok(Users(null, "list", "--org", "default"), "li.na@example.com: employee li_na, roles admin, finance");

        // the password is in no output and only as Identity's hash in the database, and in no audit entry
        Assert.All(runs, r => Assert.DoesNotContain(Password, r.Out + r.Err, StringComparison.Ordinal));
        await using var check = db.Open();
        var user = await check.Users.SingleAsync();
        Assert.Equal((1, "li_na"), (user.OrganisationId, user.EmployeeId));
        Assert.DoesNotContain(Password, user.PasswordHash!, StringComparison.Ordinal);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<YardstickUser>().VerifyHashedPassword(user, user.PasswordHash!, Password));
        Assert.All(await check.Audit.ToListAsync(), a => Assert.DoesNotContain(user.PasswordHash!, (a.Before ?? "") + a.After, StringComparison.Ordinal));
        Assert.Equal(["cfo@example.com", "li.na@example.com"], (await check.Audit.Where(a => a.Entity == nameof(YardstickUser)).Select(a => a.EntityKey).ToListAsync()).Distinct().Order(StringComparer.Ordinal));
    }
}
