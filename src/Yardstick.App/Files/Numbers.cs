using System.Globalization;
using Yardstick.Core.Common;

namespace Yardstick.App.Files;

/// <summary>Numbers as files write them: '.' as the decimal point, no thousands separators, no exponent.</summary>
public static class Numbers
{
    /// <summary>Parses <paramref name="text"/> (already trimmed) with the invariant culture.</summary>
    public static bool TryParse(string text, bool allowSign, out decimal value)
    {
        var ok = decimal.TryParse(text, allowSign ? NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint : NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        value = Decimals.Canonical(value);
        return ok;
    }
}
