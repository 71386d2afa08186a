using System.CommandLine;
using Yardstick.Cli.Evaluation;
using Yardstick.Cli.Output;

namespace Yardstick.Cli.Commands;

/// <summary><c>yardstick statement PERSON</c>: one person's pay statement, from the inputs of <c>evaluate</c>.</summary>
internal static class StatementCommand
{
    public static Command Build(Io io)
    {
        var inputs = new InputOptionSet();
        inputs.Ledger.Description = "Ledger JSON: milestones and profit shares already paid, past grades; read only (evaluate writes it).";
        var person = new Argument<string>("person") { Description = "The person's id." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("statement", "Print one person's pay statement: every payout line with its trace, the total per currency, career tracks.") { person };
        inputs.AddTo(command);
        command.Options.Add(format);
        command.SetAction(r => Run(io, inputs.Read(r), r.GetValue(person)!, r.GetValue(format)!));
        return command;
    }

    private static int Run(Io io, InputOptions o, string person, string format)
    {
        var problems = new Problems();
        var inputs = RunInputs.Load(o, problems);
        if (inputs is not null && !inputs.IsEvaluated(person))
            problems.In("statement", $"no person '{person}' in {o.Actuals}{(o.People is null ? "" : " or " + o.People)}");
        if (inputs is null || problems.Any)
            return EvaluateCommand.Failed(io, problems);

        var result = Evaluator.Run(inputs);
        if (result.Problems.Count > 0)
        {
            foreach (var p in result.Problems)
                problems.Add(p);
            return EvaluateCommand.Failed(io, problems);
        }

        EvaluateCommand.Warn(io, inputs, result);
        var r = result.For(person)!;
        if (format == "json")
            Statement.Json(io.Out, inputs, result, r);
        else
            io.Out.Write(Statement.Text(inputs, result, r));
        return Program.Ok;
    }
}
