using Microsoft.EntityFrameworkCore;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;

namespace Yardstick.App.Tests;

/// <summary>Imports refuse what storage or arithmetic cannot hold, at the cell it is in, the same on SQLite and PostgreSQL (issue 8).</summary>
public sealed class InputHygieneTests : IDisposable
{
    private const string Employees = "person,name,manager,team\nzhang_wei,张伟,,mes\nli_na,李娜,zhang_wei,mes\n";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Template(string id) => SchemeJson.Write(TemplateCatalog.Find(id).Value.Document);

    private async Task SeedAsync(TestDb t)
    {
        await using var db = t.Open();
        Assert.True((await new OpenPeriod(db).RunAsync("2026-10", Template("industrial-value"))).IsSuccess);
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", Employees)), "2026-10")).IsSuccess);
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
}
