using System.Text;
using System.Text.Json;
using MiniExcelLibs;

namespace Yardstick.Cli.Tests;

public sealed class EvaluateTests : IDisposable
{
    private readonly CliHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static JsonElement Result(CliRun run, string person)
    {
        Assert.True(run.Code == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        return doc.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("person").GetString() == person).Clone();
    }

    [Fact]
    public void Evaluate_E1Json_MatchesWorkedExample()
    {
        var run = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--people", _h.Write("p.csv", CliHarness.People), "--format", "json");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal("", run.Err);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal("industrial-value", root.GetProperty("scheme").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("2026-10", root.GetProperty("period").GetString());
        Assert.Equal("CNY", root.GetProperty("currency").GetString());
        var r = Assert.Single(root.GetProperty("results").EnumerateArray());
        Assert.Equal("zhang_wei", r.GetProperty("person").GetString());
        Assert.Equal(100.771884m, Math.Round(r.GetProperty("total").GetDecimal(), 6));
        Assert.Equal("A", r.GetProperty("grade").GetString());
        Assert.True(r.GetProperty("complete").GetBoolean());
        var groups = r.GetProperty("groups");
        Assert.Equal(72.275560m, Math.Round(groups.GetProperty("core").GetProperty("points").GetDecimal(), 6));
        Assert.Equal(28.496324m, Math.Round(groups.GetProperty("auxiliary").GetProperty("points").GetDecimal(), 6));
        Assert.Equal(1.03250800m, Math.Round(groups.GetProperty("core").GetProperty("achievement").GetDecimal(), 8));
        Assert.Equal(["core", "customer", "business", "quality", "auxiliary", "collaboration", "planning"], groups.EnumerateObject().Select(p => p.Name));
        var cases = r.GetProperty("indicators").GetProperty("new_industry_cases");
        Assert.Equal(2.5m, cases.GetProperty("target").GetDecimal());
        Assert.Equal(2m, cases.GetProperty("actual").GetDecimal());
        Assert.Equal(0.8m, cases.GetProperty("score").GetDecimal());
        Assert.Equal(10m, cases.GetProperty("points").GetDecimal());
        var defect = r.GetProperty("indicators").GetProperty("defect_rate");
        Assert.Equal(1.2m, defect.GetProperty("score").GetDecimal());
        Assert.Equal(9m, defect.GetProperty("points").GetDecimal());
        Assert.Equal(10.352941m, Math.Round(r.GetProperty("indicators").GetProperty("renewal_rate").GetProperty("points").GetDecimal(), 6));
        Assert.Equal(0, r.GetProperty("missing").GetArrayLength());
        Assert.Equal(0, r.GetProperty("waived").GetArrayLength());
        var pay = Assert.Single(r.GetProperty("payouts").EnumerateArray());
        Assert.Equal(20760.38m, pay.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public void Evaluate_E1Csv_WritesHeaderAndFullPrecisionRow()
    {
        var run = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--format", "csv");

        Assert.True(run.Code == 0, run.ToString());
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.Equal("person,total,grade,complete,core,customer,business,quality,auxiliary,collaboration,planning", lines[0]);
        var f = lines[1].Split(',');
        Assert.Equal("zhang_wei", f[0]);
        Assert.StartsWith("100.771883753501", f[1], StringComparison.Ordinal);
        Assert.Equal(["A", "true"], f[2..4]);
        Assert.Equal(72.275560m, Math.Round(decimal.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture), 6));
        Assert.Equal(25m, decimal.Parse(f[6], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(15.875m, decimal.Parse(f[7], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Evaluate_E1Table_ShowsPersonNameTruncatedTotalAndGrade()
    {
        var run = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--people", _h.Write("p.csv", CliHarness.People));

        Assert.True(run.Code == 0, run.ToString());
        var row = run.Out.Split('\n').Single(l => l.Contains("zhang_wei", StringComparison.Ordinal));
        Assert.Contains("张伟", row, StringComparison.Ordinal);
        Assert.Contains("100.77", row, StringComparison.Ordinal);
        Assert.Matches(@"│ A\s+│ yes\s+│", row);
        Assert.Contains("1 person;", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TableTotalJustBelow85_ShowsTruncated8499AndGradeC()
    {
        // Every target met except new_industry_cases (0 → 0 points) and innovation_reserve 2.6664 / 4 → 4.9995 points:
        // total = 80 + 4.9995 = 84.9995, which rounds to 85.00 but is below B's 85.
        var actuals = "person,indicator,value\n" + string.Join("\n", new[]
        {
            "p1,renewal_rate,0.85", "p1,csat,4.2", "p1,issue_closure_rate,0.90", "p1,revenue_yoy_growth,0.20", "p1,new_industry_cases,0",
            "p1,defect_rate,0.01", "p1,core_feature_usage,0.6", "p1,rd_utilization,0.85", "p1,sales_support_rating,4",
            "p1,roadmap_completion,0.75", "p1,innovation_reserve,2.6664",
        }) + "\n";
        var path = _h.Write("a.csv", actuals);

        var json = Result(_h.Evaluate(path, "--format", "json"), "p1");
        var table = _h.Evaluate(path);

        Assert.Equal(84.9995m, json.GetProperty("total").GetDecimal());
        Assert.Equal("C", json.GetProperty("grade").GetString());
        var cells = table.Out.Split('\n').Single(l => l.Contains("p1", StringComparison.Ordinal)).Split('│').Select(c => c.Trim()).ToArray();
        Assert.Equal(["p1", "84.99", "C", "yes"], cells[1..5]);
    }

    [Fact]
    public void Evaluate_ExplainE1_PrintsTraceWithRenewalRateRatio()
    {
        var run = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--explain", "zhang_wei");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("a = actual / target = 0.88 / 0.85 ≈ 1.03529412", run.Out, StringComparison.Ordinal);
        Assert.Contains("grade A", run.Out, StringComparison.Ordinal);
        Assert.True(run.Out.IndexOf("│ zhang_wei", StringComparison.Ordinal) < run.Out.IndexOf("renewal_rate", StringComparison.Ordinal), "the trace comes after the table");
    }

    [Fact]
    public void Evaluate_ExplainInChinese_UsesChineseTrace()
    {
        var run = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--explain", "zhang_wei", "--lang", "zh-CN");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("zhang_wei 的考核表", run.Out, StringComparison.Ordinal);
        Assert.Contains("核心客户续约率", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ExplainUnknownPerson_Exit2()
    {
        var run = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--explain", "li_na");

        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Out);
        Assert.StartsWith("--explain: no person 'li_na' in ", run.ErrLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_XlsxActuals_GiveSameJsonAsCsv()
    {
        var csv = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--format", "json");
        var rows = CliHarness.E1Actuals.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))
            .Select(f => new Dictionary<string, object> { ["person"] = f[0], ["indicator"] = f[1], ["value"] = double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture) })
            .ToList();
        var xlsxPath = _h.PathOf("a.xlsx");
        MiniExcel.SaveAs(xlsxPath, rows);

        var xlsx = _h.Evaluate(xlsxPath, "--format", "json");

        Assert.True(xlsx.Code == 0, xlsx.ToString());
        // a numeric cell holds 0.8 where the CSV says 0.80: one canonical number, so the very same JSON
        Assert.Equal(csv.Out, xlsx.Out);
        using var a = JsonDocument.Parse(csv.Out);
        using var b = JsonDocument.Parse(xlsx.Out);
        AssertSameValues(a.RootElement, b.RootElement, "$");
    }

    [Fact]
    public void Evaluate_EveryInputAsXlsx_SameJsonAsCsv()
    {
        var examples = Path.Combine(RepoRoot.Path, "examples");
        string[] Args(Func<string, string> file) =>
        [
            "evaluate", "--template", "crossborder-lifecycle", "--period", "2026-Q2", "--format", "json",
            "--actuals", file("t2-actuals.csv"), "--people", file("t2-people.csv"), "--stages", file("t2-stages.csv"),
            "--events", file("t2-events.csv"), "--measures", file("t2-measures.csv"),
        ];
        string Xlsx(string name)
        {
            // every cell as text, as a spreadsheet exported by hand
            var lines = File.ReadAllLines(Path.Combine(examples, name)).Where(l => l.Length > 0).ToList();
            var header = lines[0].Split(',');
            var rows = lines.Skip(1).Select(l => l.Split(',')).Select(f => header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => (object)(x.i < f.Length ? f[x.i] : ""))).ToList();
            var path = _h.PathOf(Path.ChangeExtension(name, ".xlsx"));
            MiniExcel.SaveAs(path, rows);
            return path;
        }

        var csv = CliHarness.Run(Args(n => Path.Combine(examples, n)));
        var xlsx = CliHarness.Run(Args(Xlsx));

        Assert.True(csv.Code == 0, csv.ToString());
        Assert.True(xlsx.Code == 0, xlsx.ToString());
        Assert.Equal(csv.Out, xlsx.Out);
    }

    private static void AssertSameValues(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, path);
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(expected.EnumerateObject().Select(p => p.Name), actual.EnumerateObject().Select(p => p.Name));
                foreach (var p in expected.EnumerateObject())
                    AssertSameValues(p.Value, actual.GetProperty(p.Name), path + "." + p.Name);
                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                for (var i = 0; i < expected.GetArrayLength(); i++)
                    AssertSameValues(expected[i], actual[i], $"{path}[{i}]");
                break;
            case JsonValueKind.Number:
                Assert.True(expected.GetDecimal() == actual.GetDecimal(), $"{path}: {expected} vs {actual}");
                break;
            default:
                Assert.Equal(expected.ToString(), actual.ToString());
                break;
        }
    }

    [Fact]
    public void Evaluate_XlsxBadValue_ReportsSheetRowAndColumn()
    {
        var rows = new List<Dictionary<string, object>>
        {
            new() { ["person"] = "zhang_wei", ["indicator"] = "csat", ["value"] = 4.5 },
            new() { ["person"] = "zhang_wei", ["indicator"] = "renewal_rate", ["value"] = "n/a" },
        };
        var path = _h.PathOf("bad.xlsx");
        MiniExcel.SaveAs(path, rows);

        var run = _h.Evaluate(path, "--format", "json");

        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Out);
        Assert.StartsWith($"{path}:3:3: 'n/a' is not a number", run.ErrLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CrlfWithBomAndPercent_GivesSameJsonAsLf()
    {
        var lf = _h.Evaluate(_h.Write("lf.csv", CliHarness.E1Actuals), "--format", "json");
        var text = CliHarness.E1Actuals.Replace("\n", "\r\n", StringComparison.Ordinal).Replace("issue_closure_rate,0.93", "issue_closure_rate,93%", StringComparison.Ordinal);
        var crlf = _h.Evaluate(_h.WriteBytes("crlf.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]), "--format", "json");

        Assert.True(crlf.Code == 0, crlf.ToString());
        Assert.Equal(Result(lf, "zhang_wei").GetProperty("total").GetDecimal(), Result(crlf, "zhang_wei").GetProperty("total").GetDecimal());
        Assert.Equal(0.93m, Result(crlf, "zhang_wei").GetProperty("indicators").GetProperty("issue_closure_rate").GetProperty("actual").GetDecimal());
    }

    [Fact]
    public void Evaluate_CrlfWithBom_ReportsPhysicalLines()
    {
        var text = "person,indicator,value\r\n\r\nzhang_wei,csat,4.5\r\nzhang_wei,renewal_rate,abc\r\n";
        var path = _h.WriteBytes("crlf.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

        var run = _h.Evaluate(path);

        Assert.Equal(2, run.Code);
        Assert.StartsWith($"{path}:4:3: 'abc' is not a number", run.ErrLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ShuffledRowsAndPeople_GiveIdenticalJson()
    {
        var lines = new List<string>();
        foreach (var p in new[] { "zhang_wei", "li_na", "Wang_fang", "chen_jie", "p10", "p9" })
            lines.AddRange(CliHarness.E1Actuals.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Replace("zhang_wei", p, StringComparison.Ordinal)));
        var sorted = _h.Evaluate(_h.Write("a.csv", "person,indicator,value\n" + string.Join("\n", lines) + "\n"), "--format", "json");
        var random = new Random(42);
        var shuffled = lines.ToArray();
        random.Shuffle(shuffled);

        var other = _h.Evaluate(_h.Write("b.csv", "person,indicator,value\n" + string.Join("\n", shuffled) + "\n"), "--format", "json");

        Assert.True(other.Code == 0, other.ToString());
        Assert.Equal(sorted.Out, other.Out);
        using var doc = JsonDocument.Parse(other.Out);
        Assert.Equal(["Wang_fang", "chen_jie", "li_na", "p10", "p9", "zhang_wei"], doc.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("person").GetString()));
    }

    [Fact]
    public void Evaluate_WaiverFile_ReNormalisesAsE6()
    {
        var e2 = CliHarness.E1Actuals
            .Replace("defect_rate,0.008", "defect_rate,0", StringComparison.Ordinal)
            .Replace("core_feature_usage,0.55", "core_feature_usage,0.62", StringComparison.Ordinal)
            .Replace("zhang_wei,revenue_yoy_growth,0.25\n", "", StringComparison.Ordinal);
        var waivers = _h.Write("w.csv", "person,indicator,reason\nzhang_wei,revenue_yoy_growth,data source migrated this quarter\n");

        var r = Result(_h.Evaluate(_h.Write("a.csv", e2), "--waivers", waivers, "--format", "json"), "zhang_wei");

        Assert.Equal(99.025010m, Math.Round(r.GetProperty("total").GetDecimal(), 6));
        Assert.Equal("B", r.GetProperty("grade").GetString());
        Assert.True(r.GetProperty("complete").GetBoolean());
        Assert.Equal(66.457783m, Math.Round(r.GetProperty("groups").GetProperty("core").GetProperty("points").GetDecimal(), 6));
        Assert.Equal("revenue_yoy_growth", r.GetProperty("waived").EnumerateArray().Single().GetString());
        Assert.True(r.GetProperty("indicators").GetProperty("revenue_yoy_growth").GetProperty("waived").GetBoolean());
    }

    [Fact]
    public void Evaluate_MissingIndicatorAndPersonOnlyInPeople_AreIncomplete()
    {
        var e7 = CliHarness.E1Actuals.Replace("zhang_wei,core_feature_usage,0.55\n", "", StringComparison.Ordinal);
        var people = _h.Write("p.csv", CliHarness.People + "li_na,28000.00,李娜,mes,mes_platform,\n");

        var run = _h.Evaluate(_h.Write("a.csv", e7), "--people", people, "--format", "json");

        var zhang = Result(run, "zhang_wei");
        Assert.Equal(93.896884m, Math.Round(zhang.GetProperty("total").GetDecimal(), 6));
        Assert.Equal("B", zhang.GetProperty("grade").GetString());
        Assert.False(zhang.GetProperty("complete").GetBoolean());
        Assert.Equal("core_feature_usage", zhang.GetProperty("missing").EnumerateArray().Single().GetString());
        Assert.Equal(JsonValueKind.Null, zhang.GetProperty("indicators").GetProperty("core_feature_usage").GetProperty("actual").ValueKind);
        var li = Result(run, "li_na");
        Assert.Equal(0m, li.GetProperty("total").GetDecimal());
        Assert.Equal(11, li.GetProperty("missing").GetArrayLength());
    }

    [Fact]
    public void Evaluate_OutFile_WritesResultThereAndNothingToStdout()
    {
        var outPath = _h.PathOf("result.json");

        var run = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--format", "json", "--out", outPath);

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal("", run.Out);
        using var doc = JsonDocument.Parse(File.ReadAllText(outPath));
        Assert.Equal(100.771884m, Math.Round(doc.RootElement.GetProperty("results")[0].GetProperty("total").GetDecimal(), 6));
        Assert.Single(Directory.GetFiles(_h.Dir, "*result*"));
    }

    [Fact]
    public void Evaluate_JsonWithExplainAndOut_TraceGoesToStdout()
    {
        var outPath = _h.PathOf("result.json");

        var run = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--format", "json", "--out", outPath, "--explain", "zhang_wei");

        Assert.True(run.Code == 0, run.ToString());
        Assert.StartsWith("Scorecard of zhang_wei", run.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(outPath));
    }

    [Fact]
    public void Evaluate_BadInputWithOut_WritesNoFile()
    {
        var outPath = _h.PathOf("result.json");

        var run = _h.Evaluate(_h.Write("a.csv", "person,indicator,value\nzhang_wei,csat,9\n"), "--format", "json", "--out", outPath);

        Assert.Equal(2, run.Code);
        Assert.False(File.Exists(outPath));
        Assert.Empty(Directory.GetFiles(_h.Dir, "*.tmp"));
    }

    [Fact]
    public void Evaluate_OutIsAFifo_WrittenThroughAndStaysAFifo()
    {
        // a temporary file renamed over the FIFO made it a regular file, and its reader never saw the results
        var fifo = _h.PathOf("results.fifo");
        Assert.Equal(0, Shell("mkfifo", fifo).Code);
        string? read = null;
        var reader = new Thread(() => read = File.ReadAllText(fifo)) { IsBackground = true };
        reader.Start();

        var run = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--format", "csv", "--out", fifo);

        Assert.True(run.Code == 0, run.ToString());
        Assert.True(reader.Join(TimeSpan.FromSeconds(20)), "the FIFO's reader got nothing");
        Assert.StartsWith("person,total,grade,complete,core,", read, StringComparison.Ordinal);
        Assert.Contains("\r\nzhang_wei,100.7718837535014005602240896", read, StringComparison.Ordinal);
        Assert.Equal("fifo", Shell("stat", "-c", "%F", fifo).Out.Trim());
        Assert.Empty(Directory.GetFiles(_h.Dir, "*.tmp"));
    }

    [Fact]
    public void Evaluate_OutIsASymlink_ReplacesTheFileItNamesAndKeepsTheLink()
    {
        var target = _h.Write("kept.csv", "old\n");
        var link = _h.PathOf("link.csv");
        File.CreateSymbolicLink(link, target);

        var run = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--format", "csv", "--out", link);

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.StartsWith("person,total,grade,complete,", File.ReadAllText(target), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("same")]
    [InlineData("relative")]
    [InlineData("symlink")]
    [InlineData("hardlink")]
    public void Evaluate_OutNamesAnInput_RefusedAndTheInputKept(string how)
    {
        var actuals = _h.Write("a.csv", CliHarness.E1Actuals);
        var people = _h.Write("people.csv", CliHarness.People);
        var outPath = how switch
        {
            "same" => people,
            "relative" => Path.GetRelativePath(Environment.CurrentDirectory, people),
            "symlink" => File.CreateSymbolicLink(_h.PathOf("alias.csv"), people).FullName,
            _ => _h.PathOf("hard.csv"),
        };
        if (how == "hardlink")
            Assert.Equal(0, Shell("ln", people, outPath).Code);

        var run = _h.Evaluate(actuals, "--people", people, "--format", "csv", "--out", outPath);

        Assert.Equal((2, ""), (run.Code, run.Out));
        Assert.Equal($"--out: {outPath} is the input file of --people; writing there would overwrite it: write to another file", run.ErrLines.Single());
        Assert.Equal(CliHarness.People, File.ReadAllText(people));
    }

    private static (int Code, string Out) Shell(string file, params string[] args)
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, args) { RedirectStandardOutput = true })!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    [Fact]
    public void Evaluate_ExampleFiles_QuickStartWorks()
    {
        var examples = Path.Combine(RepoRoot.Path, "examples");

        var run = CliHarness.Run("evaluate", "--template", "industrial-value", "--period", "2026-10",
            "--actuals", Path.Combine(examples, "e1-actuals.csv"), "--people", Path.Combine(examples, "people.csv"), "--format", "json");

        Assert.Equal(100.771884m, Math.Round(Result(run, "zhang_wei").GetProperty("total").GetDecimal(), 6));
    }

    [Fact]
    public void Evaluate_TeamExample_EvaluatesEveryPerson()
    {
        var examples = Path.Combine(RepoRoot.Path, "examples");

        var run = CliHarness.Run("evaluate", "--template", "industrial-value", "--period", "2026-10",
            "--actuals", Path.Combine(examples, "team-actuals.csv"), "--people", Path.Combine(examples, "team-people.csv"),
            "--waivers", Path.Combine(examples, "team-waivers.csv"), "--format", "csv");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal(5, run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("zhang_wei,100.771883753501", run.Out.Split('\n').Single(l => l.StartsWith("zhang_wei", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
