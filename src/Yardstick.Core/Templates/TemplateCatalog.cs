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

    /// <summary>The source article's story of the template in a sentence (the gallery shows it).</summary>
    public LocalizedText Story => TemplateCatalog.Stories.GetValueOrDefault(Id) ?? Name;
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

    /// <summary>Each template's story, after the source article (seed-cases.md).</summary>
    internal static readonly IReadOnlyDictionary<string, LocalizedText> Stories = new Dictionary<string, LocalizedText>(StringComparer.Ordinal)
    {
        ["industrial-value"] = new(
            "工业互联网公司按业务价值考核产品经理（核心指标 70%、辅助指标 30%）：月度奖金为基本工资的 80%–120%，功能使用率未达标扣 20%，另有三年利润分成和创新奖。",
            "An industrial-internet company scores its PMs on business value (core 70%, auxiliary 30%): a monthly bonus of 80–120% of base salary, −20% when feature usage misses its target, a 3-year profit share and an innovation award."),
        ["crossborder-lifecycle"] = new(
            "跨境 B2B 平台的方案随产品生命周期阶段而变：初创期的里程碑补贴、成长期的增长分红、成熟期的效率奖金，另有股权和职业通道。",
            "A cross-border B2B platform whose scheme follows the product's lifecycle stage: milestone subsidies at start-up, growth dividends while growing, efficiency bonuses when mature, with equity and career tracks."),
        ["crossborder-startup"] = new(
            "跨境生命周期方案的初创期方案：市场需求验证、原型迭代和合作方对接，发验证补贴和试点奖励。",
            "The start-up stage of the cross-border lifecycle scheme: demand validation, prototype iterations and partner set-up, with a validation subsidy and a pilot reward."),
        ["crossborder-growth"] = new(
            "跨境生命周期方案的成长期方案：以业务增长为主，发增长奖金和 GMV 分红。",
            "The growth stage of the cross-border lifecycle scheme: business growth, with a growth bonus and a GMV dividend."),
        ["crossborder-mature"] = new(
            "跨境生命周期方案的成熟期方案：以运营效率为主，发效率奖金并授予股权。",
            "The mature stage of the cross-border lifecycle scheme: operating efficiency, with an efficiency bonus and an equity grant."),
        ["saas-team-individual"] = new(
            "SaaS 公司考核团队协作（40%：24 小时响应、72 小时解决需求、团队目标、360 评价）与个人贡献（60%）：团队奖金池为收入的 3%，按贡献分配，另有协作奖、创新奖和月度表彰。",
            "A SaaS company scores team collaboration (40%: 24 h response and 72 h resolution of requests, team goals, 360 ratings) and individual contribution (60%): a team pool of 3% of revenue split by contribution, collaboration and innovation bonuses and monthly recognition."),
    };

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
