using Yardstick.App.Periods;
using Yardstick.App.Schemes;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;

namespace Yardstick.App.Tests.Schemes;

/// <summary>The scheme library and its check (the editor, the API and <c>scheme validate</c> share them).</summary>
public sealed class SchemeLibraryTests
{
    private static SchemeDocument T1 => TemplateCatalog.Find("industrial-value").Value.Document;

    [Fact]
    public void Check_IndicatorWeightMovedOutOfItsGroup_TheGroupSumAndTheMessageOfSchemeValidate()
    {
        var indicator = T1.Schemes[0].Indicators().First();
        var json = SchemeJson.Write(SchemeCheck.With(T1, "industrial-value", indicator.Code, weight: indicator.Weight + 0.05m));

        var check = SchemeCheck.Run(json, "t1.json");

        Assert.False(check.IsValid);
        Assert.Empty(check.Schemes);
        var problem = Assert.Single(check.Problems, p => p.Message.En.Contains("sum to", StringComparison.Ordinal) && p.Message.En.Contains("group", StringComparison.Ordinal));
        Assert.StartsWith("t1.json: ", problem.Where.ToString(), StringComparison.Ordinal);
        var group = check.Tree.Single(l => l.IsGroup && l.Depth >= 0 && !l.Balanced);
        Assert.Equal(group.Weight + 0.05m, group.ChildrenSum);
        Assert.Contains($"group '{group.Code}'", problem.Message.En, StringComparison.Ordinal);
        // the root line: the top level still sums to 1.00
        Assert.True(check.Tree.Single(l => l.Depth < 0).Balanced);
    }

    [Fact]
    public void Check_TemplateAsWritten_IsValidWithItsWholeTree()
    {
        var check = SchemeCheck.Run(SchemeJson.Write(T1), "t1.json");

        Assert.True(check.IsValid, string.Join("\n", check.Problems));
        Assert.Equal(T1.Schemes[0].AllNodes().Count() + 1, check.Tree.Count);
        Assert.All(check.Tree, l => Assert.True(l.Balanced));
        Assert.Equal(T1.Schemes[0].Indicators().Count(), Assert.Single(check.Schemes).Indicators.Length);
    }

    [Fact]
    public void Check_NotJson_ProblemAtTheFileAndNoTree()
    {
        var check = SchemeCheck.Run("{ \"id\": ", "broken.json");

        Assert.Null(check.Document);
        Assert.Empty(check.Tree);
        Assert.Equal("broken.json", Assert.Single(check.Problems).Where.File);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Save_UnusedThenUsedByAPeriod_ReplacesThenMakesTheNextVersionAndTheSameTextChangesNothing(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        var library = new SchemeLibrary(db);
        var t1 = SchemeJson.Write(T1);
        var indicators = T1.Schemes[0].Indicators().Take(2).ToList();
        // a weight moved between two indicators of one group keeps every sum
        var edited = SchemeJson.Write(SchemeCheck.With(SchemeCheck.With(T1, "industrial-value", indicators[0].Code, weight: indicators[0].Weight + 0.05m), "industrial-value", indicators[1].Code, weight: indicators[1].Weight - 0.05m));
        Assert.True(SchemeCheck.Run(edited, "e").IsValid, string.Join("\n", SchemeCheck.Run(edited, "e").Problems));

        Assert.Equal(new SavedScheme("industrial-value", 1, "created"), (await library.SaveAsync(t1)).Value);
        Assert.Equal(new SavedScheme("industrial-value", 1, "unchanged"), (await library.SaveAsync(t1)).Value);
        Assert.Equal(new SavedScheme("industrial-value", 1, "replaced"), (await library.SaveAsync(edited)).Value);
        Assert.True((await new OpenPeriod(db).RunAsync("2026-10", "industrial-value", 1)).IsSuccess);
        Assert.Equal(new SavedScheme("industrial-value", 2, "created"), (await library.SaveAsync(t1)).Value);

        // v2 read back (renumbered) and saved again is the same text
        var v2 = (await library.GetAsync("industrial-value", 2)).Value;
        Assert.Equal([2, 1], v2.Versions);
        Assert.Contains("\"version\": 2", v2.Json, StringComparison.Ordinal);
        Assert.Equal(new SavedScheme("industrial-value", 2, "unchanged"), (await library.SaveAsync(v2.Json)).Value);
        var gallery = (await library.ListAsync()).Value;
        Assert.Equal(["industrial-value v2", "industrial-value v1"], gallery.Saved.Select(s => $"{s.Code} v{s.Version}"));
        Assert.Equal(["2026-10"], gallery.Saved[1].Periods);
        Assert.Empty(gallery.Saved[0].Periods);
        Assert.Equal(TemplateCatalog.List().Select(x => x.Id), gallery.Templates.Select(x => x.Id));
        Assert.All(gallery.Templates, x => Assert.NotEqual(x.Name, x.Story));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Save_WeightError_RefusedWithTheProblemAndNothingStored(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        var indicator = T1.Schemes[0].Indicators().First();

        var saved = await new SchemeLibrary(db).SaveAsync(SchemeJson.Write(SchemeCheck.With(T1, "industrial-value", indicator.Code, weight: 0.9m)), "t1.json");

        Assert.False(saved.IsSuccess);
        Assert.All(saved.Problems, p => Assert.StartsWith("t1.json", p.Where.ToString(), StringComparison.Ordinal));
        Assert.Empty((await new SchemeLibrary(db).ListAsync()).Value.Saved);
        Assert.False((await new OpenPeriod(db).RunAsync("2026-10", "industrial-value", 1)).IsSuccess);
    }
}
