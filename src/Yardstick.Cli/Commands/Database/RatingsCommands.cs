using System.CommandLine;
using System.Globalization;
using Yardstick.App.Imports;
using Yardstick.App.Ratings;
using Yardstick.Core.Common;
using Yardstick.Data;

using static Yardstick.Cli.Commands.Database.DatabaseCommand;

namespace Yardstick.Cli.Commands.Database;

/// <summary><c>ratings create|close|show</c>: 360 rating campaigns (scoring.md §7).</summary>
internal static class RatingsCommands
{
    public static Command Build(Io io)
    {
        var command = new Command("ratings", "360 rating campaigns (scoring.md §7): create, close, and the ratee's view.");

        var db = DbOption();
        var name = new Argument<string>("campaign") { Description = "The campaign's name, such as 2026-10-360." };
        var period = PeriodOption();
        var indicator = new Option<string>("--indicator") { Required = true, HelpName = "CODE", Description = "The rating indicator (source ratings) the campaign gives the actual of." };
        var create = new Command("create", "Create a campaign of a period for a rating indicator (raters and answers come with import ratings).") { name, indicator, period, db };
        create.SetAction((r, ct) => WithDb(io, r, migrateFirst: true, async (ctx, _) =>
        {
            var result = await new CreateCampaign(ctx).RunAsync(r.GetValue(period)!, r.GetValue(name)!, r.GetValue(indicator)!, ct);
            if (!result.IsSuccess)
                return Fail(io, result.Problems, new Dictionary<string, string> { ["indicator"] = "--indicator", ["campaign"] = r.GetValue(name)! });
            io.Out.WriteLine($"campaign {result.Value.Name} of {r.GetValue(period)} for {result.Value.Indicator}: open");
            return Program.Ok;
        }));
        command.Subcommands.Add(create);

        var closeDb = DbOption();
        var closeName = new Argument<string>("campaign") { Description = "The campaign's name." };
        var closePeriod = PeriodOption();
        var close = new Command("close", "Close a campaign: its answers become final and feed calc.") { closeName, closePeriod, closeDb };
        close.SetAction((r, ct) => WithDb(io, r, migrateFirst: true, async (ctx, _) =>
        {
            var result = await new CloseCampaign(ctx).RunAsync(r.GetValue(closePeriod)!, r.GetValue(closeName)!, ct);
            if (!result.IsSuccess)
                return Fail(io, result.Problems, new Dictionary<string, string> { ["campaign"] = r.GetValue(closeName)! });
            io.Out.WriteLine($"campaign {result.Value.Name} of {r.GetValue(closePeriod)} ({result.Value.Indicator}): closed; run calc to use it");
            return Program.Ok;
        }));
        command.Subcommands.Add(close);

        var showDb = DbOption();
        var person = new Argument<string>("person") { Description = "The ratee's employee id." };
        var showPeriod = PeriodOption();
        var show = new Command("show", "What the ratee sees: the overall mean and the means of groups with at least 3 raters; never single ratings or rater names.") { person, showPeriod, showDb };
        show.SetAction((r, ct) => WithDb(io, r, migrateFirst: true, async (ctx, _) =>
        {
            var result = await new ShowRatings(ctx).RunAsync(r.GetValue(showPeriod)!, r.GetValue(person)!, ct);
            if (!result.IsSuccess)
                return Fail(io, result.Problems, new Dictionary<string, string> { ["person"] = "PERSON" });
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
}
