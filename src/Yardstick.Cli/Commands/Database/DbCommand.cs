using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Yardstick.App.Database;
using Yardstick.Data;

using static Yardstick.Cli.Commands.Database.DatabaseCommand;

namespace Yardstick.Cli.Commands.Database;

/// <summary>The <c>db</c> command: create or upgrade the database schema.</summary>
internal static class DbCommand
{
    public static Command Build(Io io)
    {
        var db = DbOption();
        var migrate = new Command("migrate", "Create or upgrade the database schema.") { db };
        migrate.SetAction((r, ct) => WithInstallation(io, r, migrateFirst: false, async (services, settings) =>
        {
            var migrate = services.GetRequiredService<MigrateDatabase>();
            if (await migrate.CreateIfMissingAsync(ct) is { } missing)
                return Fail(io, [missing]);
            var applied = await migrate.RunAsync(ct);
            if (migrate.ClearedLock is { } cleared)
                io.Error.WriteLine("warning: " + cleared.En);
            var created = migrate.CreatedDatabase ? "created the database; " : "";
            io.Out.WriteLine(applied.Count == 0
                ? $"{settings.Describe()}: {created}up to date"
                : $"{settings.Describe()}: {created}applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return Program.Ok;
        }));
        return new Command("db", "The database.") { migrate };
    }
}
