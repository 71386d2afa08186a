using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Yardstick.App.Calculation;
using Yardstick.App.Imports;
using Yardstick.App.Organisations;
using Yardstick.App.Periods;
using Yardstick.App.Waivers;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;
using Yardstick.Data;

namespace Yardstick.App.Tests;

/// <summary>Imports refuse what storage or arithmetic cannot hold, at the cell it is in, the same on SQLite and PostgreSQL (issue 8).</summary>
public sealed class InputHygieneTests : IDisposable
{
    private const string Employees = "person,name,manager,team\nzhang_wei,张伟,,mes\nli_na,李娜,zhang_wei,mes\n";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Template(string id) => SchemeJson.Write(TemplateCatalog.Find(id).Value.Document);

    private async Task SeedAsync(TestDb t, string label = "2026-10")
    {
        await using var db = t.Open();
        Assert.True((await new OpenPeriod(db).RunAsync(label, Template("industrial-value"))).IsSuccess);
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", Employees)), label)).IsSuccess);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportEmployees_LongIdLongNameOrControlCharacter_LocatedAndNothingWritten(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var longId = new string('a', 65);
        var longName = new string('名', 201);
        var file = _files.Write("e.csv", $"person,name,team\n{longId},张伟,mes\nli_na,{longName},mes\nwang\0fang,王芳,mes\nzhao_lei,赵磊,{new string('t', 64)}\n");

        await using var db = t.Open();
        var result = await new ImportEmployees(db).RunAsync(Input.File(file), null);

        Assert.Equal(
        [
            $"{file}:2:1: person 'aaaaaaaaaaaaaaaaaaaa…' has 65 characters; an id has at most 64",
            $"{file}:3:2: name '{new string('名', 20)}…' has 201 characters; a name has at most 200",
            $"{file}:4:1: person has a control character (U+0000) at character 5; an id may not hold control characters (NUL, tab, line break)",
        ], result.Problems.Select(p => p.ToString()));
        Assert.Equal(0, await db.Employees.CountAsync());
        Assert.Equal(0, await db.Imports.CountAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportProductsAndEvents_BadIdsAndNames_LocatedInEveryColumn(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using var db = t.Open();
        var products = _files.Write("p.csv", $"product,name,owner,launch_date\nmes\u0007,MES,zhang_wei,\nerp,{new string('n', 201)},zhang_wei,\n");
        var events = _files.Write("ev.csv", $"product,event,date\nmes,{new string('e', 65)},2026-10-02\n");

        var p = await new ImportProducts(db).RunAsync(Input.File(products));
        var e = await new ImportEvents(db).RunAsync(Input.File(events), "2026-10");

        Assert.Equal([$"{products}:2:1", $"{products}:3:2"], p.Problems.Select(x => x.Where.ToString()));
        Assert.Contains("control character (U+0007) at character 4", p.Problems[0].Message.En, StringComparison.Ordinal);
        Assert.Equal($"{events}:2:2: event 'eeeeeeeeeeeeeeeeeeee…' has 65 characters; an id has at most 64", e.Problems.Single().ToString());
        Assert.Equal(0, await db.Products.CountAsync());
        Assert.Equal(0, await db.MilestoneEvents.CountAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportSalariesAndAwards_AmountsBeyondMoney_RefusedAtTheCell(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t, "2026");
        await using var db = t.Open();
        var salaries = _files.Write("s.csv", "person,base_salary,effective_from\nzhang_wei,100000000000000000000,2026-01-01\nli_na,92233720368547758.08,2026-01-01\nli_na,1000000000000,2026-02-01\n");
        var awards = _files.Write("a.csv", "rule,person,amount,equity_units,nominated_by,approved_by\ninnovation_award,li_na,99999999999999999999999999,,zhang_wei,hr\ninnovation_award,zhang_wei,100000,10000000000000000,li_na,hr\n");

        var s = await new ImportSalaries(db).RunAsync(Input.File(salaries), null);
        var a = await new ImportAwards(db).RunAsync(Input.File(awards), "2026");

        Assert.Equal(
        [
            $"{salaries}:2:2: 100000000000000000000 is too large; numbers up to 1000000000000 in absolute value are accepted",
            $"{salaries}:3:2: 92233720368547758.08 is too large; numbers up to 1000000000000 in absolute value are accepted",
        ], s.Problems.Select(p => p.ToString()));
        Assert.Equal(
        [
            $"{awards}:2:3: 999999999999999999999999… is too large; numbers up to 1000000000000 in absolute value are accepted",
            $"{awards}:3:4: 10000000000000000 is too large; numbers up to 1000000000000000 in absolute value are accepted",
        ], a.Problems.Select(p => p.ToString()));
        Assert.Equal(0, await db.Salaries.CountAsync());
        Assert.Equal(0, await db.Awards.CountAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportActuals_MeasureOrActualBeyondTheLimit_RefusedSoCalcRuns(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using var db = t.Open();
        Assert.True((await new ImportProducts(db).RunAsync(Input.File(_files.Write("p.csv", "product,name,owner,launch_date\nmes,MES,zhang_wei,2025-03-01\n")))).IsSuccess);
        var file = _files.Write("a.csv", "person,indicator,value\nproduct:mes,revenue,2000000000000000000\nzhang_wei,innovation_reserve,-1000000000000001\nzhang_wei,csat,4.5\n");

        var result = await new ImportActuals(db).RunAsync(Input.File(file), "2026-10");

        Assert.Equal(
        [
            $"{file}:2:3: 2000000000000000000 is too large; numbers up to 1000000000000000 in absolute value are accepted",
            $"{file}:3:3: -1000000000000001 is too large; numbers up to 1000000000000000 in absolute value are accepted",
        ], result.Problems.Select(p => p.ToString()));
        Assert.Equal(0, await db.Actuals.CountAsync());
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportActuals_XlsxCellsOfNaNOr1e300_RefusedAtTheCellNotACrash(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using var db = t.Open();
        var path = Path.Combine(Path.GetDirectoryName(_files.Write("x", ""))!, "a.xlsx");
        object[][] cells = [["person", "indicator", "value"], ["zhang_wei", "csat", 1e300], ["zhang_wei", "renewal_rate", double.NaN], ["zhang_wei", "defect_rate", 0.008]];
        MiniExcel.SaveAs(path, cells.Select(r => new Dictionary<string, object> { ["A"] = r[0], ["B"] = r[1], ["C"] = r[2] }), printHeader: false);

        var result = await new ImportActuals(db).RunAsync(Input.File(path), "2026-10");

        Assert.Equal(
        [
            $"{path}:2:3: 1E+300 is too large; numbers up to 1000000000000000 in absolute value are accepted",
            $"{path}:3:3: 'NaN' is not a number; expected a decimal with '.' such as 0.85 or 85%",
        ], result.Problems.Select(p => p.ToString()));
        Assert.Equal(0, await db.Actuals.CountAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite", 2147483647)]
    [InlineData("postgres", 50000000)]
    [InlineData("sqlite", 0)]
    public async Task ConfigureOrganisation_SolutionHoursOutsideAYear_RefusedAndUnchanged(string provider, int hours)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();

        var result = await new ConfigureOrganisation(db).RunAsync(new OrganisationChange(SolutionHours: hours));

        Assert.Equal($"solution_limit: the solution limit of {hours} hours is out of range; expected 1–8760 hours (at most a year)", result.Problems.Single().ToString());
        Assert.Equal(72, (await ConfigureOrganisation.GetAsync(t.Open(), default)).SolutionLimitHours);
        Assert.True((await new ConfigureOrganisation(db).RunAsync(new OrganisationChange(SolutionHours: 8760))).IsSuccess);
    }

    private async Task<Dictionary<string, decimal>> ActualsAsync(TestDb t)
    {
        await using var db = t.Open();
        return await db.Actuals.OrderBy(a => a.Id).ToDictionaryAsync(a => a.ScopeId + "/" + a.Indicator, a => a.Value);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportActuals_OnePersonsFile_MergesCellByCellAndReportsWhatChanged(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using (var db = t.Open())
            Assert.True((await new ImportActuals(db).RunAsync(Input.File(_files.Write("a.csv", "person,indicator,value\nzhang_wei,csat,4.5\nzhang_wei,renewal_rate,0.88\nli_na,csat,4.0\n")), "2026-10", scope: "li")).IsSuccess);

        await using var again = t.Open("wang_hr");
        // one person's file, no scope: li_na's values stay; a cell of scope "li" is changed, not refused
        var merged = await new ImportActuals(again).RunAsync(Input.File(_files.Write("zw.csv", "person,indicator,value\nzhang_wei,csat,4.6\nzhang_wei,renewal_rate,0.88\nzhang_wei,defect_rate,0.008\n")), "2026-10");

        Assert.True(merged.IsSuccess, string.Join("\n", merged.Problems));
        var m = merged.Value.Merge!;
        Assert.Equal((1, 1, 1, 0), (m.Added, m.Changed, m.Unchanged, m.Removed));
        Assert.Equal([("a.csv", "li", 1)], m.Earlier.Select(e => (e.Import.FileName, e.Import.Scope, e.Values)));
        Assert.Equal(new Dictionary<string, decimal> { ["zhang_wei/renewal_rate"] = 0.88m, ["li_na/csat"] = 4.0m, ["zhang_wei/csat"] = 4.6m, ["zhang_wei/defect_rate"] = 0.008m }, await ActualsAsync(t));
        Assert.Equal((3, 1), (merged.Value.Import.Rows, merged.Value.Import.Replaced));
        var changedBy = await again.Actuals.SingleAsync(a => a.ScopeId == "zhang_wei" && a.Indicator == "csat");
        Assert.Equal(("wang_hr", merged.Value.Import.Id), (changedBy.Author, changedBy.ImportId));
        Assert.True((await again.Imports.Where(i => i.Kind == ImportKinds.Actuals).ToListAsync()).All(i => i.IsCurrent));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportActuals_Replace_FileBecomesTheWholeSetOfThePeriodOrOfTheScope(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using var db = t.Open();
        Assert.True((await new ImportActuals(db).RunAsync(Input.File(_files.Write("all.csv", "person,indicator,value\nzhang_wei,csat,4.5\nzhang_wei,renewal_rate,0.88\n")), "2026-10")).IsSuccess);
        Assert.True((await new ImportActuals(db).RunAsync(Input.File(_files.Write("li.csv", "person,indicator,value\nli_na,csat,4.0\nli_na,renewal_rate,0.7\n")), "2026-10", scope: "li")).IsSuccess);
        var header = _files.Write("empty.csv", "person,indicator,value\n");

        // without --replace a header alone is refused, as before
        Assert.Equal($"{header}:2:1: the file has a header but no rows; add at least one row of person,indicator,value", (await new ImportActuals(db).RunAsync(Input.File(header), "2026-10", scope: "li")).Problems.Single().ToString());
        // the scope imported by mistake is emptied; the other scope's cells stay
        var emptied = await new ImportActuals(db).RunAsync(Input.File(header), "2026-10", "li", replace: true);
        Assert.Equal((0, 0, 0, 2), (emptied.Value.Merge!.Added, emptied.Value.Merge.Changed, emptied.Value.Merge.Unchanged, emptied.Value.Merge.Removed));
        Assert.Equal(new Dictionary<string, decimal> { ["zhang_wei/csat"] = 4.5m, ["zhang_wei/renewal_rate"] = 0.88m }, await ActualsAsync(t));
        Assert.Equal([true, false, true], await db.Imports.Where(i => i.Kind == ImportKinds.Actuals).OrderBy(i => i.Id).Select(i => i.IsCurrent).ToListAsync());

        // --replace without a scope: the file is the whole set of the period
        var whole = await new ImportActuals(db).RunAsync(Input.File(_files.Write("w.csv", "person,indicator,value\nli_na,csat,3.5\nzhang_wei,csat,4.5\n")), "2026-10", "all", replace: true);
        Assert.Equal((1, 0, 1, 1), (whole.Value.Merge!.Added, whole.Value.Merge.Changed, whole.Value.Merge.Unchanged, whole.Value.Merge.Removed));
        Assert.Equal(new Dictionary<string, decimal> { ["zhang_wei/csat"] = 4.5m, ["li_na/csat"] = 3.5m }, await ActualsAsync(t));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Waive_EveryIndicatorOfAPerson_LastWaiverRefusedAndCalcStillRuns(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using var db = t.Open();
        string[] codes = ["renewal_rate", "csat", "issue_closure_rate", "revenue_yoy_growth", "new_industry_cases", "defect_rate", "core_feature_usage", "rd_utilization", "sales_support_rating", "roadmap_completion"];
        foreach (var code in codes)
            Assert.True((await new WaiveIndicator(db).RunAsync("2026-10", "li_na", code, "on leave")).IsSuccess);

        var last = await new WaiveIndicator(db).RunAsync("2026-10", "li_na", "innovation_reserve", "on leave");

        Assert.Equal("indicator: waiving 'innovation_reserve' would waive every indicator of 'li_na' in industrial-value; at least one must remain (remove another waiver first)", last.Problems.Single().ToString());
        Assert.Equal(10, await db.Waivers.CountAsync());
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RemoveWaiver_WithReason_DeletedAndAuditedWithBothReasons(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using (var db = t.Open())
            Assert.True((await new WaiveIndicator(db).RunAsync("2026-10", "li_na", "csat", "on leave")).IsSuccess);

        await using var hr = t.Open("wang_hr");
        Assert.Equal(["reason"], (await new RemoveWaiver(hr).RunAsync("2026-10", "li_na", "csat", " ")).Problems.Select(p => p.Where.ToString()));
        Assert.Equal("indicator: 'li_na' has no waiver of 'defect_rate' in 2026-10", (await new RemoveWaiver(hr).RunAsync("2026-10", "li_na", "defect_rate", "typo")).Problems.Single().ToString());
        var removed = await new RemoveWaiver(hr).RunAsync("2026-10", "li_na", "csat", "back from leave");

        Assert.True(removed.IsSuccess, string.Join("\n", removed.Problems));
        Assert.Equal(0, await hr.Waivers.CountAsync());
        var entry = await hr.Audit.Where(a => a.Entity == "Waiver").OrderBy(a => a.Id).LastAsync();
        Assert.Equal(("wang_hr", "delete"), (entry.Actor, entry.Action));
        Assert.Equal("on leave", System.Text.Json.JsonDocument.Parse(entry.Before!).RootElement.GetProperty("Reason").GetString());
        Assert.Equal("back from leave", System.Text.Json.JsonDocument.Parse(entry.After!).RootElement.GetProperty("Reason").GetString());
        Assert.True((await new WaiveIndicator(hr).RunAsync("2026-10", "li_na", "csat", "on leave again")).IsSuccess);
    }

    private static System.Text.Json.JsonElement[] ImportBefore(AuditEntry entry) =>
        [.. System.Text.Json.JsonDocument.Parse(entry.Before ?? "[]").RootElement.EnumerateArray()];

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task OrganisationImports_ReImport_TheImportsAuditEntryKeepsWhatEachChangedEntityWas(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using var db = t.Open();
        Assert.True((await new ImportSalaries(db).RunAsync(Input.File(_files.Write("s1.csv", "person,base_salary,effective_from\nzhang_wei,28000.50,2026-01-01\nli_na,20000,2026-01-01\n")), null)).IsSuccess);
        Assert.True((await new ImportProducts(db).RunAsync(Input.File(_files.Write("p1.csv", "product,name,owner,launch_date\nmes,MES,zhang_wei,2025-03-01\n")))).IsSuccess);

        Assert.True((await new ImportSalaries(db).RunAsync(Input.File(_files.Write("s2.csv", "person,base_salary,effective_from\nzhang_wei,29000,2026-01-01\nli_na,20000,2026-01-01\n")), null)).IsSuccess);
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e2.csv", Employees.Replace("李娜", "李娜娜", StringComparison.Ordinal))), null)).IsSuccess);
        Assert.True((await new ImportProducts(db).RunAsync(Input.File(_files.Write("p2.csv", "product,name,owner,launch_date\nmes,MES Platform,li_na,2025-03-01\n")))).IsSuccess);

        var audit = await db.Audit.Where(a => a.Entity == "ImportRecord").ToDictionaryAsync(a => a.EntityKey);
        // li_na's salary is the same amount again: no change, nothing to keep
        var salary = Assert.Single(ImportBefore(audit["salaries:s2.csv"]));
        Assert.Equal(("SalaryRecord", "zhang_wei@2026-01-01", "update", 2800050L),
            (salary.GetProperty("Entity").GetString(), salary.GetProperty("EntityKey").GetString(), salary.GetProperty("Action").GetString(), salary.GetProperty("Before").GetProperty("AmountMinor").GetInt64()));
        var employees = ImportBefore(audit["employees:e2.csv"]).Where(e => e.GetProperty("Entity").GetString() == "Employee").ToList();
        Assert.Equal("李娜", Assert.Single(employees).GetProperty("Before").GetProperty("Name").GetString());
        var products = ImportBefore(audit["products:p2.csv"]).Select(e => (e.GetProperty("Entity").GetString(), e.GetProperty("EntityKey").GetString(), e.GetProperty("Action").GetString())).ToList();
        Assert.Equal([("ProductOwner", "mes/zhang_wei", "delete"), ("Product", "mes", "update")], products);
        Assert.Equal("MES", ImportBefore(audit["products:p2.csv"])[1].GetProperty("Before").GetProperty("Name").GetString());
        Assert.Null(audit["salaries:s1.csv"].Before);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportSalaries_ChangeDatedInsideALockedPeriod_RefusedNamingThePeriod(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        Assert.True((await new OpenPeriod(db).RunAsync("2026-10", Template("industrial-value"))).IsSuccess);
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", "person,name\nzhang_wei,张伟\n")), null)).IsSuccess);
        var salaries = "person,base_salary,effective_from\nzhang_wei,30000,2026-10-01\n";
        Assert.True((await new ImportSalaries(db).RunAsync(Input.File(_files.Write("s.csv", salaries)), null)).IsSuccess);
        Assert.True((await new ImportActuals(db).RunAsync(Input.File(_files.Write("a.csv", "person,indicator,value\nzhang_wei,renewal_rate,0.88\nzhang_wei,csat,4.5\nzhang_wei,issue_closure_rate,0.93\nzhang_wei,revenue_yoy_growth,0.25\nzhang_wei,new_industry_cases,2\nzhang_wei,defect_rate,0.008\nzhang_wei,core_feature_usage,0.55\nzhang_wei,rd_utilization,0.80\nzhang_wei,sales_support_rating,4.2\nzhang_wei,roadmap_completion,0.70\nzhang_wei,innovation_reserve,3.5\n")), "2026-10")).IsSuccess);
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
        Assert.True((await new StartReview(db).RunAsync("2026-10")).IsSuccess);
        Assert.True((await t.ApproveAsync("2026-10")).IsSuccess);
        Assert.True((await new PublishPeriod(db).RunAsync("2026-10")).IsSuccess);
        Assert.True((await new LockPeriod(db).RunAsync("2026-10")).IsSuccess);
        var changed = _files.Write("s2.csv", "person,base_salary,effective_from\nzhang_wei,31000,2026-10-01\nzhang_wei,32000,2026-10-15\nzhang_wei,33000,2026-11-01\n");

        var result = await new ImportSalaries(db).RunAsync(Input.File(changed), null);

        Assert.Equal(
        [
            $"{changed}:2:3: 2026-10-01 is inside period 2026-10, which is locked; its pay is final, so date the change after 2026-10",
            $"{changed}:3:3: 2026-10-15 is inside period 2026-10, which is locked; its pay is final, so date the change after 2026-10",
        ], result.Problems.Select(p => p.ToString()));
        Assert.Equal(ProblemKind.Conflict, result.Problems[0].Kind);
        Assert.Equal([3000000L], await db.Salaries.Select(s => s.AmountMinor).ToListAsync());
        // the same salary again changes nothing, so it is accepted
        Assert.True((await new ImportSalaries(db).RunAsync(Input.File(_files.Write("s3.csv", salaries + "zhang_wei,33000,2026-11-01\n")), null)).IsSuccess);
    }
}
