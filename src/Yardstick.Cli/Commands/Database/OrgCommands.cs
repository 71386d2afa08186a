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

using static Yardstick.Cli.Commands.Database.DatabaseCommand;

namespace Yardstick.Cli.Commands.Database;

/// <summary><c>org show|set</c>: the company settings.</summary>
internal static class OrgCommands
{
    public static Command Build(Io io)
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
}
