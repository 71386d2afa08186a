using System.Globalization;
using Yardstick.Core.Common;

namespace Yardstick.Web.Components.Shared;

/// <summary>
/// Numbers and money as the pages show them, in the current culture (zh-CN or en): a score (a total, points) truncated to two
/// decimals as everywhere (<see cref="TraceFormat.TruncateScore"/>), money to the fen with its currency, other values as they are.
/// </summary>
public static class Shown
{
    public static string Score(decimal score) => TraceFormat.TruncateScore(score).ToString("N2", CultureInfo.CurrentCulture);

    public static string Money(decimal amount, string? currency) =>
        amount.ToString("N2", CultureInfo.CurrentCulture) + (string.IsNullOrEmpty(currency) ? "" : " " + currency);

    /// <summary>A ratio, a weight, an actual: grouped digits and up to 6 decimals, no trailing zeros; empty for none.</summary>
    public static string Value(decimal? value) => value?.ToString("#,##0.######", CultureInfo.CurrentCulture) ?? "";

    public static string Count(int count) => count.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A moment (an audit entry, a move) in the server's time zone, with seconds, as the culture writes it.</summary>
    public static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("G", CultureInfo.CurrentCulture);
}
