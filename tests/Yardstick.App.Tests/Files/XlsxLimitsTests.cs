using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using Yardstick.App.Files;

namespace Yardstick.App.Tests.Files;

public sealed class XlsxLimitsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("yardstick-xlsx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Read_CellOfAMissingSharedString_ProblemAtTheRowInsteadOfACrash()
    {
        // the sheet names shared string 7; the workbook has 3: the reader failed with a NullReferenceException
        var path = Workbook(Sheet(Row(1, Shared("A1", 0), Shared("B1", 1), Shared("C1", 2)), Row(2, Shared("A2", 7), Shared("B2", 1), Number("C2", "4.5"))),
            SharedStrings("person", "indicator", "value"));

        var (rows, problems) = Read(path);

        Assert.Empty(rows);
        Assert.Equal($"{path}:2:1: the cell A2 refers to shared text '7', but the workbook has 3 (0 to 2); the workbook is damaged: open it in Excel and save it again, or save it as CSV",
            Assert.Single(problems.ToList()).ToString());
    }

    [Fact]
    public void Read_InlineCellLongerThanExcelAllows_RefusedAtItsRowAndColumnBeforeReading()
    {
        var huge = new string('x', XlsxLimits.MaxCellChars + 1);
        var path = Workbook(Sheet(Header(), Row(2, Inline("A2", "zhang_wei"), Inline("B2", huge), Number("C2", "1"))), null);

        var (rows, problems) = Read(path);

        Assert.Empty(rows);
        Assert.Equal($"{path}:2:2: the cell B2 has 32,768 characters; a cell may hold at most 32,767", Assert.Single(problems.ToList()).ToString());
    }

    [Fact]
    public void Read_SharedStringLongerThanExcelAllows_RefusedNamingIt()
    {
        var path = Workbook(Sheet(Header(), Row(2, Shared("A2", 0), Inline("B2", "csat"), Number("C2", "1"))),
            SharedStrings(new string('y', 300_000)));

        var (rows, problems) = Read(path);

        Assert.Empty(rows);
        Assert.Equal($"{path}:1:1: shared text 1 of the workbook has 300,000 characters; a cell may hold at most 32,767", Assert.Single(problems.ToList()).ToString());
    }

    [Fact]
    public void Read_SheetUnpackingBeyondTheLimit_RefusedOnTheDeclaredSize()
    {
        // a few hundred KB of zip holding a sheet of more than 512 MiB
        var padding = new string(' ', 1 << 20);
        var path = Workbook(null, null, sheet =>
        {
            using var w = new StreamWriter(sheet, new UTF8Encoding(false));
            w.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            for (var i = 0; i < 513; i++)
                w.Write(padding);
            w.Write("</sheetData></worksheet>");
        });

        var (rows, problems) = Read(path);

        Assert.Empty(rows);
        Assert.True(new FileInfo(path).Length < 16 << 20);
        Assert.Equal($"{path}:1:1: the workbook's xl/worksheets/sheet1.xml unpacks to more than 536,870,912 bytes (at least 537,919,600): split it, or save it as CSV",
            Assert.Single(problems.ToList()).ToString());
    }

    [Fact]
    public void Read_SharedCellsWithoutSharedTexts_ProblemAtTheFirstSuchCell()
    {
        var path = Workbook(Sheet(Header(), Row(2, Inline("A2", "zhang_wei"), Shared("B2", 0), Number("C2", "1"))), null);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
            zip.GetEntry("xl/sharedStrings.xml")?.Delete();

        var (rows, problems) = Read(path);

        Assert.Empty(rows);
        Assert.StartsWith($"{path}:2:2: the cell B2 refers to shared text '0', but the workbook has 0 ", Assert.Single(problems.ToList()).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ValidWorkbook_RowsAsBefore()
    {
        var path = Path.Combine(_dir, "ok.xlsx");
        MiniExcel.SaveAs(path, new[] { new Dictionary<string, object> { ["person"] = "zhang_wei", ["indicator"] = "csat", ["value"] = 4.5m } });

        var (rows, problems) = Read(path);

        Assert.False(problems.Any);
        Assert.Equal(("zhang_wei", "csat", "4.5", 2), (rows[0]["person"], rows[0]["indicator"], rows[0]["value"], rows[0].Line));
    }

    private static (List<Row> Rows, Problems Problems) Read(string path)
    {
        var problems = new Problems();
        using var file = Input.File(path);
        var rows = TableFile.Read(file, ["person", "indicator", "value"], [], problems).ToList();
        return (rows, problems);
    }

    /// <summary>A valid workbook by MiniExcel, its sheet (and shared strings) then replaced.</summary>
    private string Workbook(string? sheet, string? sharedStrings, Action<Stream>? writeSheet = null)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".xlsx");
        MiniExcel.SaveAs(path, new[] { new Dictionary<string, object> { ["person"] = "p", ["indicator"] = "i", ["value"] = "v" } });
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        Replace(zip, "xl/worksheets/sheet1.xml", s =>
        {
            if (writeSheet is not null)
                writeSheet(s);
            else
                s.Write(Encoding.UTF8.GetBytes(sheet!));
        });
        if (sharedStrings is not null)
            Replace(zip, "xl/sharedStrings.xml", s => s.Write(Encoding.UTF8.GetBytes(sharedStrings)));
        return path;
    }

    private static void Replace(ZipArchive zip, string name, Action<Stream> write)
    {
        zip.GetEntry(name)?.Delete();
        using var s = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        write(s);
    }

    private const string Ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static string Sheet(params string[] rows) => $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Ns}\"><sheetData>{string.Concat(rows)}</sheetData></worksheet>";

    private static string Header() => Row(1, Inline("A1", "person"), Inline("B1", "indicator"), Inline("C1", "value"));

    private static string Row(int r, params string[] cells) => $"<row r=\"{r}\">{string.Concat(cells)}</row>";

    private static string Inline(string r, string text) => $"<c r=\"{r}\" t=\"inlineStr\"><is><t>{text}</t></is></c>";

    private static string Shared(string r, int index) => $"<c r=\"{r}\" t=\"s\"><v>{index}</v></c>";

    private static string Number(string r, string value) => $"<c r=\"{r}\"><v>{value}</v></c>";

    private static string SharedStrings(params string[] texts) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{Ns}\" count=\"{texts.Length}\" uniqueCount=\"{texts.Length}\">{string.Concat(texts.Select(t => $"<si><t>{t}</t></si>"))}</sst>";
}
