using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using static Yardstick.Core.Tests.TestSchemes;

namespace Yardstick.Core.Tests.Scoring;

/// <summary>Reading actuals as written in files (scoring.md §1).</summary>
public class ActualValueTests
{
    private static readonly Indicator Percent = Ind("p", 1m, 0.9m, unit: Unit.Percent);
    private static readonly Indicator Count = Ind("c", 1m, 3m, unit: Unit.Count);
    private static readonly Indicator Rating = Ind("r", 1m, 4m, unit: Unit.Rating);

    [Theory]
    [InlineData("0.85", 0.85)]
    [InlineData("85%", 0.85)]
    [InlineData(" 12.5% ", 0.125)]
    [InlineData("-0.2", -0.2)]
    [InlineData("1.35", 1.35)]
    public void Parse_Percent_AcceptsFractionsAndPercentSign(string text, double expected) =>
        Assert.Equal((decimal)expected, ActualValue.Parse(Percent, text).Value);

    [Theory]
    [InlineData(Unit.Percent, "abc", "'abc' is not a number; expected a decimal with '.' such as 0.85 or 85%")]
    [InlineData(Unit.Percent, "0,85", "'0,85' is not a number; expected a decimal with '.' such as 0.85 or 85%")]
    [InlineData(Unit.Percent, "", "the value of 'x' is empty; enter a number or leave the row out (then the indicator is missing)")]
    [InlineData(Unit.Count, "2.5", "2.5 is not a whole number; 'x' is a count (0, 1, 2, …)")]
    [InlineData(Unit.Count, "-1", "-1 is negative; 'x' is a count, a whole number >= 0")]
    [InlineData(Unit.Count, "50%", "'50%': '%' is only allowed for percent or ratio indicators; 'x' is a count, write a plain number")]
    [InlineData(Unit.Rating, "5.5", "5.5 is outside the rating scale of 'x'; expected 1–5")]
    [InlineData(Unit.Rating, "0", "0 is outside the rating scale of 'x'; expected 1–5")]
    public void Parse_BadValue_ExplainsWhatIsAccepted(Unit unit, string text, string message)
    {
        var r = ActualValue.Parse(Ind("x", 1m, 1m, unit: unit), text);
        Assert.Equal(message, Assert.Single(r.Problems).Message.En);
    }

    [Fact]
    public void Parse_CountWholeNumberWithDecimals_Accepted() => Assert.Equal(3m, ActualValue.Parse(Count, "3.0").Value);

    [Fact]
    public void Parse_RatingWithCustomScale_UsesIt()
    {
        var tenPoint = Rating with { Min = 0m, Max = 10m };
        Assert.Equal(9.5m, ActualValue.Parse(tenPoint, "9.5").Value);
        Assert.Equal(5m, ActualValue.Parse(Rating, "5").Value);
    }

    [Fact]
    public void Parse_PercentWithDeclaredBounds_Checked()
    {
        var bounded = Percent with { Min = 0m, Max = 1m };
        Assert.Equal("1.2 is out of range of 'p'; expected 0–1", Assert.Single(ActualValue.Parse(bounded, "120%").Problems).Message.En);
    }
}
