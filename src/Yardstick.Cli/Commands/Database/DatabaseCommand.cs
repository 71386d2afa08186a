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


namespace Yardstick.Cli.Commands.Database;

/// <summary>
/// What the commands over the database (scoring.md §11) share: <c>--db</c> (a SQLite path, a postgres:// URL or an
/// Npgsql connection string; else the configured default, docs/operations.md), <c>--period</c>, opening the
/// database, progress bars and the error output.
/// </summary>
internal static class DatabaseCommand
{
    /// <summary>Every database command, in the order of <c>yardstick --help</c>.</summary>
    public static IEnumerable<Command> Build(Io io) =>
    [
        DbCommand.Build(io), ImportCommand.Build(io), CalcCommand.Build(io), ResultsCommand.Build(io), PeriodCommands.Build(io),
        WaiveCommand.Build(io), RatingsCommands.Build(io), OrgCommands.Build(io),
    ];

    public static Option<string?> DbOption() => new("--db")
    {
        HelpName = "DB",
        Description = "SQLite file, postgres://USER:PASSWORD@HOST:PORT/DATABASE or an Npgsql connection string; default: the configured database (Database:Provider, Database:ConnectionString) or yardstick.db in the data directory.",
    };

    public static Option<string> PeriodOption() => new("--period") { Required = true, HelpName = "PERIOD", Description = "The period: 2026-10, 2026-Q4, 2026-H2 or 2026." };

    public static async Task<int> WithDb(Io io, string? dbArgument, bool migrateFirst, Func<YardstickDb, DatabaseSettings, Task<int>> action)
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
