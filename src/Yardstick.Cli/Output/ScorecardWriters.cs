using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Spectre.Console;
using Yardstick.Core.Common;
using Yardstick.Core.Scoring;

namespace Yardstick.Cli.Output;

/// <summary>The three output formats of <c>evaluate</c>; each consumes the results one at a time.</summary>
internal static class ScorecardWriters
{
    /// <summary>scoring.md §10 JSON, streamed: flushed every 64 KiB so memory stays flat.</summary>
    public static void Json(TextWriter writer, CompiledScheme scheme, Period period, IEnumerable<ScorecardResult> results)
    {
        using var stream = TextWriterStream.Over(writer);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        ResultJson.WriteStart(json, scheme, period.ToString(), "CNY");
        foreach (var r in results)
        {
            ResultJson.WriteResult(json, r);
            if (json.BytesPending > 1 << 16)
                json.Flush();
        }

        ResultJson.WriteEnd(json);
        json.Flush();
        stream.Write("\n"u8);
        stream.Flush();
    }

    /// <summary><c>person,total,grade,complete</c> then each group's reported points in tree order.</summary>
    public static void Csv(TextWriter writer, CompiledScheme scheme, IEnumerable<ScorecardResult> results)
    {
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture), leaveOpen: true);
        var groups = scheme.GroupNodes().ToArray();
        foreach (var name in new[] { "person", "total", "grade", "complete" }.Concat(groups.Select(n => scheme.Nodes[n].Code)))
            csv.WriteField(name);
        csv.NextRecord();
        foreach (var r in results)
        {
            csv.WriteField(r.Person);
            csv.WriteField(r.Total.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.Grade ?? "");
            csv.WriteField(r.Complete ? "true" : "false");
            foreach (var n in groups)
                csv.WriteField(r.Groups[n].Points.ToString(CultureInfo.InvariantCulture));
            csv.NextRecord();
        }

        csv.Flush();
    }

    /// <summary>A table for people: totals truncated toward −∞ to 2 decimals, as every screen shows them.</summary>
    public static void Table(IAnsiConsole console, CompiledScheme scheme, Period period, IEnumerable<ScorecardResult> results, Func<string, string?>? nameOf, Language lang)
    {
        console.WriteLine($"{scheme.Scheme.Name.Get(lang)} ({scheme.Scheme.Id} v{scheme.Scheme.Version}), {period}");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("person");
        if (nameOf is not null)
            table.AddColumn("name");
        table.AddColumn(new TableColumn("total").RightAligned());
        table.AddColumn("grade");
        table.AddColumn("complete");
        table.AddColumn("missing");
        table.AddColumn("waived");
        var count = 0;
        foreach (var r in results)
        {
            count++;
            var cells = new List<string> { r.Person };
            if (nameOf is not null)
                cells.Add(nameOf(r.Person) ?? "");
            cells.Add(TraceFormat.Shown(r.Total));
            cells.Add(r.Grade ?? "-");
            cells.Add(r.Complete ? "yes" : "no");
            cells.Add(string.Join(", ", r.MissingCodes));
            cells.Add(string.Join(", ", r.WaivedCodes));
            table.AddRow(cells.Select(c => new Text(c)).ToArray());
        }

        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} {(count == 1 ? "person" : "people")}; totals are truncated to 2 decimals, grades compare the unrounded total"));
    }
}
