using System.Globalization;
using Spectre.Console;
using Yardstick.App.Evaluation;
using Yardstick.App.Files;
using Yardstick.Core.Common;

namespace Yardstick.Cli.Output;

/// <summary>The table and CSV formats of <c>evaluate</c> (the JSON is App's <see cref="ResultsJson"/>).</summary>
internal static class ScorecardWriters
{
    /// <summary>
    /// <c>person,total,grade,complete</c> then each group's reported points in tree order; under a bundle a
    /// <c>scheme</c> column follows <c>person</c> and the groups are those of every stage scheme (empty where
    /// the person's scheme has no such group).
    /// </summary>
    public static void Csv(TextWriter writer, EvaluationInputs inputs, IEnumerable<PersonResult> results)
    {
        var csv = new CsvOutput(writer);
        var groups = inputs.Calculators.SelectMany(c => c.Scheme.GroupNodes().Select(n => c.Scheme.Nodes[n].Code)).Distinct(StringComparer.Ordinal).ToArray();
        var head = inputs.IsBundle ? new[] { "person", "scheme", "total", "grade", "complete" } : ["person", "total", "grade", "complete"];
        foreach (var name in head.Concat(groups))
            csv.Field(name);
        csv.EndRow();
        // each group's node in the person's scheme (-1: none, or an indicator of that code), found once per scheme met
        Core.Scoring.CompiledScheme? laidOut = null;
        var nodes = new int[groups.Length];
        foreach (var r in results)
        {
            var scheme = r.Card.Scheme;
            if (!ReferenceEquals(scheme, laidOut))
            {
                laidOut = scheme;
                for (var g = 0; g < groups.Length; g++)
                    nodes[g] = scheme.NodeIndex(groups[g]) is var n and >= 0 && scheme.NodeIndicator[n] < 0 ? n : -1;
            }

            csv.Text(r.Person);
            if (inputs.IsBundle)
                csv.Text(scheme.Scheme.Id);
            csv.Number(r.Total).Text(r.Grade).Bool(r.Card.Complete);
            foreach (var n in nodes)
            {
                if (n >= 0)
                    csv.Number(r.Card.Groups[n].Points);
                else
                    csv.Field("");
            }

            csv.EndRow();
        }

        writer.Flush();
    }

    /// <summary>
    /// A table for people: totals truncated toward −∞ to 2 decimals, as every screen shows them; with a plan,
    /// the pay per currency and the number of provisional lines.
    /// </summary>
    public static void Table(IAnsiConsole console, EvaluationInputs inputs, EvaluationResult result, Language lang)
    {
        string L(string en, string zh) => lang == Language.ZhCN ? zh : en;
        var title = inputs.IsBundle ? inputs.Document.Name.Get(lang) : inputs.Calculators[0].Scheme.Scheme.Name.Get(lang);
        var version = inputs.IsBundle ? "" : $" v{inputs.Calculators[0].Scheme.Scheme.Version}";
        var last = inputs.Period.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var mode = !inputs.IsBundle ? ""
            : inputs.ProRata ? L(", schemes by the product's stage weighted by days", "，按产品阶段选择方案并按天加权")
            : L($", schemes by the product's stage on {last}", $"，按产品在 {last} 的阶段选择方案");
        console.WriteLine($"{title} ({inputs.Document.Id}{version}), {inputs.Period}{mode}");
        var table = new Table().Border(TableBorder.Rounded);
        var names = inputs.Info.Count > 0;
        table.AddColumn(L("person", "人员"));
        if (names)
            table.AddColumn(L("name", "姓名"));
        if (inputs.IsBundle)
            table.AddColumn(L("scheme", "方案"));
        table.AddColumn(new TableColumn(L("total", "总分")).RightAligned());
        table.AddColumn(L("grade", "等级"));
        table.AddColumn(L("complete", "完整"));
        table.AddColumn(L("missing", "缺失"));
        table.AddColumn(L("waived", "豁免"));
        if (inputs.HasPlan)
        {
            table.AddColumn(new TableColumn(L("pay", "薪酬")).RightAligned());
            table.AddColumn(new TableColumn(L("provisional", "暂定")).RightAligned());
        }

        foreach (var r in result.Results)
        {
            var cells = new List<string> { r.Person };
            if (names)
                cells.Add(inputs.InfoOf(r.Person).Name ?? "");
            if (inputs.IsBundle)
                cells.Add(r.Card.Scheme.Scheme.Id + (r.ProRata is null ? "" : L(" (pro rata)", "（按天加权）")));
            cells.Add(TraceFormat.ShowScore(r.Total));
            cells.Add(r.Grade ?? "-");
            cells.Add(r.Card.Complete ? L("yes", "是") : L("no", "否"));
            cells.Add(string.Join(", ", r.Card.MissingCodes));
            cells.Add(string.Join(", ", r.Card.WaivedCodes));
            if (inputs.HasPlan)
            {
                var pay = r.Pay.ToList();
                cells.Add(pay.Count == 0 ? "-" : string.Join("; ", pay.Select(p => $"{TraceFormat.Money(p.Amount)} {p.Currency}")));
                cells.Add(pay.Sum(p => p.Provisional).ToString(CultureInfo.InvariantCulture));
            }

            table.AddRow(cells.Select(c => new Text(c)).ToArray());
        }

        console.Write(table);
        var count = result.Results.Count;
        console.WriteLine(L(
            string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "person" : "people")}; totals are truncated to 2 decimals, grades compare the unrounded total"),
            string.Create(CultureInfo.InvariantCulture, $"共 {count} 人；总分截断到两位小数，等级按未取整的总分比较")));
    }
}
