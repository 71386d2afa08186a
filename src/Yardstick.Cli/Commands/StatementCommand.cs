using System.CommandLine;
using Yardstick.App.Evaluation;
using Yardstick.App.Results;
using Yardstick.Cli.Commands.Database;
using Yardstick.Cli.Evaluation;
using Yardstick.Cli.Output;
using Yardstick.Core.Common;

namespace Yardstick.Cli.Commands;

/// <summary>
/// <c>yardstick statement PERSON</c>: one person's pay statement, from the inputs of <c>evaluate</c> (with
/// <c>--actuals</c>) or from the current run of a period in the database (without: <c>--db</c>, the configured one).
/// Both write the same text through App's <see cref="Statement"/>.
/// </summary>
internal static class StatementCommand
{
    public static Command Build(Io io)
    {
        var inputs = new InputOptionSet(actualsRequired: false);
        inputs.Ledger.Description = "Ledger JSON: milestones and profit shares already paid, past grades; read only (evaluate writes it).";
        var person = new Argument<string>("person") { Description = "The person's id." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var db = DatabaseCommand.DbOption();
        var command = new Command("statement", "Print one person's pay statement: every payout line with its trace, the total per currency, career tracks. From files (--actuals …) or from the period's current run in the database.") { person };
        inputs.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(db);
        command.Options.Add(DatabaseCommand.OrgOption());
        command.SetAction((r, ct) =>
        {
            var o = inputs.Read(r);
            return o.Actuals is null
                ? FromDatabase(io, r, o, r.GetValue(person)!, r.GetValue(format)!, ct)
                : Task.FromResult(FromFiles(io, o, r.GetValue(person)!, r.GetValue(format)!));
        });
        return command;
    }

    private static int FromFiles(Io io, InputOptions o, string person, string format)
    {
        var problems = new Problems();
        using var loaded = EvaluationLoader.Load(o, problems);
        if (loaded is not null && !loaded.Inputs.People.Contains(person))
            problems.In("statement", $"{loaded.Where} 中没有人员 '{person}'", $"no person '{person}' in {loaded.Where}");
        var language = loaded?.Language ?? Language.En;
        if (loaded is null || problems.Any)
            return EvaluateCommand.Failed(io, problems, language);

        var evaluated = Evaluator.Evaluate(loaded.Inputs);
        if (!evaluated.IsSuccess)
            return Errors.Fail(io, evaluated.Problems, language);
        EvaluateCommand.Warn(io, evaluated.Value, language);
        Write(io, loaded.Inputs, evaluated.Value, evaluated.Value.For(person)!, format, language);
        return Program.Ok;
    }

    private static Task<int> FromDatabase(Io io, ParseResult r, InputOptions o, string person, string format, CancellationToken ct)
    {
        var language = DatabaseCommand.ParseLang(o.Lang, out var badLang);
        var problems = new List<Problem>();
        if (badLang is not null)
            problems.Add(badLang);
        foreach (var (given, name) in new[] { (o.Template, "--template"), (o.Scheme, "--scheme"), (o.People, "--people"), (o.Waivers, "--waivers"), (o.Measures, "--measures"), (o.Events, "--events"), (o.Stages, "--stages"), (o.Awards, "--awards"), (o.Ledger, "--ledger") })
            if (given is not null)
                problems.Add(Problem.Invalid(name, $"{name} 只用于基于文件的对账单（同时给出 --actuals）；数据库中的对账单读取周期的当前计算", $"{name} is for a statement from files (with --actuals); a statement from the database reads the period's current run"));
        if (problems.Count > 0)
            return Task.FromResult(Errors.Fail(io, problems, language));
        return DatabaseCommand.WithDb(io, r, migrateFirst: true, async (ctx, _) =>
        {
            var found = await new GetResults(ctx).PersonAsync(o.Period, person, App.Access.AccessAction.ViewPay, ct);
            if (!found.IsSuccess)
                return Errors.Fail(io, found.Problems, language);
            var (view, result) = found.Value;
            EvaluateCommand.Warn(io, view.Result, language);
            Write(io, view.Inputs, view.Result, result, format, language);
            return Program.Ok;
        });
    }

    private static void Write(Io io, EvaluationInputs inputs, EvaluationResult result, PersonResult r, string format, Language language)
    {
        if (format == "json")
            EvaluateCommand.WriteJson(io.Out, w => Statement.Json(w, inputs, result, r, language));
        else
            io.Out.Write(Statement.Text(inputs, result, r, language));
    }
}
