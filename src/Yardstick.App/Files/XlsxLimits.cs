using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml;

namespace Yardstick.App.Files;

/// <summary>
/// What an .xlsx workbook may hold before it is handed to the reader, which keeps a whole cell (and every shared string)
/// in memory: a 293 KB file can unpack to a 300 MB cell. Checked on the zip's declared sizes and on the bytes actually
/// unpacked, without keeping them.
/// </summary>
internal static partial class XlsxLimits
{
    /// <summary>The largest workbook file accepted (a million rows of actuals take about 30 MB).</summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>The largest part of the workbook once unpacked (a sheet, the shared strings).</summary>
    public const long MaxEntryBytes = 512L << 20;

    /// <summary>The longest cell text, Excel's own limit.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>Adds a problem and answers false when the workbook breaks a limit; the stream is rewound either way.</summary>
    public static bool Check(InputFile file, Problems problems)
    {
        var stream = file.Content;
        try
        {
            if (stream.Length > MaxFileBytes)
                return Refuse(problems, file, 1, 1,
                    string.Create(CultureInfo.InvariantCulture, $"工作簿有 {stream.Length:N0} 字节；最多接受 {MaxFileBytes:N0} 字节，请拆成几个文件，或另存为 CSV"),
                    string.Create(CultureInfo.InvariantCulture, $"the workbook has {stream.Length:N0} bytes; at most {MaxFileBytes:N0} are accepted: split it, or save it as CSV"));
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var sharedCount = 0;
            var parts = zip.Entries.OrderBy(e => e.FullName == "xl/sharedStrings.xml" ? 0 : 1).ToList(); // the shared texts first, to check the cells naming them
            foreach (var entry in parts)
            {
                if (entry.Length > MaxEntryBytes)
                    return TooLarge(problems, file, entry.FullName, entry.Length);
                if (!entry.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && entry.FullName != "xl/sharedStrings.xml")
                    continue;
                using var counted = new CountingStream(entry.Open(), MaxEntryBytes);
                try
                {
                    if (!ScanCells(counted, file, entry.FullName, problems, ref sharedCount))
                        return false;
                }
                catch (XmlException) when (counted.Exceeded)
                {
                    // the part was cut off at the limit
                }

                if (counted.Exceeded)
                    return TooLarge(problems, file, entry.FullName, counted.Count);
            }

            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or XmlException or NotSupportedException)
        {
            return Refuse(problems, file, 1, 1, "无法读取工作簿：" + ex.Message, "cannot read the workbook: " + ex.Message);
        }
        finally
        {
            stream.Position = 0;
        }
    }

    /// <summary>Reads the part's XML as a stream, measuring each text without keeping it; false with a problem at the cell (or shared string) that is too long.</summary>
    private static bool ScanCells(CountingStream part, InputFile file, string name, Problems problems, ref int sharedCount)
    {
        var sharedTexts = name == "xl/sharedStrings.xml";
        var sharedCell = false;
        var inValue = false;
        using var xml = XmlReader.Create(part, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
        var buffer = new char[4096];
        var cell = "";
        var shared = 0;
        while (!part.Exceeded && xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element)
            {
                if (xml.LocalName == "c")
                {
                    cell = xml.GetAttribute("r") ?? "";
                    sharedCell = xml.GetAttribute("t") == "s";
                }
                else if (xml.LocalName == "si")
                {
                    shared++;
                }

                inValue = xml.LocalName == "v" && !xml.IsEmptyElement;
                continue;
            }

            if (xml.NodeType == XmlNodeType.EndElement)
            {
                inValue = false;
                continue;
            }

            if (xml.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace) || !xml.CanReadValueChunk)
                continue;
            long length = 0;
            var head = "";
            int read;
            while ((read = xml.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
            {
                if (length == 0)
                    head = new string(buffer, 0, Math.Min(read, 16));
                length += read;
            }

            if (length <= MaxCellChars)
            {
                if (!sharedTexts && sharedCell && inValue
                    && (!int.TryParse(head.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= sharedCount))
                {
                    var (r, c) = CellPosition(cell);
                    return Refuse(problems, file, r, c,
                        string.Create(CultureInfo.InvariantCulture, $"单元格 {cell} 引用共享文本 '{head.Trim()}'，但工作簿只有 {sharedCount:N0} 个共享文本（0 到 {sharedCount - 1}）；工作簿已损坏，请在 Excel 中打开并另存，或另存为 CSV"),
                        string.Create(CultureInfo.InvariantCulture, $"the cell {cell} refers to shared text '{head.Trim()}', but the workbook has {sharedCount:N0} (0 to {sharedCount - 1}); the workbook is damaged: open it in Excel and save it again, or save it as CSV"));
                }

                continue;
            }

            if (sharedTexts)
                return Refuse(problems, file, 1, 1,
                    string.Create(CultureInfo.InvariantCulture, $"工作簿的第 {shared:N0} 个共享文本有 {length:N0} 个字符；一个单元格最多 {MaxCellChars:N0} 个字符"),
                    string.Create(CultureInfo.InvariantCulture, $"shared text {shared:N0} of the workbook has {length:N0} characters; a cell may hold at most {MaxCellChars:N0}"));
            var (row, column) = CellPosition(cell);
            return Refuse(problems, file, row, column,
                string.Create(CultureInfo.InvariantCulture, $"单元格 {cell} 有 {length:N0} 个字符；一个单元格最多 {MaxCellChars:N0} 个字符"),
                string.Create(CultureInfo.InvariantCulture, $"the cell {cell} has {length:N0} characters; a cell may hold at most {MaxCellChars:N0}"));
        }

        if (sharedTexts)
            sharedCount = shared;
        return true;
    }

    /// <summary>The 1-based row and column of a cell reference such as <c>B12</c>; (1, 1) when it is not one.</summary>
    private static (int Row, int Column) CellPosition(string reference)
    {
        var m = CellReference().Match(reference);
        if (!m.Success || !int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var row))
            return (1, 1);
        var column = 0;
        foreach (var c in m.Groups[1].Value)
            column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return (row, column);
    }

    private static bool TooLarge(Problems problems, InputFile file, string part, long bytes) =>
        Refuse(problems, file, 1, 1,
            string.Create(CultureInfo.InvariantCulture, $"工作簿的 {part} 解压后超过 {MaxEntryBytes:N0} 字节（至少 {bytes:N0}）；请拆成几个文件，或另存为 CSV"),
            string.Create(CultureInfo.InvariantCulture, $"the workbook's {part} unpacks to more than {MaxEntryBytes:N0} bytes (at least {bytes:N0}): split it, or save it as CSV"));

    private static bool Refuse(Problems problems, InputFile file, int line, int column, string zh, string en)
    {
        problems.At(file.Name, line, column, zh, en);
        return false;
    }

    [GeneratedRegex("^([A-Za-z]{1,3})([0-9]{1,7})$")]
    private static partial Regex CellReference();

    /// <summary>Counts the bytes read and stops (reads as ended) once more than the limit came out, whatever the zip declared.</summary>
    private sealed class CountingStream(Stream inner, long limit) : Stream
    {
        public long Count { get; private set; }

        public bool Exceeded => Count > limit;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Exceeded)
                return 0;
            var read = inner.Read(buffer, offset, count);
            Count += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
