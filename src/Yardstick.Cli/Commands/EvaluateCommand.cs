using System.CommandLine;
using Yardstick.Cli.Evaluation;
using Yardstick.Cli.Input;
using Yardstick.Cli.Output;
using Yardstick.Core.Scoring;

namespace Yardstick.Cli.Commands;

/// <summary><c>yardstick evaluate</c>: scorecards and pay from files (scoring.md §10).</summary>
internal static class EvaluateCommand
{
    public static Command Build(Io io)
    {
        var inputs = new InputOptionSet();
        inputs.Ledger.Description = "Ledger JSON: milestones and profit shares paid, past grades; read if it exists, written back after a successful run.";
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var output = new Option<string?>("--out") { HelpName = "FILE", Description = "Write the results to FILE instead of stdout." };
        var explain = new Option<string?>("--explain") { HelpName = "PERSON", Description = "Also print PERSON's scorecard trace and pay statement." };

        var command = new Command("evaluate", "Compute scorecards and pay from files, without a database.");
        inputs.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(explain);
        command.SetAction(r => Run(io, inputs.Read(r), r.GetValue(format)!, r.GetValue(output), r.GetValue(explain)));
        return command;
    }

    private static int Run(Io io, InputOptions o, string format, string? outPath, string? explain)
    {
        var problems = new Problems();
        var inputs = RunInputs.Load(o, problems, p =>
        {
            if (explain is not null && format != "table" && outPath is null)
                p.In("--explain", $"with --format {format} the results go to stdout, so the trace has nowhere to go; add --out FILE or use --format table");
            if (outPath is not null && !OutputFile.CanWrite(outPath, out var why))
                p.In("--out", why);
        });
        if (inputs is not null && explain is not null && !inputs.IsEvaluated(explain))
            problems.In("--explain", $"no person '{explain}' in {o.Actuals}{(o.People is null ? "" : " or " + o.People)}");
        if (inputs is null || problems.Any)
            return Failed(io, problems);

        var result = Evaluator.Run(inputs);
        if (result.Problems.Count > 0)
        {
            foreach (var p in result.Problems)
                problems.Add(p);
            return Failed(io, problems);
        }

        Warn(io, inputs, result);
        OutputFile.Write(io, outPath, writer =>
        {
            switch (format)
            {
                case "json":
                    EvaluationJson.Write(writer, inputs, result);
                    break;
                case "csv":
                    ScorecardWriters.Csv(writer, inputs, result.Results);
                    break;
                default:
                    ScorecardWriters.Table(SpectreConsole.Over(writer, io.Terminal && outPath is null), inputs, result);
                    if (explain is not null)
                        writer.Write("\n" + Explain(inputs, result, explain));
                    break;
            }
        });

        if (explain is not null && format != "table")
            io.Out.Write(Explain(inputs, result, explain));
        if (o.Ledger is not null)
            LedgerFile.Write(o.Ledger, result.Ledger);
        return Program.Ok;
    }

    /// <summary>Bad input: the problems on stderr, exit 2.</summary>
    internal static int Failed(Io io, Problems problems)
    {
        if (!problems.Any)
            problems.In("evaluate", "nothing to evaluate");
        problems.WriteTo(io.Error);
        return Program.BadInput;
    }

    /// <summary>The payout engine's notices (a milestone already paid, a missing measure) are not errors: stderr, prefixed <c>warning:</c>.</summary>
    internal static void Warn(Io io, RunInputs inputs, EvaluationResult result)
    {
        foreach (var n in result.Notices)
            io.Error.WriteLine("warning: " + n.Get(inputs.Language));
    }

    private static string Explain(RunInputs inputs, EvaluationResult result, string person)
    {
        var r = result.For(person)!;
        var text = ScorecardTrace.Render(r.Card, inputs.Language);
        if (r.ProRata is { } pro)
            text += pro.Trace(inputs.Language) + "\n";
        return inputs.HasPlan ? text + "\n" + Statement.Text(inputs, result, r) : text;
    }
}
