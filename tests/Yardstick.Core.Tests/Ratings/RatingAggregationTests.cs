using CsCheck;
using Yardstick.Core.Ratings;

namespace Yardstick.Core.Tests.Ratings;

public class RatingAggregationTests
{
    private static RatingResponse R(string rater, string group, params decimal[] answers) => new(rater, group, answers);

    [Fact]
    public void Aggregate_RaterAnswersThenGroupMeansThenMeanOfGroups()
    {
        // sales: raters 4.5 (4,5), 4 (4,4), 3 (3,3) → 3.8333…; rd: 5, 4, 3 → 4; cs: 2, 4, 3, 5 → 3.5
        var result = RatingAggregation.Aggregate(
        [
            R("s1", "sales", 4, 5), R("s2", "sales", 4, 4), R("s3", "sales", 3, 3),
            R("r1", "rd", 5, 5), R("r2", "rd", 4, 4), R("r3", "rd", 3, 3),
            R("c1", "cs", 2, 2), R("c2", "cs", 4, 4), R("c3", "cs", 3, 3), R("c4", "cs", 5, 5),
        ]).Value;

        Assert.Equal(new[] { 3.5m, 4m, 11.5m / 3 }, result.Groups.Select(g => g.Mean));
        Assert.Equal(["cs", "rd", "sales"], result.Groups.Select(g => g.Group));
        Assert.Equal((3.5m + 4m + 11.5m / 3) / 3, result.Actual);
        Assert.Equal(10, result.Raters);
        Assert.Equal(3, result.View.Groups.Count);
        Assert.False(result.View.OnlyOverall);
    }

    [Fact]
    public void Aggregate_EachGroupWeighsTheSame_NotEachRater()
    {
        var result = RatingAggregation.Aggregate(
            [R("a", "sales", 5), R("b", "sales", 5), R("c", "sales", 5), R("d", "sales", 5), R("e", "rd", 1), R("f", "rd", 1), R("g", "rd", 1)]).Value;

        Assert.Equal(3m, result.Actual); // not 2.71… (mean of raters)
    }

    [Fact]
    public void Aggregate_SmallGroupsHoldingThreeTogether_HiddenButOthersShown()
    {
        // sales 3 raters shown; rd 2 + cs 1 = 3 hidden raters together → rd and cs are folded into the overall mean only
        var result = RatingAggregation.Aggregate(
            [R("s1", "sales", 4), R("s2", "sales", 4), R("s3", "sales", 4), R("r1", "rd", 5), R("r2", "rd", 3), R("c1", "cs", 2)]).Value;

        Assert.Equal((4m + 4m + 2m) / 3, result.View.Overall);
        Assert.Equal(["sales"], result.View.Groups.Select(g => g.Group));
        Assert.False(result.View.OnlyOverall);
        Assert.Equal(2, result.View.HiddenGroups);
    }

    [Fact]
    public void Aggregate_HiddenGroupsUnderThreeTogether_OnlyOverallShown()
    {
        // sales shown alone would let the ratee work out rd's mean from the overall: 2 hidden raters < 3
        var result = RatingAggregation.Aggregate(
            [R("s1", "sales", 4), R("s2", "sales", 4), R("s3", "sales", 4), R("r1", "rd", 5), R("r2", "rd", 3)]).Value;

        Assert.Equal(4m, result.View.Overall);
        Assert.Empty(result.View.Groups);
        Assert.True(result.View.OnlyOverall);
        Assert.Equal(2, result.Groups.Count); // HR still sees both
    }

    [Fact]
    public void Aggregate_OnlyGroupsOfTheIndicatorCount()
    {
        var result = RatingAggregation.Aggregate([R("s1", "sales", 4), R("x1", "finance", 1)], ["sales", "rd"]).Value;

        Assert.Equal(4m, result.Actual);
        Assert.Equal(1, result.Raters);
    }

    [Fact]
    public void Aggregate_NoResponses_ActualMissing()
    {
        var result = RatingAggregation.Aggregate([]).Value;

        Assert.Null(result.Actual);
        Assert.Null(result.View.Overall);
        Assert.Equal(0, result.Raters);
    }

    [Fact]
    public void Aggregate_BadResponses_EveryProblemNamesTheRater()
    {
        var result = RatingAggregation.Aggregate([R("a", "sales", 6), R("b", "sales"), R("c", "rd", 3), R("c", "rd", 4)]);

        Assert.Equal(["a", "b", "c"], result.Problems.Select(p => p.Where.ToString()));
        Assert.Equal("answer 6 is outside the scale; expected 1–5", result.Problems[0].Message.En);
    }

    [Fact]
    public void View_HasNoRaterIdsOrSingleRatings()
    {
        Assert.DoesNotContain(typeof(RatingView).GetProperties(), p => p.Name.Contains("Rater", StringComparison.Ordinal) && p.PropertyType == typeof(string));
        Assert.Equal(["Group", "Raters", "Mean"], typeof(RatingGroupMean).GetProperties().Select(p => p.Name));
    }

    [Fact]
    public void Aggregate_Property_ActualWithinScaleAndBetweenGroupMeans()
    {
        var gen = Gen.Select(Gen.Int[0, 3], Gen.Int[1, 5].Array[1, 4]).Array[1, 20];
        gen.Sample(rows =>
        {
            var responses = rows.Select((r, i) => R("r" + i, "g" + r.Item1, [.. r.Item2.Select(a => (decimal)a)])).ToList();
            var result = RatingAggregation.Aggregate(responses).Value;
            var shownRaters = result.View.Groups.Sum(g => g.Raters);
            var hiddenRaters = result.Raters - shownRaters;
            return result.Actual >= result.Groups.Min(g => g.Mean) && result.Actual <= result.Groups.Max(g => g.Mean)
                && result.View.Groups.All(g => g.Raters >= RatingAggregation.MinimumRaters)
                && (hiddenRaters == 0 || hiddenRaters >= RatingAggregation.MinimumRaters || result.View.Groups.Count == 0);
        });
    }
}
