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
        document with
        {
            Schemes = [.. document.Schemes.Select(s => s.Id != schemeId ? s : s with { Children = Change(s.Children, code, weight, target) })],
        };

    private static IReadOnlyList<Node> Change(IReadOnlyList<Node> nodes, string code, decimal? weight, decimal? target) =>
        [.. nodes.Select(n => n switch
        {
            Group g when g.Code == code => g with { Weight = weight ?? g.Weight },
            Group g => g with { Children = Change(g.Children, code, weight, target) },
            Indicator i when i.Code == code => i with { Weight = weight ?? i.Weight, Target = target ?? i.Target },
            _ => n,
        })];
}
