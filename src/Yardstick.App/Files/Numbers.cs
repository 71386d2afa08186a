using System.Globalization;
using Yardstick.Core.Common;

namespace Yardstick.App.Files;

/// <summary>
/// Numbers as files write them: '.' as the decimal point, no thousands separators, no exponent; and the range of each kind
/// of number that storage and arithmetic can hold, checked where it enters (docs/cli.md, "Numbers").
/// </summary>
public static class Numbers
{
    /// <summary>Actuals, business measures and equity units: at most 10^15 in absolute value (<see cref="Decimals.Limit"/>).</summary>
    public const decimal Limit = Decimals.Limit;

    /// <summary>
    /// Salaries and award amounts, in major units (yuan): at most 10^12, exact to the fen, so that any bonus derived from
    /// one (a salary times months times a curve) stays well inside Int64 minor units.
    /// </summary>
    public const decimal MoneyLimit = 1_000_000_000_000m;

    /// <summary>A team lead's explicit share (a weight): at most 10^6, so a pool times a share stays inside a decimal.</summary>
    public const decimal ShareLimit = 1_000_000m;

    /// <summary>Parses <paramref name="text"/> (already trimmed) with the invariant culture; see <see cref="Decimals.TryParse"/>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, bool allowSign, out decimal value) =>
        Decimals.TryParse(text, allowSign ? NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint : NumberStyles.AllowDecimalPoint, out value);

    /// <summary>Why <paramref name="value"/> (written <paramref name="text"/>) is out of <paramref name="limit"/>, or null when it is inside.</summary>
    public static LocalizedText? TooLarge(ReadOnlySpan<char> text, decimal value, decimal limit = Limit) => Decimals.TooLarge(text, value, limit);
}
