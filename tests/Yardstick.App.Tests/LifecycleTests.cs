using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Calculation;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.App.Results;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;
using Yardstick.Data;

namespace Yardstick.App.Tests;

/// <summary>
/// A period under the lifecycle bundle crossborder-lifecycle (scoring.md §6, the T2 case of examples/t2-*.csv):
/// each PM under the stage scheme of their product, or with the organisation's pro_rata the day-weighted total.
/// The figures are those of <c>yardstick evaluate</c> on the same inputs.
/// </summary>
public sealed class LifecycleTests : IDisposable
{
    /// <summary>T2's people (examples/t2-people.csv): zhao_lei and sun_li both own compliance_eu.</summary>
    private const string Employees = "person,name,role,product\nzhao_lei,赵磊,pm,compliance_eu\nsun_li,孙丽,pm,compliance_eu\nzhou_min,周敏,pm,match_sea\nwu_gang,吴刚,pm,settle_hub\n";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Template(string id) => SchemeJson.Write(TemplateCatalog.Find(id).Value.Document);

    /// <summary>2026-Q2 on the bundle with T2's people, actuals, measures, stages and events.</summary>
    private async Task SeedT2Async(TestDb t, string employees = Employees)
    {
        await using var db = t.Open();
        var opened = await new OpenPeriod(db).RunAsync("2026-Q2", Template("crossborder-lifecycle"));
        Assert.True(opened.IsSuccess, string.Join("\n", opened.Problems));
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", employees)), null)).IsSuccess);
        Assert.True((await new ImportSalaries(db).RunAsync(Input.File(_files.Write("s.csv", "person,base_salary,effective_from\nzhao_lei,30000,2026-01-01\nsun_li,28000,2026-01-01\nzhou_min,32000,2026-01-01\nwu_gang,35000,2026-01-01\n")), null)).IsSuccess);
        var actuals = File.ReadAllText(Path.Combine(RepoRoot(), "examples", "t2-actuals.csv")).TrimEnd()
            + "\nproduct:match_sea,gmv,5600000.00\nproduct:match_sea,gmv_target,5000000.00\n";
        var imported = await new ImportActuals(db).RunAsync(Input.File(_files.Write("a.csv", actuals)), "2026-Q2");
        Assert.True(imported.IsSuccess, string.Join("\n", imported.Problems));
        foreach (var (product, stage, from) in new[]
                 {
                     ("compliance_eu", "startup", new DateOnly(2026, 1, 5)), ("match_sea", "startup", new DateOnly(2024, 9, 1)), ("match_sea", "growth", new DateOnly(2025, 7, 1)),
                     ("settle_hub", "growth", new DateOnly(2024, 3, 1)), ("settle_hub", "mature", new DateOnly(2026, 5, 1)),
                 })
            db.ProductStages.Add(new ProductStage { ProductId = product, Stage = stage, From = from });
        db.MilestoneEvents.Add(new MilestoneEventRow { ProductId = "compliance_eu", Event = "demand_validated", Date = new DateOnly(2026, 5, 20) });
        db.MilestoneEvents.Add(new MilestoneEventRow { ProductId = "compliance_eu", Event = "pilot_launched", Date = new DateOnly(2026, 7, 10) });
        await db.SaveChangesAsync();
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yardstick.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Yardstick.slnx not found above " + AppContext.BaseDirectory);
    }

    private static async Task<JsonElement> ResultsAsync(YardstickDb db)
    {
        using var json = new MemoryStream();
        var written = await new GetResults(db).WriteJsonAsync("2026-Q2", json);
        Assert.True(written.IsSuccess, string.Join("\n", written.Problems));
        using var doc = JsonDocument.Parse(json.ToArray());
        return doc.RootElement.Clone();
    }

    private static (string Person, decimal Total, string? Grade, string? Scheme, string Pay) Summary(JsonElement r) => (
        r.GetProperty("person").GetString()!,
        Math.Round(r.GetProperty("total").GetDecimal(), 10),
        r.GetProperty("grade").GetString(),
        r.GetProperty("scheme").GetString(),
        string.Join(", ", r.GetProperty("payouts").EnumerateArray().Select(p => $"{p.GetProperty("rule").GetString()} {p.GetProperty("amount").GetDecimal():0.00}")));

    private static JsonElement Person(JsonElement results, string person) =>
        results.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("person").GetString() == person);

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_LifecycleBundle_EachPersonUnderTheStageOnTheLastDay(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedT2Async(t);

        await using var db = t.Open();
        var run = await new RunCalculation(db).RunAsync("2026-Q2");
        Assert.True(run.IsSuccess, string.Join("\n", run.Problems));
        var results = await ResultsAsync(db);

        Assert.Equal(("crossborder-lifecycle", JsonValueKind.Null), (results.GetProperty("scheme").GetString(), results.GetProperty("version").ValueKind));
        Assert.Equal(
        [
            // compliance_eu's demand_validated (20 May) pays 50,000 once, split equally between its two owners
            ("sun_li", 102.7880952381m, "A", "crossborder-startup", "validation_subsidy 25000.00"),
            ("wu_gang", 96.25m, "B", "crossborder-mature", ""),
            ("zhao_lei", 102.7880952381m, "A", "crossborder-startup", "validation_subsidy 25000.00"),
            ("zhou_min", 108.75m, "A", "crossborder-growth", "growth_bonus 33600.00, gmv_dividend 6000.00"),
        ], results.GetProperty("results").EnumerateArray().Select(Summary));
        Assert.All(results.GetProperty("results").EnumerateArray(), r => Assert.False(r.TryGetProperty("pro_rata", out _)));
        Assert.Equal(
            [("sun_li", "crossborder-startup"), ("wu_gang", "crossborder-mature"), ("zhao_lei", "crossborder-startup"), ("zhou_min", "crossborder-growth")],
            (await db.Scorecards.Where(s => s.RunId == run.Value.Run.Id).Select(s => new { s.Person, s.Scheme }).ToListAsync()).OrderBy(s => s.Person, StringComparer.Ordinal).Select(s => (s.Person, s.Scheme)));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_LifecycleBundleProRata_StageTotalsWeightedByDays(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedT2Async(t);
        await using var db = t.Open();
        (await db.Organisations.SingleAsync()).ProRata = true;
        await db.SaveChangesAsync();

        var run = await new RunCalculation(db).RunAsync("2026-Q2");
        Assert.True(run.IsSuccess, string.Join("\n", run.Problems));
        var results = await ResultsAsync(db);

        // wu_gang: settle_hub is growth 1 Apr–30 Apr (30 days, 103.00) and mature 1 May–30 Jun (61 days, 96.25): (103 × 30 + 96.25 × 61) / 91
        var wu = Person(results, "wu_gang");
        Assert.Equal(("wu_gang", 98.4752747253m, "B", "crossborder-mature", ""), Summary(wu));
        Assert.Equal(
            [("crossborder-growth", 30, 103m), ("crossborder-mature", 61, 96.25m)],
            wu.GetProperty("pro_rata").GetProperty("parts").EnumerateArray().Select(p => (p.GetProperty("scheme").GetString(), p.GetProperty("days").GetInt32(), p.GetProperty("total").GetDecimal())));
        Assert.Equal(("zhou_min", 108.75m, "A", "crossborder-growth", "growth_bonus 33600.00, gmv_dividend 6000.00"), Summary(Person(results, "zhou_min")));
        var stored = await db.Scorecards.SingleAsync(s => s.RunId == run.Value.Run.Id && s.Person == "wu_gang");
        Assert.Equal((98.4752747253m, "B", "crossborder-mature"), (Math.Round(stored.Total, 10), stored.Grade, stored.Scheme));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_LifecycleBundle_PmWithoutProductOrStage_RefusedNamingThem(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedT2Async(t, Employees + "qian_qi,钱七,pm,\nli_si,李四,pm,new_port\n");

        await using var db = t.Open();
        var run = await new RunCalculation(db).RunAsync("2026-Q2");

        Assert.Equal(
        [
            "li_si: product 'new_port' of 'li_si' has no lifecycle stage; record its stage history (product, stage, from) before calculating 2026-Q2",
            "qian_qi: 'qian_qi' owns no product; under the lifecycle bundle crossborder-lifecycle a PM's scheme follows their product's stage, so give them a product",
        ], run.Problems.Select(p => p.ToString()));
        Assert.Equal(0, await db.Runs.CountAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_PmOwningTwoProducts_RefusedNamingThePmAndBothProducts(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedT2Async(t);
        await using var db = t.Open();
        // wu_gang (settle_hub) becomes a second owner of match_sea
        var products = await new ImportProducts(db).RunAsync(Input.File(_files.Write("p.csv", "product,name,owner,launch_date\nmatch_sea,Match SEA,zhou_min,2024-09-01\nmatch_sea,Match SEA,wu_gang,2024-09-01\n")));
        Assert.True(products.IsSuccess, string.Join("\n", products.Problems));

        var run = await new RunCalculation(db).RunAsync("2026-Q2");

        Assert.Equal(
        [
            "wu_gang: 'wu_gang' owns 2 products ('match_sea', 'settle_hub'); a PM may own at most one product in a period's evaluation, so remove them from the owners of all but one",
        ], run.Problems.Select(p => p.ToString()));
        Assert.Equal(0, await db.Runs.CountAsync());
    }
}
