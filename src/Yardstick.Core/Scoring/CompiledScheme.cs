using System.Globalization;
using System.Text.RegularExpressions;
using Yardstick.Core.Common;
using Yardstick.Core.Expressions;
using Yardstick.Core.Schemes;
using Group = Yardstick.Core.Schemes.Group;

namespace Yardstick.Core.Scoring;

/// <summary>
/// A scheme checked and prepared for evaluation: the tree flattened into arrays, every expression
/// parsed and compiled once, and the order in which formula indicators must be computed.
/// Build one per scheme and reuse it for every person.
/// </summary>
public sealed partial class CompiledScheme
{
    /// <summary>Tolerance when comparing sums of weights (scoring.md §1).</summary>
    public const decimal WeightTolerance = 0.000000001m;

    private readonly Dictionary<string, int> _nodeByCode;

    private CompiledScheme(Scheme scheme, List<Node> nodes, int[] parent, int[] subtreeEnd, SchemeSymbols symbols)
    {
        Scheme = scheme;
        Nodes = [.. nodes];
        Parent = parent;
        SubtreeEnd = subtreeEnd;
        Symbols = symbols;
        _nodeByCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var indicators = new List<Indicator>();
        var indicatorNode = new List<int>();
        NodeIndicator = new int[Nodes.Length];
        NodeGroup = new int[Nodes.Length];
        var groupCount = 0;
        for (var n = 0; n < Nodes.Length; n++)
        {
            _nodeByCode[Nodes[n].Code] = n;
            NodeIndicator[n] = -1;
            NodeGroup[n] = Nodes[n] is Group ? groupCount++ : -1;
            if (Nodes[n] is Indicator ind)
            {
                NodeIndicator[n] = indicators.Count;
                indicators.Add(ind);
                indicatorNode.Add(n);
            }
        }

        Indicators = [.. indicators];
        IndicatorNode = [.. indicatorNode];
        GroupCount = groupCount;
        SourceFormulas = new Formula?[Indicators.Length];
        RuleFormulas = new Formula?[Indicators.Length];
        Order = [];
    }

    /// <summary>The scheme.</summary>
    public Scheme Scheme { get; }

    /// <summary>Every node in pre-order.</summary>
    public Node[] Nodes { get; }

    /// <summary>Parent node number of each node, -1 under the root.</summary>
    public int[] Parent { get; }

    /// <summary>For node n, its descendants are the nodes n+1 .. SubtreeEnd[n]-1.</summary>
    public int[] SubtreeEnd { get; }

    /// <summary>Indicator number of each node, -1 for a group.</summary>
    public int[] NodeIndicator { get; }

    /// <summary>Group number of each node (groups numbered in pre-order), -1 for an indicator.</summary>
    public int[] NodeGroup { get; }

    /// <summary>The number of groups.</summary>
    public int GroupCount { get; }

    /// <summary>Every indicator in tree order.</summary>
    public Indicator[] Indicators { get; }

    /// <summary>Node number of each indicator.</summary>
    public int[] IndicatorNode { get; }

    /// <summary>The compiled expression of each formula-source indicator (null otherwise).</summary>
    public Formula?[] SourceFormulas { get; }

    /// <summary>The compiled expression of each formula-rule indicator (null otherwise).</summary>
    public Formula?[] RuleFormulas { get; }

    /// <summary>The scheme's incentive plan, checked and compiled; null when the scheme has none.</summary>
    public Incentives.CompiledPlan? Plan { get; private set; }

    /// <summary>True when an indicator's actual is computed by a formula.</summary>
    public bool HasFormulaSources { get; private set; }

    /// <summary>The codes of the scheme, for compiling further expressions (plans).</summary>
    public SchemeSymbols Symbols { get; }

    /// <summary>Evaluation order: each step computes an indicator's actual or its score.</summary>
    internal Step[] Order { get; private set; }

    /// <summary>One step of the evaluation order.</summary>
    internal readonly record struct Step(int Indicator, bool ScoreStage);

    /// <summary>The indicator number of <paramref name="code"/>, or -1.</summary>
    public int IndicatorIndex(string code) =>
        _nodeByCode.TryGetValue(code, out var n) ? NodeIndicator[n] : -1;

    /// <summary>The node number of <paramref name="code"/>, or -1.</summary>
    public int NodeIndex(string code) => _nodeByCode.TryGetValue(code, out var n) ? n : -1;

    /// <summary>The group codes in tree order.</summary>
    public IEnumerable<int> GroupNodes() => Enumerable.Range(0, Nodes.Length).Where(n => NodeIndicator[n] < 0);

    /// <summary>
    /// Checks <paramref name="scheme"/> (scoring.md §1–2, §5) and prepares it. Every problem is reported,
    /// each naming the node (as a path of codes) and what would be accepted.
    /// </summary>
    public static Result<CompiledScheme> Compile(Scheme scheme)
    {
        var problems = new List<Problem>();
        var nodes = new List<Node>();
        var paths = new List<string>();
        var parents = new List<int>();
        var ends = new List<int>();

        if (string.IsNullOrWhiteSpace(scheme.Id))
            problems.Add(Problem.Invalid("id", "方案需要一个 id，例如 industrial-value", "the scheme needs an id, e.g. industrial-value"));
        if (scheme.Version < 1)
            problems.Add(Problem.Invalid("version", $"版本号 {scheme.Version} 无效；版本号从 1 开始", $"version {scheme.Version} is not allowed; versions start at 1"));
        if (scheme.FiscalYearStart is < 1 or > 12)
            problems.Add(Problem.Invalid("fiscal_year_start", $"{scheme.FiscalYearStart} 不是有效的月份；应为 1–12", $"{scheme.FiscalYearStart} is not a month; expected 1–12"));
        CheckName(scheme.Name, "name", problems);
        if (scheme.Children.Count == 0)
            problems.Add(Problem.Invalid("tree", "方案中没有任何分组或指标", "the scheme has no groups or indicators"));

        Flatten(scheme.Children, -1, "", nodes, paths, parents, ends);

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var n = 0; n < nodes.Count; n++)
        {
            var node = nodes[n];
            if (!CodePattern().IsMatch(node.Code))
                problems.Add(Problem.Invalid(paths[n], $"代码 '{node.Code}' 无效；请使用 ASCII snake_case（小写字母、数字和 _），并以字母开头", $"code '{node.Code}' is not allowed; use ASCII snake_case (lowercase letters, digits, _), starting with a letter"));
            if (!seen.TryAdd(node.Code, paths[n]))
                problems.Add(Problem.Invalid(paths[n], $"代码 '{node.Code}' 重复：{seen[node.Code]} 也使用了该代码；同一方案内的代码必须唯一", $"duplicate code '{node.Code}': also used at {seen[node.Code]}; codes must be unique within a scheme"));
            CheckName(node.Name, paths[n] + ".name", problems);
            if (node.Weight < 0)
                problems.Add(Problem.Invalid(paths[n], $"权重 {F(node.Weight)} 为负数；权重是占总分的比例，取值 0 到 1", $"weight {F(node.Weight)} is negative; weights are shares of the total, 0 to 1"));
            if (node is Group g)
                CheckGroup(g, paths[n], problems);
            else if (node is Indicator ind)
                CheckIndicator(ind, paths[n], problems);
        }

        var rootSum = scheme.Children.Sum(c => c.Weight);
        if (scheme.Children.Count > 0 && Math.Abs(rootSum - 1m) > WeightTolerance)
            problems.Add(Problem.Invalid("tree", $"顶层权重之和为 {F(rootSum)}；必须等于 1.00", $"the top-level weights sum to {F(rootSum)}; they must sum to 1.00"));
        CheckGrades(scheme.Grades, problems);

        var symbols = new SchemeSymbols();
        var indicatorNo = 0;
        for (var n = 0; n < nodes.Count; n++)
            symbols.Add(nodes[n].Code, n, nodes[n] is Indicator ? indicatorNo++ : -1);

        if (problems.Count > 0)
            return Result<CompiledScheme>.Fail(problems);

        var compiled = new CompiledScheme(scheme, nodes, [.. parents], [.. ends], symbols);
        for (var i = 0; i < compiled.Indicators.Length; i++)
        {
            var ind = compiled.Indicators[i];
            var path = paths[compiled.IndicatorNode[i]];
            if (ind.Source == Source.Formula || ind.Rule == RuleKind.Formula)
            {
                var r = Formula.Compile(ind.Expression ?? "", path + ".expression", symbols, expectCondition: false);
                if (!r.IsSuccess)
                {
                    problems.AddRange(r.Problems);
                    continue;
                }

                if (ind.Source == Source.Formula)
                    compiled.SourceFormulas[i] = r.Value;
                else
                    compiled.RuleFormulas[i] = r.Value;
            }
        }

        if (problems.Count > 0)
            return Result<CompiledScheme>.Fail(problems);

        var order = compiled.ComputeOrder(out var cycle);
        if (cycle is not null)
            return Problem.Invalid("tree", $"公式之间存在循环引用：{cycle}；请去掉其中一处引用", $"formulas refer to each other in a cycle: {cycle}; remove one of these references");
        compiled.Order = order;
        compiled.HasFormulaSources = compiled.SourceFormulas.Any(f => f is not null);
        if (scheme.Plan is { } plan)
        {
            var compiledPlan = Incentives.CompiledPlan.Compile(compiled, plan);
            if (!compiledPlan.IsSuccess)
                return Result<CompiledScheme>.Fail(compiledPlan.Problems);
            compiled.Plan = compiledPlan.Value;
        }

        return compiled;
    }

    private static void Flatten(IReadOnlyList<Node> children, int parent, string prefix, List<Node> nodes, List<string> paths, List<int> parents, List<int> ends)
    {
        foreach (var child in children)
        {
            var n = nodes.Count;
            nodes.Add(child);
            var path = prefix.Length == 0 ? child.Code : prefix + "/" + child.Code;
            paths.Add(path);
            parents.Add(parent);
            ends.Add(0);
            if (child is Group g)
                Flatten(g.Children, n, path, nodes, paths, parents, ends);
            ends[n] = nodes.Count;
        }
    }

    private static void CheckName(LocalizedText? name, string where, List<Problem> problems)
    {
        if (name is null || string.IsNullOrWhiteSpace(name.Zh) || string.IsNullOrWhiteSpace(name.En))
            problems.Add(ProblemText.NameRequired(where));
    }

    private static void CheckGroup(Group g, string path, List<Problem> problems)
    {
        if (g.Children.Count == 0)
        {
            problems.Add(Problem.Invalid(path, $"分组 '{g.Code}' 下没有任何指标或子分组；请添加指标，或删除该分组", $"group '{g.Code}' has no children; add indicators or remove the group"));
            return;
        }

        var sum = g.Children.Sum(c => c.Weight);
        if (Math.Abs(sum - g.Weight) > WeightTolerance)
            problems.Add(Problem.Invalid(path, $"分组 '{g.Code}' 下各项权重之和为 {F(sum)}，而该分组的权重为 {F(g.Weight)}；两者必须相等", $"the weights of the children of group '{g.Code}' sum to {F(sum)}, but the group's weight is {F(g.Weight)}; they must be equal"));
    }

    private static void CheckIndicator(Indicator ind, string path, List<Problem> problems)
    {
        if (ind.Cap < ind.Floor)
            problems.Add(Problem.Invalid(path, $"上限（cap）{F(ind.Cap)} 低于下限（floor）{F(ind.Floor)}", $"cap {F(ind.Cap)} is below floor {F(ind.Floor)}"));
        if (ind.EffectiveMin is { } min && ind.EffectiveMax is { } max && min > max)
            problems.Add(Problem.Invalid(path, $"最小值（min）{F(min)} 大于最大值（max）{F(max)}", $"min {F(min)} is above max {F(max)}"));
        if (ind.Unit == Unit.Rating && (ind.Target < ind.EffectiveMin || ind.Target > ind.EffectiveMax))
            problems.Add(Problem.Invalid(path, $"目标值 {F(ind.Target)} 超出评分范围 {F(ind.EffectiveMin ?? 1)}–{F(ind.EffectiveMax ?? 5)}", $"target {F(ind.Target)} is outside the rating scale {F(ind.EffectiveMin ?? 1)}–{F(ind.EffectiveMax ?? 5)}"));
        if (ind.Source == Source.Formula && string.IsNullOrWhiteSpace(ind.Expression))
            problems.Add(Problem.Invalid(path, "来源为 'formula' 时需要一个计算实际值的表达式", "source 'formula' needs an expression that yields the actual"));
        if (ind.Source == Source.Formula && ind.Rule == RuleKind.Formula)
            problems.Add(Problem.Invalid(path, "一个指标不能同时使用公式来源和公式规则；请在来源中计算实际值，再用其他规则计分", "an indicator cannot have both a formula source and a formula rule; compute the actual in the source and score it with another rule"));

        switch (ind.Rule)
        {
            case RuleKind.Ratio:
                if (ind.Target <= 0)
                    problems.Add(Problem.Invalid(path, $"使用 ratio 规则的指标需要大于 0 的目标值，而不是 {F(ind.Target)}；目标值为 0 时请使用 'linear' 或 'threshold' 规则", $"a ratio indicator needs a target above 0, not {F(ind.Target)}; use rule 'linear' or 'threshold' for a target of 0"));
                break;
            case RuleKind.Threshold:
                break;
            case RuleKind.Linear:
                if (ind.Zero is not { } zero)
                    problems.Add(Problem.Invalid(path, "'linear' 规则需要 'zero'，即得分为 0 时的实际值", "rule 'linear' needs 'zero', the actual that scores 0"));
                else if (ind.Direction == Direction.Higher && zero >= ind.Target)
                    problems.Add(Problem.Invalid(path, $"方向为 higher 的 'linear' 规则要求 zero（{F(zero)}）低于目标值（{F(ind.Target)}）", $"rule 'linear' with direction higher needs zero ({F(zero)}) below the target ({F(ind.Target)})"));
                else if (ind.Direction == Direction.Lower && zero <= ind.Target)
                    problems.Add(Problem.Invalid(path, $"方向为 lower 的 'linear' 规则要求 zero（{F(zero)}）高于目标值（{F(ind.Target)}）", $"rule 'linear' with direction lower needs zero ({F(zero)}) above the target ({F(ind.Target)})"));
                break;
            case RuleKind.Bands:
                CheckBands(ind, path, problems);
                break;
            case RuleKind.Formula:
                if (string.IsNullOrWhiteSpace(ind.Expression))
                    problems.Add(Problem.Invalid(path, "'formula' 规则需要一个计算达成率的表达式", "rule 'formula' needs an expression that yields the achievement"));
                break;
        }
    }

    private static void CheckBands(Indicator ind, string path, List<Problem> problems)
    {
        var bands = ind.Bands ?? [];
        if (bands.Count == 0)
        {
            problems.Add(Problem.Invalid(path, "'bands' 规则需要一组 [from, achievement] 分段", "rule 'bands' needs a list of [from, achievement] bands"));
            return;
        }

        for (var i = 1; i < bands.Count; i++)
        {
            var ok = ind.Direction == Direction.Higher ? bands[i].From > bands[i - 1].From : bands[i].From < bands[i - 1].From;
            if (!ok)
            {
                var (orderZh, orderEn) = ind.Direction == Direction.Higher
                    ? ("严格递增（越高越好）", "strictly ascending (higher is better)")
                    : ("严格递减（越低越好）", "strictly descending (lower is better)");
                problems.Add(Problem.Invalid(path,
                    $"分段未排序：第 {i + 1} 段从 {F(bands[i].From)} 开始，却排在从 {F(bands[i - 1].From)} 开始的第 {i} 段之后；'from' 的值必须{orderZh}",
                    $"bands are not sorted: band {i + 1} starts at {F(bands[i].From)} after band {i} at {F(bands[i - 1].From)}; 'from' values must be {orderEn}"));
                return;
            }
        }
    }

    private static void CheckGrades(IReadOnlyList<GradeBand> grades, List<Problem> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < grades.Count; i++)
        {
            var g = grades[i];
            var where = $"grades[{i}]";
            if (string.IsNullOrWhiteSpace(g.Grade))
                problems.Add(Problem.Invalid(where, "等级需要名称，例如 A", "a grade needs a name, e.g. A"));
            else if (!names.Add(g.Grade))
                problems.Add(Problem.Invalid(where, $"等级 '{g.Grade}' 重复出现", $"grade '{g.Grade}' is listed twice"));
            if (g.Min is null && i != grades.Count - 1)
                problems.Add(Problem.Invalid(where, $"只有最后一个等级可以不设下限（即“其余”）；等级 '{g.Grade}' 是 {grades.Count} 个等级中的第 {i + 1} 个", $"only the last grade may have no minimum ('otherwise'); grade '{g.Grade}' is number {i + 1} of {grades.Count}"));
            if (i > 0 && g.Min is { } min && grades[i - 1].Min is { } prev && min >= prev)
                problems.Add(Problem.Invalid(where, $"等级区间未排序：'{g.Grade}' >= {F(min)} 排在 '{grades[i - 1].Grade}' >= {F(prev)} 之后；请按下限从高到低列出等级", $"grade bands are not sorted: '{g.Grade}' >= {F(min)} comes after '{grades[i - 1].Grade}' >= {F(prev)}; list grades from the highest minimum down"));
        }
    }

    /// <summary>Topological order over (actual, score) stages; a cycle is reported as "a → b → a".</summary>
    private Step[] ComputeOrder(out string? cycleText)
    {
        string? cycle = null;
        cycleText = null;
        var count = Indicators.Length;

        // Vertex v < count is indicator v's actual; v >= count is indicator v-count's score.
        var deps = new List<int>[count * 2];
        for (var i = 0; i < count; i++)
        {
            deps[i] = [];
            deps[count + i] = [i];
            if (SourceFormulas[i] is { } src)
                AddDeps(src, deps[i], count);
            if (RuleFormulas[i] is { } rule)
                AddDeps(rule, deps[count + i], count);
        }

        var state = new byte[count * 2]; // 0 new, 1 on stack, 2 done
        var order = new List<Step>(count * 2);
        var stack = new List<int>();
        for (var i = 0; i < count; i++)
        {
            foreach (var v in new[] { i, count + i })
            {
                if (state[v] == 0 && !Visit(v))
                {
                    cycleText = cycle;
                    return [];
                }
            }
        }

        return [.. order];

        bool Visit(int v)
        {
            state[v] = 1;
            stack.Add(v);
            foreach (var d in deps[v])
            {
                if (state[d] == 1)
                {
                    var codes = new List<string>();
                    foreach (var x in stack.Skip(stack.IndexOf(d)).Append(d))
                    {
                        var code = Indicators[x % count].Code;
                        if (codes.Count == 0 || codes[^1] != code)
                            codes.Add(code);
                    }

                    if (codes.Count == 1)
                        codes.Add(codes[0]);
                    cycle = string.Join(" → ", codes);
                    return false;
                }

                if (state[d] == 0 && !Visit(d))
                    return false;
            }

            stack.RemoveAt(stack.Count - 1);
            state[v] = 2;
            order.Add(new Step(v % count, v >= count));
            return true;
        }
    }

    private void AddDeps(Formula f, List<int> deps, int count)
    {
        foreach (var code in f.ActualCodes)
            deps.Add(IndicatorIndex(code));
        foreach (var code in f.ScoreCodes)
        {
            var n = NodeIndex(code);
            for (var d = n; d < SubtreeEnd[n]; d++)
                if (NodeIndicator[d] >= 0)
                    deps.Add(count + NodeIndicator[d]);
        }
    }

    private static string F(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex CodePattern();
}
