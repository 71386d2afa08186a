using Yardstick.Core.Common;
using Yardstick.Core.Schemes;

namespace Yardstick.Core.Templates;

/// <summary>A built-in template: a scheme, or a lifecycle bundle of stage schemes.</summary>
/// <param name="Id">The template id (industrial-value, crossborder-lifecycle, crossborder-growth, …).</param>
/// <param name="Document">The template's content.</param>
public sealed record Template(string Id, SchemeDocument Document)
{
    /// <summary>The display name.</summary>
    public LocalizedText Name => Document.IsBundle ? Document.Name : Document.Schemes[0].Name;
}

/// <summary>
/// The three built-in templates of seed-cases.md, embedded as JSON in this assembly. Each stage
/// scheme of the lifecycle template is also a template of its own.
/// </summary>
public static class TemplateCatalog
{
    private static readonly string[] Files = ["industrial-value", "crossborder-lifecycle", "saas-team-individual"];

    private static readonly Lazy<SchemeDocument>[] Documents = [.. Files.Select(f => new Lazy<SchemeDocument>(() => Read(f)))];

    private static readonly Lazy<IReadOnlyList<Template>> All = new(Load);

    /// <summary>Every template, in the order of seed-cases.md, each bundle followed by its stage schemes.</summary>
    public static IReadOnlyList<Template> List() => All.Value;

    /// <summary>The template with id <paramref name="id"/>, or a problem listing the ids there are.</summary>
    /// <remarks>A template named after its file is read alone (evaluate names one; docs/performance.md), any other id from the whole list.</remarks>
    public static Result<Template> Find(string id)
    {
        if (Array.IndexOf(Files, id) is var f and >= 0 && Documents[f].Value is { } named && named.Id == id)
            return new Template(named.Id, named);
        return All.Value.FirstOrDefault(t => t.Id == id) is { } t
            ? t
            : Problem.Invalid("template", $"没有模板 '{id}'；可用的模板：{ProblemText.ZhList(All.Value.Select(x => x.Id))}", $"no template '{id}'; available: {string.Join(", ", All.Value.Select(x => x.Id))}");
    }

    private static IReadOnlyList<Template> Load()
    {
        var list = new List<Template>();
        foreach (var document in Documents)
        {
            var doc = document.Value;
            list.Add(new Template(doc.Id, doc));
            if (doc.IsBundle)
                list.AddRange(doc.Schemes.Select(s => new Template(s.Id, new SchemeDocument(s.Id, s.Name, [s]))));
        }

        return list;
    }

    private static SchemeDocument Read(string file)
    {
        using var stream = typeof(TemplateCatalog).Assembly.GetManifestResourceStream($"Yardstick.Core.Templates.{file}.json")
            ?? throw new InvalidOperationException($"template {file} is not embedded");
        using var reader = new StreamReader(stream);
        return SchemeJson.Parse(reader.ReadToEnd(), file + ".json").Value;
    }
}
