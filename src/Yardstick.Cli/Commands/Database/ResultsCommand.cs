using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using Yardstick.App;
using Yardstick.App.Calculation;
using Yardstick.App.Database;
using Yardstick.App.Imports;
using Yardstick.App.Organisations;
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

/// <summary><c>results --period P</c>: the current run of a period as a table, JSON (scoring.md §10) or CSV.</summary>
internal static class ResultsCommand
{
    public static Command Build(Io io)
    {
        var db = DbOption();
        var period = PeriodOption();
        var format = new Option<string>("--format") { DefaultValueFactory = _ => "table", Description = "table (default), json (scoring.md §10) or csv." };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var command = new Command("results", "The current run's results of a period.") { period, format, db };
        command.SetAction((r, ct) => WithDb(io, r, migrateFirst: true, async (ctx, _) =>
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
                table.AddRow(l.Person, TraceFormat.ShowScore(l.Total), l.Grade ?? "", l.Complete ? "yes" : "no",
                    l.Missing.ToString(CultureInfo.InvariantCulture), l.Currency.Length == 0 ? "" : l.Pay.ToString("#,##0.00", CultureInfo.InvariantCulture) + " " + l.Currency, l.Provisional.ToString(CultureInfo.InvariantCulture));
            var console = SpectreConsole.Over(io.Out, io.Terminal);
            console.Write(new Text($"{label}, run {lines.Value.Run.Number} ({lines.Value.Run.FinishedAt:yyyy-MM-dd HH:mm} UTC, {lines.Value.Run.Actor})\n"));
            console.Write(table);
            return Program.Ok;
        }));
        return command;
    }
}
