using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Yardstick.App.Demo;

using static Yardstick.Cli.Commands.Database.DatabaseCommand;

namespace Yardstick.Cli.Commands.Database;

/// <summary>The <c>demo load</c> command: review.md R12's demo organisations and accounts, into an empty database (docs/demo.md).</summary>
internal static class DemoCommand
{
    public static Command Build(Io io)
    {
        var db = DbOption();
        var load = new Command("load", "Load the demo organisations (industrial, crossborder, saas) into an empty database.") { db };
        load.SetAction((r, ct) => WithInstallation(io, r, migrateFirst: true, async (services, settings) =>
        {
            var loaded = await services.GetRequiredService<LoadDemo>().RunAsync(ct);
            if (!loaded.IsSuccess)
                return Fail(io, loaded.Problems);
            io.Out.WriteLine($"{settings.Describe()}: loaded the demo organisations {string.Join(", ", loaded.Value.Organisations.Select(o => o.Code))}");
            foreach (var a in loaded.Value.Accounts)
                io.Out.WriteLine($"  {a.Email}{(a.Roles.Count > 0 ? " (" + string.Join(", ", a.Roles) + ")" : "")}");
            io.Out.WriteLine($"every account's password: {loaded.Value.Password}");
            return Program.Ok;
        }));
        return new Command("demo", "Demo data.") { load };
    }
}
