using System.Globalization;

namespace Yardstick.Core.Common;

/// <summary>Decimals in one canonical form, whatever their source wrote: the same number is the same value everywhere.</summary>
public static class Decimals
{
    /// <summary>
    /// The largest magnitude of a number an input gives (an actual, a business measure, equity units): 10^15. Two such
    /// numbers multiplied (a formula, a rate times a measure, a share of a pool) stay inside a decimal (7.9 × 10^28), and an
    /// amount derived from one stays inside Int64 minor units (9.2 × 10^16 in major units).
    /// </summary>
    public const decimal Limit = 1_000_000_000_000_000m;

    /// <summary>
    /// <paramref name="value"/> without trailing zeros (5.0 → 5, 0.8530 → 0.853): a file that writes 5600000.00, SQLite
    /// that stores 5600000.0 and PostgreSQL that returns 5600000 give one value, so results, traces and their hashes
    /// do not depend on how a number was written or stored. The value itself never changes.
    /// </summary>
    public static decimal Canonical(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>
    /// Parses <paramref name="text"/> with the invariant culture and <paramref name="style"/>, canonical. A number too large
    /// for a decimal (more than 28 digits, or a spreadsheet's 1E+300) reads as ±<see cref="decimal.MaxValue"/>, so that
    /// <see cref="TooLarge"/> refuses it as too large rather than as not a number.
    /// </summary>
    public static bool TryParse(string text, NumberStyles style, out decimal value)
    {
        if (decimal.TryParse(text, style, CultureInfo.InvariantCulture, out value))
        {
            value = Canonical(value);
            return true;
        }

        if (double.TryParse(text, style | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && Math.Abs(d) >= 7.9e28)
        {
            value = d < 0 ? decimal.MinValue : decimal.MaxValue;
            return true;
        }

        return false;
    }

    /// <summary>Why <paramref name="value"/> (written <paramref name="text"/>) is refused: its magnitude is over <paramref name="limit"/>; null when it is not.</summary>
    public static LocalizedText? TooLarge(string text, decimal value, decimal limit = Limit)
    {
        if (Math.Abs(value) <= limit)
            return null;
        var shown = text.Length > 24 ? text[..24] + "…" : text;
        var max = limit.ToString(CultureInfo.InvariantCulture);
        return new LocalizedText($"{shown} 超出可接受的范围；数的绝对值最大为 {max}", $"{shown} is too large; numbers up to {max} in absolute value are accepted");
    }
}
