using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Yardstick.App.Access;
using Yardstick.App.Database;
using Yardstick.App.Hosting;
using Yardstick.App.Imports;
using Yardstick.App.Organisations;
using Yardstick.App.Ratings;
using Yardstick.App;
using Yardstick.Cli.Output;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.Cli.Commands.Database;

/// <summary>
/// What the commands over the database (scoring.md §11) share: <c>--db</c> (a SQLite path, a postgres:// URL or an
/// Npgsql connection string; else the configured default, docs/operations.md), <c>--org</c> (the organisation a command
/// acts in, review.md R1), <c>--period</c>, the services of a command (<see cref="YardstickServices.AddYardstick"/>),
/// progress bars and the error output.
/// </summary>
internal static class DatabaseCommand
{
    /// <summary>The commands that work on the installation, not in one organisation: they take no <c>--org</c>.</summary>
    private static readonly string[] InstallationCommands = ["db migrate", "org list"];

    /// <summary>Every database command, in the order of <c>yardstick --help</c>; each one with <c>--db</c> gets <c>--org</c>.</summary>
    public static IEnumerable<Command> Build(Io io)
    {
        Command[] commands =
        [
            DbCommand.Build(io), DemoCommand.Build(io), ImportCommand.Build(io), CalcCommand.Build(io), ResultsCommand.Build(io), PeriodCommands.Build(io),
            WaiveCommand.Build(io), RatingsCommands.Build(io), OrgCommands.Build(io), UsersCommands.Build(io),
        ];
        foreach (var command in commands)
            AddOrgOption(command, command.Name);
        return commands;
    }

    public static Option<string?> DbOption() => new("--db")
    {
        HelpName = "DB",
        Description = "SQLite file, postgres://USER:PASSWORD@HOST:PORT/DATABASE or an Npgsql connection string; default: the configured database (Database:Provider, Database:ConnectionString) or yardstick.db in the data directory.",
    };

    public static Option<string?> OrgOption() => new("--org")
    {
        HelpName = "ID",
        Description = "The organisation to act in (yardstick org list); required only while the database holds more than one.",
    };

    /// <summary><c>--lang</c>: the language of names, traces, tables and messages.</summary>
    public static Option<string> LangOption() => new("--lang") { HelpName = "LANG", Description = "Language of names, traces, tables and messages: en (default) or zh-CN.", DefaultValueFactory = _ => "en" };

    /// <summary>The language of <c>--lang</c>; English with a problem when it names none.</summary>
    public static Language ParseLang(string? text, out Problem? problem)
    {
        var language = LocalizedText.ParseLanguage(text);
        problem = language is null ? Problem.Invalid("--lang", $"'{text}' 不是语言；应为 en 或 zh-CN", $"'{text}' is not a language; expected en or zh-CN") : null;
        return language ?? Language.En;
    }

    public static Option<string> PeriodOption() => new("--period") { Required = true, HelpName = "PERIOD", Description = "The period: 2026-10, 2026-Q4, 2026-H2 or 2026." };

    /// <summary>Runs <paramref name="action"/> on the database as the CLI's system administrator of the organisation of <c>--org</c>.</summary>
    public static Task<int> WithDb(Io io, ParseResult parsed, bool migrateFirst, Func<YardstickDb, DatabaseSettings, Task<int>> action) =>
        WithServices(io, parsed, migrateFirst, (services, settings) => action(services.GetRequiredService<YardstickDb>(), settings));

    /// <summary>
    /// Runs <paramref name="action"/> with the services of one scope (<see cref="YardstickServices.AddYardstick"/>) acting as
    /// the CLI's system administrator (review.md R2) of the organisation of <c>--org</c>, or the only one; named in the audit
    /// <c>$YARDSTICK_ACTOR</c>, else the OS user.
    /// </summary>
    public static Task<int> WithServices(Io io, ParseResult parsed, bool migrateFirst, Func<IServiceProvider, DatabaseSettings, Task<int>> action) =>
        Run(io, parsed, migrateFirst, inOrganisation: true, action);

    /// <summary>Runs <paramref name="action"/> with the services of a scope working on the installation (its database sees no organisation's records).</summary>
    public static Task<int> WithInstallation(Io io, ParseResult parsed, bool migrateFirst, Func<IServiceProvider, DatabaseSettings, Task<int>> action) =>
        Run(io, parsed, migrateFirst, inOrganisation: false, action);

    private static async Task<int> Run(Io io, ParseResult parsed, bool migrateFirst, bool inOrganisation, Func<IServiceProvider, DatabaseSettings, Task<int>> action)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "yardstick.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var settings = DatabaseSettings.Resolve(parsed.GetValue<string?>("--db"), configuration);
        if (!settings.IsSuccess)
            return Fail(io, settings.Problems);
        try
        {
            return await RunOn(io, parsed, settings.Value, configuration, migrateFirst, inOrganisation, action);
        }
        catch (Exception ex) when (DatabaseConnection.ToProblem(ex, settings.Value) is { } problem)
        {
            return Fail(io, [problem]);
        }
    }

    private static async Task<int> RunOn(Io io, ParseResult parsed, DatabaseSettings settings, IConfiguration configuration, bool migrateFirst, bool inOrganisation,
        Func<IServiceProvider, DatabaseSettings, Task<int>> action)
    {
        var services = new ServiceCollection();
        services.AddSingleton(settings);
        services.AddYardstick(configuration);
        await using var provider = services.BuildServiceProvider();

        Organisation organisation;
        await using (var installation = provider.CreateAsyncScope())
        {
            var scope = installation.ServiceProvider;
            // a database that does not exist yet is db migrate's to create
            if (await DatabaseConnection.ConnectAsync(scope.GetRequiredService<YardstickDb>(), settings) is { } unreachable && (migrateFirst || unreachable.Code != "db.missing"))
                return Fail(io, [unreachable]);
            if (migrateFirst)
            {
                var migrate = scope.GetRequiredService<MigrateDatabase>();
                if (settings.Provider == DatabaseProvider.Sqlite)
                {
                    await migrate.RunAsync();
                    if (migrate.ClearedLock is { } cleared)
                        io.Error.WriteLine("warning: " + cleared.En);
                }
                else if (await migrate.CheckAsync() is { } pending)
                    return Fail(io, [pending]);
            }

            if (!inOrganisation)
                return await action(scope, settings);
            var resolved = await scope.GetRequiredService<ResolveOrganisation>().RunAsync(parsed.GetValue<string?>("--org"));
            if (!resolved.IsSuccess)
                return Fail(io, resolved.Problems);
            organisation = resolved.Value;
        }

        await using var command = provider.CreateAsyncScope();
        var actor = io.Environment("YARDSTICK_ACTOR") is { Length: > 0 } a ? a : Environment.UserName;
        command.ServiceProvider.GetRequiredService<YardstickSession>().User = CurrentUser.System(organisation.Id, organisation.Code, actor);
        return await action(command.ServiceProvider, settings);
    }

    private static void AddOrgOption(Command command, string path)
    {
        if (command.Options.Any(o => o.Name == "--db") && !InstallationCommands.Contains(path) && !command.Options.Any(o => o.Name == "--org"))
            command.Options.Add(OrgOption());
        foreach (var sub in command.Subcommands)
            AddOrgOption(sub, path + " " + sub.Name);
    }

    public static async Task<T> WithProgress<T>(Io io, string title, Func<IProgress<WorkProgress>, Task<T>> work)
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

    public static int Fail(Io io, IReadOnlyList<Problem> problems, IReadOnlyDictionary<string, string>? fields = null) => Errors.Fail(io, problems, Language.En, fields);

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SyncProgress(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
