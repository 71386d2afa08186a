using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Yardstick.App.Evaluation;
using Yardstick.App.Results;
using Yardstick.Cli.Output;
using Yardstick.Core.Common;
using Yardstick.Core.Scoring;

using static Yardstick.Cli.Commands.Database.DatabaseCommand;

namespace Yardstick.Cli.Commands.Database;

/// <summary>
/// <c>results --period P</c>: the current run of a period as a table, JSON (scoring.md §10) or CSV, in zh-CN or en;
/// <c>--explain PERSON</c> adds the person's scorecard trace and pay statement, as <c>evaluate --explain</c> does.
/// </summary>
internal static class ResultsCommand
{
    public static Command Build(Io io)
    {
        var db = DbOption();
        var period = PeriodOption();
        var format = new Option<string>("--format") { DefaultValueFactory = _ => "table", Description = "table (default), json (scoring.md §10) or csv." };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var lang = LangOption();
        var explain = new Option<string?>("--explain") { HelpName = "PERSON", Description = "Also print PERSON's scorecard trace and pay statement." };
        var output = new Option<string?>("--out") { HelpName = "FILE", Description = "Write the results to FILE instead of stdout." };
        var command = new Command("results", "The current run's results of a period.") { period, format, lang, explain, output, db };
        command.SetAction((r, ct) =>
        {
            var language = ParseLang(r.GetValue(lang), out var badLang);
            var (label, fmt, person, outPath) = (r.GetValue(period)!, r.GetValue(format)!, r.GetValue(explain), r.GetValue(output));
            var problems = new List<Problem>();
            if (badLang is not null)
                problems.Add(badLang);
            if (person is not null && fmt != "table" && outPath is null)
                problems.Add(Problem.Invalid("--explain", $"使用 --format {fmt} 时结果写到标准输出，明细无处可写；请加 --out FILE 或使用 --format table", $"with --format {fmt} the results go to stdout, so the trace has nowhere to go; add --out FILE or use --format table"));
            if (outPath is not null && OutputFile.CheckWritable(outPath, ("--db", r.GetValue(db))) is { } cannot)
                problems.Add(cannot);
            if (problems.Count > 0)
                return Task.FromResult(Errors.Fail(io, problems, language));
            return WithDb(io, r, migrateFirst: true, async (ctx, _) =>
            {
                var results = new GetResults(ctx);
                string? explained = null;
                if (person is not null)
                {
                    var found = await results.PersonAsync(label, person, App.Access.AccessAction.ViewPay, ct);
                    if (!found.IsSuccess)
                        return Errors.Fail(io, found.Problems, language, new Dictionary<string, string> { ["person"] = "--explain" });
                    explained = Explain(found.Value.View, found.Value.Person, language);
                }

                switch (fmt)
                {
                    case "json":
                    {
                        // streamed: the document is written as it is rendered, never held whole
                        IReadOnlyList<Problem>? failed = null;
                        await OutputFile.WriteAsync(io, outPath, async w =>
                        {
                            await using var stream = TextWriterStream.Over(w);
                            var written = await results.WriteJsonAsync(label, stream, language, ct);
                            if (!written.IsSuccess)
                            {
                                failed = written.Problems;
                                return false;
                            }

                            stream.Write("\n"u8);
                            await stream.FlushAsync(ct);
                            return true;
                        });
                        if (failed is not null)
                            return Errors.Fail(io, failed, language);
                        break;
                    }

                    case "csv":
                    {
                        var lines = await results.LinesAsync(label, ct);
                        if (!lines.IsSuccess)
                            return Errors.Fail(io, lines.Problems, language);
                        OutputFile.Write(io, outPath, w => w.Write(GetResults.Csv(lines.Value.Lines)));
                        break;
                    }

                    default:
                    {
                        var lines = await results.LinesAsync(label, ct);
                        if (!lines.IsSuccess)
                            return Errors.Fail(io, lines.Problems, language);
                        OutputFile.Write(io, outPath, w =>
                        {
                            Table(SpectreConsole.Over(w, io.Terminal && outPath is null), label, lines.Value.Run, lines.Value.Lines, language);
                            if (explained is not null)
                                w.Write("\n" + explained);
                        });
                        break;
                    }
                }

                if (explained is not null && fmt != "table")
                    io.Out.Write(explained);
                // the results are written: their memory (a hundred megabytes at 50,000 people) is given back before the
                // period's inputs are read again to see whether the run is stale, so the two never add up
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                await WarnIfStaleAsync(io, results, label, language, ct);
                return Program.Ok;
            });
        });
        return command;
    }

    /// <summary>Marks a stale run (review.md R6) on stderr, so that a table, JSON or CSV on stdout stays as it is.</summary>
    private static async Task WarnIfStaleAsync(Io io, GetResults results, string label, Language language, CancellationToken ct)
    {
        if (await results.StaleWarningAsync(label, ct) is { } stale)
            io.Error.WriteLine((language == Language.ZhCN ? "警告：" : "warning: ") + Errors.Line(stale, language));
    }

    /// <summary>A person's scorecard trace, day-weighted total and pay statement, as <c>evaluate --explain</c> prints them.</summary>
    internal static string Explain(RunView view, PersonResult r, Language language)
    {
        var text = r.Trace(language);
        return view.Inputs.HasPlan ? text + "\n" + Statement.Text(view.Inputs, view.Result, r, language) : text;
    }

    private static void Table(IAnsiConsole console, string label, Data.CalculationRun run, IReadOnlyList<ResultLine> lines, Language lang)
    {
        string L(string en, string zh) => lang == Language.ZhCN ? zh : en;
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in new[] { L("person", "人员"), L("total", "总分"), L("grade", "等级"), L("complete", "完整"), L("missing", "缺失"), L("pay", "薪酬"), L("provisional", "暂定") })
            table.AddColumn(c);
        foreach (var column in table.Columns.Skip(1))
            column.RightAligned();
        foreach (var l in lines)
            table.AddRow(new Text(l.Person), new Text(TraceFormat.ShowScore(l.Total)), new Text(l.Grade ?? ""), new Text(l.Complete ? L("yes", "是") : L("no", "否")),
                new Text(l.Missing.ToString(CultureInfo.InvariantCulture)), new Text(l.Currency.Length == 0 ? "" : TraceFormat.Money(l.Pay) + " " + l.Currency), new Text(l.Provisional.ToString(CultureInfo.InvariantCulture)));
        console.Write(new Text(string.Create(CultureInfo.InvariantCulture,
            $"{label}, {L("run", "第")} {run.Number}{L("", " 次计算")} ({run.FinishedAt:yyyy-MM-dd HH:mm} UTC, {run.Actor})\n")));
        console.Write(table);
    }
}
