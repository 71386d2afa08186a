using System.CommandLine;
using Yardstick.Cli.Input;
using Yardstick.Cli.Output;
using Yardstick.Core.Common;
using Yardstick.Core.Scoring;

namespace Yardstick.Cli.Commands;

/// <summary><c>yardstick evaluate</c>: scorecards from files (scoring.md §10).</summary>
internal static class EvaluateCommand
{
    public static Command Build(Io io)
    {
        var template = new Option<string?>("--template") { HelpName = "ID", Description = "Built-in template id (see 'yardstick templates list')." };
        var scheme = new Option<string?>("--scheme") { HelpName = "FILE", Description = "Scheme JSON file (docs/scheme-format.md)." };
        var period = new Option<string>("--period") { HelpName = "PERIOD", Description = "Period: 2026-10, 2026-Q4, 2026-H2 or 2026.", Required = true };
        var actuals = new Option<string>("--actuals") { HelpName = "FILE", Description = "Actuals: CSV or .xlsx with header person,indicator,value.", Required = true };
        var people = new Option<string?>("--people") { HelpName = "FILE", Description = "People: CSV with header person,base_salary[,name,team,product,share]." };
        var waivers = new Option<string?>("--waivers") { HelpName = "FILE", Description = "Waivers: CSV with header person,indicator,reason." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var output = new Option<string?>("--out") { HelpName = "FILE", Description = "Write the results to FILE instead of stdout." };
        var explain = new Option<string?>("--explain") { HelpName = "PERSON", Description = "Also print the step-by-step trace of PERSON's scorecard." };
        var lang = new Option<string>("--lang") { HelpName = "LANG", Description = "Language of names and traces: en (default) or zh-CN.", DefaultValueFactory = _ => "en" };

        var command = new Command("evaluate", "Compute scorecards from an actuals file, without a database.")
        {
            template, scheme, period, actuals, people, waivers, format, output, explain, lang,
        };
        command.SetAction(r => Run(io, new Request(
            r.GetValue(template), r.GetValue(scheme), r.GetValue(period)!, r.GetValue(actuals)!, r.GetValue(people),
            r.GetValue(waivers), r.GetValue(format)!, r.GetValue(output), r.GetValue(explain), r.GetValue(lang)!)));
        return command;
    }

    internal sealed record Request(
        string? Template, string? Scheme, string Period, string Actuals, string? People, string? Waivers,
        string Format, string? Out, string? Explain, string Lang);

    private static int Run(Io io, Request req)
    {
        var problems = new Problems();
        var language = LocalizedText.ParseLanguage(req.Lang);
        if (language is null)
            problems.In("--lang", $"'{req.Lang}' is not a language; expected en or zh-CN");
        if (req.Explain is not null && req.Format != "table" && req.Out is null)
            problems.In("--explain", $"with --format {req.Format} the results go to stdout, so the trace has nowhere to go; add --out FILE or use --format table");

        if (req.Out is not null && !OutputFile.CanWrite(req.Out, out var why))
            problems.In("--out", why);

        var compiled = SchemeSource.Load(req.Template, req.Scheme, problems);
        var calc = SchemeSource.Calculator(compiled, req.Period, problems);
        var people = req.People is null ? null : PeopleFile.Read(req.People, problems);

        Dictionary<string, PersonActuals>? actuals = null;
        if (compiled is not null)
            actuals = ActualsFile.Read(req.Actuals, compiled, problems);
        else
            TableFile.Check(req.Actuals, ["person", "indicator", "value"], problems); // without a scheme only the file's shape can be checked

        if (actuals is not null && people is not null)
            foreach (var (id, a) in actuals)
                if (!people.ContainsKey(id))
                    problems.At(req.Actuals, a.FirstLine, 1, $"person '{id}' is not in {req.People}; add a row for them there");

        Dictionary<string, Dictionary<int, string>>? waivers = null;
        if (req.Waivers is not null && compiled is not null && actuals is not null)
            waivers = WaiversFile.Read(req.Waivers, compiled, id => actuals.ContainsKey(id) || people?.ContainsKey(id) == true, problems);

        var ids = actuals is null ? [] : actuals.Keys.Union(people?.Keys ?? Enumerable.Empty<string>()).ToArray();
        Array.Sort(ids, string.CompareOrdinal);
        if (req.Explain is not null && actuals is not null && Array.BinarySearch(ids, req.Explain, StringComparer.Ordinal) < 0)
            problems.In("--explain", $"no person '{req.Explain}' in {req.Actuals}{(req.People is null ? "" : " or " + req.People)}");

        if (problems.Any || calc is null || actuals is null || language is null)
        {
            if (!problems.Any)
                problems.In("evaluate", "nothing to evaluate");
            problems.WriteTo(io.Error);
            return Program.BadInput;
        }

        var empty = new decimal?[calc.Scheme.Indicators.Length];
        IEnumerable<ScorecardResult> Results()
        {
            foreach (var id in ids)
            {
                var values = actuals.TryGetValue(id, out var a) ? a.Values : empty;
                var result = calc.Evaluate(new ScorecardInput(id, values, waivers?.GetValueOrDefault(id)));
                // Every failure Evaluate can report (all indicators waived) was checked while reading the waivers.
                yield return result.IsSuccess ? result.Value : throw new InvalidOperationException(string.Join("; ", result.Problems));
            }
        }

        OutputFile.Write(io, req.Out, writer =>
        {
            switch (req.Format)
            {
                case "json":
                    ScorecardWriters.Json(writer, calc.Scheme, calc.Period, Results());
                    break;
                case "csv":
                    ScorecardWriters.Csv(writer, calc.Scheme, Results());
                    break;
                default:
                    var console = SpectreConsole.Over(writer, io.Terminal && req.Out is null);
                    ScorecardWriters.Table(console, calc.Scheme, calc.Period, Results(), people is null ? null : id => people.GetValueOrDefault(id)?.Name, language.Value);
                    if (req.Explain is not null)
                        writer.Write("\n" + Explain(req, calc, actuals, waivers, empty, language.Value));
                    break;
            }
        });

        if (req.Explain is not null && req.Format != "table")
            io.Out.Write(Explain(req, calc, actuals, waivers, empty, language.Value));
        return Program.Ok;
    }

    private static string Explain(Request req, ScorecardCalculator calc, Dictionary<string, PersonActuals> actuals, Dictionary<string, Dictionary<int, string>>? waivers, decimal?[] empty, Language lang)
    {
        var id = req.Explain!;
        var values = actuals.TryGetValue(id, out var a) ? a.Values : empty;
        var result = calc.Evaluate(new ScorecardInput(id, values, waivers?.GetValueOrDefault(id))).Value;
        return ScorecardTrace.Render(result, lang);
    }
}
