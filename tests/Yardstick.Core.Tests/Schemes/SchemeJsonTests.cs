using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using Yardstick.Core.Templates;

namespace Yardstick.Core.Tests.Schemes;

/// <summary>Scheme files: round trip, and precise errors for bad files.</summary>
public class SchemeJsonTests
{
    [Theory]
    [InlineData("industrial-value")]
    [InlineData("crossborder-lifecycle")]
    [InlineData("saas-team-individual")]
    public void WriteThenParse_Template_RoundTrips(string id)
    {
        var doc = TemplateCatalog.Find(id).Value.Document;
        var json = SchemeJson.Write(doc);
        var again = SchemeJson.Parse(json, "x.json").Value;
        Assert.Equal(doc.IsBundle, again.IsBundle);
        Assert.Equal(json, SchemeJson.Write(again));
        foreach (var (a, b) in doc.Schemes.Zip(again.Schemes))
            Assert.Equal(a.Indicators().Select(i => (i.Code, i.Weight, i.Target, i.Ytd, i.Source)), b.Indicators().Select(i => (i.Code, i.Weight, i.Target, i.Ytd, i.Source)));
        Assert.Contains("核心", SchemeJson.Write(TemplateCatalog.Find("industrial-value").Value.Document), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SyntaxError_NamesLineAndColumn()
    {
        var r = SchemeJson.Parse("{\n  \"id\": \"x\",\n  \"tree\": [ }\n", "bad.json");
        var p = Assert.Single(r.Problems);
        Assert.StartsWith("bad.json:3:", p.Where.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("duplicate", "s.json:1:")]
    [InlineData("comment", "s.json:1:")]
    [InlineData("trailing comma", "s.json:1:")]
    public void Parse_NotStrictJson_RefusedAtItsLine(string what, string at)
    {
        // each was accepted silently: a duplicate key's first value was lost, a comment or a trailing comma hid an edit
        var json = what switch
        {
            "duplicate" => """{"id":"x","id":"y","name":{"zh-CN":"x","en":"x"},"period":"month","tree":[]}""",
            "comment" => """{"id":"x", /* who */ "name":{"zh-CN":"x","en":"x"},"period":"month","tree":[]}""",
            _ => """{"id":"x","name":{"zh-CN":"x","en":"x"},"period":"month","tree":[],}""",
        };

        var r = SchemeJson.Parse(json, "s.json");

        var p = Assert.Single(r.Problems);
        Assert.StartsWith(at, p.Where.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", p.Message.En, StringComparison.Ordinal);
        Assert.DoesNotContain("Yardstick.", p.Message.En, StringComparison.Ordinal);
        if (what == "duplicate")
            Assert.Contains("'id'", p.Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SchemeOfAHundredMegabytes_RefusedBeforeParsing()
    {
        var json = "{\"id\":\"x\",\"note\":\"" + new string(' ', 100_000_000) + "\"}";

        var r = SchemeJson.Parse(json, "big.json");

        Assert.Equal("big.json:1:1: the scheme file has 100,000,020 characters; at most 1,000,000 are accepted", Assert.Single(r.Problems).ToString());
    }

    [Fact]
    public void Parse_UnknownProperty_Rejected()
    {
        var r = SchemeJson.Parse("""{"id":"x","name":{"zh-CN":"x","en":"x"},"period":"month","tree":[],"wieght":1}""", "s.json");
        Assert.Contains("wieght", Assert.Single(r.Problems).Message.En);
    }

    [Fact]
    public void Parse_BadEnum_Rejected()
    {
        var r = SchemeJson.Parse("""{"id":"x","name":{"zh-CN":"x","en":"x"},"period":"weekly","tree":[]}""", "s.json");
        var p = Assert.Single(r.Problems);
        Assert.StartsWith("s.json:1:", p.Where.ToString(), StringComparison.Ordinal);
        Assert.Contains("$.period", p.Message.En);
    }

    [Fact]
    public void Parse_IndicatorWithoutTarget_NamesCodeAndField()
    {
        var json = """
            {"id":"x","name":{"zh-CN":"x","en":"x"},"period":"month","tree":[
              {"code":"a","name":{"zh-CN":"a","en":"a"},"weight":1,"unit":"percent","direction":"higher"}]}
            """;
        var p = Assert.Single(SchemeJson.Parse(json, "s.json").Problems);
        Assert.Equal("s.json: $.tree[0] (a).target", p.Where.ToString());
        Assert.Equal("required for an indicator: the target value", p.Message.En);
    }

    [Fact]
    public void Parse_GroupWithIndicatorFields_Rejected()
    {
        var json = """
            {"id":"x","name":{"zh-CN":"x","en":"x"},"period":"month","tree":[
              {"code":"g","name":{"zh-CN":"g","en":"g"},"weight":1,"target":1,"children":[
                {"code":"a","name":{"zh-CN":"a","en":"a"},"weight":1,"unit":"percent","direction":"higher","target":1}]}]}
            """;
        var p = Assert.Single(SchemeJson.Parse(json, "s.json").Problems);
        Assert.Equal("a group (it has children) cannot have target; move them to an indicator", p.Message.En);
    }

    [Fact]
    public void Parse_MinimalScheme_AppliesDefaults()
    {
        var json = """
            {"id":"x","name":{"zh-CN":"x","en":"x"},"period":"quarter","tree":[
              {"code":"a","name":{"zh-CN":"a","en":"a"},"weight":1,"unit":"percent","direction":"higher","target":0.5}]}
            """;
        var s = SchemeJson.Parse(json, "s.json").Value.Schemes[0];
        var a = Assert.IsType<Indicator>(s.Children[0]);
        Assert.Equal((RuleKind.Ratio, 1.2m, 0m, Source.Import, false, 1), (a.Rule, a.Cap, a.Floor, a.Source, a.Ytd, s.Version));
        Assert.Equal(1, s.FiscalYearStart);
        Assert.True(CompiledScheme.Compile(s).IsSuccess);
    }
}
