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
    public static decimal Canonical(decimal value)
    {
        // most values are already canonical (no fraction, or a last digit other than 0): returned as they are, which is
        // what the division would give, without its cost (a million actuals pass through here)
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        if (value != 0m && (scale == 0 || MantissaMod10(unchecked((uint)bits[0]), unchecked((uint)bits[1]), unchecked((uint)bits[2])) != 0))
            return value;
        return value / 1.000000000000000000000000000000000m;
    }

    /// <summary>The 96-bit mantissa hi·2^64 + mid·2^32 + lo modulo 10 (2^32 and 2^64 are both 6 modulo 10).</summary>
    private static ulong MantissaMod10(uint lo, uint mid, uint hi) => ((hi % 10ul * 6ul) + (mid % 10ul * 6ul) + (lo % 10ul)) % 10ul;

    /// <summary>
    /// Parses <paramref name="text"/> with the invariant culture and <paramref name="style"/>, canonical. A number too large
    /// for a decimal (more than 28 digits, or a spreadsheet's 1E+300) reads as ±<see cref="decimal.MaxValue"/>, so that
    /// <see cref="TooLarge"/> refuses it as too large rather than as not a number. A span: a field of a file, without a string.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, NumberStyles style, out decimal value)
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
    public static LocalizedText? TooLarge(ReadOnlySpan<char> text, decimal value, decimal limit = Limit)
    {
        if (Math.Abs(value) <= limit)
            return null;
        var shown = text.Length > 24 ? string.Concat(text[..24], "…") : text.ToString();
        var max = limit.ToString(CultureInfo.InvariantCulture);
        return new LocalizedText($"{shown} 超出可接受的范围；数的绝对值最大为 {max}", $"{shown} is too large; numbers up to {max} in absolute value are accepted");
    }
}
