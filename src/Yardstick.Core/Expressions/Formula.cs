using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NCalc;
using NCalc.Factories;
using Yardstick.Core.Common;

namespace Yardstick.Core.Expressions;

/// <summary>
/// An expression of scoring.md §5, parsed once by NCalc and compiled once into a tree of closures
/// over an <see cref="EvalScope"/>. Arithmetic is decimal; <c>round</c> rounds half away from zero;
/// a comparison that reads a missing value is false; arithmetic on a missing value is missing.
/// </summary>
public sealed partial class Formula
{
    private static readonly LogicalExpressionParserOptions ParserOptions = new()
    {
        FloatingPointNumberType = FloatingPointNumberType.Decimal,
        IntegerNumberType = IntegerNumberType.Int64,
    };

    private static readonly string[] Prefixes = ["team.", "product.", "person."];

    /// <summary>Names a scheme knows besides its codes.</summary>
    public const string BaseSalary = "base_salary";

    /// <summary>The longest expression accepted, in characters; a longer one is refused before it is parsed.</summary>
    public const int MaxLength = 2_000;

    /// <summary>
    /// The deepest nesting accepted: each parenthesis or function call, each sign or <c>!</c> in front of a value and each
    /// <c>?</c> of a conditional opens a level. The parser and the compiled closures recurse once per level, so a deeper
    /// expression is refused before it is parsed instead of overflowing the stack.
    /// </summary>
    public const int MaxDepth = 32;

    private readonly Func<EvalScope, XValue> _eval;

    private Formula(string text, Func<EvalScope, XValue> eval, bool isBool, Compiler compiler)
    {
        Text = text;
        _eval = eval;
        IsCondition = isBool;
        ActualCodes = compiler.ActualCodes;
        ScoreCodes = compiler.ScoreCodes;
        FreeNames = compiler.Names;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>True when the expression yields a truth value (a condition), false when it yields a number.</summary>
    public bool IsCondition { get; }

    /// <summary>Indicator codes whose actual the expression reads by name, in order of appearance, without repeats.</summary>
    public IReadOnlyList<string> ActualCodes { get; }

    /// <summary>Codes (indicators or groups) read through score(), achievement() or points(), without repeats.</summary>
    public IReadOnlyList<string> ScoreCodes { get; }

    /// <summary>Every code the expression reads, in either way.</summary>
    public IEnumerable<string> AllCodes => ActualCodes.Concat(ScoreCodes).Distinct(StringComparer.Ordinal);

    /// <summary>Free names read (base_salary, team.*, product.*, person.*).</summary>
    public IReadOnlyList<string> FreeNames { get; }

    /// <summary>Evaluates the expression in <paramref name="scope"/>.</summary>
    public XValue Evaluate(EvalScope scope) => _eval(scope);

    /// <summary>
    /// Parses and checks <paramref name="text"/> against the scheme's <paramref name="symbols"/>.
    /// Problems name the unknown name or function and its 1-based position in the text.
    /// </summary>
    /// <param name="text">The expression.</param>
    /// <param name="where">Where the expression stands (a JSON path or field), used in problems.</param>
    /// <param name="symbols">The scheme's codes.</param>
    /// <param name="expectCondition">True for a condition (when), false for a number, null for either.</param>
    public static Result<Formula> Compile(string text, string where, SchemeSymbols symbols, bool? expectCondition)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Problem.Invalid(where, "表达式为空", "the expression is empty");
        if (CheckSize(text, where) is { } tooBig)
            return tooBig;
        LogicalExpression ast;
        try
        {
            ast = LogicalExpressionFactory.Create(BracketDottedNames(text), ParserOptions, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is NCalc.Exceptions.NCalcException or InvalidOperationException or FormatException or OverflowException)
        {
            return Problem.Invalid(where, $"无法解析表达式 '{text}'（解析器提示：{ex.Message}）", $"cannot parse '{text}': {ex.Message}");
        }

        var compiler = new Compiler(text, where, symbols);
        var node = compiler.Visit(ast);
        if (compiler.Problems.Count == 0 && expectCondition is { } cond && node.IsBool != cond)
            compiler.Problems.Add(cond
                ? Problem.Invalid(where, $"'{text}' 的结果是数字；此处需要条件（真或假），例如 x >= 0.6", $"'{text}' yields a number; a condition (true or false) is expected here, e.g. x >= 0.6")
                : Problem.Invalid(where, $"'{text}' 的结果是真或假；此处需要数字", $"'{text}' yields true or false; a number is expected here"));
        return compiler.Problems.Count > 0
            ? Result<Formula>.Fail(compiler.Problems)
            : new Formula(text, node.Eval, node.IsBool, compiler);
    }

    /// <summary>A problem when <paramref name="text"/> is longer than <see cref="MaxLength"/> or nests deeper than <see cref="MaxDepth"/>; null when it may be parsed.</summary>
    private static Problem? CheckSize(string text, string where)
    {
        if (text.Length > MaxLength)
            return Problem.Invalid(where,
                string.Create(CultureInfo.InvariantCulture, $"表达式有 {text.Length:N0} 个字符；一个表达式最多 {MaxLength:N0} 个字符，请拆成几个公式指标，或用分组的 achievement()/points() 代替逐项相加"),
                string.Create(CultureInfo.InvariantCulture, $"the expression has {text.Length:N0} characters; an expression may have at most {MaxLength:N0}: split it into formula indicators, or read a group's achievement()/points() instead of adding its indicators one by one"),
                "expression.too_long");
        var depth = NestingDepth(text);
        return depth <= MaxDepth ? null : Problem.Invalid(where,
            string.Create(CultureInfo.InvariantCulture, $"表达式嵌套了 {depth:N0} 层（括号、函数调用、值前的正负号或 !、条件运算 ?）；最多 {MaxDepth} 层"),
            string.Create(CultureInfo.InvariantCulture, $"the expression nests {depth:N0} levels deep (parentheses, function calls, signs or ! before a value, conditionals ?); at most {MaxDepth} are allowed"),
            "expression.too_deep");
    }

    /// <summary>
    /// How deeply <paramref name="text"/> nests, counted on its characters without parsing it: each <c>(</c> opens a level
    /// until its <c>)</c>, each prefix <c>-</c>, <c>+</c>, <c>!</c> or <c>~</c> one until the value it applies to, each
    /// <c>?</c> one until the end of the parentheses it stands in. Quoted texts and bracketed names are skipped.
    /// </summary>
    internal static int NestingDepth(string text)
    {
        var frames = new Stack<int>(); // the levels each open parenthesis added (its prefix operators and itself)
        var open = 0; // the sum of frames plus the conditionals of the current parentheses
        var conditionals = new Stack<int>();
        var current = 0; // conditionals of the innermost parentheses
        var prefix = 0; // prefix operators waiting for their value
        var afterValue = false; // the previous token ends a value, so + and - are binary
        var inName = false; // the previous character belongs to a name or a number
        var max = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
                continue;
            var isName = char.IsLetterOrDigit(c) || c is '_' or '.';
            if (inName && !isName && c != '(')
                prefix = 0; // the name was the value its signs applied to; before ( it is a function they apply to
            inName = isName;
            switch (c)
            {
                case '\'':
                case '[':
                {
                    var close = text.IndexOf(c == '[' ? ']' : '\'', i + 1);
                    i = close < 0 ? text.Length : close;
                    prefix = 0;
                    afterValue = true;
                    break;
                }

                case '(':
                    frames.Push(prefix + 1);
                    conditionals.Push(current);
                    open += prefix + 1;
                    current = 0;
                    prefix = 0;
                    afterValue = false;
                    max = Math.Max(max, open);
                    break;
                case ')':
                    if (frames.Count > 0)
                    {
                        open -= frames.Pop() + current;
                        current = conditionals.Pop();
                    }

                    prefix = 0;
                    afterValue = true;
                    break;
                case '?' when i + 1 < text.Length && text[i + 1] == '?':
                    i++;
                    prefix = 0;
                    afterValue = false;
                    break;
                case '?':
                    current++;
                    open++;
                    prefix = 0;
                    afterValue = false;
                    max = Math.Max(max, open);
                    break;
                case '-' or '+' when !afterValue:
                case '!' when i + 1 >= text.Length || text[i + 1] != '=':
                case '~':
                    prefix++;
                    max = Math.Max(max, open + prefix);
                    break;
                default:
                    afterValue = isName;
                    break;
            }
        }

        return max;
    }

    /// <summary>NCalc reads team.revenue only in brackets: bracket every dotted name outside quotes.</summary>
    private static string BracketDottedNames(string text) =>
        QuotedOrDotted().Replace(text, m => m.Groups["dotted"].Success ? "[" + m.Value + "]" : m.Value);

    [GeneratedRegex(@"'[^']*'|\[[^\]]*\]|(?<dotted>(?<![\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)")]
    private static partial Regex QuotedOrDotted();

    /// <summary>1-based position of <paramref name="token"/> in <paramref name="text"/> as a whole word (or quoted string), 0 if not found.</summary>
    private static int PositionOf(string text, string token, bool quoted)
    {
        var pattern = quoted ? "'" + Regex.Escape(token) + "'" : @"(?<![\w.'])" + Regex.Escape(token) + @"(?![\w.'])";
        var m = Regex.Match(text, pattern);
        return m.Success ? m.Index + 1 : 0;
    }

    private readonly record struct Node(Func<EvalScope, XValue> Eval, bool IsBool);

    private sealed class Compiler(string text, string where, SchemeSymbols symbols)
    {
        public List<Problem> Problems { get; } = [];
        public List<string> ActualCodes { get; } = [];
        public List<string> ScoreCodes { get; } = [];
        public List<string> Names { get; } = [];

        private static readonly Node Bad = new(_ => XValue.Missing, false);

        private Node Fail(string zh, string en)
        {
            Problems.Add(Problem.Invalid(where, zh, en));
            return Bad;
        }

        /// <summary>Where <paramref name="token"/> stands in the text, for a message: "（第 7 个字符）" and " at position 7", or nothing.</summary>
        private (string Zh, string En) At(string token, bool quoted = false)
        {
            var pos = PositionOf(text, token, quoted);
            return pos > 0 ? ($"（第 {pos} 个字符）", $" at position {pos}") : ("", "");
        }

        /// <summary>A Chinese position followed by more Chinese: the position, or the space the token before it needs.</summary>
        private static string Then(string zhAt) => zhAt.Length == 0 ? " " : zhAt;

        /// <summary>What a Number/Boolean check is about, in Chinese, with the space an operator or function name needs before Chinese.</summary>
        private static string ContextZh(string context) => context == "arithmetic" ? "算术运算" : context + " ";

        public Node Visit(LogicalExpression e) => e switch
        {
            ValueExpression v => Value(v),
            Identifier i => Ident(i.Name),
            BinaryExpression b => Binary(b),
            UnaryExpression u => Unary(u),
            TernaryExpression t => Conditional(Visit(t.LeftExpression), Visit(t.MiddleExpression), Visit(t.RightExpression), "?:"),
            Function f => Function(f),
            LogicalExpressionList => Fail($"'{text}'：不支持这种表达式（用括号括起的值列表）", $"'{text}': this kind of expression (a list of values in parentheses) is not supported"),
            _ => Fail($"'{text}'：不支持这种表达式", $"'{text}': this kind of expression is not supported"),
        };

        private Node Value(ValueExpression v)
        {
            switch (v.Value)
            {
                case bool b:
                    var bv = XValue.Of(b);
                    return new(_ => bv, true);
                case decimal or int or long:
                    var nv = XValue.Of(Convert.ToDecimal(v.Value, CultureInfo.InvariantCulture));
                    return new(_ => nv, false);
                case string s:
                    var at = At(s, quoted: true);
                    return Fail($"文本 '{s}'{Then(at.Zh)}只能作为 score()、achievement() 或 points() 中的代码使用", $"text '{s}'{at.En} is only allowed as the code in score(), achievement() or points()");
                default:
                    return Fail($"值 {v.Value} 既不是数字，也不是真/假", $"the value {v.Value} is not a number or true/false");
            }
        }

        private void Note(List<string> list, string item)
        {
            if (!list.Contains(item, StringComparer.Ordinal))
                list.Add(item);
        }

        private Node Ident(string name)
        {
            if (name is "true" or "false")
            {
                var bv = XValue.Of(name == "true");
                return new(_ => bv, true);
            }

            if (symbols.TryGetIndicator(name, out var ind))
            {
                Note(ActualCodes, name);
                return new(s => s.Actual(ind), false);
            }

            if (symbols.IsGroup(name))
            {
                var group = At(name);
                return Fail($"'{name}'{Then(group.Zh)}是分组；请使用 achievement('{name}') 或 points('{name}')", $"'{name}'{group.En} is a group; use achievement('{name}') or points('{name}')");
            }

            if (name == BaseSalary || Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal) && name.Length > p.Length && !name[p.Length..].Contains('.')))
            {
                Note(Names, name);
                return new(s => s.Name(name), false);
            }

            var at = At(name);
            return Fail($"未知名称 '{name}'{at.Zh}；应为本方案的指标代码、base_salary，或 team.revenue、product.gmv、person.x 这类业务数据",
                $"unknown name '{name}'{at.En}; expected an indicator code of this scheme, base_salary, or a measure such as team.revenue, product.gmv, person.x");
        }

        private Node Number(Node n, string context) =>
            n.IsBool ? Fail($"'{text}'：{ContextZh(context)}需要数字，而不是真/假", $"'{text}': {context} needs a number, not true/false") : n;

        private Node Boolean(Node n, string context) =>
            n.IsBool ? n : Fail($"'{text}'：{ContextZh(context)}需要条件（真/假），而不是数字", $"'{text}': {context} needs a condition (true/false), not a number");

        /// <summary>
        /// <c>a + b + c + …</c> parses as a left spine as long as the sum: it is walked in a loop, so that only nesting
        /// (bounded by <see cref="MaxDepth"/>) makes the compiler recurse.
        /// </summary>
        private Node Binary(BinaryExpression b)
        {
            var spine = new Stack<BinaryExpression>();
            LogicalExpression e = b;
            while (e is BinaryExpression left)
            {
                spine.Push(left);
                e = left.LeftExpression;
            }

            var acc = Visit(e);
            while (spine.TryPop(out var next))
                acc = Combine(next.Type, acc, Visit(next.RightExpression));
            return acc;
        }

        private Node Combine(BinaryExpressionType op, Node l, Node r)
        {
            switch (op)
            {
                case BinaryExpressionType.And:
                case BinaryExpressionType.Or:
                {
                    var lf = Boolean(l, "&&/||").Eval;
                    var rf = Boolean(r, "&&/||").Eval;
                    return op == BinaryExpressionType.And
                        ? new(s => XValue.Of(lf(s).IsTrue && rf(s).IsTrue), true)
                        : new(s => XValue.Of(lf(s).IsTrue || rf(s).IsTrue), true);
                }

                case BinaryExpressionType.Equal:
                case BinaryExpressionType.NotEqual:
                case BinaryExpressionType.Lesser:
                case BinaryExpressionType.LesserOrEqual:
                case BinaryExpressionType.Greater:
                case BinaryExpressionType.GreaterOrEqual:
                {
                    if (l.IsBool != r.IsBool)
                        return Fail($"'{text}'：比较的两边须同为数字或同为条件", $"'{text}': a comparison needs two numbers or two conditions");
                    var lf = l.Eval;
                    var rf = r.Eval;
                    Func<decimal, decimal, bool> cmp = op switch
                    {
                        BinaryExpressionType.Equal => (x, y) => x == y,
                        BinaryExpressionType.NotEqual => (x, y) => x != y,
                        BinaryExpressionType.Lesser => (x, y) => x < y,
                        BinaryExpressionType.LesserOrEqual => (x, y) => x <= y,
                        BinaryExpressionType.Greater => (x, y) => x > y,
                        _ => (x, y) => x >= y,
                    };
                    return new(s =>
                    {
                        var x = lf(s);
                        var y = rf(s);
                        return x.Kind == XKind.Missing || y.Kind == XKind.Missing ? XValue.False : XValue.Of(cmp(x.Number, y.Number));
                    }, true);
                }

                case BinaryExpressionType.Plus:
                case BinaryExpressionType.Minus:
                case BinaryExpressionType.Times:
                case BinaryExpressionType.Div:
                case BinaryExpressionType.Modulo:
                {
                    var lf = Number(l, "arithmetic").Eval;
                    var rf = Number(r, "arithmetic").Eval;
                    Func<decimal, decimal, XValue> arith = op switch
                    {
                        BinaryExpressionType.Plus => (x, y) => XValue.Of(x + y),
                        BinaryExpressionType.Minus => (x, y) => XValue.Of(x - y),
                        BinaryExpressionType.Times => (x, y) => XValue.Of(x * y),
                        BinaryExpressionType.Div => (x, y) => y == 0m ? XValue.Missing : XValue.Of(x / y),
                        _ => (x, y) => y == 0m ? XValue.Missing : XValue.Of(x % y),
                    };
                    return new(s =>
                    {
                        var x = lf(s);
                        var y = rf(s);
                        return x.Kind == XKind.Missing || y.Kind == XKind.Missing ? XValue.Missing : arith(x.Number, y.Number);
                    }, false);
                }

                case BinaryExpressionType.Coalesce:
                {
                    if (l.IsBool != r.IsBool)
                        return Fail($"'{text}'：?? 的两边须同为数字或同为条件", $"'{text}': both sides of ?? must be numbers or both conditions");
                    var lf = l.Eval;
                    var rf = r.Eval;
                    return new(s => lf(s) is { Kind: not XKind.Missing } v ? v : rf(s), l.IsBool);
                }

                default:
                    return Fail($"'{text}'：不支持运算符 {op}；可用 + - * / %、比较运算、&&、||、!、?? 以及函数 min、max、abs、round、if、score、achievement、points",
                        $"'{text}': the operator {op} is not supported; use + - * / %, comparisons, &&, ||, !, ?? and the functions min, max, abs, round, if, score, achievement, points");
            }
        }

        private Node Unary(UnaryExpression u)
        {
            var inner = Visit(u.Expression);
            switch (u.Type)
            {
                case UnaryExpressionType.Not:
                {
                    var f = Boolean(inner, "!").Eval;
                    return new(s => XValue.Of(!f(s).IsTrue), true);
                }

                case UnaryExpressionType.Negate:
                {
                    var f = Number(inner, "-").Eval;
                    return new(s => f(s) is { Kind: XKind.Number } v ? XValue.Of(-v.Number) : XValue.Missing, false);
                }

                case UnaryExpressionType.Positive:
                    return Number(inner, "+");
                default:
                    return Fail($"'{text}'：不支持运算符 {u.Type}", $"'{text}': the operator {u.Type} is not supported");
            }
        }

        private Node Conditional(Node cond, Node then, Node otherwise, string name)
        {
            var c = Boolean(cond, name).Eval;
            if (then.IsBool != otherwise.IsBool)
                return Fail($"'{text}'：{name} 的两个分支须同为数字或同为条件", $"'{text}': both branches of {name} must be numbers or both conditions");
            var t = then.Eval;
            var o = otherwise.Eval;
            return new(s => c(s).IsTrue ? t(s) : o(s), then.IsBool);
        }

        private Node Function(Function f)
        {
            var name = f.Identifier.Name;
            var args = f.Parameters;
            var lower = name.ToLowerInvariant();
            switch (lower)
            {
                case "score":
                case "achievement":
                case "points":
                    return CodeFunction(name, lower, args);
                case "if":
                    if (args.Count != 3)
                        return Fail($"'{text}'：if(condition, then, else) 需要 3 个参数，而不是 {args.Count} 个", $"'{text}': if(condition, then, else) takes 3 arguments, not {args.Count}");
                    return Conditional(Visit(args[0]), Visit(args[1]), Visit(args[2]), "if");
                case "abs":
                {
                    if (args.Count != 1)
                        return Fail($"'{text}'：abs(x) 需要 1 个参数，而不是 {args.Count} 个", $"'{text}': abs(x) takes 1 argument, not {args.Count}");
                    var a = Number(Visit(args[0]), "abs").Eval;
                    return new(s => a(s) is { Kind: XKind.Number } v ? XValue.Of(Math.Abs(v.Number)) : XValue.Missing, false);
                }

                case "round":
                {
                    if (args.Count is < 1 or > 2)
                        return Fail($"'{text}'：round(x) 或 round(x, digits) 需要 1 或 2 个参数，而不是 {args.Count} 个", $"'{text}': round(x) or round(x, digits) takes 1 or 2 arguments, not {args.Count}");
                    var a = Number(Visit(args[0]), "round").Eval;
                    var d = args.Count == 2 ? Number(Visit(args[1]), "round").Eval : (_ => XValue.Of(0m));
                    return new(s =>
                    {
                        var v = a(s);
                        var digits = d(s);
                        if (v.Kind != XKind.Number || digits.Kind != XKind.Number || digits.Number is < 0 or > 28 || digits.Number != decimal.Truncate(digits.Number))
                            return XValue.Missing;
                        return XValue.Of(Math.Round(v.Number, (int)digits.Number, MidpointRounding.AwayFromZero));
                    }, false);
                }

                case "min":
                case "max":
                {
                    if (args.Count < 2)
                        return Fail($"'{text}'：{lower}(a, b, ...) 至少需要 2 个参数", $"'{text}': {lower}(a, b, ...) takes at least 2 arguments");
                    var fs = args.Select(a => Number(Visit(a), lower).Eval).ToArray();
                    var isMin = lower == "min";
                    return new(s =>
                    {
                        decimal acc = 0;
                        for (var i = 0; i < fs.Length; i++)
                        {
                            var v = fs[i](s);
                            if (v.Kind != XKind.Number)
                                return XValue.Missing;
                            acc = i == 0 ? v.Number : isMin ? Math.Min(acc, v.Number) : Math.Max(acc, v.Number);
                        }

                        return XValue.Of(acc);
                    }, false);
                }

                default:
                {
                    var at = At(name);
                    return Fail($"未知函数 '{name}'{at.Zh}；应为 score、achievement、points、min、max、abs、round 或 if", $"unknown function '{name}'{at.En}; expected score, achievement, points, min, max, abs, round or if");
                }
            }
        }

        private Node CodeFunction(string name, string lower, LogicalExpressionList args)
        {
            if (args.Count != 1 || args[0] is not ValueExpression { Value: string code })
                return Fail($"'{text}'：{lower}('code') 只接受一个带引号的代码", $"'{text}': {lower}('code') takes one code in quotes");
            if (symbols.TryGetIndicator(code, out var ind))
            {
                Note(ScoreCodes, code);
                var node = symbols.NodeOf(code);
                return lower switch
                {
                    "score" => new(s => s.Score(ind), false),
                    "achievement" => new(s => s.Achievement(node), false),
                    _ => new(s => s.Points(node), false),
                };
            }

            if (symbols.IsGroup(code))
            {
                if (lower == "score")
                {
                    var at = At(code, quoted: true);
                    return Fail($"score('{code}'){at.Zh}：'{code}' 是分组；score() 只接受指标，请使用 achievement('{code}')", $"score('{code}'){at.En}: '{code}' is a group; score() takes an indicator, use achievement('{code}')");
                }

                Note(ScoreCodes, code);
                var node = symbols.NodeOf(code);
                return lower == "achievement" ? new(s => s.Achievement(node), false) : new(s => s.Points(node), false);
            }

            var unknown = At(code, quoted: true);
            return Fail($"{name}() 中的代码 '{code}'{Then(unknown.Zh)}未知；应为本方案中的代码", $"unknown code '{code}'{unknown.En} in {name}(); expected a code of this scheme");
        }
    }
}

/// <summary>The codes of a scheme, numbered: nodes in pre-order, indicators in tree order.</summary>
public sealed class SchemeSymbols
{
    private readonly Dictionary<string, (int Node, int Indicator)> _codes = new(StringComparer.Ordinal);

    /// <summary>Adds a node; <paramref name="indicator"/> is -1 for a group.</summary>
    public void Add(string code, int node, int indicator) => _codes.TryAdd(code, (node, indicator));

    /// <summary>True when <paramref name="code"/> is an indicator; gives its number.</summary>
    public bool TryGetIndicator(string code, out int indicator)
    {
        indicator = _codes.TryGetValue(code, out var e) ? e.Indicator : -1;
        return indicator >= 0;
    }

    /// <summary>True when <paramref name="code"/> is a group.</summary>
    public bool IsGroup(string code) => _codes.TryGetValue(code, out var e) && e.Indicator < 0;

    /// <summary>The node number of a known code.</summary>
    public int NodeOf(string code) => _codes[code].Node;
}
