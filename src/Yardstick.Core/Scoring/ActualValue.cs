using System.Globalization;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;

namespace Yardstick.Core.Scoring;

/// <summary>
/// Reads an actual as written in a file (scoring.md §1): a decimal with a point ('.'), no thousands
/// separators; percent and ratio values may be written 85% (read as 0.85). Checks the unit's bounds.
/// </summary>
public static class ActualValue
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    /// <summary>Parses <paramref name="text"/> for <paramref name="indicator"/>; the problem's Where is empty (the caller knows the location).</summary>
    public static Result<decimal> Parse(Indicator indicator, string? text) =>
        TryParse(indicator, text.AsSpan(), out var value) is { } problem ? problem : value;

    /// <summary>
    /// As <see cref="Parse"/>, from a span (a field of a file) and without a result object: null with the value, or the
    /// problem (its Where empty).
    /// </summary>
    public static Problem? TryParse(Indicator indicator, ReadOnlySpan<char> text, out decimal value)
    {
        value = 0m;
        var trimmed = text.Trim();
        var t = trimmed;
        if (t.Length == 0)
            return Invalid($"指标 '{indicator.Code}' 的实际值为空；请填写数字，或删去该行（该指标即记为缺失）", $"the value of '{indicator.Code}' is empty; enter a number or leave the row out (then the indicator is missing)");
        var percent = t[^1] == '%';
        if (percent)
        {
            if (indicator.Unit is not (Unit.Percent or Unit.Ratio))
                return Invalid($"'{t}'：只有 percent 或 ratio 单位的指标可以使用 '%'；'{indicator.Code}' 的单位是 {Name(indicator.Unit)}，请填写不带 % 的数字", $"'{t}': '%' is only allowed for percent or ratio indicators; '{indicator.Code}' is a {Name(indicator.Unit)}, write a plain number");
            t = t[..^1];
        }

        if (!Decimals.TryParse(t, Style, out var parsed))
            return Invalid($"'{trimmed}' 不是数字；应为以 '.' 作小数点的数字，例如 {Example(indicator.Unit).Replace(" or ", " 或 ", StringComparison.Ordinal)}", $"'{trimmed}' is not a number; expected a decimal with '.' such as {Example(indicator.Unit)}");
        if (Decimals.TooLarge(t, parsed) is { } large)
            return Invalid(large.Zh, large.En);
        if (percent)
            parsed /= 100m;
        parsed = Decimals.Canonical(parsed);
        if (CheckProblem(indicator, parsed) is { } bad)
            return bad;
        value = parsed;
        return null;
    }

    /// <summary>Checks a value against the indicator's unit and bounds.</summary>
    public static Result<decimal> Check(Indicator indicator, decimal value) => CheckProblem(indicator, value) is { } problem ? problem : value;

    private static Problem? CheckProblem(Indicator indicator, decimal value)
    {
        if (indicator.Unit == Unit.Count && value != decimal.Truncate(value))
            return Invalid($"{F(value)} 不是整数；'{indicator.Code}' 是计数指标（0、1、2……）", $"{F(value)} is not a whole number; '{indicator.Code}' is a count (0, 1, 2, …)");
        if (indicator.EffectiveMin is { } min && value < min)
            return OutOfRange(indicator, value);
        if (indicator.EffectiveMax is { } max && value > max)
            return OutOfRange(indicator, value);
        return null;
    }

    /// <summary>A bad value; the caller places it (a file position, a field).</summary>
    private static Problem Invalid(string zh, string en) => Problem.Invalid(Location.None, zh, en);

    private static Problem OutOfRange(Indicator ind, decimal value)
    {
        // Only called with a bound on at least one side.
        var range = (ind.EffectiveMin, ind.EffectiveMax) switch
        {
            ({ } lo, { } hi) => $"{F(lo)}–{F(hi)}",
            ({ } lo, null) => $">= {F(lo)}",
            (null, { } hi) => $"<= {F(hi)}",
            _ => throw new InvalidOperationException("no bound to be outside of"),
        };
        return ind.Unit switch
        {
            Unit.Rating => Invalid($"{F(value)} 超出 '{ind.Code}' 的评分范围；应为 {range}", $"{F(value)} is outside the rating scale of '{ind.Code}'; expected {range}"),
            Unit.Count when value < 0 && ind.Min is null => Invalid($"{F(value)} 为负数；'{ind.Code}' 是计数指标，应为 >= 0 的整数", $"{F(value)} is negative; '{ind.Code}' is a count, a whole number >= 0"),
            _ => Invalid($"{F(value)} 超出 '{ind.Code}' 的取值范围；应为 {range}", $"{F(value)} is out of range of '{ind.Code}'; expected {range}"),
        };
    }

    private static string Example(Unit unit) => unit switch
    {
        Unit.Percent or Unit.Ratio => "0.85 or 85%",
        Unit.Count => "3",
        Unit.Rating => "4.5",
        Unit.Money => "12345.67",
        _ => "12.5",
    };

    private static string Name(Unit unit) => unit.ToString().ToLowerInvariant();

    private static string F(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
