using Yardstick.App.Schemes;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using Yardstick.Core.Templates;

namespace Yardstick.Cli.Commands;

/// <summary>Loads the scheme named by <c>--template ID</c> or <c>--scheme FILE</c>.</summary>
internal static class SchemeSource
{
    private static readonly string[] StageTemplates = ["crossborder-startup", "crossborder-growth", "crossborder-mature"];

    /// <summary>The text of a scheme file; null (with the problem at the file) when it cannot be read.</summary>
    public static string? ReadText(string path, Problems problems)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.At(Location.At(path, 1, 1), "无法读取文件：" + ex.Message, "cannot read the file: " + ex.Message);
            return null;
        }
    }

    /// <summary>Reads and parses a scheme file; problems are reported as <c>FILE: where: message</c>.</summary>
    public static SchemeDocument? ReadFile(string path, Problems problems)
    {
        if (ReadText(path, problems) is not { } text)
            return null;
        var parsed = SchemeJson.Parse(text, path);
        if (!parsed.IsSuccess)
        {
            problems.AddRange(parsed.Problems);
            return null;
        }

        return parsed.Value;
    }

    /// <summary>The one scheme of <c>--template</c>/<c>--scheme</c>; null (with problems) for a bundle, an unknown id or a bad file.</summary>
    public static CompiledScheme? Load(string? templateId, string? schemePath, Problems problems)
    {
        if (LoadDocument(templateId, schemePath, problems) is not { } loaded)
            return null;
        if (loaded.Document.IsBundle)
        {
            var ids = string.Join(", ", loaded.Document.Schemes.Select(s => $"{s.Id} ({s.Stage})"));
            problems.In(loaded.Origin, $"'{loaded.Document.Id}' 是每个产品阶段一个方案的生命周期方案（{ids}）；此命令需要单一方案：请选一个阶段，例如 --template {StageTemplates[0]}",
                $"'{loaded.Document.Id}' is a lifecycle bundle of one scheme per product stage ({ids}); this command needs one scheme: pick one stage, e.g. --template {StageTemplates[0]}");
            return null;
        }

        return Compiled(loaded, problems)?[0];
    }

    /// <summary>Every scheme of <c>--template</c>/<c>--scheme</c> compiled: one, or each stage scheme of a bundle.</summary>
    public static (SchemeDocument Document, CompiledScheme[] Schemes)? LoadAll(string? templateId, string? schemePath, Problems problems)
    {
        if (LoadDocument(templateId, schemePath, problems) is not { } loaded)
            return null;
        return Compiled(loaded, problems) is { } compiled ? (loaded.Document, compiled) : null;
    }

    // every scheme of the document compiled (App's SchemeCheck, as 'scheme validate' words its problems); null with problems
    private static CompiledScheme[]? Compiled((SchemeDocument Document, string Origin) loaded, Problems problems)
    {
        var (compiled, found) = SchemeCheck.Compile(loaded.Document, loaded.Origin);
        problems.AddRange(found);
        return found.Count == 0 ? [.. compiled] : null;
    }

    private static (SchemeDocument Document, string Origin)? LoadDocument(string? templateId, string? schemePath, Problems problems)
    {
        if ((templateId is null) == (schemePath is null))
        {
            problems.In("--template/--scheme", "请只给出一个：--template ID（见 'yardstick templates list'）或 --scheme FILE", "give exactly one: --template ID (see 'yardstick templates list') or --scheme FILE");
            return null;
        }

        if (templateId is not null)
        {
            var found = TemplateCatalog.Find(templateId);
            if (!found.IsSuccess)
            {
                foreach (var p in found.Problems)
                    problems.Add(p.At(Location.Of("--template")));
                return null;
            }

            return (found.Value.Document, "--template " + templateId);
        }

        return ReadFile(schemePath!, problems) is { } read ? (read, schemePath!) : null;
    }

    /// <summary>The period, checked against the scheme's period kind when there is a scheme.</summary>
    public static ScorecardCalculator? Calculator(CompiledScheme? scheme, string? periodText, Problems problems)
    {
        var period = Period.Parse(periodText);
        if (!period.IsSuccess)
        {
            foreach (var p in period.Problems)
                problems.Add(p.At(Location.Of("--period")));
            return null;
        }

        if (scheme is null)
            return null;
        var calc = ScorecardCalculator.Create(scheme, period.Value);
        if (!calc.IsSuccess)
        {
            foreach (var p in calc.Problems)
                problems.Add(p.At(Location.Of("--period")));
            return null;
        }

        return calc.Value;
    }
}
