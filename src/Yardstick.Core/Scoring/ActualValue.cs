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
    public static Result<decimal> Parse(Indicator indicator, string? text)
    {
        var t = (text ?? "").Trim();
        if (t.Length == 0)
            return Result<decimal>.Fail("", $"the value of '{indicator.Code}' is empty; enter a number or leave the row out (then the indicator is missing)");
        var percent = t.EndsWith('%');
        if (percent)
        {
            if (indicator.Unit is not (Unit.Percent or Unit.Ratio))
                return Result<decimal>.Fail("", $"'{t}': '%' is only allowed for percent or ratio indicators; '{indicator.Code}' is a {Name(indicator.Unit)}, write a plain number");
            t = t[..^1];
        }

        if (!decimal.TryParse(t, Style, CultureInfo.InvariantCulture, out var value))
            return Result<decimal>.Fail("", $"'{text?.Trim()}' is not a number; expected a decimal with '.' such as {Example(indicator.Unit)}");
        if (percent)
            value /= 100m;
        return Check(indicator, Decimals.Canonical(value));
    }

    /// <summary>Checks a value against the indicator's unit and bounds.</summary>
    public static Result<decimal> Check(Indicator indicator, decimal value)
    {
        if (indicator.Unit == Unit.Count && value != decimal.Truncate(value))
            return Result<decimal>.Fail("", $"{F(value)} is not a whole number; '{indicator.Code}' is a count (0, 1, 2, …)");
        if (indicator.EffectiveMin is { } min && value < min)
            return Result<decimal>.Fail("", OutOfRange(indicator, value));
        if (indicator.EffectiveMax is { } max && value > max)
            return Result<decimal>.Fail("", OutOfRange(indicator, value));
        return value;
    }

    private static string OutOfRange(Indicator ind, decimal value)
    {
        var range = (ind.EffectiveMin, ind.EffectiveMax) switch
        {
            ({ } lo, { } hi) => $"{F(lo)}–{F(hi)}",
            ({ } lo, null) => $">= {F(lo)}",
            (null, { } hi) => $"<= {F(hi)}",
            _ => "any",
        };
        return ind.Unit switch
        {
            Unit.Rating => $"{F(value)} is outside the rating scale of '{ind.Code}'; expected {range}",
            Unit.Count when value < 0 && ind.Min is null => $"{F(value)} is negative; '{ind.Code}' is a count, a whole number >= 0",
            _ => $"{F(value)} is out of range of '{ind.Code}'; expected {range}",
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
