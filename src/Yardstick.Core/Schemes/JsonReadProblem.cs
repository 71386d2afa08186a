using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Yardstick.Core.Common;

namespace Yardstick.Core.Schemes;

/// <summary>
/// Turns what System.Text.Json says about a scheme file it refused into a problem in both languages: the field it
/// does not know (with the fields allowed there), the kind of value it expected, or a syntax error. The serializer's
/// own messages name .NET types (System.Nullable`1[System.Decimal], SchemeJson+NodeDto); these never do.
/// </summary>
internal static partial class JsonReadProblem
{
    /// <summary>The problem for <paramref name="ex"/> at <paramref name="where"/>; DTO names are looked up among <paramref name="dtos"/>' nested types.</summary>
    public static Problem Of(JsonException ex, Location where, Type dtos)
    {
        var (atZh, atEn) = ex.Path is { Length: > 0 } path ? ($"（位于 {path}）", $" (at {path})") : ("", "");
        if (UnknownMember().Match(ex.Message) is { Success: true } unknown)
        {
            var name = unknown.Groups["name"].Value;
            var fields = FieldsOf(dtos, unknown.Groups["type"].Value);
            return fields.Count == 0
                ? Problem.Invalid(where, $"未知字段 '{name}'{atZh}", $"unknown field '{name}'{atEn}")
                : Problem.Invalid(where, $"未知字段 '{name}'{atZh}；此处可用的字段：{ProblemText.ZhList(fields)}", $"unknown field '{name}'{atEn}; expected one of {string.Join(", ", fields)}");
        }

        if (NotConvertible().Match(ex.Message) is { Success: true } conversion)
        {
            var (zh, en) = Expected(dtos, conversion.Groups["type"].Value);
            return Problem.Invalid(where, $"此处应为{zh}{atZh}", $"expected {en}{atEn}");
        }

        if (ex.Message.Contains("uplicate", StringComparison.Ordinal))
        {
            var field = ex.Path is { Length: > 0 } p ? p[(p.LastIndexOf('.') + 1)..].Trim('[', ']', '\'') : "";
            return Problem.Invalid(where, $"字段 '{field}' 出现了不止一次{atZh}；每个字段只能写一次", $"the field '{field}' is given more than once{atEn}; give each field once");
        }

        var detail = ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0];
        if (detail.Contains("System.", StringComparison.Ordinal) || detail.Contains("Exception", StringComparison.Ordinal) || detail.Contains("Yardstick.", StringComparison.Ordinal))
            detail = "the file is not valid JSON";
        return Problem.Invalid(where, $"JSON 语法错误{atZh}：请检查该位置附近的括号、引号和逗号", detail + atEn);
    }

    /// <summary>What a .NET type the serializer names stands for in a file, in words (the Chinese follows 此处应为, with a space before ASCII).</summary>
    private static (string Zh, string En) Expected(Type dtos, string type)
    {
        if (Nullable().Match(type) is { Success: true } nullable)
            type = nullable.Groups["inner"].Value;
        if (type.StartsWith("System.Collections.Generic.List`1[", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal))
            return ("列表 [...]", "a list [...]");
        switch (type)
        {
            case "System.Decimal":
                return ("数字，例如 0.85", "a number, e.g. 0.85");
            case "System.Int32":
                return ("整数，例如 3", "a whole number, e.g. 3");
            case "System.Boolean":
                return (" true 或 false", "true or false");
            case "System.String":
                return ("带引号的文本", "text in quotes");
        }

        var simple = type[(Math.Max(type.LastIndexOf('.'), type.LastIndexOf('+')) + 1)..];
        if (simple == "NameDto")
            return ("中英文名称 {\"zh-CN\": \"…\", \"en\": \"…\"}", "a name {\"zh-CN\": \"…\", \"en\": \"…\"}");
        if (dtos.GetNestedType(simple, BindingFlags.NonPublic) is not null)
            return (" JSON 对象 {...}", "an object {...}");
        if (typeof(JsonReadProblem).Assembly.GetType(type) is { IsEnum: true } e)
        {
            var names = Enum.GetNames(e).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToList();
            return ($" {ProblemText.ZhList(names)} 之一", $"one of {string.Join(", ", names)}");
        }

        return ("其他类型的值", "a value of another kind");
    }

    /// <summary>The JSON names of a DTO's fields, as files write them.</summary>
    private static List<string> FieldsOf(Type dtos, string type)
    {
        var simple = type[(type.LastIndexOf('+') + 1)..];
        return dtos.GetNestedType(simple, BindingFlags.NonPublic) is { } dto
            ? [.. dto.GetProperties().Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name))]
            : [];
    }

    [GeneratedRegex(@"^The JSON property '(?<name>[^']*)' could not be mapped to any \.NET member contained in type '(?<type>[^']+)'")]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"^The JSON value could not be converted to (?<type>\S+?)\.(?: |$)")]
    private static partial Regex NotConvertible();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>.+)\]$")]
    private static partial Regex Nullable();
}
