using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace Yardstick.App.Files;

/// <summary>One data row of an input file: its physical line (CSV) or sheet row (XLSX) and its fields.</summary>
public readonly record struct Row(int Line, IReadOnlyList<string> Fields)
{
    /// <summary>The field at a 0-based index; empty when the row is shorter.</summary>
    public string this[int index] => index < Fields.Count ? Fields[index] : "";
}

/// <summary>
/// Reads a CSV file (UTF-8 with or without BOM, LF or CRLF, comma-separated, RFC 4180 quoting) or the
/// first sheet of an .xlsx file, row by row, without loading the file. Line 1 is the header.
/// Problems with the file as a whole (unreadable, empty, wrong header, no rows) go to <see cref="Problems"/>.
/// </summary>
public static class TableFile
{
    /// <summary>
    /// Checks the header and yields the data rows. <paramref name="columns"/> receives, for each of
    /// <paramref name="required"/> then <paramref name="optional"/>, its 0-based field index or -1.
    /// Yields nothing when the file cannot be read or its header is wrong. When the file is unusable
    /// (unreadable, wrong header, no rows), every entry of <paramref name="columns"/> is -1 afterwards.
    /// </summary>
    public static IEnumerable<Row> Read(string path, string[] required, string[] optional, int[] columns, Problems problems, bool allowXlsx = false)
    {
        Array.Fill(columns, -1);
        var expected = string.Join(",", required) + (optional.Length > 0 ? " (optionally also " + string.Join(",", optional) + ")" : "");
        IEnumerator<Row> rows;
        try
        {
            var xlsx = path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
            if (xlsx && !allowXlsx)
            {
                problems.At(path, 1, 1, "this input must be a CSV file, not .xlsx");
                yield break;
            }

            rows = xlsx ? ReadXlsx(path).GetEnumerator() : ReadCsv(path, problems).GetEnumerator();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.At(path, 1, 1, "cannot read the file: " + ex.Message);
            yield break;
        }

        using (rows)
        {
            if (!MoveNext(rows, path, problems, out var failed))
            {
                if (!failed)
                    problems.At(path, 1, 1, $"the file is empty; expected the header {expected}");
                yield break;
            }

            var header = rows.Current;
            if (!MapHeader(header, required, optional, columns, out var message))
            {
                Array.Fill(columns, -1);
                problems.At(path, header.Line, 1, $"{message}; expected the header {expected}");
                yield break;
            }

            var any = false;
            while (MoveNext(rows, path, problems, out _))
            {
                any = true;
                yield return rows.Current;
            }

            if (!any)
            {
                Array.Fill(columns, -1);
                problems.At(path, header.Line + 1, 1, $"the file has a header but no rows; add at least one row of {string.Join(",", required)}");
            }
        }
    }

    /// <summary>Reads the whole file only for its shape (readable, header, at least one row).</summary>
    public static void Check(string path, string[] required, Problems problems)
    {
        foreach (var _ in Read(path, required, [], new int[required.Length], problems, allowXlsx: true))
        {
        }
    }

    private static bool MoveNext(IEnumerator<Row> rows, string path, Problems problems, out bool failed)
    {
        failed = false;
        try
        {
            return rows.MoveNext();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or CsvHelperException or InvalidOperationException or System.Xml.XmlException)
        {
            failed = true;
            problems.At(path, 1, 1, "cannot read the file: " + ex.Message);
            return false;
        }
    }

    private static bool MapHeader(Row header, string[] required, string[] optional, int[] columns, out string message)
    {
        var names = header.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var all = required.Concat(optional).ToArray();
        for (var i = 0; i < all.Length; i++)
            columns[i] = names.IndexOf(all[i]);
        var missing = required.Where((_, i) => columns[i] < 0).ToList();
        var duplicate = names.Where(n => n.Length > 0).GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        message = missing.Count > 0
            ? $"the header is '{string.Join(",", header.Fields)}', missing {string.Join(", ", missing)}"
            : duplicate.Count > 0
                ? $"the header names {string.Join(", ", duplicate)} more than once"
                : "";
        return message.Length == 0;
    }

    private static IEnumerable<Row> ReadCsv(string path, Problems problems)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
            BadDataFound = args => problems.At(path, args.Context.Parser?.RawRow ?? 0, 1, $"badly quoted field: {args.Field}"),
        };
        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        using var csv = new CsvReader(reader, config);
        var parser = csv.Parser;
        while (csv.Read())
        {
            var fields = parser.Record ?? [];
            var line = parser.RawRow; // the record's last physical line
            if (fields.Any(f => f.Contains('\n', StringComparison.Ordinal)))
                line -= parser.RawRecord.TrimEnd('\r', '\n').Count(c => c == '\n'); // a quoted field spans lines: point at the first
            yield return new Row(line, fields);
        }
    }

    private static IEnumerable<Row> ReadXlsx(string path)
    {
        using var stream = File.OpenRead(path);
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
                yield return new Row(line, fields);
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        double d => ((decimal)d).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
