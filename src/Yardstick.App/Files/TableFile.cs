using System.Globalization;
using System.Text;
using MiniExcelLibs;
using nietras.SeparatedValues;
using Yardstick.Core.Common;

namespace Yardstick.App.Files;

/// <summary>The columns of a table file, found in its header: each expected column's 0-based field index, or -1.</summary>
public sealed class TableColumns
{
    private readonly Dictionary<string, int> _index;

    internal TableColumns(string file, Dictionary<string, int> index) => (File, _index) = (file, index);

    /// <summary>The file's name, as problems show it.</summary>
    public string File { get; }

    /// <summary>The 0-based field index of <paramref name="column"/>, or -1 when the file does not have it.</summary>
    public int this[string column] => _index.TryGetValue(column, out var i) ? i : -1;

    /// <summary>True when the file has <paramref name="column"/>.</summary>
    public bool Has(string column) => this[column] >= 0;

    /// <summary>The position of <paramref name="column"/> on <paramref name="line"/> (column 1 when the file lacks it).</summary>
    public Location At(int line, string column) => Location.At(File, line, Math.Max(this[column], 0) + 1);
}

/// <summary>One data row of a table file: its physical line (CSV) or sheet row (XLSX), its fields and the file's columns.</summary>
public readonly record struct Row(int Line, IReadOnlyList<string> Fields, TableColumns Columns)
{
    /// <summary>The trimmed text of <paramref name="column"/>; empty when the file lacks the column or the row is shorter.</summary>
    public string this[string column] => this[Columns[column]];

    /// <summary>The trimmed text of the field at <paramref name="index"/> (a <see cref="TableColumns"/> index, found once per file); empty when -1 or the row is shorter.</summary>
    public string this[int index] => index >= 0 && index < Fields.Count ? Fields[index].Trim() : "";

    /// <summary>The trimmed text of <paramref name="column"/>, or null when it is absent or empty.</summary>
    public string? Text(string column) => this[column] is { Length: > 0 } t ? t : null;

    /// <summary>The position of <paramref name="column"/> in this row.</summary>
    public Location At(string column) => Columns.At(Line, column);

    /// <summary>A required cell: its text, or a problem naming the column when it is empty.</summary>
    public string? Required(string column, Problems problems)
    {
        if (Text(column) is { } text)
            return text;
        problems.At(At(column), $"{column} 为空；每一行都需要填写", $"{column} is empty; every row needs one");
        return null;
    }

    /// <summary>
    /// True when <paramref name="text"/> (default: the cell of <paramref name="column"/>) is empty or an id as
    /// <see cref="Identifiers"/> accepts it; otherwise false with a problem at the cell.
    /// </summary>
    public bool IsId(string column, Problems problems, string? text = null, int max = Identifiers.IdMax) =>
        Accept(column, problems, (text ?? this[column]) is { Length: > 0 } t ? Identifiers.IdProblem(column, t, max) : null);

    /// <summary>True when the cell of <paramref name="column"/> is empty or a name as <see cref="Identifiers"/> accepts it; otherwise false with a problem.</summary>
    public bool IsName(string column, Problems problems) =>
        Accept(column, problems, this[column] is { Length: > 0 } t ? Identifiers.NameProblem(column, t) : null);

    private bool Accept(string column, Problems problems, LocalizedText? problem)
    {
        if (problem is not null)
            problems.At(At(column), problem);
        return problem is null;
    }

    /// <summary>A decimal written with '.' and no thousands separators; null with a problem when it is not one.</summary>
    public decimal? Number(string column, Problems problems, string example, bool allowSign = true, decimal limit = Numbers.Limit)
    {
        var text = this[column];
        if (Numbers.TryParse(text, allowSign, out var value))
        {
            if (Numbers.TooLarge(text, value, limit) is not { } large)
                return value;
            problems.At(At(column), large);
            return null;
        }

        problems.At(At(column),
            $"{column} '{text}' 不是数字；应为用 '.' 作小数点的数，例如 {example}",
            $"{column} '{text}' is not a number; expected a decimal with '.' such as {example}");
        return null;
    }

    /// <summary>An optional date (YYYY-MM-DD): null when empty, null with a problem when not a date.</summary>
    public DateOnly? Date(string column, Problems problems)
    {
        var text = this[column];
        if (text.Length == 0)
            return null;
        if (Dates.TryParse(text) is { } d)
            return d;
        problems.At(At(column), Dates.Bad(text));
        return null;
    }

    /// <summary>A required date (YYYY-MM-DD); null with a problem when empty or not a date.</summary>
    public DateOnly? RequiredDate(string column, Problems problems)
    {
        if (this[column].Length > 0)
            return Date(column, problems);
        problems.At(At(column), $"{column} 为空；应为 YYYY-MM-DD 格式的日期", $"{column} is empty; expected YYYY-MM-DD");
        return null;
    }
}

/// <summary>
/// One data row as spans over the reader's buffer (docs/performance.md, issue 8 item 19): valid only during the call
/// that receives it, so a format reads its values without a string per cell. Fields are trimmed and unquoted as
/// <see cref="Row"/>'s are.
/// </summary>
public readonly ref struct SpanRow
{
    private readonly SepReader.Row _sep;
    private readonly string[]? _fields;

    internal SpanRow(int line, SepReader.Row sep, TableColumns columns)
    {
        Line = line;
        _sep = sep;
        Columns = columns;
    }

    internal SpanRow(int line, string[] fields, TableColumns columns) => (Line, _fields, Columns) = (line, fields, columns);

    /// <summary>The row's first physical line (CSV) or sheet row (XLSX).</summary>
    public int Line { get; }

    public TableColumns Columns { get; }

    /// <summary>The trimmed text of the field at <paramref name="index"/> (a <see cref="TableColumns"/> index); empty when -1 or the row is shorter.</summary>
    public ReadOnlySpan<char> this[int index] =>
        _fields is { } f ? (index >= 0 && index < f.Length ? f[index].AsSpan().Trim() : default)
        : index >= 0 && index < _sep.ColCount ? _sep[index].Span.Trim() : default;

    /// <summary>The position of <paramref name="column"/> in this row.</summary>
    public Location At(string column) => Columns.At(Line, column);
}

/// <summary>Receives one <see cref="SpanRow"/>.</summary>
public delegate void SpanRowAction(in SpanRow row);

/// <summary>
/// Reads a table: a CSV file (UTF-8 with or without BOM, LF or CRLF, comma-separated, RFC 4180 quoting) or the
/// first sheet of an .xlsx workbook, row by row, without loading the file. Line 1 is the header; columns are
/// found by name (any order, any case). Problems with the file as a whole (unreadable, empty, wrong header, no
/// rows) go to <see cref="Problems"/> at the file's position; then no row is yielded.
/// </summary>
public static class TableFile
{
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>
    /// Checks the header and yields the data rows. <paramref name="allowEmpty"/>: a header without rows is accepted
    /// (it empties what the file replaces); otherwise it is a problem.
    /// </summary>
    public static IEnumerable<Row> Read(InputFile file, string[] required, string[] optional, Problems problems, bool allowEmpty = false)
    {
        IEnumerator<(int Line, string[] Fields)> rows;
        bool xlsx;
        try
        {
            file.Rewind();
            xlsx = IsXlsx(file);
            if (xlsx && !XlsxLimits.Check(file, problems))
                yield break;
            rows = (xlsx ? ReadXlsx(file.Content) : ReadCsv(file, problems)).GetEnumerator();
        }
        catch (Exception ex) when (IsReadError(ex))
        {
            problems.At(Location.At(file.Name, 1, 1), "无法读取文件：" + ex.Message, "cannot read the file: " + ex.Message);
            yield break;
        }

        using (rows)
        {
            if (!MoveNext(rows, file, problems, xlsx, 0, out var failed))
            {
                if (!failed)
                    Empty(file, required, optional, problems);
                yield break;
            }

            var (headerLine, header) = rows.Current;
            var columns = Header(file, header, required, optional, headerLine, problems);
            if (columns is null)
                yield break;

            var any = false;
            var last = headerLine;
            while (MoveNext(rows, file, problems, xlsx, last, out _))
            {
                any = true;
                var (line, fields) = rows.Current;
                last = line;
                yield return new Row(line, fields, columns);
            }

            if (!any && !allowEmpty)
                NoRows(file, required, headerLine, problems);
        }
    }

    /// <summary>
    /// As <see cref="Read"/>, the rows handed to <paramref name="action"/> one by one as spans: a CSV row without a quote is
    /// never copied into strings; one with a quote is unquoted (and a badly quoted field reported) as <see cref="Read"/> does.
    /// </summary>
    public static void ReadSpans(InputFile file, string[] required, string[] optional, Problems problems, SpanRowAction action, bool allowEmpty = false)
    {
        bool xlsx;
        IEnumerator<(int Line, string[] Fields)>? rows = null;
        SepReader? sep = null;
        StreamReader? text = null;
        try
        {
            file.Rewind();
            xlsx = IsXlsx(file);
            if (xlsx && !XlsxLimits.Check(file, problems))
                return;
            if (xlsx)
                rows = ReadXlsx(file.Content).GetEnumerator();
            else
                sep = OpenCsv(file, out text);
        }
        catch (Exception ex) when (IsReadError(ex))
        {
            problems.At(Location.At(file.Name, 1, 1), "无法读取文件：" + ex.Message, "cannot read the file: " + ex.Message);
            return;
        }

        try
        {
            TableColumns? columns = null;
            var headerLine = 0;
            var last = 0;
            var next = 1;
            var any = false;
            while (true)
            {
                int line;
                string[]? fields = null;
                if (rows is not null)
                {
                    if (!MoveNext(rows, file, problems, xlsx, last, out var failed))
                    {
                        if (columns is null && !failed)
                            Empty(file, required, optional, problems);
                        break;
                    }

                    (line, fields) = rows.Current;
                }
                else
                {
                    if (!MoveNext(sep!, file, problems, false, last, out var failed))
                    {
                        if (columns is null && !failed)
                            Empty(file, required, optional, problems);
                        break;
                    }

                    var row = sep!.Current;
                    line = next;
                    next = row.LineNumberToExcl;
                    if (row.ColCount == 1 && row[0].Span.Length == 0)
                        continue;
                    if (columns is null || row.Span.IndexOf('"') >= 0)
                        fields = Fields(row, file.Name, line, problems);
                    else
                    {
                        last = line;
                        any = true;
                        action(new SpanRow(line, row, columns));
                        continue;
                    }
                }

                last = line;
                if (columns is null)
                {
                    headerLine = line;
                    columns = Header(file, fields, required, optional, line, problems);
                    if (columns is null)
                        return;
                    continue;
                }

                any = true;
                action(new SpanRow(line, fields, columns));
            }

            if (columns is not null && !any && !allowEmpty)
                NoRows(file, required, headerLine, problems);
        }
        finally
        {
            rows?.Dispose();
            sep?.Dispose();
            text?.Dispose();
        }
    }

    private static void Empty(InputFile file, string[] required, string[] optional, Problems problems)
    {
        var (expected, expectedZh) = Expected(required, optional);
        problems.At(Location.At(file.Name, 1, 1), $"文件为空；应有表头 {expectedZh}", $"the file is empty; expected the header {expected}");
    }

    private static void NoRows(InputFile file, string[] required, int headerLine, Problems problems) =>
        problems.At(Location.At(file.Name, headerLine + 1, 1),
            $"文件只有表头没有数据行；请至少添加一行 {string.Join(",", required)}",
            $"the file has a header but no rows; add at least one row of {string.Join(",", required)}");

    private static (string En, string Zh) Expected(string[] required, string[] optional) =>
        (string.Join(",", required) + (optional.Length > 0 ? " (optionally also " + string.Join(",", optional) + ")" : ""),
         string.Join(",", required) + (optional.Length > 0 ? "（可选：" + string.Join(",", optional) + "）" : ""));

    /// <summary>The columns of <paramref name="header"/>, or null with a problem at its line.</summary>
    private static TableColumns? Header(InputFile file, string[] header, string[] required, string[] optional, int line, Problems problems)
    {
        var columns = MapHeader(file.Name, header, required, optional, out var zh, out var en);
        if (columns is null)
        {
            var (expected, expectedZh) = Expected(required, optional);
            problems.At(Location.At(file.Name, line, 1), $"{zh}；应有表头 {expectedZh}", $"{en}; expected the header {expected}");
        }

        return columns;
    }

    private static bool IsXlsx(InputFile file)
    {
        if (file.Name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            return true;
        if (!file.Content.CanSeek)
            return false;
        Span<byte> head = stackalloc byte[4];
        var read = file.Content.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        file.Content.Position = 0;
        return read == 4 && head.SequenceEqual(ZipMagic);
    }

    private static bool IsReadError(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or InvalidDataException or InvalidOperationException or System.Xml.XmlException or NotSupportedException or ArgumentException;

    /// <summary>
    /// The next row, or false with a problem when the file cannot be read further. A workbook's reader fails on damaged
    /// parts in ways of its own (a shared string that is not there): any failure of it is the workbook's, located after
    /// the last row read (<paramref name="last"/>).
    /// </summary>
    private static bool MoveNext<T>(IEnumerator<T> rows, InputFile file, Problems problems, bool xlsx, int last, out bool failed)
        where T : allows ref struct
    {
        failed = false;
        try
        {
            return rows.MoveNext();
        }
        catch (Exception ex) when (IsReadError(ex) && !xlsx)
        {
            failed = true;
            problems.At(Location.At(file.Name, 1, 1), "无法读取文件：" + ex.Message, "cannot read the file: " + ex.Message);
            return false;
        }
        catch (Exception ex) when (xlsx && ex is not OutOfMemoryException)
        {
            failed = true;
            var row = last + 1;
            problems.At(Location.At(file.Name, row, 1),
                string.Create(CultureInfo.InvariantCulture, $"工作簿已损坏，第 {row} 行无法读取（{ex.Message}）；请在 Excel 中打开并另存，或另存为 CSV"),
                string.Create(CultureInfo.InvariantCulture, $"the workbook is damaged: row {row} cannot be read ({ex.Message}); open it in Excel and save it again, or save it as CSV"));
            return false;
        }
    }

    private static TableColumns? MapHeader(string file, string[] header, string[] required, string[] optional, out string zh, out string en)
    {
        var names = header.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in required.Concat(optional))
            if (names.IndexOf(name) is var i and >= 0)
                index[name] = i;
        var missing = required.Where(r => !index.ContainsKey(r)).ToList();
        var duplicate = names.Where(n => n.Length > 0).GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        (zh, en) = missing.Count > 0
            ? ($"表头为 '{string.Join(",", header)}'，缺少 {string.Join("、", missing)}", $"the header is '{string.Join(",", header)}', missing {string.Join(", ", missing)}")
            : duplicate.Count > 0
                ? ($"表头中 {string.Join("、", duplicate)} 出现了不止一次", $"the header names {string.Join(", ", duplicate)} more than once")
                : ("", "");
        return en.Length == 0 ? new TableColumns(file, index) : null;
    }

    /// <summary>
    /// The CSV rows, by Sep (docs/performance.md): each field trimmed, a quoted field unquoted (RFC 4180: <c>""</c> inside
    /// quotes is one quote) and a badly quoted one reported at its line; blank lines are skipped. A row's line is the
    /// physical line it starts on, so a quoted field that spans lines points at its first.
    /// </summary>
    private static IEnumerable<(int Line, string[] Fields)> ReadCsv(InputFile file, Problems problems)
    {
        using var reader = OpenCsv(file, out var text);
        using (text)
        {
            // a row starts on the line after the previous one ends (Sep's LineNumberFrom of the first row is not 1)
            var next = 1;
            foreach (var row in reader)
            {
                var line = next;
                next = row.LineNumberToExcl;
                if (row.ColCount == 1 && row[0].Span.Length == 0)
                    continue;
                yield return (line, Fields(row, file.Name, line, problems));
            }
        }
    }

    private static SepReader OpenCsv(InputFile file, out StreamReader text)
    {
        text = new StreamReader(file.Content, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        return Sep.New(',').Reader(o => o with
        {
            HasHeader = false,
            DisableColCountCheck = true,
        }).From(text);
    }

    /// <summary>A row's fields as strings: trimmed, a quoted one unquoted.</summary>
    private static string[] Fields(SepReader.Row row, string file, int line, Problems problems)
    {
        var count = row.ColCount;
        var fields = new string[count];
        for (var i = 0; i < count; i++)
        {
            var col = row[i];
            var raw = col.Span;
            if (raw.IndexOf('"') < 0)
                fields[i] = raw.Length == 0 || (!char.IsWhiteSpace(raw[0]) && !char.IsWhiteSpace(raw[^1])) ? col.ToString() : raw.Trim().ToString();
            else
                fields[i] = Unquote(raw.Trim(), file, line, problems);
        }

        return fields;
    }

    /// <summary>A field holding a quote: <c>"..."</c> with inner quotes doubled is unquoted; anything else is a problem, and the field is kept without its outer quotes.</summary>
    private static string Unquote(ReadOnlySpan<char> field, string file, int line, Problems problems)
    {
        var inner = field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1] : field;
        var builder = new StringBuilder(inner.Length);
        var ok = inner.Length < field.Length;
        for (var i = 0; i < inner.Length; i++)
        {
            builder.Append(inner[i]);
            if (inner[i] != '"')
                continue;
            if (i + 1 < inner.Length && inner[i + 1] == '"')
                i++;
            else
                ok = false;
        }

        if (!ok)
            problems.At(Location.At(file, line, 1), $"字段的引号不成对：{field}", $"badly quoted field: {field}");
        return builder.ToString().Trim();
    }

    private static IEnumerable<(int Line, string[] Fields)> ReadXlsx(Stream stream)
    {
        var line = 0;
        foreach (IDictionary<string, object?> cells in MiniExcel.Query(stream, useHeaderRow: false))
        {
            line++;
            var fields = new string[cells.Count];
            var i = 0;
            var empty = true;
            foreach (var value in cells.Values)
            {
                fields[i++] = Text(value);
                empty &= fields[i - 1].Length == 0;
            }

            if (!empty)
                yield return (line, fields);
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        // NaN, infinities and numbers beyond a decimal stay as the sheet has them (NaN, 1E+300): refused by the number's check, not a crash
        double d when !double.IsFinite(d) || Math.Abs(d) >= 7.9e28 => d.ToString("R", CultureInfo.InvariantCulture),
        double d => ((decimal)d).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
