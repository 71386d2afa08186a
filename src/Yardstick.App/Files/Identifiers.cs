using System.Globalization;
using Yardstick.Core.Common;

namespace Yardstick.App.Files;

/// <summary>
/// The one rule for the ids and names files give (employees, teams, products, events, requests, campaigns, rules):
/// an id has 1–<see cref="IdMax"/> characters, a name 1–<see cref="NameMax"/>, and neither holds a control character
/// (a NUL, a tab, a line break). The limits are the widest columns that store them (varchar(64), varchar(200) on
/// PostgreSQL), so what a file is refused for is the same on SQLite, which would store anything, and on PostgreSQL.
/// </summary>
public static class Identifiers
{
    /// <summary>The longest id, in characters.</summary>
    public const int IdMax = 64;

    /// <summary>The longest name, in characters.</summary>
    public const int NameMax = 200;

    /// <summary>Why <paramref name="text"/> (non-empty, trimmed) is not an id of <paramref name="column"/>, or null when it is one.</summary>
    public static LocalizedText? IdProblem(string column, ReadOnlySpan<char> text, int max = IdMax) => Problem(column, text, max, "编号", "an id");

    /// <summary>Why <paramref name="text"/> (non-empty, trimmed) is not a name of <paramref name="column"/>, or null when it is one.</summary>
    public static LocalizedText? NameProblem(string column, ReadOnlySpan<char> text) => Problem(column, text, NameMax, "名称", "a name");

    private static LocalizedText? Problem(string column, ReadOnlySpan<char> text, int max, string zh, string en)
    {
        var control = text.IndexOfAnyInRange('\0', '\x1f') is var c and >= 0 ? c : text.IndexOf('\x7f');
        if (control >= 0)
            return new LocalizedText(
                Inv($"{column} 的第 {control + 1} 个字符是控制字符（U+{(int)text[control]:X4}）；{zh}不能含有控制字符（如 NUL、制表符、换行）"),
                Inv($"{column} has a control character (U+{(int)text[control]:X4}) at character {control + 1}; {en} may not hold control characters (NUL, tab, line break)"));
        if (text.Length > max)
            return new LocalizedText(
                Inv($"{column} '{text[..20].ToString()}…' 有 {text.Length} 个字符；{zh}最多 {max} 个字符"),
                Inv($"{column} '{text[..20].ToString()}…' has {text.Length} characters; {en} has at most {max}"));
        return null;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
