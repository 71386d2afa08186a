using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Yardstick.Data;

using static Yardstick.Cli.Tests.CliAssert;

namespace Yardstick.Cli.Tests;

/// <summary>
/// A fresh database for one CLI test: a temporary SQLite file, or a new database on the PostgreSQL server named
/// by YARDSTICK_TEST_POSTGRES (an Npgsql connection string). Without that variable the PostgreSQL cases are
/// skipped locally and fail when CI=true.
/// </summary>
public sealed class CliDb : IAsyncDisposable
{
    private readonly string? _file;
    private readonly string? _server;
    private readonly string? _database;

    private CliDb(string argument, string? file, string? server, string? database) =>
        (Argument, _file, _server, _database) = (argument, file, server, database);

    /// <summary>What --db is given.</summary>
    public string Argument { get; }

    public static async Task<CliDb> CreateAsync(string provider)
    {
        if (provider == "sqlite")
        {
            var file = Path.Combine(Path.GetTempPath(), "yardstick-cli-" + Guid.NewGuid().ToString("N") + ".db");
            return new CliDb(file, file, null, null);
        }

        var server = Server();
        var name = "yardstick_cli_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new CliDb(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, null, server, name);
    }

    /// <summary>The test server's connection string (YARDSTICK_TEST_POSTGRES); the test is skipped without it locally, and fails when CI=true.</summary>
    public static string Server()
    {
        var server = Environment.GetEnvironmentVariable("YARDSTICK_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                "CI=true but YARDSTICK_TEST_POSTGRES is not set: the PostgreSQL tests must run in CI");
            Skip.If(true, "YARDSTICK_TEST_POSTGRES is not set (a local run without PostgreSQL)");
        }

        return server!;
    }

    /// <summary>The database opened directly for an organisation (default: the one every database starts with), to check what a command wrote.</summary>
    public YardstickDb Open(int organisationId = Organisation.DefaultId) => DatabaseSettings.FromArgument(Argument).Value.Open(TimeProvider.System, "test", organisationId);

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
            foreach (var f in new[] { _file, _file + "-wal", _file + "-shm", _file + "-journal" })
                File.Delete(f);
        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>The database commands run in-process (<c>Program.Run</c>) against SQLite and PostgreSQL, start to end.</summary>
public sealed class DatabaseCommandTests : IDisposable
{
    private const string Employees = "person,name,manager,role\nzhang_wei,张伟,,pm\nli_na,李娜,zhang_wei,manager\n";
    private const string Salaries = "person,base_salary,effective_from\nzhang_wei,28000.50,2026-01-01\nzhang_wei,30000,2026-10-01\n";
    private const string Requests = "id,person,created_at,first_response_at,solution_at\nR1,zhang_wei,2026-10-05 09:00,2026-10-05 15:00,2026-10-06 10:00\nR2,zhang_wei,2026-10-12 09:00,2026-10-14 09:00,\n";

    private readonly CliHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static CliRun Run(CliDb db, params string[] args) => CliHarness.Run([.. args, "--db", db.Argument]);

    private static JsonElement Person(CliRun json, string person)
    {
        using var doc = JsonDocument.Parse(json.Out);
        return doc.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("person").GetString() == person).Clone();
    }

    /// <summary>A migrated database with period 2026-10 on industrial-value and E1's people, salaries, actuals and two requests imported.</summary>
    private void SeedE1(CliDb db)
    {
        Assert.Equal(0, Run(db, "db", "migrate").Code);
        Ok(Run(db, "period", "open", "2026-10", "--template", "industrial-value"), "period 2026-10: Collecting");
        Assert.StartsWith("imported 2 employees row(s) from employees.csv (sha256 ", Run(db, "import", "employees", _h.Write("employees.csv", Employees)).Out);
        Assert.StartsWith("imported 2 salaries row(s) from salaries.csv (sha256 ", Run(db, "import", "salaries", _h.Write("salaries.csv", Salaries)).Out);
        Assert.StartsWith("imported 11 actuals row(s) from e1.csv (sha256 ", Run(db, "import", "actuals", _h.Write("e1.csv", CliHarness.E1Actuals), "--period", "2026-10").Out);
        Assert.StartsWith("imported 2 requests row(s) from requests.csv (sha256 ", Run(db, "import", "requests", _h.Write("requests.csv", Requests), "--period", "2026-10").Out);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportActualsAndWaive_MergeReplaceAndRemove_PrintWhatTheyDid(string provider)
    {
        await using var db = await CliDb.CreateAsync(provider);
        SeedE1(db);

        var merged = Run(db, "import", "actuals", _h.Write("fix.csv", "person,indicator,value\nzhang_wei,csat,4.0\nzhang_wei,renewal_rate,0.88\nli_na,csat,4.2\n"), "--period", "2026-10");
        var header = _h.Write("empty.csv", "person,indicator,value\n");
        var refused = Run(db, "import", "actuals", header, "--period", "2026-10");
        var emptied = Run(db, "import", "actuals", header, "--period", "2026-10", "--replace");
        Ok(Run(db, "waive", "li_na", "csat", "--period", "2026-10", "--reason", "on leave"), "waived csat of li_na in 2026-10: on leave (run calc again to apply it)");
        var removed = Run(db, "waive", "li_na", "csat", "--period", "2026-10", "--remove", "--reason", "back from leave");
        var hours = Run(db, "org", "set", "--solution-hours", "50000000");

        Assert.Matches(@"^imported 3 actuals row\(s\) from fix\.csv \(sha256 [0-9a-f]{12}…\); 1 added, 1 changed, 1 unchanged; values changed of: e1\.csv \(scope all, \d{4}-\d\d-\d\d \d\d:\d\d UTC by [^)]+\): 1$", merged.Out.TrimEnd());
        Assert.Equal((2, $"{header}:2:1: the file has a header but no rows; add at least one row of person,indicator,value"), (refused.Code, refused.Err.TrimEnd()));
        Assert.Contains("; 0 added, 0 changed, 0 unchanged, 12 removed; values changed of: e1.csv", emptied.Out, StringComparison.Ordinal);
        Ok(removed, "removed the waiver of csat of li_na in 2026-10 (run calc again to apply it)");
        Assert.Equal((2, "--solution-hours: the solution limit of 50000000 hours is out of range; expected 1–8760 hours (at most a year)"), (hours.Code, hours.Err.TrimEnd()));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportEmployeesAndSalaries_ReImport_PrintAddedChangedUnchanged(string provider)
    {
        await using var db = await CliDb.CreateAsync(provider);
        SeedE1(db);

        var employees = Run(db, "import", "employees", _h.Write("e2.csv", Employees.Replace("李娜", "李娜娜", StringComparison.Ordinal) + "wang_fang,王芳,li_na,pm\n"));
        var salaries = Run(db, "import", "salaries", _h.Write("s2.csv", "person,base_salary,effective_from\nzhang_wei,28000.50,2026-01-01\nzhang_wei,31000,2026-10-01\n"));

        Assert.Matches(@"^imported 3 employees row\(s\) from e2\.csv \(sha256 [0-9a-f]{12}…\); 1 added, 1 changed, 1 unchanged$", employees.Out.TrimEnd());
        Assert.Matches(@"^imported 2 salaries row\(s\) from s2\.csv \(sha256 [0-9a-f]{12}…\); 0 added, 1 changed, 1 unchanged$", salaries.Out.TrimEnd());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task DbMigrate_FreshThenAgain_AppliesEveryMigrationOnceThenUpToDate(string provider)
    {
        await using var db = await CliDb.CreateAsync(provider);

        var first = Run(db, "db", "migrate");
        var again = Run(db, "db", "migrate");

        // every migration of the provider's set, oldest first
        var names = Directory.GetFiles(Path.Combine(RepoRoot.Path, "src", provider == "sqlite" ? "Yardstick.Data.Sqlite" : "Yardstick.Data.Postgres", "Migrations"), "2*.cs")
            .Where(f => !f.EndsWith(".Designer.cs", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        Assert.True(first.Code == 0, first.ToString());
        Assert.Contains(names, n => n!.EndsWith("_LifecycleStagesProRata", StringComparison.Ordinal));
        Assert.EndsWith($": applied {names.Count} migration(s): {string.Join(", ", names)}", first.Out.TrimEnd());
        Assert.True(again.Code == 0, again.ToString());
        Assert.EndsWith(": up to date", again.Out.TrimEnd());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Session_E1_ImportCalcResultsReviewReopenWaiveApprovePublishLock(string provider)
    {
        await using var db = await CliDb.CreateAsync(provider);
        SeedE1(db);

        var calc = Run(db, "calc", "--period", "2026-10");
        Assert.True(calc.Code == 0, calc.ToString());
        Assert.StartsWith("run 1 of 2026-10: 1 scorecard(s), 1 payout line(s), 0 incomplete; results sha256 ", calc.Out);

        // E1: total 100.771884 (to 6 decimals), grade A, monthly bonus 20,760.38 on the salary in effect in October
        var results = Run(db, "results", "--period", "2026-10", "--format", "json");
        Assert.True(results.Code == 0, results.ToString());
        var zhang = Person(results, "zhang_wei");
        Assert.Equal("100.771884", Math.Round(zhang.GetProperty("total").GetDecimal(), 6).ToString(CultureInfo.InvariantCulture));
        Assert.Equal("A", zhang.GetProperty("grade").GetString());
        var pay = zhang.GetProperty("payouts").EnumerateArray().Single();
        Assert.Equal(("monthly_bonus", 20760.38m, "CNY"), (pay.GetProperty("rule").GetString(), pay.GetProperty("amount").GetDecimal(), pay.GetProperty("currency").GetString()));
        Assert.Equal("person,total,grade,complete,missing,pay,currency,provisional\nzhang_wei,100.77,A,true,0,20760.38,CNY,0\n",
            Run(db, "results", "--period", "2026-10", "--format", "csv").Out.ReplaceLineEndings("\n"));

        // illegal moves name the state and the allowed moves; data cannot change in review
        Refused(Run(db, "period", "approve", "2026-10"), "2026-10: cannot approve: the period is Calculated; allowed from Calculated: calc, review, reopen");
        Ok(Run(db, "period", "review", "2026-10"), "period 2026-10: InReview");
        Refused(Run(db, "calc", "--period", "2026-10"), "2026-10: cannot calc: the period is InReview; allowed from InReview: approve, reopen");
        Refused(Run(db, "waive", "zhang_wei", "csat", "--period", "2026-10", "--reason", "survey not run"),
            "2026-10: cannot waive: the period is InReview; data can change only while Draft, Collecting or Calculated; allowed from InReview: approve, reopen (yardstick period reopen 2026-10 --reason TEXT)");
        Refused(Run(db, "period", "reopen", "2026-10"), "--reason: reopening needs a reason");
        Ok(Run(db, "period", "reopen", "2026-10", "--reason", "csat survey was not run"), "period 2026-10: Collecting");

        // a waiver, then a second run that becomes current
        Ok(Run(db, "waive", "zhang_wei", "csat", "--period", "2026-10", "--reason", "survey not run"), "waived csat of zhang_wei in 2026-10: survey not run (run calc again to apply it)");
        Assert.StartsWith("run 2 of 2026-10: 1 scorecard(s), 1 payout line(s), 0 incomplete;", Run(db, "calc", "--period", "2026-10").Out);
        var waived = Person(Run(db, "results", "--period", "2026-10", "--format", "json"), "zhang_wei");
        Assert.Equal(["csat"], waived.GetProperty("waived").EnumerateArray().Select(e => e.GetString()));
        Assert.True(waived.GetProperty("indicators").GetProperty("csat").GetProperty("waived").GetBoolean());
        Assert.NotEqual(100.771884m, Math.Round(waived.GetProperty("total").GetDecimal(), 6));

        Ok(Run(db, "period", "review", "2026-10"), "period 2026-10: InReview");
        // review.md R6: the approver is a second person
        Refused(Run(db, "period", "approve", "2026-10"), $"2026-10: cannot approve: {Environment.UserName} submitted 2026-10 for review; approval needs a second person");
        Ok(CliHarness.RunAs("wang_fang", "period", "approve", "2026-10", "--db", db.Argument), "period 2026-10: Approved");
        Refused(Run(db, "period", "lock", "2026-10"), "2026-10: cannot lock: the period is Approved; allowed from Approved: publish");
        Refused(Run(db, "waive", "zhang_wei", "csat", "--period", "2026-10", "--remove", "--reason", "survey ran after all"),
            "2026-10: cannot remove a waiver: the period is Approved; from Approved on its data cannot change and it cannot go back; allowed from Approved: publish");
        Ok(Run(db, "period", "publish", "2026-10"), "period 2026-10: Published");
        Ok(Run(db, "period", "lock", "2026-10"), "period 2026-10: Locked");
        Refused(Run(db, "period", "reopen", "2026-10", "--reason", "too late"), "2026-10: cannot reopen: the period is Locked, which is final: no move or change is possible");
        Refused(Run(db, "import", "actuals", _h.Write("late.csv", "person,indicator,value\nzhang_wei,csat,4.0\n"), "--period", "2026-10"),
            "2026-10: cannot import actuals: the period is Locked, which is final: no move or change is possible");
        // no campaign of that name, and none could be created: the state is what the user needs to know
        Refused(Run(db, "ratings", "close", "oct-360", "--period", "2026-10"), "2026-10: cannot close the campaign: the period is Locked, which is final: no move or change is possible");

        await using var check = db.Open();
        Assert.Equal(PeriodState.Locked, (await check.Periods.SingleAsync()).State);
        Assert.Equal([(1, false), (2, true)], (await check.Runs.OrderBy(r => r.Number).Select(r => new { r.Number, r.IsCurrent }).ToListAsync()).Select(r => (r.Number, r.IsCurrent)));
        Assert.Equal("csat survey was not run", (await check.Periods.SingleAsync()).ReopenReason);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Review_StaleRun_ExitTwoNamingWhatChangedAndResultsWarn(string provider)
    {
        await using var db = await CliDb.CreateAsync(provider);
        SeedE1(db);
        Assert.Equal(0, Run(db, "calc", "--period", "2026-10").Code);
        Ok(Run(db, "waive", "zhang_wei", "csat", "--period", "2026-10", "--reason", "survey not run"), "waived csat of zhang_wei in 2026-10: survey not run (run calc again to apply it)");

        var results = Run(db, "results", "--period", "2026-10", "--format", "csv");
        Assert.True(results.Code == 0, results.ToString());
        Assert.Equal("person,total,grade,complete,missing,pay,currency,provisional\nzhang_wei,100.77,A,true,0,20760.38,CNY,0\n", results.Out.ReplaceLineEndings("\n"));
        Assert.Equal(["warning: run 1 of 2026-10 is stale: waivers changed since it was calculated; calculate again (yardstick calc --period 2026-10)"], results.ErrLines);
        Refused(Run(db, "period", "review", "2026-10"),
            "2026-10: cannot review: run 1 of 2026-10 is stale: waivers changed since it was calculated; calculate again (yardstick calc --period 2026-10)");

        Assert.Equal(0, Run(db, "calc", "--period", "2026-10").Code);
        Assert.Empty(Run(db, "results", "--period", "2026-10").ErrLines);
        Ok(Run(db, "period", "review", "2026-10"), "period 2026-10: InReview");

        // stale in review: calc is refused there, so the warning says to reopen first
        Assert.Equal(0, Run(db, "import", "salaries", _h.Write("raise.csv", "person,base_salary,effective_from\nzhang_wei,31000,2026-10-01\n")).Code);
        Assert.Equal(["warning: run 2 of 2026-10 is stale: people (who is evaluated, base salaries, names, teams and shares, products) changed since it was calculated; "
            + "reopen the period and calculate again (yardstick period reopen 2026-10 --reason TEXT, then yardstick calc --period 2026-10)"], Run(db, "results", "--period", "2026-10").ErrLines);
        await using var check = db.Open();
        Assert.Equal(PeriodState.InReview, (await check.Periods.SingleAsync()).State);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Import_BadFiles_ExitTwoWithFileLineColumnAndNothingWritten(string provider)
    {
        await using var db = await CliDb.CreateAsync(provider);
        SeedE1(db);
        var employees = _h.Write("bad-employees.csv", "person,name,manager\nwang_wu,王五,nobody\n,无名,\n");
        var salaries = _h.Write("bad-salaries.csv", "person,base_salary,effective_from\nzhang_wei,30000.555,2026-01-01\nghost,1000,2026/01/01\n");
        var actuals = _h.Write("bad-actuals.csv", "person,indicator,value\nzhang_wei,csat,abc\nnobody,csat,4\nzhang_wei,foo,1\n");
        var requests = _h.Write("bad-requests.csv", "id,person,created_at,first_response_at,solution_at\nR1,zhang_wei,2026-10-05 09:00,2026-10-05 08:00,\nR1,li_na,yesterday,,\n");

        var e = Run(db, "import", "employees", employees);
        var s = Run(db, "import", "salaries", salaries);
        var a = Run(db, "import", "actuals", actuals, "--period", "2026-10");
        var r = Run(db, "import", "requests", requests, "--period", "2026-10");

        Assert.True(e.Code == 2, e.ToString());
        Assert.All(e.ErrLines, l => Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(employees)}:[23]:[0-9]+: ", l));
        Assert.Equal(2, e.ErrLines.Length);
        Refused(s,
            $"{salaries}:2:2: 30000.555 has more than two decimals; salaries are exact to the fen",
            $"{salaries}:3:1: 'ghost' is not an employee; import employees first (yardstick import employees FILE)",
            $"{salaries}:3:3: '2026/01/01' is not a date; expected YYYY-MM-DD, such as 2026-02-14");
        Refused(a,
            $"{actuals}:2:3: 'abc' is not a number; expected a decimal with '.' such as 4.5",
            $"{actuals}:3:1: 'nobody' is not an employee; import employees first (yardstick import employees FILE)",
            $"{actuals}:4:2: unknown indicator 'foo'; scheme industrial-value has: renewal_rate, csat, issue_closure_rate, revenue_yoy_growth, new_industry_cases, defect_rate, core_feature_usage, rd_utilization, sales_support_rating, roadmap_completion, innovation_reserve");
        Refused(r,
            $"{requests}:2:4: the first response (2026-10-05 08:00 +08:00) is before the request was created (2026-10-05 09:00 +08:00)",
            $"{requests}:3:1: duplicate request 'R1': lines 2 and 3; keep one",
            $"{requests}:3:3: 'yesterday' is not a time; expected YYYY-MM-DD HH:MM in the company time zone (Asia/Shanghai) or ISO 8601 with an offset");

        // nothing of the bad files was written: the good imports are still all there is
        await using var check = db.Open();
        Assert.Equal(["li_na", "zhang_wei"], (await check.Employees.Select(x => x.Id).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal([2800050L, 3000000L], (await check.Salaries.Select(x => x.AmountMinor).ToListAsync()).Order());
        Assert.Equal(11, await check.Actuals.CountAsync());
        Assert.Equal(4.5m, (await check.Actuals.SingleAsync(x => x.Indicator == "csat")).Value);
        Assert.Equal(["R1", "R2"], (await check.Requests.Select(x => x.ExternalId).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(4, await check.Imports.CountAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_LifecycleBundle_ResultsNameEachPersonsStageScheme(string provider)
    {
        await using var db = await CliDb.CreateAsync(provider);
        Assert.Equal(0, Run(db, "db", "migrate").Code);
        Ok(Run(db, "period", "open", "2026-Q2", "--template", "crossborder-lifecycle"), "period 2026-Q2: Collecting");
        Assert.Equal(0, Run(db, "import", "employees", _h.Write("e.csv", "person,name,role\nzhao_lei,赵磊,pm\nsun_li,孙丽,pm\nzhou_min,周敏,pm\nwu_gang,吴刚,pm\n")).Code);
        // T2's products: zhao_lei and sun_li both own compliance_eu (examples/t2-people.csv)
        Assert.StartsWith("imported 4 products row(s)", Run(db, "import", "products", _h.Write("p.csv",
            "product,name,owner,launch_date\ncompliance_eu,Compliance EU,zhao_lei,2026-01-05\ncompliance_eu,Compliance EU,sun_li,2026-01-05\nmatch_sea,Match SEA,zhou_min,2024-09-01\nsettle_hub,Settle Hub,wu_gang,2024-03-01\n")).Out);
        Assert.Equal(0, Run(db, "import", "salaries", _h.Write("s.csv", "person,base_salary,effective_from\nzhao_lei,30000,2026-01-01\nsun_li,28000,2026-01-01\nzhou_min,32000,2026-01-01\nwu_gang,35000,2026-01-01\n")).Code);
        var actuals = File.ReadAllText(Path.Combine(RepoRoot.Path, "examples", "t2-actuals.csv")).TrimEnd()
            + "\nproduct:match_sea,gmv,5600000.00\nproduct:match_sea,gmv_target,5000000.00\n";
        Assert.StartsWith("imported 34 actuals row(s)", Run(db, "import", "actuals", _h.Write("a.csv", actuals), "--period", "2026-Q2").Out);
        Assert.StartsWith("imported 5 stages row(s)", Run(db, "import", "stages", Path.Combine(RepoRoot.Path, "examples", "t2-stages.csv")).Out);
        Assert.StartsWith("imported 1 events row(s)", Run(db, "import", "events", _h.Write("ev.csv", "product,event,date\ncompliance_eu,demand_validated,2026-05-20\n"), "--period", "2026-Q2").Out);

        var calc = Run(db, "calc", "--period", "2026-Q2");
        Assert.True(calc.Code == 0, calc.ToString());
        var json = Run(db, "results", "--period", "2026-Q2", "--format", "json");

        // as evaluate gives for T2: each PM under the stage scheme of their product on 30 June; the 50,000 milestone split by compliance_eu's two owners
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("version").ValueKind);
        Assert.Equal(
        [
            ("sun_li", "crossborder-startup", 102.788095m, "validation_subsidy 25000.00"),
            ("wu_gang", "crossborder-mature", 96.25m, ""),
            ("zhao_lei", "crossborder-startup", 102.788095m, "validation_subsidy 25000.00"),
            ("zhou_min", "crossborder-growth", 108.75m, "growth_bonus 33600.00, gmv_dividend 6000.00"),
        ], doc.RootElement.GetProperty("results").EnumerateArray().Select(r => (
            r.GetProperty("person").GetString(), r.GetProperty("scheme").GetString(), Math.Round(r.GetProperty("total").GetDecimal(), 6),
            string.Join(", ", r.GetProperty("payouts").EnumerateArray().Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.GetProperty("rule").GetString()} {p.GetProperty("amount").GetDecimal():0.00}"))))));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportProducts_RowPerOwner_DisagreeingNameRefusedReImportReplacesOwners(string provider)
    {
        await using var db = await CliDb.CreateAsync(provider);
        Assert.Equal(0, Run(db, "db", "migrate").Code);
        Assert.Equal(0, Run(db, "import", "employees", _h.Write("e.csv", "person,name,role\nzhao_lei,赵磊,pm\nsun_li,孙丽,pm\nzhou_min,周敏,pm\n")).Code);
        Assert.StartsWith("imported 2 products row(s)", Run(db, "import", "products", _h.Write("p.csv",
            "product,name,owner,launch_date\ncompliance_eu,Compliance EU,zhao_lei,2026-01-05\ncompliance_eu,Compliance EU,sun_li,2026-01-05\n")).Out);
        var bad = _h.Write("bad.csv", "product,name,owner,launch_date\ncompliance_eu,Compliance EU,zhao_lei,2026-01-05\ncompliance_eu,EU Compliance,zhou_min,2026-01-05\n");

        var refused = Run(db, "import", "products", bad);
        var replaced = Run(db, "import", "products", _h.Write("p2.csv", "product,name,owner,launch_date\ncompliance_eu,Compliance EU,sun_li,2026-01-05\ncompliance_eu,Compliance EU,zhou_min,2026-01-05\n"));

        Refused(refused, $"{bad}:3:2: product 'compliance_eu' is named 'Compliance EU' on line 2 and 'EU Compliance' here; give one name on every row of the product (a row per owner)");
        Assert.True(replaced.Code == 0, replaced.ToString());
        await using var check = db.Open();
        // the refused file wrote nothing; the second import replaced zhao_lei by zhou_min
        Assert.Equal([("compliance_eu", "sun_li"), ("compliance_eu", "zhou_min")],
            (await check.ProductOwners.ToListAsync()).OrderBy(o => o.EmployeeId, StringComparer.Ordinal).Select(o => (o.ProductId, o.EmployeeId)));
        var product = await check.Products.SingleAsync();
        Assert.Equal(("compliance_eu", "Compliance EU", new DateOnly(2026, 1, 5)), (product.Id, product.Name, product.LaunchDate));
        Assert.Equal(2, await check.Imports.CountAsync(i => i.Kind == ImportKinds.Products));
    }
}
