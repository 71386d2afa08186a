using System.Globalization;
using Yardstick.Core.Common;

namespace Yardstick.App.Files;

/// <summary>Dates as files write them: YYYY-MM-DD.</summary>
public static class Dates
{
    /// <summary>A date written YYYY-MM-DD, or null.</summary>
    public static DateOnly? TryParse(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>The problem of a text that is not a date.</summary>
    public static LocalizedText Bad(string text) => new(
        $"'{text.Trim()}' 不是日期；应为 YYYY-MM-DD，例如 2026-02-14",
        $"'{text.Trim()}' is not a date; expected YYYY-MM-DD, such as 2026-02-14");

    /// <summary>A day as files write it.</summary>
    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
