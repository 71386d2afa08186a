using System.CommandLine;
using System.Globalization;
using Yardstick.App.Calculation;
using Yardstick.App.Ratings;
using Yardstick.Data;

using static Yardstick.Cli.Commands.Database.DatabaseCommand;

namespace Yardstick.Cli.Commands.Database;

/// <summary><c>calc --period P</c>: a new run of the period that becomes current.</summary>
internal static class CalcCommand
{
    public static Command Build(Io io)
    {
        var db = DbOption();
        var period = PeriodOption();
        var command = new Command("calc", "Calculate the period: scorecards and pay, stored as a new run that becomes current.") { period, db };
        command.SetAction((r, ct) => WithDb(io, r, migrateFirst: true, async (ctx, _) =>
        {
            var result = await WithProgress(io, "calc", progress => new RunCalculation(ctx).RunAsync(r.GetValue(period)!, progress, ct));
            if (!result.IsSuccess)
                return Fail(io, result.Problems);
            var s = result.Value;
            foreach (var notice in s.Notices)
                io.Error.WriteLine("warning: " + notice.En);
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {s.Run.Number} of {r.GetValue(period)}: {s.Scorecards} scorecard(s), {s.PayoutLines} payout line(s), {s.Incomplete} incomplete; results sha256 {s.Run.ResultsHash[..12]}…"));
            return Program.Ok;
        }));
        return command;
    }
}
