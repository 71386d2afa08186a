using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CsvHelper;
using CsvHelper.Configuration;
using Yardstick.App.Evaluation;
using Yardstick.App.Files;
using Yardstick.Core.Scoring;
using Yardstick.Core.Templates;

namespace Yardstick.Benchmarks;

/// <summary>
/// Issue 8 item 19: reading the 1,000,000-row actuals file of docs/performance.md ("CLI evaluate"), from memory, per row.
/// <c>CsvHelper</c> is the reader TableFile used before (its configuration kept here as the baseline); <c>SepTableFile</c>
/// is TableFile's reader now (Sep: rows with their lines and trimmed fields); <c>ActualsFileRead</c> is the whole actuals
/// format on top of it (ids, codes, numbers and their ranges checked, per-person arrays filled).
/// The file: <c>YARDSTICK_ACTUALS</c>, default <c>/tmp/ev/actuals-1m.csv</c> (made by <c>yardstick dev gen-actuals --rows 1000000</c>).
/// </summary>
[MemoryDiagnoser]
[GcConcurrent(false)]
public class ActualsFileBenchmarks
{
    private const int Rows = 1_000_000;

    private byte[] _file = [];
    private IndicatorSpace _space = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("YARDSTICK_ACTUALS") ?? "/tmp/ev/actuals-1m.csv";
        _file = File.ReadAllBytes(path);
        var document = TemplateCatalog.Find("industrial-value").Value.Document;
        _space = IndicatorSpace.Of(document, [.. document.Schemes.Select(s => CompiledScheme.Compile(s).Value)]);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public int CsvHelper()
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
            BadDataFound = _ => { },
        };
        using var reader = new StreamReader(new MemoryStream(_file), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        using var csv = new CsvReader(reader, config);
        var parser = csv.Parser;
        var fields = 0;
        while (csv.Read())
        {
            var record = parser.Record ?? [];
            var line = parser.RawRow;
            if (record.Any(f => f.Contains('\n', StringComparison.Ordinal)))
                line -= parser.RawRecord.TrimEnd('\r', '\n').Count(c => c == '\n');
            fields += record.Length + (line & 0);
        }

        return fields;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public int SepTableFile()
    {
        using var file = InputFile.FromStream(new MemoryStream(_file), "actuals.csv");
        var fields = 0;
        foreach (var row in TableFile.Read(file, ["person", "indicator", "value"], [], new Problems()))
            fields += row.Fields.Count;
        return fields;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public int ActualsFileRead()
    {
        using var file = InputFile.FromStream(new MemoryStream(_file), "actuals.csv");
        var problems = new Problems();
        var data = ActualsFile.Read(file, _space, derivedAllowed: true, problems);
        return data.People.Count + problems.Count;
    }
}
