using System.CommandLine;
using System.Text.Json;
using Yardstick.App.Evaluation;
using Yardstick.Cli.Evaluation;
using Yardstick.Cli.Output;
using Yardstick.Core.Common;
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
        using var loaded = EvaluationLoader.Load(o, problems, p =>
        {
            if (explain is not null && format != "table" && outPath is null)
                p.In("--explain", $"使用 --format {format} 时结果写到标准输出，明细无处可写；请加 --out FILE 或使用 --format table", $"with --format {format} the results go to stdout, so the trace has nowhere to go; add --out FILE or use --format table");
            if (outPath is not null && OutputFile.CheckWritable(outPath, ("--scheme", o.Scheme), ("--actuals", o.Actuals), ("--people", o.People), ("--waivers", o.Waivers),
                    ("--measures", o.Measures), ("--events", o.Events), ("--stages", o.Stages), ("--awards", o.Awards), ("--ledger", o.Ledger)) is { } cannot)
                p.Add(cannot);
        });
        if (loaded is not null && explain is not null && !loaded.Inputs.People.Contains(explain))
            problems.In("--explain", $"{loaded.Where} 中没有人员 '{explain}'", $"no person '{explain}' in {loaded.Where}");
        var language = loaded?.Language ?? Language.En;
        if (loaded is null || problems.Any)
            return Failed(io, problems, language);

        var inputs = loaded.Inputs;
        var evaluated = Evaluator.Evaluate(inputs);
        if (!evaluated.IsSuccess)
            return Errors.Fail(io, evaluated.Problems, language);
        var result = evaluated.Value;

        Warn(io, result, language);
        OutputFile.Write(io, outPath, writer =>
        {
            switch (format)
            {
                case "json":
                    WriteJson(writer, w => ResultsJson.Write(w, inputs, result, language));
                    break;
                case "csv":
                    ScorecardWriters.Csv(writer, inputs, result.Results);
                    break;
                default:
                    ScorecardWriters.Table(SpectreConsole.Over(writer, io.Terminal && outPath is null), inputs, result, language);
                    if (explain is not null)
                        writer.Write("\n" + Explain(inputs, result, explain, language));
                    break;
            }
        });

        if (explain is not null && format != "table")
            io.Out.Write(Explain(inputs, result, explain, language));
        if (o.Ledger is not null)
            LedgerOutput.Write(o.Ledger, result.Ledger);
        return Program.Ok;
    }

    /// <summary>Bad input: the problems on stderr, exit 2.</summary>
    internal static int Failed(Io io, Problems problems, Language language)
    {
        if (!problems.Any)
            problems.In("evaluate", "没有可评估的内容", "nothing to evaluate");
        return Errors.Fail(io, problems, language);
    }

    /// <summary>The payout engine's notices (a milestone already paid, a missing measure) are not errors: stderr, prefixed <c>warning:</c>.</summary>
    internal static void Warn(Io io, EvaluationResult result, Language language)
    {
        foreach (var n in result.Notices)
            io.Error.WriteLine((language == Language.ZhCN ? "提示：" : "warning: ") + n.Get(language));
    }

    /// <summary>Streams JSON written by <paramref name="write"/> to <paramref name="writer"/>, indented, with a final newline.</summary>
    internal static void WriteJson(TextWriter writer, Action<Utf8JsonWriter> write)
    {
        using var stream = TextWriterStream.Over(writer);
        using (var w = new Utf8JsonWriter(stream, ResultsJson.Indented))
            write(w);
        stream.Write("\n"u8);
        stream.Flush();
    }

    private static string Explain(EvaluationInputs inputs, EvaluationResult result, string person, Language language)
    {
        var r = result.For(person)!;
        var text = r.Trace(language);
        return inputs.HasPlan ? text + "\n" + Statement.Text(inputs, result, r, language) : text;
    }
}
