using System.Globalization;

namespace Yardstick.Cli.Input;

internal static class Dates
{
    /// <summary>A date written YYYY-MM-DD, or null.</summary>
    public static DateOnly? Parse(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static string Bad(string text) => $"'{text.Trim()}' is not a date; expected YYYY-MM-DD, such as 2026-02-14";
}
