using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using Yardstick.App;
using Yardstick.App.Calculation;
using Yardstick.App.Database;
using Yardstick.App.Imports;
using Yardstick.App.Org;
using Yardstick.App.Periods;
using Yardstick.App.Ratings;
using Yardstick.App.Results;
using Yardstick.App.Waivers;
using Yardstick.Cli.Output;
using Yardstick.Core.Common;
using Yardstick.Core.Templates;
using Yardstick.Data;

namespace Yardstick.Cli.Commands;

/// <summary>
/// The commands over the database (scoring.md §11): <c>db migrate</c>, <c>import</c>, <c>calc</c>, <c>results</c>,
/// <c>period</c>, <c>waive</c>, <c>ratings</c>. Each takes <c>--db</c> (a SQLite path, a postgres:// URL or an Npgsql connection
/// string) or the configured default (docs/operations.md).
/// </summary>
internal static class DatabaseCommands
{
    public static IEnumerable<Command> Build(Io io)
    {
        yield return Db(io);
        yield return Import(io);
        yield return Calc(io);
        yield return Results(io);
        yield return PeriodCommand(io);
        yield return Waive(io);
        yield return Ratings(io);
        yield return Org(io);
    }

    /// <summary>Import kinds whose data belongs to a period (--period required); the others are the organisation's.</summary>
    private static readonly string[] PeriodKinds = [ImportKinds.Actuals, ImportKinds.Requests, ImportKinds.Events, ImportKinds.Awards, ImportKinds.Ratings];

    /// <summary>Import kinds a period can hold in parts (--scope).</summary>
    private static readonly string[] ScopedKinds = [ImportKinds.Actuals, ImportKinds.Requests, ImportKinds.Events, ImportKinds.Awards];

    private static Option<string?> DbOption() => new("--db")
    {
        HelpName = "DB",
        Description = "SQLite file, postgres://USER:PASSWORD@HOST:PORT/DATABASE or an Npgsql connection string; default: the configured database (Database:Provider, Database:ConnectionString) or yardstick.db in the data directory.",
    };

    private static Option<string> PeriodOption() => new("--period") { Required = true, HelpName = "PERIOD", Description = "The period: 2026-10, 2026-Q4, 2026-H2 or 2026." };

    private static Command Db(Io io)
    {
        var db = DbOption();
        var migrate = new Command("migrate", "Create or upgrade the database schema.") { db };
        migrate.SetAction((r, ct) => WithDb(io, r.GetValue(db), migrateFirst: false, async (ctx, settings) =>
        {
            var applied = await new MigrateDatabase(ctx).RunAsync(ct);
            io.Out.WriteLine(applied.Count == 0
                ? $"{settings.Describe()}: up to date"
                : $"{settings.Describe()}: applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return Program.Ok;
        }));
        return new Command("db", "The database.") { migrate };
    }

    private static Command Import(Io io)
    {
        var command = new Command("import", "Import a CSV or XLSX file into the database (checked whole first; all or nothing).");
        foreach (var kind in new[] { ImportKinds.Actuals, ImportKinds.Employees, ImportKinds.Salaries, ImportKinds.Requests, ImportKinds.Teams, ImportKinds.Products, ImportKinds.Stages, ImportKinds.Events, ImportKinds.Awards, ImportKinds.Ratings })
        {
            var db = DbOption();
            var file = new Argument<string>("file") { Description = "The CSV or .xlsx file." };
            var period = new Option<string?>("--period") { HelpName = "PERIOD", Description = "The period (required for actuals, requests, events, awards and ratings)." };
            var scope = new Option<string>("--scope") { HelpName = "SCOPE", DefaultValueFactory = _ => "all", Description = "Which part of the period's data this file holds; a re-import of the same (period, kind, scope) replaces it." };
            var sub = new Command(kind, $"Import {kind}; see docs/cli.md for the columns.") { file, period, db };
            if (ScopedKinds.Contains(kind))
                sub.Options.Add(scope);
            sub.SetAction((r, ct) =>
            {
                var (path, label) = (r.GetValue(file)!, r.GetValue(period));
                if (label is null && PeriodKinds.Contains(kind))
                    return Task.FromResult(Fail(io, [new Problem("--period", $"importing {kind} needs --period")]));
                return WithDb(io, r.GetValue(db), migrateFirst: true, async (ctx, _) =>
                {
                    var result = await WithProgress(io, $"import {kind}", progress => kind switch
                    {
                        ImportKinds.Actuals => new ImportActuals(ctx).RunAsync(path, label!, r.GetValue(scope)!, progress, ct),
                        ImportKinds.Requests => new ImportRequests(ctx).RunAsync(path, label!, r.GetValue(scope)!, progress, ct),
                        ImportKinds.Employees => new ImportEmployees(ctx).RunAsync(path, label, progress, ct),
                        ImportKinds.Teams => new ImportTeams(ctx).RunAsync(path, progress, ct),
                        ImportKinds.Products => new ImportProducts(ctx).RunAsync(path, progress, ct),
                        ImportKinds.Stages => new ImportStages(ctx).RunAsync(path, progress, ct),
                        ImportKinds.Events => new ImportEvents(ctx).RunAsync(path, label!, r.GetValue(scope)!, progress, ct),
                        ImportKinds.Awards => new ImportAwards(ctx).RunAsync(path, label!, r.GetValue(scope)!, progress, ct),
                        ImportKinds.Ratings => new ImportRatings(ctx).RunAsync(path, label!, progress, ct),
                        _ => new ImportSalaries(ctx).RunAsync(path, label, progress, ct),
                    });
                    if (!result.IsSuccess)
                        return Fail(io, result.Problems);
                    var s = result.Value;
                    io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"imported {s.Rows} {kind} row(s) from {s.Import.FileName} (sha256 {s.Import.FileHash[..12]}…){(s.Replaced > 0 ? $"; replaced {s.Replaced}" : "")}"));
                    return Program.Ok;
                });
            });
            command.Subcommands.Add(sub);
        }

        return command;
    }

    private static Command Calc(Io io)
    {
        var db = DbOption();
        var period = PeriodOption();
        var command = new Command("calc", "Calculate the period: scorecards and pay, stored as a new run that becomes current.") { period, db };
        command.SetAction((r, ct) => WithDb(io, r.GetValue(db), migrateFirst: true, async (ctx, _) =>
        {
            var result = await WithProgress(io, "calc", progress => new RunCalculation(ctx).RunAsync(r.GetValue(period)!, progress, ct));
            if (!result.IsSuccess)
                return Fail(io, result.Problems);
            var s = result.Value;
            foreach (var notice in s.Notices)
                io.Error.WriteLine("warning: " + notice);
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {s.Run.Number} of {r.GetValue(period)}: {s.Scorecards} scorecard(s), {s.PayoutLines} payout line(s), {s.Incomplete} incomplete; results sha256 {s.Run.ResultsHash[..12]}…"));
            return Program.Ok;
        }));
        return command;
    }

    private static Command Results(Io io)
    {
        var db = DbOption();
        var period = PeriodOption();
        var format = new Option<string>("--format") { DefaultValueFactory = _ => "table", Description = "table (default), json (scoring.md §10) or csv." };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var command = new Command("results", "The current run's results of a period.") { period, format, db };
        command.SetAction((r, ct) => WithDb(io, r.GetValue(db), migrateFirst: true, async (ctx, _) =>
        {
            var results = new GetResults(ctx);
            var label = r.GetValue(period)!;
            if (r.GetValue(format) == "json")
            {
                using var buffer = new MemoryStream();
                var written = await results.WriteJsonAsync(label, buffer, ct);
                if (!written.IsSuccess)
                    return Fail(io, written.Problems);
                io.Out.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                io.Out.WriteLine();
                return Program.Ok;
            }

            var lines = await results.LinesAsync(label, ct);
            if (!lines.IsSuccess)
                return Fail(io, lines.Problems);
            if (r.GetValue(format) == "csv")
            {
                io.Out.Write(GetResults.Csv(lines.Value.Lines));
                return Program.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded);
            foreach (var c in new[] { "person", "total", "grade", "complete", "missing", "pay", "provisional" })
                table.AddColumn(c);
            foreach (var column in table.Columns.Skip(1))
                column.RightAligned();
            foreach (var l in lines.Value.Lines)
                table.AddRow(l.Person, (decimal.Truncate(l.Total * 100) / 100).ToString("0.00", CultureInfo.InvariantCulture), l.Grade ?? "", l.Complete ? "yes" : "no",
                    l.Missing.ToString(CultureInfo.InvariantCulture), l.Currency.Length == 0 ? "" : l.Pay.ToString("#,##0.00", CultureInfo.InvariantCulture) + " " + l.Currency, l.Provisional.ToString(CultureInfo.InvariantCulture));
            var console = SpectreConsole.Over(io.Out, io.Terminal);
            console.Write(new Text($"{label}, run {lines.Value.Run.Number} ({lines.Value.Run.FinishedAt:yyyy-MM-dd HH:mm} UTC, {lines.Value.Run.Actor})\n"));
            console.Write(table);
            return Program.Ok;
        }));
        return command;
    }

    private static Command PeriodCommand(Io io)
    {
        var command = new Command("period", "Move a period through Draft → Collecting → Calculated → InReview → Approved → Published → Locked.");
        foreach (var move in new[] { "open", "review", "approve", "publish", "lock", "reopen" })
        {
            var db = DbOption();
            var label = new Argument<string>("period") { Description = "The period, such as 2026-10." };
            var sub = new Command(move, move switch
            {
                "open" => "Create the period with its scheme (first time) and open it for data: Draft → Collecting.",
                "review" => "Calculated → InReview.",
                "approve" => "InReview → Approved; refused while a missing actual is not waived.",
                "publish" => "Approved → Published.",
                "lock" => "Published → Locked.",
                _ => "Calculated or InReview → Collecting, with --reason.",
            }) { label, db };
            var template = new Option<string?>("--template") { HelpName = "ID", Description = "The built-in scheme of a new period." };
            var scheme = new Option<string?>("--scheme") { HelpName = "FILE", Description = "A scheme file for a new period." };
            var reason = new Option<string?>("--reason") { HelpName = "TEXT", Description = "Why the period is reopened (required)." };
            if (move == "open")
            {
                sub.Options.Add(template);
                sub.Options.Add(scheme);
            }

            if (move == "reopen")
                sub.Options.Add(reason);
            sub.SetAction((r, ct) => WithDb(io, r.GetValue(db), migrateFirst: true, async (ctx, _) =>
            {
                var p = r.GetValue(label)!;
                Result<ReviewPeriod> result;
                if (move == "open")
                {
                    var json = SchemeJsonOf(r.GetValue(template), r.GetValue(scheme), out var problem);
                    if (problem is not null)
                        return Fail(io, [problem]);
                    result = await new OpenPeriod(ctx).RunAsync(p, json, ct);
                }
                else
                {
                    result = move switch
                    {
                        "review" => await new StartReview(ctx).RunAsync(p, ct),
                        "approve" => await new ApprovePeriod(ctx).RunAsync(p, ct),
                        "publish" => await new PublishPeriod(ctx).RunAsync(p, ct),
                        "lock" => await new LockPeriod(ctx).RunAsync(p, ct),
                        _ => await new ReopenPeriod(ctx).RunAsync(p, r.GetValue(reason), ct),
                    };
                }

                if (!result.IsSuccess)
                    return Fail(io, result.Problems);
                io.Out.WriteLine($"period {result.Value.Label}: {result.Value.State}");
                return Program.Ok;
            }));
            command.Subcommands.Add(sub);
        }

        return command;
    }

    private static Command Waive(Io io)
    {
        var db = DbOption();
        var person = new Argument<string>("person") { Description = "The employee id." };
        var indicator = new Argument<string>("indicator") { Description = "The indicator code." };
        var period = PeriodOption();
        var reason = new Option<string>("--reason") { Required = true, HelpName = "TEXT", Description = "Why the indicator is waived (shown in the result)." };
        var command = new Command("waive", "Waive an indicator of a person for a period, with a reason (audited).") { person, indicator, period, reason, db };
        command.SetAction((r, ct) => WithDb(io, r.GetValue(db), migrateFirst: true, async (ctx, _) =>
        {
            var result = await new WaiveIndicator(ctx).RunAsync(r.GetValue(period)!, r.GetValue(person)!, r.GetValue(indicator)!, r.GetValue(reason), ct);
            if (!result.IsSuccess)
                return Fail(io, result.Problems);
            io.Out.WriteLine($"waived {result.Value.Indicator} of {result.Value.Person} in {r.GetValue(period)}: {result.Value.Reason} (run calc again to apply it)");
            return Program.Ok;
        }));
        return command;
    }

    private static Command Ratings(Io io)
    {
        var command = new Command("ratings", "360 rating campaigns (scoring.md §7): create, close, and the ratee's view.");

        var db = DbOption();
        var name = new Argument<string>("campaign") { Description = "The campaign's name, such as 2026-10-360." };
        var period = PeriodOption();
        var indicator = new Option<string>("--indicator") { Required = true, HelpName = "CODE", Description = "The rating indicator (source ratings) the campaign gives the actual of." };
        var create = new Command("create", "Create a campaign of a period for a rating indicator (raters and answers come with import ratings).") { name, indicator, period, db };
        create.SetAction((r, ct) => WithDb(io, r.GetValue(db), migrateFirst: true, async (ctx, _) =>
        {
            var result = await new CreateCampaign(ctx).RunAsync(r.GetValue(period)!, r.GetValue(name)!, r.GetValue(indicator)!, ct);
            if (!result.IsSuccess)
                return Fail(io, result.Problems);
            io.Out.WriteLine($"campaign {result.Value.Name} of {r.GetValue(period)} for {result.Value.Indicator}: open");
            return Program.Ok;
        }));
        command.Subcommands.Add(create);

        var closeDb = DbOption();
        var closeName = new Argument<string>("campaign") { Description = "The campaign's name." };
        var closePeriod = PeriodOption();
        var close = new Command("close", "Close a campaign: its answers become final and feed calc.") { closeName, closePeriod, closeDb };
        close.SetAction((r, ct) => WithDb(io, r.GetValue(closeDb), migrateFirst: true, async (ctx, _) =>
        {
            var result = await new CloseCampaign(ctx).RunAsync(r.GetValue(closePeriod)!, r.GetValue(closeName)!, ct);
            if (!result.IsSuccess)
                return Fail(io, result.Problems);
            io.Out.WriteLine($"campaign {result.Value.Name} of {r.GetValue(closePeriod)} ({result.Value.Indicator}): closed; run calc to use it");
            return Program.Ok;
        }));
        command.Subcommands.Add(close);

        var showDb = DbOption();
        var person = new Argument<string>("person") { Description = "The ratee's employee id." };
        var showPeriod = PeriodOption();
        var show = new Command("show", "What the ratee sees: the overall mean and the means of groups with at least 3 raters; never single ratings or rater names.") { person, showPeriod, showDb };
        show.SetAction((r, ct) => WithDb(io, r.GetValue(showDb), migrateFirst: true, async (ctx, _) =>
        {
            var result = await new ShowRatings(ctx).RunAsync(r.GetValue(showPeriod)!, r.GetValue(person)!, ct);
            if (!result.IsSuccess)
                return Fail(io, result.Problems);
            foreach (var c in result.Value)
            {
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Campaign} ({c.Indicator}): {(c.Closed ? "closed" : "open")}, {c.Raters} rater(s)"));
                if (c.View is not { } view)
                {
                    io.Out.WriteLine("  results are shown once the campaign is closed");
                    continue;
                }

                io.Out.WriteLine(view.Overall is { } overall ? string.Create(CultureInfo.InvariantCulture, $"  overall  {overall:0.00}") : "  overall  no answers");
                foreach (var g in view.Groups)
                    io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {g.Group,-8} {g.Mean:0.00} ({g.Raters} raters)"));
                if (view.OnlyOverall)
                    io.Out.WriteLine("  (groups are not shown apart: too few raters in the small groups to keep them anonymous)");
                else if (view.HiddenGroups > 0)
                    io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ({view.HiddenGroups} group(s) with fewer than 3 raters count in the overall mean only)"));
            }

            return Program.Ok;
        }));
        command.Subcommands.Add(show);
        return command;
    }

    private static string? SchemeJsonOf(string? template, string? scheme, out Problem? problem)
    {
        problem = null;
        if (template is not null && scheme is not null)
            problem = new Problem("--template", "give --template or --scheme, not both");
        else if (template is not null)
        {
            var found = TemplateCatalog.Find(template);
            if (found.IsSuccess)
                return Core.Schemes.SchemeJson.Write(found.Value.Document);
            problem = new Problem("--template", found.Problems[0].Message.En);
        }
        else if (scheme is not null)
        {
            try
            {
                return File.ReadAllText(scheme);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problem = new Problem(scheme, "cannot read the file: " + ex.Message);
            }
        }

        return null;
    }

    private static Command Org(Io io)
    {
        var command = new Command("org", "The company settings: request service levels and time zone (scoring.md §8), the lifecycle stage mode (§6).");
        var showDb = DbOption();
        var show = new Command("show", "Print the company settings.") { showDb };
        show.SetAction((r, ct) => WithDb(io, r.GetValue(showDb), migrateFirst: true, async (ctx, _) =>
        {
            PrintOrg(io, await ConfigureOrganisation.GetAsync(ctx, ct));
            return 0;
        }));

        var db = DbOption();
        var response = new Option<int?>("--response-hours") { HelpName = "HOURS", Description = "A request is answered on time within this many hours of its creation (default 24)." };
        var solution = new Option<int?>("--solution-hours") { HelpName = "HOURS", Description = "A request is solved on time within this many hours (default 72)." };
        var zone = new Option<string?>("--time-zone") { HelpName = "TZ", Description = "The company time zone, an IANA id such as Asia/Shanghai." };
        var stageMode = new Option<string?>("--stage-mode") { HelpName = "MODE", Description = "last-day (default): a PM is evaluated under the stage on the period's last day; pro-rata: each stage's total weighted by its days." };
        stageMode.AcceptOnlyFromAmong("last-day", "pro-rata");
        var set = new Command("set", "Change company settings; options not given stay as they are (audited).") { response, solution, zone, stageMode, db };
        set.SetAction((r, ct) => WithDb(io, r.GetValue(db), migrateFirst: true, async (ctx, _) =>
        {
            var mode = r.GetValue(stageMode);
            var change = new OrganisationChange(r.GetValue(response), r.GetValue(solution), r.GetValue(zone), mode is null ? null : mode == "pro-rata");
            var result = await new ConfigureOrganisation(ctx).RunAsync(change, ct);
            if (!result.IsSuccess)
                return Fail(io, result.Problems);
            PrintOrg(io, result.Value);
            return 0;
        }));
        command.Subcommands.Add(show);
        command.Subcommands.Add(set);
        return command;
    }

    private static void PrintOrg(Io io, Organisation org) =>
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"requests: response within {org.ResponseLimitHours} h, solution within {org.SolutionLimitHours} h, time zone {org.TimeZone}; stage mode: {(org.ProRata ? "pro-rata" : "last-day")}"));

    private static async Task<int> WithDb(Io io, string? dbArgument, bool migrateFirst, Func<YardstickDb, DatabaseSettings, Task<int>> action)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "yardstick.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var settings = DatabaseSettings.Resolve(dbArgument, configuration);
        if (!settings.IsSuccess)
            return Fail(io, settings.Problems);
        var actor = Environment.GetEnvironmentVariable("YARDSTICK_ACTOR") is { Length: > 0 } a ? a : Environment.UserName;
        await using var db = settings.Value.Open(TimeProvider.System, actor);
        if (migrateFirst)
        {
            var migrate = new MigrateDatabase(db);
            if (settings.Value.Provider == DatabaseProvider.Sqlite)
                await migrate.RunAsync();
            else if (await migrate.CheckAsync() is { } pending)
                return Fail(io, [pending]);
        }

        return await action(db, settings.Value);
    }

    private static async Task<T> WithProgress<T>(Io io, string title, Func<IProgress<WorkProgress>, Task<T>> work)
    {
        if (!io.Terminal || Console.IsErrorRedirected)
            return await work(new Progress<WorkProgress>(_ => { }));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var sync = new SyncProgress(p =>
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(p.Stage, out var task))
                            tasks[p.Stage] = task = context.AddTask($"{title}: {p.Stage}", maxValue: Math.Max(1, p.Total));
                        if (p.Total > 0)
                            task.MaxValue = p.Total;
                        task.Value = p.Total > 0 ? p.Done : task.MaxValue;
                    }
                });
                result = await work(sync);
            });
        return result;
    }

    private static int Fail(Io io, IReadOnlyList<Problem> problems)
    {
        foreach (var p in problems)
            io.Error.WriteLine(p.ToString());
        return Program.BadInput;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SyncProgress(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
