using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Calculation;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.App.Ratings;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;
using Yardstick.Data;

namespace Yardstick.App.Tests;

/// <summary>360 campaigns and the organisation imports (teams, products, stages, events, awards), on SQLite and PostgreSQL.</summary>
public sealed class OrgAndRatingsTests : IDisposable
{
    private const string Employees = "person,name,manager,team\nzhang_wei,张伟,,mes\nli_na,李娜,zhang_wei,mes\nwang_fang,王芳,zhang_wei,mes\n";

    // sales [4, 5, 3] → 4; rd [5, 5, 4] → 14/3; customer_success [2, 4] → 3 (2 raters: hidden in the view)
    private const string Ratings = """
        campaign,ratee,rater,rater_group,question,score
        collaboration_rating,li_na,s1,sales,1,4
        collaboration_rating,li_na,s2,sales,1,5
        collaboration_rating,li_na,s3,sales,1,3
        collaboration_rating,li_na,r1,rd,1,5
        collaboration_rating,li_na,r2,rd,1,5
        collaboration_rating,li_na,r3,rd,1,4

        """;

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Template(string id) => SchemeJson.Write(TemplateCatalog.Find(id).Value.Document);

    private static decimal Actual(string json, string indicator) =>
        JsonDocument.Parse(json).RootElement.GetProperty("indicators").GetProperty(indicator).GetProperty("actual").GetDecimal();

    private async Task SeedAsync(TestDb t, string label, string schemeJson)
    {
        await using var db = t.Open();
        var opened = await new OpenPeriod(db).RunAsync(label, schemeJson);
        Assert.True(opened.IsSuccess, string.Join("\n", opened.Problems));
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", Employees)), null)).IsSuccess);
    }

    private string File(string name, string content) => _files.Write(name, content.Replace("        ", "", StringComparison.Ordinal));

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportRatings_CloseThenCalc_ActualIsMeanOfGroupMeans(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t, "2026-10", Template("saas-team-individual"));
        await using var db = t.Open();

        var imported = await new ImportRatings(db).RunAsync(Input.File(File("r.csv", Ratings)), "2026-10");
        Assert.True(imported.IsSuccess, string.Join("\n", imported.Problems));
        var open = await new RunCalculation(db).RunAsync("2026-10");
        Assert.True(open.IsSuccess, string.Join("\n", open.Problems));
        var before = await Stored.ResultAsync(db, "2026-10", "li_na");
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(before).RootElement.GetProperty("indicators").GetProperty("collaboration_rating").GetProperty("actual").ValueKind);

        Assert.True((await new CloseCampaign(db).RunAsync("2026-10", "collaboration_rating")).IsSuccess);
        var run = await new RunCalculation(db).RunAsync("2026-10");

        Assert.True(run.IsSuccess, string.Join("\n", run.Problems));
        var card = await Stored.ResultAsync(db, "2026-10", "li_na");
        Assert.Equal((4m + 14m / 3m) / 2m, Actual(card, "collaboration_rating"));
        Assert.Equal(4.333333m, Math.Round(Actual(card, "collaboration_rating"), 6));
        Assert.Equal((6, 6, 0), (imported.Value.Rows, await db.RatingResponses.CountAsync(), imported.Value.Replaced));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RateeView_TwoRaterGroup_OnlyOverallMeanShown(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t, "2026-10", Template("saas-team-individual"));
        await using var db = t.Open();
        var file = File("r.csv", Ratings + "collaboration_rating,li_na,c1,customer_success,1,2\ncollaboration_rating,li_na,c2,customer_success,1,4\ncollaboration_rating,li_na,c3,customer_success,1,4\n");
        Assert.True((await new ImportRatings(db).RunAsync(Input.File(file), "2026-10")).IsSuccess);
        // c3 moves to sales: customer_success keeps 2 raters [2, 4] → 3; sales [4, 5, 3, 4] → 4
        Assert.True((await new AddRaters(db).RunAsync("2026-10", "collaboration_rating", "li_na", [("c3", "sales")])).IsSuccess);
        Assert.Equal("the response has no answers", (await new RecordResponse(db).RunAsync("2026-10", "collaboration_rating", "li_na", "c3", [])).Problems.Single().Message.En);
        Assert.True((await new CloseCampaign(db).RunAsync("2026-10", "collaboration_rating")).IsSuccess);

        var views = await new ShowRatings(db).RunAsync("2026-10", "li_na");

        Assert.True(views.IsSuccess, string.Join("\n", views.Problems));
        var view = views.Value.Single().View!;
        Assert.Equal((4m + 14m / 3m + 3m) / 3m, view.Overall);
        // the hidden group holds 2 raters (< 3 together): not even rd and sales are shown apart, or c1 and c2 could be worked out
        Assert.Empty(view.Groups);
        Assert.Equal((true, 3), (view.OnlyOverall, view.HiddenGroups));
        Assert.Equal(9, views.Value.Single().Raters);
        Assert.DoesNotContain("c1", JsonSerializer.Serialize(views.Value), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Campaign_AfterClose_ResponsesAndImportRefused(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t, "2026-10", Template("saas-team-individual"));
        await using var db = t.Open("wang_hr");
        var created = await new CreateCampaign(db).RunAsync("2026-10", "oct-360", "collaboration_rating");
        Assert.True(created.IsSuccess, string.Join("\n", created.Problems));
        Assert.Equal("'csat' is not a rating indicator of scheme saas-team-individual; expected collaboration_rating",
            (await new CreateCampaign(db).RunAsync("2026-10", "x", "csat")).Problems.Single().Message.En);
        Assert.True((await new AddRaters(db).RunAsync("2026-10", "oct-360", "li_na", [("s1", "sales"), ("r1", "rd")])).IsSuccess);
        Assert.True((await new RecordResponse(db).RunAsync("2026-10", "oct-360", "li_na", "s1", [2m, 3m])).IsSuccess);
        t.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await new RecordResponse(db).RunAsync("2026-10", "oct-360", "li_na", "s1", [5m, 4m])).IsSuccess); // replaces
        Assert.Equal([5m, 4m], await db.RatingResponses.OrderBy(r => r.Question).Select(r => r.Score).ToListAsync());
        Assert.Equal("answer 6 is outside the scale; expected 1–5", (await new RecordResponse(db).RunAsync("2026-10", "oct-360", "li_na", "r1", [6m])).Problems.Single().Message.En);
        Assert.True((await new CloseCampaign(db).RunAsync("2026-10", "oct-360")).IsSuccess);

        var late = await new RecordResponse(db).RunAsync("2026-10", "oct-360", "li_na", "r1", [4m]);
        var file = File("late.csv", "campaign,ratee,rater,rater_group,question,score\noct-360,li_na,r1,rd,1,4\n");
        var import = await new ImportRatings(db).RunAsync(Input.File(file), "2026-10");

        Assert.Equal("oct-360: cannot record a response: the campaign was closed on 2026-11-03 02:05 UTC; its results are final", late.Problems.Single().ToString());
        Assert.Equal($"{file}:2:1: campaign 'oct-360' is closed; its responses are final and cannot be changed", import.Problems.Single().ToString());
        Assert.Equal(2, await db.RatingResponses.CountAsync());
        Assert.Equal("cannot close the campaign: the campaign was closed on 2026-11-03 02:05 UTC; its results are final", (await new CloseCampaign(db).RunAsync("2026-10", "oct-360")).Problems.Single().Message.En);
        var audit = await db.Audit.Where(a => a.Actor == "wang_hr").OrderBy(a => a.Id).Select(a => new { a.Entity, a.Action, a.EntityKey }).ToListAsync();
        Assert.Equal(
        [
            ("RatingCampaign", "create"), ("RatingRater", "create"), ("RatingRater", "create"),
            ("RatingRater", "update"), ("RatingRater", "update"), ("RatingCampaign", "update"),
        ], audit.Select(a => (a.Entity, a.Action)));
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse((await db.Audit.Where(a => a.Entity == "RatingCampaign").OrderBy(a => a.Id).LastAsync()).After!).RootElement.GetProperty("ClosedAt").ValueKind);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task OrgImports_BadRows_EveryProblemWithRowAndColumnAndNothingWritten(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t, "2026", Template("industrial-value"));
        await using var db = t.Open();
        Assert.True((await new ImportProducts(db).RunAsync(Input.File(File("p.csv", "product,name,owner,launch_date\nmes,MES,zhang_wei,2025-03-01\n")))).IsSuccess);
        var teams = File("t.csv", "team,name,member,share\nmes,MES,zhang_wei,0.7\nmes,MES,li_na,0.5\nmes,MES,ghost,\nmes,Other,zhang_wei,\n");
        var products = File("p2.csv", "product,name,owner,launch_date\nerp,ERP,nobody,2025-13-01\nerp,ERP,,\nerp,ERP Suite,zhang_wei,2025-04-01\nerp,ERP,zhang_wei,\n");
        var stages = File("s.csv", "product,stage,from\nmes,startup,2025-03-01\nmes,scaling,2025-09-01\ncrm,growth,2025/09/01\nmes,growth,2025-03-01\n");
        var events = File("ev.csv", "product,event,date\nmes,pilot_launched,2026-02-30\ncrm,demand_validated,2026-03-01\nmes,demand_validated,2025-12-31\n");
        var awards = File("a.csv", "rule,person,amount,equity_units,nominated_by,approved_by\ninnovation_award,li_na,150000,,zhang_wei,zhang_wei\nbonus,li_na,1,,zhang_wei,\ninnovation_award,ghost,90000,,zhang_wei,hr\ninnovation_award,li_na,100000.001,-1,,hr\n");

        var t1 = await new ImportTeams(db).RunAsync(Input.File(teams));
        var p1 = await new ImportProducts(db).RunAsync(Input.File(products));
        var s1 = await new ImportStages(db).RunAsync(Input.File(stages));
        var e1 = await new ImportEvents(db).RunAsync(Input.File(events), "2026");
        var a1 = await new ImportAwards(db).RunAsync(Input.File(awards), "2026");

        Assert.Equal(
        [
            $"{teams}:3:4: the shares of team 'mes' add up to 1.2 with this row; they may add up to at most 1",
            $"{teams}:4:3: 'ghost' is not an employee; import employees first",
            $"{teams}:5:2: team 'mes' is named 'MES' on line 2 and 'Other' here; give one name",
            $"{teams}:5:3: 'zhang_wei' is a member of 'mes' twice: lines 2 and 5; keep one",
        ], t1.Problems.Select(p => p.ToString()));
        Assert.Equal(
        [
            $"{products}:2:3: owner 'nobody' is not an employee; import employees first",
            $"{products}:2:4: '2025-13-01' is not a date; expected YYYY-MM-DD, such as 2026-02-14",
            $"{products}:3:3: owner is empty on a further row of product 'erp' (first on line 2); each further row names another owner",
            $"{products}:4:2: product 'erp' is named 'ERP' on line 2 and 'ERP Suite' here; give one name on every row of the product (a row per owner)",
            $"{products}:4:4: product 'erp' launches (no date) on line 2 and 2025-04-01 here; give one launch date on every row of the product (a row per owner)",
            $"{products}:5:3: duplicate owner 'zhang_wei' of product 'erp': lines 4 and 5; keep one",
        ], p1.Problems.Select(p => p.ToString()));
        Assert.Equal(
        [
            $"{stages}:3:2: unknown stage 'scaling'; expected startup, growth, mature, decline",
            $"{stages}:4:1: unknown product 'crm'; import products first",
            $"{stages}:4:3: '2025/09/01' is not a date; expected YYYY-MM-DD, such as 2026-02-14",
            $"{stages}:5:3: product 'mes' has two stages from 2025-03-01: lines 2 and 5; keep one",
        ], s1.Problems.Select(p => p.ToString()));
        Assert.Equal(
        [
            $"{events}:2:3: '2026-02-30' is not a date; expected YYYY-MM-DD, such as 2026-02-14",
            $"{events}:3:1: unknown product 'crm'; import products first",
            $"{events}:4:3: 2025-12-31 is outside 2026 (2026-01-01 to 2026-12-31); import the event for the period it happened in",
        ], e1.Problems.Select(p => p.ToString()));
        Assert.Equal(
        [
            $"{awards}:2:6: the approver must be a second person; zhang_wei both nominated and approved",
            $"{awards}:3:1: 'bonus' is not an award rule of scheme industrial-value; expected innovation_award",
            $"{awards}:4:2: 'ghost' is not an employee; import employees first",
            $"{awards}:4:3: amount 90000 is outside the range of innovation_award: 100000–200000",
            $"{awards}:5:3: 100000.001 has more than two decimals; awards are exact to the fen",
            $"{awards}:5:4: equity units -1 must not be negative",
            $"{awards}:5:5: nominated_by is empty; every row needs one",
        ], a1.Problems.Select(p => p.ToString()));
        Assert.Equal((1, 1, 0, 0, 0, 0), (await db.Products.CountAsync(), await db.ProductOwners.CountAsync(), await db.ProductStages.CountAsync(), await db.MilestoneEvents.CountAsync(), await db.Awards.CountAsync(), await db.Imports.CountAsync(i => i.Kind != ImportKinds.Employees && i.Kind != ImportKinds.Products)));
        Assert.Equal(3, await db.TeamMembers.CountAsync()); // from the employees import, untouched
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task OrgImports_SameKindTwice_ReplacesNeverDuplicates(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t, "2026", Template("industrial-value"));
        await using var db = t.Open("li_na");
        const string Teams = "team,name,member,share\nmes,MES,zhang_wei,0.6\nmes,MES,li_na,0.4\ncrm,CRM,wang_fang,\n";
        const string Stages = "product,stage,from\nmes,startup,2025-03-01\nmes,growth,2025-09-01\n";
        const string Awards = "rule,person,amount,equity_units,nominated_by,approved_by\ninnovation_award,li_na,150000,10,zhang_wei,wang_fang\n";
        Assert.True((await new ImportProducts(db).RunAsync(Input.File(File("p.csv", "product,name,owner,launch_date\nmes,MES,zhang_wei,2025-03-01\n")))).IsSuccess);
        Assert.True((await new ImportTeams(db).RunAsync(Input.File(File("t.csv", Teams)))).IsSuccess);
        Assert.True((await new ImportStages(db).RunAsync(Input.File(File("s.csv", Stages)))).IsSuccess);
        Assert.True((await new ImportEvents(db).RunAsync(Input.File(File("ev.csv", "product,event,date\nmes,pilot_launched,2026-02-14\n")), "2026")).IsSuccess);
        Assert.True((await new ImportAwards(db).RunAsync(Input.File(File("a.csv", Awards)), "2026")).IsSuccess);

        var products = await new ImportProducts(db).RunAsync(Input.File(File("p.csv", "product,name,owner,launch_date\nmes,MES Cloud,li_na,2025-04-01\nmes,MES Cloud,wang_fang,2025-04-01\n")));
        var teams = await new ImportTeams(db).RunAsync(Input.File(File("t.csv", Teams.Replace("0.6", "0.5", StringComparison.Ordinal))));
        var stages = await new ImportStages(db).RunAsync(Input.File(File("s.csv", Stages + "mes,mature,2026-06-01\n")));
        var events = await new ImportEvents(db).RunAsync(Input.File(File("ev.csv", "product,event,date\nmes,pilot_launched,2026-02-15\n")), "2026");
        var awards = await new ImportAwards(db).RunAsync(Input.File(File("a.csv", Awards.Replace("150000", "160000", StringComparison.Ordinal))), "2026");

        Assert.Equal([1, 3, 2, 1, 1], new[] { products, teams, stages, events, awards }.Select(r => r.Value.Replaced));
        var mes = await db.Products.SingleAsync();
        Assert.Equal(("MES Cloud", new DateOnly(2025, 4, 1)), (mes.Name, mes.LaunchDate));
        // the file's owners replace the product's: zhang_wei is no longer one
        Assert.Equal([("mes", "li_na"), ("mes", "wang_fang")],
            (await db.ProductOwners.ToListAsync()).OrderBy(o => o.EmployeeId, StringComparer.Ordinal).Select(o => (o.ProductId, o.EmployeeId)));
        Assert.Equal([("crm", "wang_fang", null), ("mes", "li_na", 0.4m), ("mes", "zhang_wei", 0.5m)],
            (await db.TeamMembers.ToListAsync()).OrderBy(m => m.TeamId).ThenBy(m => m.EmployeeId).Select(m => (m.TeamId, m.EmployeeId, m.Share)));
        Assert.Equal(["startup", "growth", "mature"], (await db.ProductStages.ToListAsync()).OrderBy(s => s.From).Select(s => s.Stage));
        Assert.Equal(new DateOnly(2026, 2, 15), (await db.MilestoneEvents.SingleAsync()).Date);
        var award = await db.Awards.SingleAsync();
        Assert.Equal((16000000L, 10m), (award.AmountMinor, award.EquityUnits));
        var imports = await db.Imports.Where(i => i.Kind == ImportKinds.Awards).OrderBy(i => i.Id).ToListAsync();
        Assert.Equal([(false, 1, "li_na"), (true, 1, "li_na")], imports.Select(i => (i.IsCurrent, i.Rows, i.Author)));
        Assert.Equal(64, imports[1].FileHash.Length);
        // one audit entry per import, none per row
        var audit = await db.Audit.Where(a => a.Actor == "li_na").Select(a => a.Entity).ToListAsync();
        Assert.Equal(Enumerable.Repeat("ImportRecord", 10), audit);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_ApprovedAwardInYearlyRun_PaysItsLine(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t, "2026", Template("industrial-value"));
        await using var db = t.Open();
        var awards = File("a.csv", "rule,person,amount,equity_units,nominated_by,approved_by\ninnovation_award,li_na,150000.50,10,zhang_wei,wang_fang\ninnovation_award,zhang_wei,120000,,wang_fang,\n");
        Assert.True((await new ImportAwards(db).RunAsync(Input.File(awards), "2026")).IsSuccess);

        var run = await new RunCalculation(db).RunAsync("2026");

        Assert.True(run.IsSuccess, string.Join("\n", run.Problems));
        var line = await db.PayoutLines.SingleAsync(l => l.RunId == run.Value.Run.Id && l.Rule == "innovation_award");
        Assert.Equal(("li_na", "award", 15000050L), (line.Person, line.Kind, line.AmountMinor));
        Assert.Contains("nominated by zhang_wei, approved by wang_fang", await Stored.TraceAsync(db, "2026", "li_na", "innovation_award"), StringComparison.Ordinal);
        Assert.Contains("zhang_wei: innovation_award nominated by wang_fang awaits approval; not paid", run.Value.Notices.Select(n => n.En));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Calc_MilestoneEventInStartupQuarter_PaysTheProductOwner(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var startup = SchemeJson.Write(TemplateCatalog.Find("crossborder-lifecycle").Value.Document.Schemes.Single(s => s.Id == "crossborder-startup"));
        await SeedAsync(t, "2026-Q1", startup);
        await using var db = t.Open();
        Assert.True((await new ImportProducts(db).RunAsync(Input.File(File("p.csv", "product,name,owner,launch_date\nxb,Cross-border,li_na,2026-01-05\n")))).IsSuccess);
        Assert.True((await new ImportStages(db).RunAsync(Input.File(File("s.csv", "product,stage,from\nxb,startup,2026-01-05\n")))).IsSuccess);
        Assert.True((await new ImportEvents(db).RunAsync(Input.File(File("ev.csv", "product,event,date\nxb,demand_validated,2026-02-14\n")), "2026-Q1")).IsSuccess);

        var run = await new RunCalculation(db).RunAsync("2026-Q1");

        Assert.True(run.IsSuccess, string.Join("\n", run.Problems));
        var line = await db.PayoutLines.SingleAsync(l => l.RunId == run.Value.Run.Id);
        Assert.Equal(("li_na", "validation_subsidy", "milestone", 5000000L), (line.Person, line.Rule, line.Kind, line.AmountMinor));
        Assert.Contains("product xb recorded demand_validated on 2026-02-14", await Stored.TraceAsync(db, "2026-Q1", "li_na", "validation_subsidy"), StringComparison.Ordinal);
    }
}
