using System.CommandLine;
using Spectre.Console;
using Yardstick.Cli.Output;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;

namespace Yardstick.Cli.Commands;

/// <summary><c>yardstick templates list</c> and <c>yardstick templates export ID [--out FILE]</c>.</summary>
internal static class TemplatesCommands
{
    public static Command Build(Io io)
    {
        var list = new Command("list", "List the built-in templates.");
        list.SetAction(_ => List(io));

        var id = new Argument<string>("id") { Description = "Template id (see 'yardstick templates list')." };
        var output = new Option<string?>("--out") { HelpName = "FILE", Description = "Write the scheme JSON to FILE instead of stdout." };
        var export = new Command("export", "Write a template as a scheme file, to edit and use with --scheme.") { id, output };
        export.SetAction(r => Export(io, r.GetValue(id)!, r.GetValue(output)));

        return new Command("templates", "Built-in evaluation schemes.") { list, export };
    }

    private static int List(Io io)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "id", "name (zh-CN)", "name (en)", "period", "stage" })
            table.AddColumn(column);
        foreach (var t in TemplateCatalog.List())
        {
            var doc = t.Document;
            var kind = doc.Schemes[0].PeriodKind.ToString().ToLowerInvariant();
            var stage = doc.IsBundle ? "lifecycle bundle" : doc.Schemes[0].Stage ?? "";
            table.AddRow(new[] { t.Id, t.Name.Zh, t.Name.En, kind, stage }.Select(c => new Text(c)).ToArray());
        }

        SpectreConsole.Over(io.Out, io.Terminal).Write(table);
        return Program.Ok;
    }

    private static int Export(Io io, string id, string? path)
    {
        var problems = new Problems();
        var found = TemplateCatalog.Find(id);
        if (!found.IsSuccess)
            problems.AddRange(found.Problems.Select(p => p.At(Location.Of(id))));
        if (path is not null && OutputFile.CheckWritable(path) is { } cannot)
            problems.Add(cannot);
        if (problems.Any)
        {
            Output.Errors.Fail(io, problems);
            return Program.BadInput;
        }

        var json = SchemeJson.Write(found.Value.Document);
        OutputFile.Write(io, path, w => w.Write(json.EndsWith('\n') ? json : json + "\n"));
        if (path is not null)
            io.Out.WriteLine($"Wrote template {id} to {path}");
        return Program.Ok;
    }
}
