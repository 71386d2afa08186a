using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Yardstick.Cli.Evaluation;
using Yardstick.Cli.Output;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;

namespace Yardstick.Cli.Commands;

/// <summary><c>yardstick whatif</c>: a person's total, grade and pay with changed actuals beside the current ones.</summary>
internal static class WhatIfCommand
{
    public static Command Build(Io io)
    {
        var inputs = new InputOptionSet();
        inputs.Ledger.Description = "Ledger JSON: milestones and profit shares already paid, past grades; read only.";
        var person = new Option<string>("--person") { HelpName = "PERSON", Description = "The person whose actuals change.", Required = true };
        var set = new Option<string[]>("--set") { HelpName = "CODE=VALUE", Description = "A changed actual, written as in the actuals file (0.62, 62%); repeat for more.", Required = true, AllowMultipleArgumentsPerToken = false };
        var command = new Command("whatif", "Show how a person's total, grade and pay change if some actuals were different.");
        inputs.AddTo(command);
        command.Options.Add(person);
        command.Options.Add(set);
        command.SetAction(r => Run(io, inputs.Read(r), r.GetValue(person)!, r.GetValue(set) ?? []));
        return command;
    }

    private static int Run(Io io, InputOptions o, string person, string[] sets)
    {
        var problems = new Problems();
        var inputs = RunInputs.Load(o, problems);
        List<(int, decimal)> changes = [];
        if (inputs is not null)
        {
            if (!inputs.IsEvaluated(person))
                problems.In("--person", $"no person '{person}' in {o.Actuals}{(o.People is null ? "" : " or " + o.People)}");
            else
                changes = WhatIf.ParseSets(inputs, person, sets, problems);
        }

        if (inputs is null || problems.Any)
            return EvaluateCommand.Failed(io, problems);

        var (result, engineProblems) = WhatIf.Compare(inputs, person, changes);
        if (result is null)
        {
            foreach (var p in engineProblems)
                problems.Add(p);
            return EvaluateCommand.Failed(io, problems);
        }

        Write(SpectreConsole.Over(io.Out, io.Terminal), inputs, result);
        return Program.Ok;
    }

    private static void Write(IAnsiConsole console, RunInputs inputs, WhatIfResult r)
    {
        var name = inputs.NameOf(r.Person);
        console.WriteLine($"What if: {r.Person}{(name is null ? "" : $" ({name})")}, {r.After.Scheme.Scheme.Id}, {inputs.Period}");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("");
        table.AddColumn(new TableColumn("current").RightAligned());
        table.AddColumn(new TableColumn("what if").RightAligned());
        table.AddColumn(new TableColumn("difference").RightAligned());
        foreach (var c in r.Changes)
            Row(table, c.Code, c.Before is { } b ? TraceFormat.Input(b) : "missing", TraceFormat.Input(c.After), c.Before is { } b2 ? Signed(c.After - b2, TraceFormat.Input) : "");
        Row(table, "total", TraceFormat.ShowScore(r.Before.Total), TraceFormat.ShowScore(r.After.Total), Signed(Truncated(r.After.Total) - Truncated(r.Before.Total), d => d.ToString("0.00", CultureInfo.InvariantCulture)));
        Row(table, "grade", r.Before.Grade ?? "-", r.After.Grade ?? "-", r.Before.Grade == r.After.Grade ? "" : "changed");
        foreach (var p in r.Pay)
            Row(table, $"{p.Rule} ({JsonNames.Kind(p.Kind)}, {p.Currency})", Line(p.Before), Line(p.After), Signed(p.Difference, TraceFormat.Money));
        foreach (var (currency, before, after) in r.Totals)
            Row(table, $"pay {currency}", TraceFormat.Money(before), TraceFormat.Money(after), Signed(after - before, TraceFormat.Money));
        console.Write(table);
        console.WriteLine("totals are truncated to 2 decimals; * marks a provisional line; the other people's inputs are unchanged");
    }

    private static void Row(Table table, params string[] cells) => table.AddRow(cells.Select(c => new Text(c)).ToArray());

    private static string Line(PayoutLine? line) => line is null ? "-" : TraceFormat.Money(line.Amount.Amount) + (line.Provisional ? " *" : "");

    private static decimal Truncated(decimal total) => Math.Floor(total * 100m) / 100m;

    private static string Signed(decimal d, Func<decimal, string> format) => d == 0 ? "0" : d > 0 ? "+" + format(d) : "−" + format(-d);
}
