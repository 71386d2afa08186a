using Yardstick.App.Schemes;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;

namespace Yardstick.App.Tests.Schemes;

/// <summary>The scheme editor's changes of the weight tree (issue 9): an indicator's fields, adding and removing nodes, each checked by <see cref="SchemeCheck.Run"/>.</summary>
public sealed class SchemeEditTests
{
    private const string Id = "industrial-value";

    private static SchemeDocument T1 => TemplateCatalog.Find(Id).Value.Document;

    private static SchemeCheckResult Check(SchemeDocument document) => SchemeCheck.Run(SchemeJson.Write(document), "t1.json");

    private static Indicator Indicator(SchemeDocument document, string code) => document.Schemes[0].Indicators().Single(i => i.Code == code);

    [Fact]
    public void AddIndicator_WithAWeight_TheGroupSumIsOffByThatWeightAndOnlyThatGroupIsUnbalanced()
    {
        var added = SchemeCheck.AddIndicator(T1, Id, "customer", "pilot_count", 0.05m);

        var check = Check(added);

        var line = Assert.Single(check.Tree, l => !l.Balanced);
        Assert.Equal("customer", line.Code);
        Assert.Equal((0.30m, 0.35m), (line.Weight, line.ChildrenSum!.Value));
        var problem = Assert.Single(check.Problems);
        Assert.Equal("t1.json: core/customer", problem.Where.ToString());
        Assert.Equal("the weights of the children of group 'customer' sum to 0.35, but the group's weight is 0.30; they must be equal", problem.Message.En);
        var indicator = Indicator(added, "pilot_count");
        Assert.Equal((0.05m, Unit.Number, Direction.Higher, 1m, "pilot_count"), (indicator.Weight, indicator.Unit, indicator.Direction, indicator.Target, indicator.Name.En));
        Assert.Equal("pilot_count", ((Group)((Group)added.Schemes[0].Children[0]).Children[0]).Children[^1].Code);
    }

    [Fact]
    public void AddIndicator_WeightZero_TheSumsStayAndTheSchemeIsValid()
    {
        var check = Check(SchemeCheck.AddIndicator(T1, Id, "quality", "pilot_count"));

        Assert.True(check.IsValid, string.Join("\n", check.Problems));
        Assert.Equal(T1.Schemes[0].Indicators().Count() + 1, check.Schemes[0].Indicators.Length);
    }

    [Fact]
    public void AddIndicator_ThenWeightMovedFromASibling_Balanced()
    {
        var added = SchemeCheck.AddIndicator(T1, Id, "customer", "pilot_count", 0.05m);

        var check = Check(SchemeCheck.With(added, Id, "renewal_rate", weight: 0.05m));

        Assert.True(check.IsValid, string.Join("\n", check.Problems));
    }

    [Fact]
    public void AddIndicator_CodeOfAnotherNode_TheDuplicateProblem()
    {
        var check = Check(SchemeCheck.AddIndicator(T1, Id, "customer", "defect_rate"));

        var problem = Assert.Single(check.Problems);
        // the added one comes first in the tree, so the template's own is named the duplicate
        Assert.Equal("t1.json: core/quality/defect_rate", problem.Where.ToString());
        Assert.Equal("duplicate code 'defect_rate': also used at core/customer/defect_rate; codes must be unique within a scheme", problem.Message.En);
    }

    [Fact]
    public void Remove_TheAddedIndicator_RestoresTheTemplate()
    {
        var added = SchemeCheck.AddIndicator(T1, Id, "customer", "pilot_count", 0.05m);

        var removed = SchemeCheck.Remove(added, Id, "pilot_count");

        Assert.Equal(SchemeJson.Write(T1), SchemeJson.Write(removed));
        Assert.True(Check(removed).IsValid);
    }

    [Fact]
    public void Remove_AnIndicator_ItsGroupSumDropsByItsWeight()
    {
        var check = Check(SchemeCheck.Remove(T1, Id, "csat"));

        var line = Assert.Single(check.Tree, l => !l.Balanced);
        Assert.Equal(("customer", 0.30m, 0.20m), (line.Code, line.Weight, line.ChildrenSum!.Value));
        Assert.DoesNotContain(check.Tree, l => l.Code == "csat");
    }

    [Fact]
    public void Remove_AGroup_ItsChildrenGoWithIt()
    {
        var removed = SchemeCheck.Remove(T1, Id, "quality");

        Assert.DoesNotContain(removed.Schemes[0].AllNodes(), n => n.Code is "quality" or "defect_rate" or "core_feature_usage");
        var line = Assert.Single(Check(removed).Tree, l => !l.Balanced);
        Assert.Equal(("core", 0.70m, 0.55m), (line.Code, line.Weight, line.ChildrenSum!.Value));
    }

    [Fact]
    public void WithField_CapBelowFloor_TheProblemOfSchemeCheckAtThatIndicator()
    {
        var withFloor = SchemeCheck.WithField(T1, Id, "renewal_rate", "floor", "0.5").Value;

        var edited = SchemeCheck.WithField(withFloor, Id, "renewal_rate", "cap", "0.4");

        Assert.True(edited.IsSuccess);
        Assert.Equal((0.4m, 0.5m), (Indicator(edited.Value, "renewal_rate").Cap, Indicator(edited.Value, "renewal_rate").Floor));
        var problem = Assert.Single(Check(edited.Value).Problems);
        Assert.Equal("t1.json: core/customer/renewal_rate", problem.Where.ToString());
        Assert.Equal("cap 0.4 is below floor 0.5", problem.Message.En);
        Assert.Equal("上限（cap）0.4 低于下限（floor）0.5", problem.Message.Zh);
    }

    [Fact]
    public void WithField_CapNotANumber_RefusedAtTheField()
    {
        var edited = SchemeCheck.WithField(T1, Id, "renewal_rate", "cap", "abc");

        var problem = Assert.Single(edited.Problems);
        Assert.Equal("renewal_rate.cap", problem.Where.ToString());
        Assert.Equal("'abc' is not a number; e.g. 1.2", problem.Message.En);
    }

    [Fact]
    public void WithField_UnknownUnit_RefusedWithTheUnitsAccepted()
    {
        var problem = Assert.Single(SchemeCheck.WithField(T1, Id, "renewal_rate", "unit", "weeks").Problems);

        Assert.Equal("renewal_rate.unit", problem.Where.ToString());
        Assert.Equal("'weeks' is not a unit; expected percent, ratio, count, money, rating, days, hours, number", problem.Message.En);
    }

    [Theory]
    [InlineData("name.zh-CN", "续约率（核心客户）")]
    [InlineData("name.en", "Renewal rate of key accounts")]
    [InlineData("unit", "ratio")]
    [InlineData("direction", "lower")]
    [InlineData("rule", "threshold")]
    [InlineData("cap", "1.5")]
    [InlineData("floor", "0.1")]
    [InlineData("zero", "0.5")]
    [InlineData("source", "manual")]
    public void WithField_EachField_WrittenToTheFileAndReadBack(string field, string value)
    {
        var edited = SchemeCheck.WithField(T1, Id, "renewal_rate", field, value).Value;

        var reread = SchemeJson.Parse(SchemeJson.Write(edited), "t1.json").Value;

        Assert.Equal(value, SchemeCheck.FieldText(Indicator(reread, "renewal_rate"), field));
        Assert.NotEqual(value, SchemeCheck.FieldText(Indicator(T1, "renewal_rate"), field));
        // every other indicator is as it was
        Assert.Equal(T1.Schemes[0].Indicators().Where(i => i.Code != "renewal_rate"), reread.Schemes[0].Indicators().Where(i => i.Code != "renewal_rate"), new IndicatorText());
    }

    [Fact]
    public void WithField_RuleLinearWithoutZero_TheProblemOfSchemeCheck_ThenZeroBelowTheTargetFixesIt()
    {
        var linear = SchemeCheck.WithField(T1, Id, "renewal_rate", "rule", "linear").Value;
        var fixedZero = SchemeCheck.WithField(linear, Id, "renewal_rate", "zero", "0.5").Value;

        var problem = Assert.Single(Check(linear).Problems);
        Assert.Equal(("t1.json: core/customer/renewal_rate", "rule 'linear' needs 'zero', the actual that scores 0"), (problem.Where.ToString(), problem.Message.En));
        Assert.True(Check(fixedZero).IsValid, string.Join("\n", Check(fixedZero).Problems));
    }

    [Fact]
    public void WithField_EmptyCapAndFloor_TheDefaults()
    {
        var changed = SchemeCheck.WithField(SchemeCheck.WithField(T1, Id, "renewal_rate", "cap", "1.5").Value, Id, "renewal_rate", "floor", "0.2").Value;

        var reset = SchemeCheck.WithField(SchemeCheck.WithField(changed, Id, "renewal_rate", "cap", "").Value, Id, "renewal_rate", "floor", " ").Value;

        Assert.Equal((Core.Schemes.Indicator.DefaultCap, 0m), (Indicator(reset, "renewal_rate").Cap, Indicator(reset, "renewal_rate").Floor));
        Assert.Equal(SchemeJson.Write(T1), SchemeJson.Write(reset));
    }

    /// <summary>Indicators compared as the scheme file writes them (their lists are not compared by reference).</summary>
    private sealed class IndicatorText : IEqualityComparer<Indicator>
    {
        public bool Equals(Indicator? x, Indicator? y) => x is not null && y is not null && SchemeCheck.IndicatorFields.All(f => SchemeCheck.FieldText(x, f) == SchemeCheck.FieldText(y, f)) && (x.Weight, x.Target) == (y.Weight, y.Target);

        public int GetHashCode(Indicator obj) => obj.Code.GetHashCode(StringComparison.Ordinal);
    }
}
