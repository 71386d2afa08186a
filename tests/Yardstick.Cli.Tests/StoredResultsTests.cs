using System.Text.Json;

namespace Yardstick.Cli.Tests;

/// <summary>
/// Stored results in both languages: <c>results --lang</c>, <c>--explain</c>, <c>--out</c> and <c>statement --period P</c> on the
/// database give the texts of the file-based commands, rendered from the run's stored inputs.
/// </summary>
public sealed class StoredResultsTests : IDisposable
{
    private static readonly string Examples = Path.Combine(RepoRoot.Path, "examples");

    private readonly CliHarness _h = new();

    [SkippableFact]
    public async Task ResultsJson_SameInputsOnSqliteAndPostgres_ByteIdenticalWithNumbersInShortestForm()
    {
        // trailing zeros in the file (5.0, 0.8530) came back as written from one provider and normalised from the other
        var actuals = _h.Write("a.csv", CliHarness.E1Actuals
            .Replace("renewal_rate,0.88", "renewal_rate,0.8800", StringComparison.Ordinal).Replace("csat,4.5", "csat,4.50", StringComparison.Ordinal)
            .Replace("new_industry_cases,2", "new_industry_cases,2.0", StringComparison.Ordinal).Replace("defect_rate,0.008", "defect_rate,0.0080", StringComparison.Ordinal)
            .Replace("innovation_reserve,3.5", "innovation_reserve,3.50", StringComparison.Ordinal).Replace("rd_utilization,0.80", "rd_utilization,0.0", StringComparison.Ordinal));
        string Json(CliDb db)
        {
            CliRun Db(params string[] args) => CliHarness.Run([.. args, "--db", db.Argument]);
            foreach (var args in new[]
            {
                new[] { "db", "migrate" }, ["period", "open", "2026-10", "--template", "industrial-value"],
                ["import", "employees", Path.Combine(Examples, "session", "employees.csv")], ["import", "salaries", Path.Combine(Examples, "session", "salaries.csv")],
                ["import", "actuals", actuals, "--period", "2026-10"], ["calc", "--period", "2026-10"],
            })
            {
                var run = Db(args);
                Assert.True(run.Code == 0, run.ToString());
            }

            return Db("results", "--period", "2026-10", "--format", "json").Out;
        }

        await using var sqlite = await CliDb.CreateAsync("sqlite");
        await using var postgres = await CliDb.CreateAsync("postgres");

        var fromSqlite = Json(sqlite);
        var fromPostgres = Json(postgres);

        Assert.Equal(fromSqlite, fromPostgres);
        var zhang = JsonDocument.Parse(fromSqlite).RootElement.GetProperty("results")[0];
        string Raw(string indicator, string field) => zhang.GetProperty("indicators").GetProperty(indicator).GetProperty(field).GetRawText();
        Assert.Equal(("0.88", "4.5", "2", "0.008", "0"), (Raw("renewal_rate", "actual"), Raw("csat", "actual"), Raw("new_industry_cases", "actual"), Raw("defect_rate", "actual"), Raw("rd_utilization", "actual")));
        Assert.DoesNotMatch(@"""actual"": -?\d+\.\d*0[,\s]", fromSqlite);
        Assert.DoesNotContain("= 0.0 ", fromSqlite, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_OutNamesTheSqliteDatabase_RefusedAndTheDatabaseKept()
    {
        await using var db = await CliDb.CreateAsync("sqlite");
        Assert.Equal(0, CliHarness.Run("db", "migrate", "--db", db.Argument).Code);
        var before = File.ReadAllBytes(db.Argument);

        var run = CliHarness.Run("results", "--period", "2026-10", "--format", "csv", "--out", db.Argument, "--db", db.Argument);

        Assert.Equal((2, ""), (run.Code, run.Out));
        Assert.Equal($"--out: {db.Argument} is the input file of --db; writing there would overwrite it: write to another file", run.ErrLines.Single());
        Assert.Equal(before, File.ReadAllBytes(db.Argument));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task StatementAndResults_FromTheDatabase_SameTextsAsFromFiles(string provider)
    {
        await using var db = await CliDb.CreateAsync(provider);
        CliRun Db(params string[] args) => CliHarness.Run([.. args, "--db", db.Argument]);
        foreach (var args in new[]
        {
            new[] { "db", "migrate" }, ["period", "open", "2026-10", "--template", "industrial-value"],
            ["import", "employees", Path.Combine(Examples, "session", "employees.csv")], ["import", "salaries", Path.Combine(Examples, "session", "salaries.csv")],
            ["import", "actuals", Path.Combine(Examples, "e1-actuals.csv"), "--period", "2026-10"], ["calc", "--period", "2026-10"],
        })
        {
            var run = Db(args);
            Assert.True(run.Code == 0, run.ToString());
        }

        string[] files = ["--template", "industrial-value", "--period", "2026-10", "--actuals", Path.Combine(Examples, "e1-actuals.csv"), "--people", Path.Combine(Examples, "people.csv")];
        foreach (var lang in new[] { "en", "zh-CN" })
        {
            var fromFiles = CliHarness.Run(["statement", "zhang_wei", .. files, "--lang", lang]);
            var fromDb = Db("statement", "zhang_wei", "--period", "2026-10", "--lang", lang);
            Assert.True(fromDb.Code == 0, fromDb.ToString());
            Assert.Equal(fromFiles.Out, fromDb.Out);
            Assert.Contains("20,760.38 CNY", fromDb.Out, StringComparison.Ordinal);
        }

        Assert.Contains("薪酬明细: zhang_wei (张伟)", Db("statement", "zhang_wei", "--period", "2026-10", "--lang", "zh-CN").Out, StringComparison.Ordinal);
        Assert.Contains("曲线(1.03250800)", Db("statement", "zhang_wei", "--period", "2026-10", "--lang", "zh-CN").Out, StringComparison.Ordinal);

        // the §10 JSON in Chinese: the same numbers, the traces in Chinese
        var en = Db("results", "--period", "2026-10", "--format", "json");
        var zh = Db("results", "--period", "2026-10", "--format", "json", "--lang", "zh-CN");
        using (var a = JsonDocument.Parse(en.Out))
        using (var b = JsonDocument.Parse(zh.Out))
        {
            var pa = a.RootElement.GetProperty("results")[0];
            var pb = b.RootElement.GetProperty("results")[0];
            Assert.Equal(pa.GetProperty("total").GetRawText(), pb.GetProperty("total").GetRawText());
            Assert.Equal(20760.38m, pb.GetProperty("payouts")[0].GetProperty("amount").GetDecimal());
            Assert.Contains("最终取整一次", pb.GetProperty("payouts")[0].GetProperty("trace").GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Contains("rounded once", pa.GetProperty("payouts")[0].GetProperty("trace").GetProperty("text").GetString(), StringComparison.Ordinal);
        }

        // --explain: the scorecard trace and the statement, as evaluate --explain prints them; --out writes the table there
        var explained = CliHarness.Run(["evaluate", .. files, "--explain", "zhang_wei"]);
        var stored = Db("results", "--period", "2026-10", "--explain", "zhang_wei");
        Assert.True(stored.Code == 0, stored.ToString());
        var trace = explained.Out[explained.Out.IndexOf("Scorecard of zhang_wei", StringComparison.Ordinal)..];
        Assert.EndsWith(trace, stored.Out, StringComparison.Ordinal);
        var table = Db("results", "--period", "2026-10", "--lang", "zh-CN", "--out", _h.PathOf("r.txt"));
        Assert.True(table.Code == 0, table.ToString());
        Assert.Equal("", table.Out);
        Assert.Contains("│ 人员 ", File.ReadAllText(_h.PathOf("r.txt")), StringComparison.Ordinal);

        // a person without a result, a file-only option
        CliAssert.Refused(Db("results", "--period", "2026-10", "--explain", "nobody"), "--explain: 'nobody' has no result in the current run of 2026-10");
        CliAssert.Refused(Db("statement", "zhang_wei", "--period", "2026-10", "--template", "industrial-value"),
            "--template: --template is for a statement from files (with --actuals); a statement from the database reads the period's current run");
    }

    [Fact]
    public void WhatIf_Chinese_TableAndNoteInChinese()
    {
        var run = CliHarness.Run("whatif", "--template", "industrial-value", "--period", "2026-10", "--actuals", Path.Combine(Examples, "e1-actuals.csv"),
            "--people", Path.Combine(Examples, "people.csv"), "--person", "zhang_wei", "--set", "core_feature_usage=0.62", "--lang", "zh-CN");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("假设分析: zhang_wei (张伟)", run.Out, StringComparison.Ordinal);
        Assert.Contains("总分截断到两位小数", run.Out, StringComparison.Ordinal);
        Assert.Contains("当前", run.Out, StringComparison.Ordinal);
    }

    public void Dispose() => _h.Dispose();
}
