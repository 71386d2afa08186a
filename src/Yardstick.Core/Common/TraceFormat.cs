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

    /// <summary>
    /// A score (a total, points) as screens show it (scoring.md §3): truncated toward −∞ to 2 decimals, never
    /// rounded, so a shown 85.00 always means at least 85 and never lifts a total into a higher grade band
    /// (84.999 shows 84.99; −0.001 shows −0.01). Scores are stored unrounded; this is the one display truncation.
    /// </summary>
    public static decimal TruncateScore(decimal score) => Math.Floor(score * 100m) / 100m;

    /// <summary>A score as screens show it, as text: <see cref="TruncateScore"/> with exactly two decimals, invariant culture ("85.00").</summary>
    public static string ShowScore(decimal score) =>
        TruncateScore(score).ToString("0.00", CultureInfo.InvariantCulture);

    private static decimal Normalize(decimal d) => d / 1.000000000000000000000000000000000m;
}
