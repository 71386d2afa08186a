using System.CommandLine;
using Yardstick.App.Evaluation;
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
        using var loaded = EvaluationLoader.Load(o, problems);
        if (loaded is not null && !loaded.Inputs.People.Contains(person))
            problems.In("statement", $"{loaded.Where} 中没有人员 '{person}'", $"no person '{person}' in {loaded.Where}");
        var language = loaded?.Language ?? Core.Common.Language.En;
        if (loaded is null || problems.Any)
            return EvaluateCommand.Failed(io, problems, language);

        var evaluated = Evaluator.Evaluate(loaded.Inputs);
        if (!evaluated.IsSuccess)
            return Errors.Fail(io, evaluated.Problems, language);
        EvaluateCommand.Warn(io, evaluated.Value, language);
        var r = evaluated.Value.For(person)!;
        if (format == "json")
            EvaluateCommand.WriteJson(io.Out, w => Statement.Json(w, loaded.Inputs, evaluated.Value, r, language));
        else
            io.Out.Write(Statement.Text(loaded.Inputs, evaluated.Value, r, language));
        return Program.Ok;
    }
}
