using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Organisations;
using Yardstick.Core.Common;
using Yardstick.Core.Requests;
using Yardstick.Data;

namespace Yardstick.App.Requests;

/// <summary>
/// One request of a period's log: who asked (the department, when the import named it), the PM responsible, its times, the
/// hours to the response and to the solution (null while there is none), each part's verdict against its limit and whether
/// it counts as on time in the rate (Core's <see cref="RequestRates.Check"/>: an unsolved request counts as late).
/// </summary>
public sealed record RequestLogRow(
    string Id, string Person, string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Department,
    DateTimeOffset CreatedAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? SolutionAt, DateTimeOffset Deadline,
    decimal? ResponseHours, decimal? SolutionHours, RequestVerdict Response, RequestVerdict Solution, bool OnTime);

/// <summary>A PM's request response rate in the period, as the indicator reads it: on-time requests of the counted ones (Rate null: none counted, waived).</summary>
public sealed record RequestPersonRate(string Person, string Name, int Counted, int OnTime, decimal? Rate);

/// <summary>
/// A page of a period's request log: the service levels applied, the rows (request id order) after the filters and the
/// <c>after</c> of the next page (null on the last), how many rows the filters keep, the rate of each person in the person
/// filter (before the verdict filter and the paging), and the people the user may see requests of, for a filter.
/// </summary>
public sealed record RequestLogView(
    string Period, int ResponseLimitHours, int SolutionLimitHours, string TimeZone,
    IReadOnlyList<RequestLogRow> Rows, string? Next, int Total, IReadOnlyList<RequestPersonRate> People, IReadOnlyList<string> Persons);

/// <summary>
/// A period's cross-department requests (scoring.md §8) with each one's verdict: the requests counted in the period (their
/// deadline falls in it, in the company time zone), measured by Core's <see cref="RequestRates"/> under the organisation's
/// limits, exactly as <c>calc</c> reads them (<see cref="ReadAsync"/> is the one loader of both), so a person's rate here is
/// the actual of their request indicator. R2: a request is part of its PM's scorecard, so the user sees the requests of the
/// people whose scorecard they may see (<see cref="AccessAction.ViewScorecard"/>: admins everyone, managers their reports,
/// a PM their own from Published); a user who may see nobody's, or asks for someone they may not see, is answered not found.
/// </summary>
public sealed class RequestLog(YardstickDb db, CurrentUser? user = null)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The verdict filter's values: on time (counts as on time), late (answered or solved late), open (not solved).</summary>
    public static IReadOnlyList<string> Verdicts { get; } = ["on_time", "late", "open"];

    private readonly UserAccess _access = new(db, user);

    public async Task<Result<RequestLogView>> RunAsync(string period, string? person = null, string? verdict = null, int? limit = null, string? after = null, CancellationToken ct = default)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
            return Problem.Invalid("limit", $"limit 应为 1 到 {MaxLimit} 之间的整数，而不是 {size}", $"limit must be a whole number from 1 to {MaxLimit}, not {size}", "requests.limit", size.ToString(CultureInfo.InvariantCulture));
        verdict = Blank(verdict);
        if (verdict is not null && !Verdicts.Contains(verdict, StringComparer.Ordinal))
            return Problem.Invalid("verdict", $"verdict 应为 {string.Join("、", Verdicts)} 之一，而不是 '{verdict}'", $"verdict must be one of {string.Join(", ", Verdicts)}, not '{verdict}'", "requests.verdict", verdict);
        var found = await PeriodScheme.FindAsync(db, period, ct);
        if (!found.IsSuccess)
            return Result<RequestLogView>.Fail(found.Problems);
        var row = found.Value;
        var visible = await _access.PeopleAsync(AccessAction.ViewScorecard, row, ct);
        person = Blank(person);
        if (person is not null && !visible.Contains(person))
            return await _access.CheckAsync(AccessAction.ViewScorecard, person, row, ct) ?? Hidden(row.Label);
        if (!SeesAnyone(visible))
            return Hidden(row.Label);

        var org = await ConfigureOrganisation.GetAsync(db, ct);
        var sla = await ConfigureOrganisation.LoadAsync(db, ct);
        var requests = (await ReadAsync(db, row.Period, sla, ct)).Where(r => visible.Contains(r.Person)).ToList();
        var departments = requests.ToDictionary(r => r.ExternalId, r => r.FromDepartment, StringComparer.Ordinal);
        var counted = RequestRates.For(requests.Select(Record), row.Period, sla).Values.Where(r => r.Counted > 0).OrderBy(r => r.Person, StringComparer.Ordinal).ToList();
        var persons = counted.Select(r => r.Person).ToList();
        var rates = counted.Where(r => person is null || r.Person == person).ToList();
        var names = await db.Employees.AsNoTracking().Where(e => persons.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, StringComparer.Ordinal, ct);
        string Name(string id) => names.GetValueOrDefault(id, id);

        var kept = rates.SelectMany(r => r.Checks).Where(c => Keeps(c, verdict)).OrderBy(c => c.Request.Id, StringComparer.Ordinal).ToList();
        var chosen = kept.Where(c => after is null || string.CompareOrdinal(c.Request.Id, after) > 0).Take(size + 1).ToList();
        var page = chosen.Take(size).Select(c => new RequestLogRow(c.Request.Id, c.Request.Person, Name(c.Request.Person), Blank(departments[c.Request.Id]),
            c.Request.CreatedAt, c.Request.FirstResponseAt, c.Request.SolutionAt, c.Deadline, c.ResponseHours, c.SolutionHours, c.Response, c.Solution, c.OnTime)).ToList();
        var people = rates.Select(r => new RequestPersonRate(r.Person, Name(r.Person), r.Counted, r.OnTime, r.Rate)).ToList();
        return new RequestLogView(row.Label, org.ResponseLimitHours, org.SolutionLimitHours, org.TimeZone, page,
            chosen.Count > size ? page[^1].Id : null, kept.Count, people, persons);
    }

    /// <summary>True when the user may see the requests of someone in <paramref name="period"/> (the period page links the log then).</summary>
    public async Task<bool> VisibleAsync(string period, CancellationToken ct = default)
    {
        var found = await PeriodScheme.FindAsync(db, period, ct);
        return found.IsSuccess && SeesAnyone(await _access.PeopleAsync(AccessAction.ViewScorecard, found.Value, ct));
    }

    private static bool SeesAnyone(PeopleAccess visible) => visible.Everyone || visible.People.Count > 0;

    /// <summary>
    /// The requests that may count in <paramref name="period"/>: those created from the solution limit and a day before its
    /// first day to two days after its last (a deadline in the company time zone cannot fall in the period otherwise), each in
    /// the latest import's version. <c>calc</c> and the log read them here; <see cref="RequestRates.For"/> then keeps those whose
    /// deadline falls in the period.
    /// </summary>
    public static async Task<IReadOnlyList<RequestRow>> ReadAsync(YardstickDb db, Period period, RequestSla sla, CancellationToken ct)
    {
        var from = new DateTimeOffset(period.FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - sla.SolutionLimit - TimeSpan.FromDays(1);
        var to = new DateTimeOffset(period.LastDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + TimeSpan.FromDays(2);
        // SQLite cannot compare DateTimeOffset in SQL: there the window is applied here
        var query = db.Requests.AsNoTracking();
        if (db.Provider == DatabaseProvider.Postgres)
            query = query.Where(r => r.CreatedAt >= from && r.CreatedAt <= to);
        return [.. (await query.ToListAsync(ct)).Where(r => r.CreatedAt >= from && r.CreatedAt <= to)
            .GroupBy(r => r.ExternalId, StringComparer.Ordinal).Select(g => g.MaxBy(r => r.ImportId)!)];
    }

    /// <summary>A stored request as Core measures it.</summary>
    public static RequestRecord Record(RequestRow r) => new(r.ExternalId, r.Person, r.CreatedAt, r.FirstResponseAt, r.SolutionAt);

    private static bool Keeps(RequestCheck c, string? verdict) => verdict switch
    {
        null => true,
        "on_time" => c.OnTime,
        "open" => c.Solution == RequestVerdict.Open,
        _ => !c.OnTime && c.Solution != RequestVerdict.Open,
    };

    private static Problem Hidden(string label) => Problem.NotFound("period",
        $"{label} 中没有您可查看的跨部门需求：需求属于其负责人的绩效卡，您只能查看您可查看其绩效卡的人的需求",
        $"there are no requests in {label} you may see: a request is part of its PM's scorecard, and you see the requests of those whose scorecard you may see",
        "access.not_found", label);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
