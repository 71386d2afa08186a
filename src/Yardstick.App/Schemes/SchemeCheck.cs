using System.Globalization;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;

namespace Yardstick.App.Schemes;

/// <summary>
/// One line of a scheme's weight tree: a group with the sum of its children's weights beside its own weight, or an
/// indicator; the root line (<see cref="Depth"/> −1, no code) holds the top-level sum that must be 1.00 (scoring.md §1).
/// </summary>
public sealed record WeightLine(string Scheme, string Code, LocalizedText Name, int Depth, bool IsGroup, decimal Weight, decimal? ChildrenSum, Unit? Unit, decimal? Target)
{
    /// <summary>True when a group's children (or the root's) sum to its weight within scoring.md §1's tolerance; indicators are always balanced.</summary>
    public bool Balanced => ChildrenSum is not { } sum || Math.Abs(sum - Weight) <= CompiledScheme.WeightTolerance;
}

/// <summary>What checking a scheme text found: the document when it parses, its compiled schemes when nothing is wrong, every problem, and the weight tree.</summary>
public sealed record SchemeCheckResult(SchemeDocument? Document, IReadOnlyList<CompiledScheme> Schemes, IReadOnlyList<Problem> Problems, IReadOnlyList<WeightLine> Tree)
{
    public bool IsValid => Document is not null && Problems.Count == 0;
}

/// <summary>
/// <c>scheme validate</c>: parses a scheme text (one scheme or a lifecycle bundle) and compiles each scheme, with every problem
/// located as the CLI prints it (<c>FILE: where: message</c>; <c>FILE: scheme ID: where</c> inside a bundle). The CLI, the
/// scheme editor and the API all check a scheme here.
/// </summary>
public static class SchemeCheck
{
    /// <summary>The largest scheme text accepted (the built-in templates are about 20 KB).</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The refusal of a scheme file larger than <see cref="MaxBytes"/>, at the file.</summary>
    public static Problem TooLarge(string file, long bytes) => Problem.Invalid(Location.At(file, 1, 1),
        string.Create(CultureInfo.InvariantCulture, $"文件有 {bytes:N0} 字节，超过方案文件的上限 {MaxBytes:N0} 字节"),
        string.Create(CultureInfo.InvariantCulture, $"the file has {bytes:N0} bytes, more than a scheme's limit of {MaxBytes:N0}"));

    public static SchemeCheckResult Run(string json, string origin)
    {
        var parsed = SchemeJson.Parse(json, origin);
        if (!parsed.IsSuccess)
            return new SchemeCheckResult(null, [], parsed.Problems, []);
        var document = parsed.Value;
        var (compiled, problems) = Compile(document, origin);
        return new SchemeCheckResult(document, compiled, problems, [.. document.Schemes.SelectMany(Tree)]);
    }

    /// <summary>
    /// Every scheme of a parsed document compiled, each problem located at <paramref name="origin"/> (<c>ORIGIN: scheme ID</c>
    /// inside a bundle); the compiled schemes only when none has a problem.
    /// </summary>
    public static (IReadOnlyList<CompiledScheme> Schemes, IReadOnlyList<Problem> Problems) Compile(SchemeDocument document, string origin)
    {
        var problems = new List<Problem>();
        var compiled = new List<CompiledScheme>();
        foreach (var scheme in document.Schemes)
        {
            var where = document.IsBundle ? $"{origin}: scheme {scheme.Id}" : origin;
            var result = CompiledScheme.Compile(scheme);
            if (result.IsSuccess)
                compiled.Add(result.Value);
            else
                problems.AddRange(result.Problems.Select(p => p.At(Location.Of(p.Where.IsNone ? where : $"{where}: {p.Where}"))));
        }

        return (problems.Count == 0 ? compiled : [], problems);
    }

    /// <summary>The weight tree of one scheme in pre-order, its root line first.</summary>
    public static IEnumerable<WeightLine> Tree(Scheme scheme)
    {
        yield return new WeightLine(scheme.Id, "", scheme.Name, -1, true, 1m, scheme.Children.Sum(c => c.Weight), null, null);
        foreach (var line in Lines(scheme.Id, scheme.Children, 0))
            yield return line;
    }

    private static IEnumerable<WeightLine> Lines(string scheme, IReadOnlyList<Node> nodes, int depth)
    {
        foreach (var node in nodes)
        {
            if (node is Group g)
            {
                yield return new WeightLine(scheme, g.Code, g.Name, depth, true, g.Weight, g.Children.Sum(c => c.Weight), null, null);
                foreach (var line in Lines(scheme, g.Children, depth + 1))
                    yield return line;
            }
            else if (node is Indicator i)
            {
                yield return new WeightLine(scheme, i.Code, i.Name, depth, false, i.Weight, null, i.Unit, i.Target);
            }
        }
    }

    /// <summary>The document with the weight (and, for an indicator, the target when given) of node <paramref name="code"/> of scheme <paramref name="schemeId"/> changed.</summary>
    public static SchemeDocument With(SchemeDocument document, string schemeId, string code, decimal? weight = null, decimal? target = null) =>
        Map(document, schemeId, nodes => Change(nodes, code, weight, target));

    /// <summary>The indicator fields the editor changes one at a time (<see cref="WithField"/>), named as in the scheme file.</summary>
    public static readonly IReadOnlyList<string> IndicatorFields = ["name.zh-CN", "name.en", "unit", "direction", "rule", "cap", "floor", "zero", "source"];

    /// <summary>The words a choice field of <see cref="IndicatorFields"/> accepts, as the scheme file writes them; empty for a text or number field.</summary>
    public static IReadOnlyList<string> Choices(string field) => field switch
    {
        "unit" => Words<Unit>(),
        "direction" => Words<Direction>(),
        "rule" => Words<RuleKind>(),
        "source" => Words<Source>(),
        _ => [],
    };

    /// <summary>The text of field <paramref name="field"/> of <paramref name="indicator"/> as the scheme file writes it ("" for no <c>zero</c>).</summary>
    public static string FieldText(Indicator indicator, string field) => field switch
    {
        "name.zh-CN" => indicator.Name.Zh,
        "name.en" => indicator.Name.En,
        "unit" => Word(indicator.Unit),
        "direction" => Word(indicator.Direction),
        "rule" => Word(indicator.Rule),
        "source" => Word(indicator.Source),
        "cap" => indicator.Cap.ToString(CultureInfo.InvariantCulture),
        "floor" => indicator.Floor.ToString(CultureInfo.InvariantCulture),
        "zero" => indicator.Zero?.ToString(CultureInfo.InvariantCulture) ?? "",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not an indicator field"),
    };

    /// <summary>
    /// The document with one field of indicator <paramref name="code"/> set from its text: a name, a choice of
    /// <see cref="Choices"/>, or a number (invariant culture; an empty <c>cap</c>, <c>floor</c> or <c>zero</c> is the
    /// default, 1.2, 0 or none). A text that is not a value of the field is refused at <c>CODE.FIELD</c>; whether the value
    /// fits the indicator (cap below floor, linear without zero) is <see cref="Run"/>'s check of the changed document.
    /// </summary>
    public static Result<SchemeDocument> WithField(SchemeDocument document, string schemeId, string code, string field, string? value)
    {
        var text = value?.Trim() ?? "";
        var where = $"{code}.{field}";
        decimal? number = null;
        if (field is "cap" or "floor" or "zero" && text.Length > 0)
        {
            if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
                return Problem.Invalid(where, $"'{text}' 不是数字；例如 1.2", $"'{text}' is not a number; e.g. 1.2");
            number = parsed;
        }
        else if (Choices(field) is { Count: > 0 } choices && !choices.Contains(text))
        {
            return Problem.Invalid(where, $"'{text}' 不是 {field} 的取值；应为 {string.Join("、", choices)}", $"'{text}' is not a {field}; expected {string.Join(", ", choices)}");
        }

        Func<Indicator, Indicator> change = field switch
        {
            "name.zh-CN" => i => i with { Name = i.Name with { Zh = text } },
            "name.en" => i => i with { Name = i.Name with { En = text } },
            "unit" => i => i with { Unit = Parse<Unit>(text) },
            "direction" => i => i with { Direction = Parse<Direction>(text) },
            "rule" => i => i with { Rule = Parse<RuleKind>(text) },
            "source" => i => i with { Source = Parse<Source>(text) },
            "cap" => i => i with { Cap = number ?? Indicator.DefaultCap },
            "floor" => i => i with { Floor = number ?? 0m },
            "zero" => i => i with { Zero = number },
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not an indicator field"),
        };
        return Map(document, schemeId, nodes => Change(nodes, code, change));
    }

    /// <summary>
    /// The document with a new indicator <paramref name="code"/> at the end of group <paramref name="groupCode"/> (an empty
    /// code: at the top level), of <paramref name="weight"/> (0 by default, so the sums stay as they were until a weight is
    /// typed), named by its code in both languages, unit number, higher is better, target 1; the groups' weights are left
    /// as they are, so a weight above 0 shows as the group's imbalance until another weight is changed. The code is checked
    /// by <see cref="Run"/> (format, duplicates) like any other.
    /// </summary>
    public static SchemeDocument AddIndicator(SchemeDocument document, string schemeId, string groupCode, string code, decimal weight = 0m)
    {
        var added = new Indicator(code, new LocalizedText(code, code), weight, Unit.Number, Direction.Higher, 1m);
        return groupCode.Length == 0
            ? Map(document, schemeId, nodes => [.. nodes, added])
            : Map(document, schemeId, nodes => AddTo(nodes, groupCode, added));
    }

    /// <summary>The document without node <paramref name="code"/> (a group with its children); the groups' weights are left as they are.</summary>
    public static SchemeDocument Remove(SchemeDocument document, string schemeId, string code) => Map(document, schemeId, nodes => Without(nodes, code));

    private static SchemeDocument Map(SchemeDocument document, string schemeId, Func<IReadOnlyList<Node>, IReadOnlyList<Node>> change) =>
        document with { Schemes = [.. document.Schemes.Select(s => s.Id != schemeId ? s : s with { Children = change(s.Children) })] };

    private static IReadOnlyList<Node> Change(IReadOnlyList<Node> nodes, string code, Func<Indicator, Indicator> change) =>
        [.. nodes.Select(n => n switch
        {
            Group g => g with { Children = Change(g.Children, code, change) },
            Indicator i when i.Code == code => change(i),
            _ => n,
        })];

    private static IReadOnlyList<Node> AddTo(IReadOnlyList<Node> nodes, string groupCode, Indicator added) =>
        [.. nodes.Select(n => n is Group g
            ? g with { Children = g.Code == groupCode ? [.. g.Children, added] : AddTo(g.Children, groupCode, added) }
            : n)];

    private static IReadOnlyList<Node> Without(IReadOnlyList<Node> nodes, string code) =>
        [.. nodes.Where(n => n.Code != code).Select(n => n is Group g ? g with { Children = Without(g.Children, code) } : n)];

    private static string Word<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string[] Words<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(Word)];

    private static T Parse<T>(string word) where T : struct, Enum => Enum.Parse<T>(word, ignoreCase: true);

    private static IReadOnlyList<Node> Change(IReadOnlyList<Node> nodes, string code, decimal? weight, decimal? target) =>
        [.. nodes.Select(n => n switch
        {
            Group g when g.Code == code => g with { Weight = weight ?? g.Weight },
            Group g => g with { Children = Change(g.Children, code, weight, target) },
            Indicator i when i.Code == code => i with { Weight = weight ?? i.Weight, Target = target ?? i.Target },
            _ => n,
        })];
}
