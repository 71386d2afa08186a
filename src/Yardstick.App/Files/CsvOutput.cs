using System.Globalization;

namespace Yardstick.App.Files;

/// <summary>
/// Every CSV Yardstick writes goes through here: fields quoted as RFC 4180 asks (a field holding a comma, a quote, a
/// carriage return or a line feed is enclosed in quotes, its quotes doubled), and text cells neutralised against
/// formula injection (review.md R8). Rows end with CRLF, as RFC 4180 asks and Excel expects.
/// </summary>
public sealed class CsvOutput(TextWriter writer)
{
    private bool _first = true;

    /// <summary>
    /// A text cell as a spreadsheet may safely open it (review.md R8): one starting with <c>=</c>, <c>+</c>, <c>-</c>,
    /// <c>@</c>, a tab or a carriage return gets a leading <c>'</c>, so it is shown as text and never run as a formula.
    /// For every CSV and XLSX text cell; numeric columns are written as numbers instead.
    /// </summary>
    public static string SafeText(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// <summary>A text field (ids, names, codes, grades): neutralised (<see cref="SafeText"/>), then quoted if needed.</summary>
    public CsvOutput Text(string? text) => Field(SafeText(text ?? ""));

    /// <summary>A field of a numeric column, written as it is (a negative number stays a number).</summary>
    public CsvOutput Number(decimal value, string? format = null)
    {
        // the general format never needs quoting ('-', digits, '.'): written from the stack, without a string per number
        Span<char> text = stackalloc char[64];
        if (format is not null || !value.TryFormat(text, out var length, provider: CultureInfo.InvariantCulture))
            return Field(value.ToString(format, CultureInfo.InvariantCulture));
        if (!_first)
            writer.Write(',');
        _first = false;
        writer.Write(text[..length]);
        return this;
    }

    /// <summary>A field of a numeric column.</summary>
    public CsvOutput Number(long value) => Field(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A <c>true</c>/<c>false</c> field.</summary>
    public CsvOutput Bool(bool value) => Field(value ? "true" : "false");

    /// <summary>A header or other fixed field, quoted if needed but not neutralised.</summary>
    public CsvOutput Field(string value)
    {
        if (!_first)
            writer.Write(',');
        _first = false;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
            writer.Write(value);
        else
        {
            writer.Write('"');
            writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            writer.Write('"');
        }

        return this;
    }

    /// <summary>Ends the row.</summary>
    public void EndRow()
    {
        writer.Write("\r\n");
        _first = true;
    }
}
