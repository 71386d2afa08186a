using Microsoft.EntityFrameworkCore;
using Yardstick.App.Calculation;
using Yardstick.App.Evaluation;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.App.Results;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;

namespace Yardstick.App.Tests;

/// <summary>A run keeps its inputs: its results are rendered from them in either language, and only as they were calculated.</summary>
public sealed class StoredResultsTests : IDisposable
{
    private const string E1Actuals = "person,indicator,value\nzhang_wei,renewal_rate,0.88\nzhang_wei,csat,4.5\nzhang_wei,issue_closure_rate,0.93\nzhang_wei,revenue_yoy_growth,0.25\nzhang_wei,new_industry_cases,2\nzhang_wei,defect_rate,0.008\nzhang_wei,core_feature_usage,0.55\nzhang_wei,rd_utilization,0.80\nzhang_wei,sales_support_rating,4.2\nzhang_wei,roadmap_completion,0.70\nzhang_wei,innovation_reserve,3.5\n";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Results_FromStoredInputs_AfterInputsChange_StillTheRunsFigures(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await CalculateE1Async(t);

        // the inputs change after the run: the run's results are still the run's
        await using (var db = t.Open())
            Assert.True((await new ImportActuals(db).RunAsync(Input.File(_files.Write("b.csv", E1Actuals.Replace("core_feature_usage,0.55", "core_feature_usage,0.30", StringComparison.Ordinal))), "2026-10")).IsSuccess);

        await using var read = t.Open();
        var person = await new GetResults(read).PersonAsync("2026-10", "zhang_wei");
        Assert.True(person.IsSuccess, string.Join("\n", person.Problems));
        Assert.Equal(20760.38m, person.Value.Person.Lines.Single().Amount.Amount);
        Assert.Equal(0.55m, person.Value.Person.Card.Indicators[person.Value.Person.Card.Scheme.IndicatorIndex("core_feature_usage")].Actual);
        var run = await read.Runs.SingleAsync();
        Assert.True(run.Inputs.Length > 0);
        Assert.Contains("\"actuals\"", run.InputsFingerprint, StringComparison.Ordinal);
        Assert.Equal("", (await read.Scorecards.SingleAsync()).Json);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Results_RunThatNoLongerReEvaluates_RefusedNamingTheRun(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await CalculateE1Async(t);
        await using (var db = t.Open())
        {
            var run = await db.Runs.SingleAsync();
            run.ResultsHash = new string('0', 64);
            await db.SaveChangesAsync();
        }

        await using var read = t.Open();
        var result = await new GetResults(read).EvaluateAsync("2026-10");

        var p = Assert.Single(result.Problems);
        Assert.Equal((ProblemKind.Conflict, "run.changed"), (p.Kind, p.Code));
        Assert.StartsWith("run 1 of 2026-10 no longer evaluates to its stored results", p.Message.En, StringComparison.Ordinal);
        Assert.EndsWith("; its figures stand (table, CSV); calculate again to show its traces", p.Message.En, StringComparison.Ordinal);
        // the stored figures are still there
        Assert.Equal(20760.38m, (await new GetResults(read).LinesAsync("2026-10")).Value.Lines.Single().Pay);

        // a Locked period cannot be calculated again: the message does not say to
        await using (var db = t.Open())
        {
            var period = await db.Periods.SingleAsync();
            db.Entry(period).Property(x => x.State).CurrentValue = Yardstick.Data.PeriodState.Locked;
            await db.SaveChangesAsync();
        }

        await using var locked = t.Open();
        Assert.EndsWith("; its figures stand (table, CSV); the period is Locked and can no longer be calculated again",
            Assert.Single((await new GetResults(locked).EvaluateAsync("2026-10")).Problems).Message.En, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Results_RunStoringTheJsonHashOfEarlierVersions_ShownAsBefore(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await CalculateE1Async(t);
        string json, digest, jsonHash;
        await using (var db = t.Open())
        {
            var view = await new GetResults(db).EvaluateAsync("2026-10");
            Assert.True(view.IsSuccess, string.Join("\n", view.Problems));
            (digest, jsonHash) = (ResultsJson.Digest(view.Value.Result), ResultsJson.Hash(view.Value.Result, bundle: false));
            json = await JsonAsync(db, Language.En);
        }

        // a run stores the digest of its results, not the hash of their JSON as runs made until issue 8 did
        await using (var db = t.Open())
        {
            var run = await db.Runs.SingleAsync();
            Assert.Equal(digest, run.ResultsHash);
            Assert.NotEqual(jsonHash, digest);
            Assert.Matches("^[0-9a-f]{64}$", digest);
            run.ResultsHash = jsonHash; // as a run made by an earlier version
            await db.SaveChangesAsync();
        }

        await using var read = t.Open();
        Assert.Equal(json, await JsonAsync(read, Language.En));
        Assert.Contains("\"monthly_bonus\"", json, StringComparison.Ordinal);
        Assert.Contains("20760.38", json, StringComparison.Ordinal);
        Assert.Contains("20,760.38", await JsonAsync(read, Language.ZhCN), StringComparison.Ordinal);
    }

    private static async Task<string> JsonAsync(Yardstick.Data.YardstickDb db, Language language)
    {
        using var output = new MemoryStream();
        var written = await new GetResults(db).WriteJsonAsync("2026-10", output, language);
        Assert.True(written.IsSuccess, string.Join("\n", written.Problems));
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Results_RunMadeBeforeInputsWereKept_EnglishFromItsStoredObjectsOtherLanguagesRefused(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await CalculateE1Async(t);
        await using (var db = t.Open())
        {
            // as the migration leaves a run made by an earlier version
            var run = await db.Runs.SingleAsync();
            (run.Inputs, run.InputsFingerprint) = ([], "");
            (await db.Scorecards.SingleAsync()).Json = """{"person":"zhang_wei","total":100.77}""";
            await db.SaveChangesAsync();
        }

        await using var read = t.Open();
        using var en = new MemoryStream();
        Assert.True((await new GetResults(read).WriteJsonAsync("2026-10", en, Language.En)).IsSuccess);
        using (var doc = System.Text.Json.JsonDocument.Parse(en.ToArray()))
            Assert.Equal("""{"person":"zhang_wei","total":100.77}""", doc.RootElement.GetProperty("results")[0].GetRawText().Replace(" ", "", StringComparison.Ordinal).ReplaceLineEndings(""));
        var zh = await new GetResults(read).WriteJsonAsync("2026-10", new MemoryStream(), Language.ZhCN);
        Assert.Equal("run.legacy", Assert.Single(zh.Problems).Code);
    }

    private async Task CalculateE1Async(TestDb t)
    {
        await using var db = t.Open();
        Assert.True((await new OpenPeriod(db).RunAsync("2026-10", SchemeJson.Write(TemplateCatalog.Find("industrial-value").Value.Document))).IsSuccess);
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", "person,name\nzhang_wei,张伟\n")), null)).IsSuccess);
        Assert.True((await new ImportSalaries(db).RunAsync(Input.File(_files.Write("s.csv", "person,base_salary,effective_from\nzhang_wei,30000,2026-01-01\n")), null)).IsSuccess);
        Assert.True((await new ImportActuals(db).RunAsync(Input.File(_files.Write("a.csv", E1Actuals)), "2026-10")).IsSuccess);
        var calc = await new RunCalculation(db).RunAsync("2026-10");
        Assert.True(calc.IsSuccess, string.Join("\n", calc.Problems));
    }
}
