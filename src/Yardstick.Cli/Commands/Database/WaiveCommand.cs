using System.CommandLine;
using Yardstick.App.Imports;
using Yardstick.App.Ratings;
using Yardstick.App.Waivers;
using Yardstick.Core.Common;
using Yardstick.Data;

using static Yardstick.Cli.Commands.Database.DatabaseCommand;

namespace Yardstick.Cli.Commands.Database;

/// <summary><c>waive PERSON INDICATOR --period P --reason TEXT</c> (scoring.md §2).</summary>
internal static class WaiveCommand
{
    public static Command Build(Io io)
    {
        var db = DbOption();
        var person = new Argument<string>("person") { Description = "The employee id." };
        var indicator = new Argument<string>("indicator") { Description = "The indicator code." };
        var period = PeriodOption();
        var reason = new Option<string>("--reason") { Required = true, HelpName = "TEXT", Description = "Why the indicator is waived (shown in the result)." };
        var remove = new Option<bool>("--remove") { Description = "Remove the waiver instead (the reason says why; audited)." };
        var command = new Command("waive", "Waive an indicator of a person for a period, with a reason (audited).") { person, indicator, period, reason, remove, db };
        command.SetAction((r, ct) => WithDb(io, r, migrateFirst: true, async (ctx, _) =>
        {
            if (r.GetValue(remove))
            {
                var removed = await new RemoveWaiver(ctx).RunAsync(r.GetValue(period)!, r.GetValue(person)!, r.GetValue(indicator)!, r.GetValue(reason), ct);
                if (!removed.IsSuccess)
                    return Fail(io, removed.Problems);
                io.Out.WriteLine($"removed the waiver of {removed.Value.Indicator} of {removed.Value.Person} in {r.GetValue(period)} (run calc again to apply it)");
                return Program.Ok;
            }

            var result = await new WaiveIndicator(ctx).RunAsync(r.GetValue(period)!, r.GetValue(person)!, r.GetValue(indicator)!, r.GetValue(reason), ct);
            if (!result.IsSuccess)
                return Fail(io, result.Problems);
            io.Out.WriteLine($"waived {result.Value.Indicator} of {result.Value.Person} in {r.GetValue(period)}: {result.Value.Reason} (run calc again to apply it)");
            return Program.Ok;
        }));
        return command;
    }
}
