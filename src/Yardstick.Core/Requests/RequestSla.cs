using System.Globalization;
using Yardstick.Core.Common;

namespace Yardstick.Core.Requests;

/// <summary>
/// The service levels of cross-department requests (scoring.md §8): a response within
/// <see cref="ResponseLimit"/> and a solution within <see cref="SolutionLimit"/> of the request's
/// creation, both limits inclusive. <see cref="TimeZone"/> is the company time zone, in which the
/// day of a deadline (and so the period a request counts in) is decided.
/// </summary>
public sealed record RequestSla
{
    /// <summary>The company time zone used when none is configured.</summary>
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    private RequestSla(TimeSpan responseLimit, TimeSpan solutionLimit, TimeZoneInfo timeZone)
    {
        ResponseLimit = responseLimit;
        SolutionLimit = solutionLimit;
        TimeZone = timeZone;
    }

    /// <summary>The longest time from creation to the first response that is still on time (24 hours by default).</summary>
    public TimeSpan ResponseLimit { get; }

    /// <summary>The longest time from creation to the solution that is still on time (72 hours by default); also the deadline.</summary>
    public TimeSpan SolutionLimit { get; }

    /// <summary>The company time zone.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>24 hours, 72 hours, Asia/Shanghai.</summary>
    public static RequestSla Default { get; } = new(TimeSpan.FromHours(24), TimeSpan.FromHours(72), TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZoneId));

    /// <summary>
    /// Creates service levels; the limits must be positive and the response limit may not exceed the
    /// solution limit. <paramref name="timeZoneId"/> is an IANA id such as Asia/Shanghai.
    /// </summary>
    public static Result<RequestSla> Create(TimeSpan responseLimit, TimeSpan solutionLimit, string timeZoneId)
    {
        var problems = new List<Problem>();
        if (responseLimit <= TimeSpan.Zero)
            problems.Add(Problem.Invalid("response_limit", "响应时限必须大于 0，例如 24 小时", "the response limit must be positive, such as 24 hours"));
        if (solutionLimit <= TimeSpan.Zero)
            problems.Add(Problem.Invalid("solution_limit", "解决时限必须大于 0，例如 72 小时", "the solution limit must be positive, such as 72 hours"));
        else if (responseLimit > solutionLimit)
            problems.Add(Problem.Invalid("response_limit",
                string.Create(CultureInfo.InvariantCulture, $"响应时限（{responseLimit.TotalHours} 小时）超过了解决时限（{solutionLimit.TotalHours} 小时）"),
                string.Create(CultureInfo.InvariantCulture, $"the response limit ({responseLimit.TotalHours} h) exceeds the solution limit ({solutionLimit.TotalHours} h)")));
        TimeZoneInfo? zone = null;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            problems.Add(Problem.Invalid("time_zone", $"未知时区 '{timeZoneId}'；应为 IANA 时区标识，例如 {DefaultTimeZoneId}", $"unknown time zone '{timeZoneId}'; expected an IANA id such as {DefaultTimeZoneId}"));
        }

        return problems.Count > 0 ? Result<RequestSla>.Fail(problems) : new RequestSla(responseLimit, solutionLimit, zone!);
    }

    /// <summary>The calendar day, in the company time zone, of an instant.</summary>
    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>The instant of a wall-clock time in the company time zone.</summary>
    public DateTimeOffset FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, TimeZone.GetUtcOffset(unspecified));
    }
}
