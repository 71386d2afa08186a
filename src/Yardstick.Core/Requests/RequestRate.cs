using System.Globalization;
using Yardstick.Core.Common;

namespace Yardstick.Core.Requests;

/// <summary>A request from sales or customer success to a PM, with its timestamps (instants).</summary>
/// <param name="Id">The request's id in the request log.</param>
/// <param name="Person">The PM the request was addressed to.</param>
/// <param name="CreatedAt">When the request was made.</param>
/// <param name="FirstResponseAt">The first response, or null (then the solution counts as the response).</param>
/// <param name="SolutionAt">The solution, or null while unsolved.</param>
public sealed record RequestRecord(string Id, string Person, DateTimeOffset CreatedAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? SolutionAt)
{
    /// <summary>Problems with the timestamps (a response or solution before the request); empty when fine. Where names the field.</summary>
    public IReadOnlyList<Problem> Validate()
    {
        var problems = new List<Problem>();
        if (FirstResponseAt < CreatedAt)
            problems.Add(Problem.Invalid("first_response_at", $"首次响应时间（{Format(FirstResponseAt!.Value)}）早于需求创建时间（{Format(CreatedAt)}）", $"the first response ({Format(FirstResponseAt!.Value)}) is before the request was created ({Format(CreatedAt)})"));
        if (SolutionAt < CreatedAt)
            problems.Add(Problem.Invalid("solution_at", $"解决时间（{Format(SolutionAt!.Value)}）早于需求创建时间（{Format(CreatedAt)}）", $"the solution ({Format(SolutionAt!.Value)}) is before the request was created ({Format(CreatedAt)})"));
        return problems;
    }

    private static string Format(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
}

/// <summary>How a counted request fared against the service levels.</summary>
public enum RequestOutcome
{
    /// <summary>Responded within the response limit and solved within the solution limit.</summary>
    OnTime,

    /// <summary>Solved in time, but the (first) response came after the response limit.</summary>
    LateResponse,

    /// <summary>Solved after the solution limit.</summary>
    LateSolution,

    /// <summary>No solution by the deadline (late).</summary>
    Unsolved,
}

/// <summary>How one part of a request (its response, or its solution) fared against its limit.</summary>
public enum RequestVerdict
{
    /// <summary>Came within the limit (inclusive).</summary>
    OnTime,

    /// <summary>Came after the limit.</summary>
    Late,

    /// <summary>Has not come (no response, or no solution, recorded).</summary>
    Open,
}

/// <summary>One request measured against the service levels.</summary>
/// <param name="Request">The request.</param>
/// <param name="Deadline">Creation plus the solution limit.</param>
/// <param name="DeadlineDay">The deadline's calendar day in the company time zone: the request counts in the period holding it.</param>
/// <param name="Outcome">On time or why not: what the rate counts (an unsolved request counts as late).</param>
/// <param name="Response">The response (the first response, else the solution) against the response limit.</param>
/// <param name="Solution">The solution against the solution limit.</param>
public sealed record RequestCheck(RequestRecord Request, DateTimeOffset Deadline, DateOnly DeadlineDay, RequestOutcome Outcome, RequestVerdict Response, RequestVerdict Solution)
{
    /// <summary>Hours from creation to the response (the first response, else the solution); null while there is none.</summary>
    public decimal? ResponseHours => Hours(Request.FirstResponseAt ?? Request.SolutionAt);

    /// <summary>Hours from creation to the solution; null while unsolved.</summary>
    public decimal? SolutionHours => Hours(Request.SolutionAt);

    private decimal? Hours(DateTimeOffset? at) => at is { } t ? (decimal)(t - Request.CreatedAt).Ticks / TimeSpan.TicksPerHour : null;

    /// <summary>True when on time.</summary>
    public bool OnTime => Outcome == RequestOutcome.OnTime;
}

/// <summary>A PM's <c>request_response_rate</c> for a period.</summary>
/// <param name="Person">The PM.</param>
/// <param name="Counted">Requests whose deadline falls in the period.</param>
/// <param name="OnTime">Counted requests that were on time.</param>
/// <param name="Rate">OnTime / Counted, exact; null when nothing was counted.</param>
/// <param name="WaiverReason">When nothing was counted, the reason of the automatic waiver (scoring.md §8); else null.</param>
/// <param name="Checks">The counted requests, ordered by deadline then id.</param>
public sealed record RequestRate(string Person, int Counted, int OnTime, decimal? Rate, LocalizedText? WaiverReason, IReadOnlyList<RequestCheck> Checks);

/// <summary>
/// The request response rate of scoring.md §8. A request is on time when its first response (or, without one,
/// its solution) came at most <see cref="RequestSla.ResponseLimit"/> and its solution at most
/// <see cref="RequestSla.SolutionLimit"/> after creation. It counts in the period in which its deadline
/// (creation + solution limit) falls, in the company time zone; unsolved at the deadline it is late.
/// </summary>
public static class RequestRates
{
    /// <summary>Measures one request.</summary>
    public static RequestCheck Check(RequestRecord request, RequestSla sla)
    {
        var deadline = request.CreatedAt + sla.SolutionLimit;
        var response = request.FirstResponseAt ?? request.SolutionAt;
        var responded = response is not { } r ? RequestVerdict.Open : r - request.CreatedAt > sla.ResponseLimit ? RequestVerdict.Late : RequestVerdict.OnTime;
        var solution = request.SolutionAt is not { } solved ? RequestVerdict.Open : solved > deadline ? RequestVerdict.Late : RequestVerdict.OnTime;
        var outcome = solution switch
        {
            RequestVerdict.Open => RequestOutcome.Unsolved,
            RequestVerdict.Late => RequestOutcome.LateSolution,
            RequestVerdict.OnTime => responded == RequestVerdict.OnTime ? RequestOutcome.OnTime : RequestOutcome.LateResponse,
        };
        return new RequestCheck(request, deadline, sla.LocalDay(deadline), outcome, responded, solution);
    }

    /// <summary>
    /// The rate of every person in <paramref name="people"/> (and everyone with a counted request) for
    /// <paramref name="period"/>, keyed by person id (ordinal).
    /// </summary>
    public static IReadOnlyDictionary<string, RequestRate> For(IEnumerable<RequestRecord> requests, Period period, RequestSla sla, IEnumerable<string>? people = null)
    {
        var counted = new Dictionary<string, List<RequestCheck>>(StringComparer.Ordinal);
        foreach (var p in people ?? [])
            counted.TryAdd(p, []);
        foreach (var request in requests)
        {
            var check = Check(request, sla);
            if (check.DeadlineDay < period.FirstDay || check.DeadlineDay > period.LastDay)
                continue;
            if (!counted.TryGetValue(request.Person, out var list))
                counted.Add(request.Person, list = []);
            list.Add(check);
        }

        var rates = new Dictionary<string, RequestRate>(StringComparer.Ordinal);
        foreach (var (person, checks) in counted)
        {
            checks.Sort((a, b) => a.Deadline != b.Deadline ? a.Deadline.CompareTo(b.Deadline) : string.CompareOrdinal(a.Request.Id, b.Request.Id));
            var onTime = checks.Count(c => c.OnTime);
            rates[person] = checks.Count == 0
                ? new RequestRate(person, 0, 0, null, NoRequests(period), checks)
                : new RequestRate(person, checks.Count, onTime, (decimal)onTime / checks.Count, null, checks);
        }

        return rates;
    }

    private static LocalizedText NoRequests(Period period) => new(
        $"{period} 内没有截止的跨部门需求，响应率自动豁免",
        $"no cross-department request had its deadline in {period}; the response rate is waived automatically");
}
