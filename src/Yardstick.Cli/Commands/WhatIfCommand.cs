using System.CommandLine;
using Spectre.Console;
using Yardstick.App.Evaluation;
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
        using var loaded = EvaluationLoader.Load(o, problems);
        var language = loaded?.Language ?? Language.En;
        List<(int, decimal)>? changes = null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["person"] = "--person" };
        if (loaded is not null)
        {
            if (!loaded.Inputs.People.Contains(person))
            {
                problems.In("--person", $"{loaded.Where} 中没有人员 '{person}'", $"no person '{person}' in {loaded.Where}");
            }
            else
            {
                // the CLI's syntax is code=value; App checks the code and the value; problems in the order of the arguments
                var parsed = new List<(string, string)>();
                var syntax = new Problems();
                var order = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var k = 0; k < sets.Length; k++)
                {
                    var s = sets[k];
                    var eq = s.IndexOf('=', StringComparison.Ordinal);
                    if (eq < 0)
                    {
                        order.TryAdd($"--set {s}", k);
                        syntax.In($"--set {s}", "应为 code=value，例如 --set core_feature_usage=0.62", "expected code=value, e.g. --set core_feature_usage=0.62");
                        continue;
                    }

                    var code = s[..eq].Trim();
                    fields.TryAdd(code, $"--set {s}");
                    order.TryAdd(code, k);
                    parsed.Add((code, s[(eq + 1)..]));
                }

                var checks = new Problems();
                changes = WhatIf.ParseChanges(loaded.Inputs, person, parsed, checks);
                problems.AddRange(syntax.ToList().Concat(checks.ToList()).OrderBy(p => order.GetValueOrDefault(p.Where.Field ?? "", -1)));
            }
        }

        if (loaded is null || changes is null || problems.Any)
            return problems.Any ? Errors.Fail(io, problems, language, fields) : EvaluateCommand.Failed(io, problems, language);

        var result = WhatIf.Compare(loaded.Inputs, person, changes);
        if (!result.IsSuccess)
            return Errors.Fail(io, result.Problems, language);
        Write(SpectreConsole.Over(io.Out, io.Terminal), loaded.Inputs, result.Value, language);
        return Program.Ok;
    }

    private static void Write(IAnsiConsole console, EvaluationInputs inputs, WhatIfResult r, Language lang)
    {
        string L(string en, string zh) => lang == Language.ZhCN ? zh : en;
        var name = inputs.InfoOf(r.Person).Name;
        console.WriteLine($"{L("What if", "假设分析")}: {r.Person}{(name is null ? "" : $" ({name})")}, {r.After.Card.Scheme.Scheme.Id}, {inputs.Period}");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("");
        table.AddColumn(new TableColumn(L("current", "当前")).RightAligned());
        table.AddColumn(new TableColumn(L("what if", "假设")).RightAligned());
        table.AddColumn(new TableColumn(L("difference", "差异")).RightAligned());
        foreach (var c in r.Changes)
            Row(table, c.Code, c.Before is { } b ? TraceFormat.Input(b) : L("missing", "缺失"), TraceFormat.Input(c.After), c.Before is { } b2 ? Signed(c.After - b2, TraceFormat.Input) : "");
        Row(table, L("total", "总分"), TraceFormat.ShowScore(r.Before.Total), TraceFormat.ShowScore(r.After.Total),
            Signed(TraceFormat.TruncateScore(r.After.Total) - TraceFormat.TruncateScore(r.Before.Total), TraceFormat.ShowScore));
        Row(table, L("grade", "等级"), r.Before.Grade ?? "-", r.After.Grade ?? "-", r.Before.Grade == r.After.Grade ? "" : L("changed", "变化"));
        foreach (var p in r.Pay)
            Row(table, $"{p.Rule} ({JsonNames.Kind(p.Kind)}, {p.Currency})", Line(p.Before), Line(p.After), Signed(p.Difference, TraceFormat.Money));
        foreach (var (currency, before, after) in r.Totals)
            Row(table, $"{L("pay", "薪酬")} {currency}", TraceFormat.Money(before), TraceFormat.Money(after), Signed(after - before, TraceFormat.Money));
        console.Write(table);
        console.WriteLine(L("totals are truncated to 2 decimals; * marks a provisional line; the other people's inputs are unchanged",
            "总分截断到两位小数；* 表示暂定项；其他人的输入不变"));
    }

    private static void Row(Table table, params string[] cells) => table.AddRow(cells.Select(c => new Text(c)).ToArray());

    private static string Line(PayoutLine? line) => line is null ? "-" : TraceFormat.Money(line.Amount.Amount) + (line.Provisional ? " *" : "");

    private static string Signed(decimal d, Func<decimal, string> format) => d == 0 ? "0" : d > 0 ? "+" + format(d) : "−" + format(-d);
}
