namespace Yardstick.Core.Common;

/// <summary>Decimals in one canonical form, whatever their source wrote: the same number is the same value everywhere.</summary>
public static class Decimals
{
    /// <summary>
    /// <paramref name="value"/> without trailing zeros (5.0 → 5, 0.8530 → 0.853): a file that writes 5600000.00, SQLite
    /// that stores 5600000.0 and PostgreSQL that returns 5600000 give one value, so results, traces and their hashes
    /// do not depend on how a number was written or stored. The value itself never changes.
    /// </summary>
    public static decimal Canonical(decimal value) => value / 1.000000000000000000000000000000000m;
}
