using System.Globalization;
using CsCheck;
using Yardstick.Core.Common;
using Yardstick.Core.Requests;

namespace Yardstick.Core.Tests.Requests;

public class RequestRatesTests
{
    private static readonly RequestSla Sla = RequestSla.Default;
    private static readonly Period October = Period.Parse("2026-10").Value;

    private static DateTimeOffset At(string local) => Sla.FromLocal(DateTime.ParseExact("2026-" + local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));

    private static RequestRecord R(string id, string created, string? response, string? solution, string person = "li_na") =>
        new(id, person, At(created), response is null ? null : At(response), solution is null ? null : At(solution));

    /// <summary>worked-examples.md E4.</summary>
    public static readonly RequestRecord[] E4 =
    [
        R("R1", "09-29 10:00", "09-29 15:00", "10-01 09:00"),
        R("R2", "10-05 09:00", "10-06 10:00", "10-07 09:00"),
        R("R3", "10-10 09:00", "10-10 11:00", "10-13 10:00"),
        R("R4", "10-20 09:00", "10-20 09:30", null),
        R("R5", "10-21 09:00", "10-21 10:00", "10-22 09:00"),
        R("R6", "10-30 09:00", "10-30 10:00", "10-31 09:00"),
        R("R7", "10-15 08:00", "10-16 08:00", "10-18 08:00"),
    ];

    [Fact]
    public void For_E4_RateIsOneHalf()
    {
        var rate = RequestRates.For(E4, October, Sla)["li_na"];

        Assert.Equal(6, rate.Counted);
        Assert.Equal(3, rate.OnTime);
        Assert.Equal(0.50m, rate.Rate);
        Assert.Null(rate.WaiverReason);
        Assert.Equal(["R1", "R2", "R3", "R7", "R4", "R5"], rate.Checks.Select(c => c.Request.Id));
    }

    /// <summary>Each part of a request on its own: answered at 23 h on time, at 25 h late, unanswered open; solved at 72 h on time, at 73 h late.</summary>
    [Theory]
    [InlineData("10-02 08:00", "10-03 07:00", "10-04 09:00", RequestVerdict.OnTime, RequestVerdict.OnTime, RequestOutcome.OnTime, 23.0, 49.0)]
    [InlineData("10-02 08:00", "10-03 09:00", "10-05 08:00", RequestVerdict.Late, RequestVerdict.OnTime, RequestOutcome.LateResponse, 25.0, 72.0)]
    [InlineData("10-02 08:00", null, null, RequestVerdict.Open, RequestVerdict.Open, RequestOutcome.Unsolved, null, null)]
    [InlineData("10-02 08:00", null, "10-05 09:00", RequestVerdict.Late, RequestVerdict.Late, RequestOutcome.LateSolution, 73.0, 73.0)]
    [InlineData("10-02 08:00", "10-02 08:30", null, RequestVerdict.OnTime, RequestVerdict.Open, RequestOutcome.Unsolved, 0.5, null)]
    public void Check_EachPart_VerdictAndHours(string created, string? response, string? solution, RequestVerdict responded, RequestVerdict solved, RequestOutcome outcome, double? responseHours, double? solutionHours)
    {
        var check = RequestRates.Check(R("X", created, response, solution), Sla);

        Assert.Equal((responded, solved, outcome), (check.Response, check.Solution, check.Outcome));
        Assert.Equal(responseHours is { } rh ? (decimal)rh : null, check.ResponseHours);
        Assert.Equal(solutionHours is { } sh ? (decimal)sh : null, check.SolutionHours);
    }

    [Theory]
    [InlineData("R1", RequestOutcome.OnTime, "2026-10-02")]
    [InlineData("R2", RequestOutcome.LateResponse, "2026-10-08")]
    [InlineData("R3", RequestOutcome.LateSolution, "2026-10-13")]
    [InlineData("R4", RequestOutcome.Unsolved, "2026-10-23")]
    [InlineData("R5", RequestOutcome.OnTime, "2026-10-24")]
    [InlineData("R6", RequestOutcome.OnTime, "2026-11-02")]
    [InlineData("R7", RequestOutcome.OnTime, "2026-10-18")]
    public void Check_E4Rows_OutcomeAndDeadlineDay(string id, RequestOutcome outcome, string deadlineDay)
    {
        var check = RequestRates.Check(E4.Single(r => r.Id == id), Sla);

        Assert.Equal(outcome, check.Outcome);
        Assert.Equal(DateOnly.Parse(deadlineDay, CultureInfo.InvariantCulture), check.DeadlineDay);
    }

    [Fact]
    public void For_E4InNovember_R6CountsThere()
    {
        var rate = RequestRates.For(E4, Period.Parse("2026-11").Value, Sla)["li_na"];

        Assert.Equal(1, rate.Counted);
        Assert.Equal(1m, rate.Rate);
    }

    [Fact]
    public void Check_SolutionWithoutResponse_SolutionIsTheResponse()
    {
        Assert.Equal(RequestOutcome.OnTime, RequestRates.Check(R("a", "10-05 09:00", null, "10-06 09:00"), Sla).Outcome);
        Assert.Equal(RequestOutcome.LateResponse, RequestRates.Check(R("b", "10-05 09:00", null, "10-06 09:01"), Sla).Outcome);
    }

    [Fact]
    public void Check_OneMinuteOverEachLimit_Late()
    {
        Assert.Equal(RequestOutcome.LateResponse, RequestRates.Check(R("a", "10-05 09:00", "10-06 09:01", "10-06 10:00"), Sla).Outcome);
        Assert.Equal(RequestOutcome.LateSolution, RequestRates.Check(R("b", "10-05 09:00", "10-05 10:00", "10-08 09:01"), Sla).Outcome);
        Assert.Equal(RequestOutcome.OnTime, RequestRates.Check(R("c", "10-05 09:00", "10-06 09:00", "10-08 09:00"), Sla).Outcome);
    }

    [Fact]
    public void For_DeadlineAtLocalMidnight_CountsInTheLocalMonth()
    {
        // created 10-29 00:00 Shanghai = 10-28 16:00 UTC; deadline 11-01 00:00 Shanghai, still October in UTC
        var rates = RequestRates.For([R("a", "10-29 00:00", "10-29 01:00", "10-30 00:00")], October, Sla, ["li_na"]);
        var november = RequestRates.For([R("a", "10-29 00:00", "10-29 01:00", "10-30 00:00")], Period.Parse("2026-11").Value, Sla);

        Assert.Equal(0, rates["li_na"].Counted);
        Assert.Equal(1, november["li_na"].Counted);
    }

    [Fact]
    public void For_OtherTimeZone_DeadlineDayFollowsIt()
    {
        var utc = RequestSla.Create(TimeSpan.FromHours(24), TimeSpan.FromHours(72), "UTC").Value;
        var request = R("a", "10-29 00:00", "10-29 01:00", "10-30 00:00"); // deadline 2026-10-31 16:00 UTC

        Assert.Equal(1, RequestRates.For([request], October, utc)["li_na"].Counted);
    }

    [Fact]
    public void For_ConfiguredLimits_Used()
    {
        var sla = RequestSla.Create(TimeSpan.FromHours(4), TimeSpan.FromHours(48), RequestSla.DefaultTimeZoneId).Value;

        Assert.Equal(RequestOutcome.LateResponse, RequestRates.Check(R("a", "10-05 09:00", "10-05 13:01", "10-06 09:00"), sla).Outcome);
        Assert.Equal(RequestOutcome.OnTime, RequestRates.Check(R("b", "10-05 09:00", "10-05 13:00", "10-07 09:00"), sla).Outcome);
        Assert.Equal(RequestOutcome.LateSolution, RequestRates.Check(R("c", "10-05 09:00", "10-05 10:00", "10-07 09:01"), sla).Outcome);
    }

    [Fact]
    public void For_PersonWithoutCountedRequests_WaivedWithReason()
    {
        var rates = RequestRates.For([R("R6", "10-30 09:00", "10-30 10:00", "10-31 09:00")], October, Sla, ["li_na", "wang_fang"]);

        Assert.Equal(0, rates["li_na"].Counted);
        Assert.Null(rates["li_na"].Rate);
        Assert.Contains("2026-10", rates["wang_fang"].WaiverReason!.En, StringComparison.Ordinal);
        Assert.Contains("豁免", rates["wang_fang"].WaiverReason!.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void For_SeveralPeople_RatesKeptApart()
    {
        var rates = RequestRates.For(
            [R("a", "10-05 09:00", "10-05 10:00", "10-06 09:00", "p1"), R("b", "10-05 09:00", null, null, "p2"), R("c", "10-06 09:00", "10-06 10:00", "10-06 11:00", "p2")],
            October, Sla);

        Assert.Equal(1m, rates["p1"].Rate);
        Assert.Equal(0.5m, rates["p2"].Rate);
    }

    [Fact]
    public void Create_BadLimitsAndZone_AllProblems()
    {
        var result = RequestSla.Create(TimeSpan.FromHours(80), TimeSpan.FromHours(72), "Mars/Olympus");

        Assert.Equal(["response_limit", "time_zone"], result.Problems.Select(p => p.Where.ToString()));
    }

    [Fact]
    public void Validate_ResponseBeforeCreation_Problem()
    {
        var problems = R("a", "10-05 09:00", "10-05 08:00", "10-05 07:00").Validate();

        Assert.Equal(["first_response_at", "solution_at"], problems.Select(p => p.Where.ToString()));
    }

    [Fact]
    public void For_Property_RateIsOnTimeOverCountedAndWithinZeroOne()
    {
        var gen = Gen.Select(Gen.Int[0, 60 * 24 * 40], Gen.Int[-600, 60 * 30], Gen.Int[-600, 60 * 100])
            .Array[1, 30];
        gen.Sample(rows =>
        {
            var start = At("09-25 00:00");
            var requests = rows.Select((r, i) => new RequestRecord(i.ToString(CultureInfo.InvariantCulture), "p", start.AddMinutes(r.Item1),
                r.Item2 >= 0 ? start.AddMinutes(r.Item1 + r.Item2) : null, r.Item3 >= 0 ? start.AddMinutes(r.Item1 + r.Item3) : null)).ToList();
            var rate = RequestRates.For(requests, October, Sla, ["p"])["p"];
            var expectedCounted = requests.Count(q => Sla.LocalDay(q.CreatedAt.AddHours(72)).Month == 10);
            return rate.Counted == expectedCounted
                && (rate.Counted == 0 ? rate.Rate is null : rate.Rate == (decimal)rate.OnTime / rate.Counted && rate.Rate is >= 0 and <= 1);
        });
    }
}
