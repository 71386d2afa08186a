using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Spectre.Console;
using Yardstick.Cli.Evaluation;
using Yardstick.Core.Common;
using Yardstick.Core.Scoring;

namespace Yardstick.Cli.Output;

/// <summary>The table and CSV formats of <c>evaluate</c> (the JSON is <see cref="EvaluationJson"/>).</summary>
internal static class ScorecardWriters
{
    /// <summary>
    /// <c>person,total,grade,complete</c> then each group's reported points in tree order; under a bundle a
    /// <c>scheme</c> column follows <c>person</c> and the groups are those of every stage scheme (empty where
    /// the person's scheme has no such group).
    /// </summary>
    public static void Csv(TextWriter writer, RunInputs inputs, IEnumerable<PersonResult> results)
    {
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture), leaveOpen: true);
        var groups = inputs.Calculators.SelectMany(c => c.Scheme.GroupNodes().Select(n => c.Scheme.Nodes[n].Code)).Distinct(StringComparer.Ordinal).ToArray();
        var head = inputs.IsBundle ? new[] { "person", "scheme", "total", "grade", "complete" } : ["person", "total", "grade", "complete"];
        foreach (var name in head.Concat(groups))
            csv.WriteField(name);
        csv.NextRecord();
        foreach (var r in results)
        {
            csv.WriteField(r.Person);
            if (inputs.IsBundle)
                csv.WriteField(r.Scheme.Scheme.Id);
            csv.WriteField(r.Total.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.Grade ?? "");
            csv.WriteField(r.Card.Complete ? "true" : "false");
            foreach (var code in groups)
                csv.WriteField(r.Scheme.NodeIndex(code) is var n and >= 0 && r.Scheme.NodeIndicator[n] < 0 ? r.Card.Groups[n].Points.ToString(CultureInfo.InvariantCulture) : "");
            csv.NextRecord();
        }

        csv.Flush();
    }

    /// <summary>
    /// A table for people: totals truncated toward −∞ to 2 decimals, as every screen shows them; with a plan,
    /// the pay per currency and the number of provisional lines.
    /// </summary>
    public static void Table(IAnsiConsole console, RunInputs inputs, EvaluationResult result)
    {
        var lang = inputs.Language;
        var title = inputs.IsBundle ? inputs.Document.Name.Get(lang) : inputs.Calculators[0].Scheme.Scheme.Name.Get(lang);
        var version = inputs.IsBundle ? "" : $" v{inputs.Calculators[0].Scheme.Scheme.Version}";
        var mode = inputs.IsBundle ? $", schemes by the product's stage {(inputs.StageMode == Core.Lifecycle.StageMode.ProRata ? "weighted by days" : "on " + inputs.Period.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}" : "";
        console.WriteLine($"{title} ({inputs.Document.Id}{version}), {inputs.Period}{mode}");
        var table = new Table().Border(TableBorder.Rounded);
        var names = inputs.People is not null;
        table.AddColumn("person");
        if (names)
            table.AddColumn("name");
        if (inputs.IsBundle)
            table.AddColumn("scheme");
        table.AddColumn(new TableColumn("total").RightAligned());
        table.AddColumn("grade");
        table.AddColumn("complete");
        table.AddColumn("missing");
        table.AddColumn("waived");
        if (inputs.HasPlan)
        {
            table.AddColumn(new TableColumn("pay").RightAligned());
            table.AddColumn(new TableColumn("provisional").RightAligned());
        }

        foreach (var r in result.Results)
        {
            var cells = new List<string> { r.Person };
            if (names)
                cells.Add(inputs.NameOf(r.Person) ?? "");
            if (inputs.IsBundle)
                cells.Add(r.Scheme.Scheme.Id + (r.ProRata is null ? "" : " (pro rata)"));
            cells.Add(TraceFormat.ShowScore(r.Total));
            cells.Add(r.Grade ?? "-");
            cells.Add(r.Card.Complete ? "yes" : "no");
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
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} {(count == 1 ? "person" : "people")}; totals are truncated to 2 decimals, grades compare the unrounded total"));
    }
}
