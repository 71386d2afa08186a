using System.Globalization;

namespace Yardstick.Core.Common;

/// <summary>
/// How traces show numbers (scoring.md §9): ratios and factors with up to 8 decimals, other
/// intermediate values with up to 6, money with 2. A shown value that was rounded is marked ≈.
/// </summary>
public static class TraceFormat
{
    /// <summary>A ratio or factor: up to 8 decimals.</summary>
    public static string Ratio(decimal value) => Show(value, 8);

    /// <summary>Points and other intermediate values: up to 6 decimals.</summary>
    public static string Value(decimal value) => Show(value, 6);

    /// <summary>Money with two decimals and thousands separators (30,000.00); ≈ when the amount had more decimals.</summary>
    public static string Money(decimal value)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        var text = rounded.ToString("#,##0.00", CultureInfo.InvariantCulture);
        return rounded == value ? text : "≈ " + text;
    }

    /// <summary>An intermediate amount of money (an unrounded pool or share): thousands separators, up to 4 decimals, ≈ when rounded.</summary>
    public static string Amount(decimal value)
    {
        var rounded = Math.Round(value, 4, MidpointRounding.AwayFromZero);
        var text = rounded.ToString("#,##0.00##", CultureInfo.InvariantCulture);
        return rounded == value ? text : "≈ " + text;
    }

    /// <summary>"= x" or, when x was rounded for display, "≈ x".</summary>
    public static string Eq(string shown) => shown.StartsWith('≈') ? shown : "= " + shown;

    /// <summary>An input as written (no trailing zeros beyond its own precision).</summary>
    public static string Input(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An exact value as it is (no trailing zeros), or rounded to <paramref name="decimals"/> decimals and marked ≈.</summary>
    public static string Show(decimal value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded == value
            ? Normalize(rounded).ToString(CultureInfo.InvariantCulture)
            : "≈ " + rounded.ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>A total as screens show it: truncated toward −∞ to 2 decimals (scoring.md §3), so a shown 85.00 always means 85 or more.</summary>
    public static decimal Truncated(decimal total) => Math.Floor(total * 100m) / 100m;

    /// <summary><see cref="Truncated"/>, written with exactly 2 decimals.</summary>
    public static string Shown(decimal total) => Truncated(total).ToString("0.00", CultureInfo.InvariantCulture);

    private static decimal Normalize(decimal d) => d / 1.000000000000000000000000000000000m;
}
