using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Audit;

/// <summary>
/// What to list of the audit log; every filter is optional. <c>Entity</c> is a recorded type (<see cref="ListAudit.Entities"/>),
/// <c>Person</c> a text the entry's key contains (a person's id: <c>3/zhang_wei/csat</c>), <c>Actor</c> who made the change
/// (exactly), <c>Period</c> a period's label (its own moves and the records of the period: actuals, waivers, adjustments,
/// awards, campaigns, runs), <c>From</c> (inclusive) and <c>To</c> (exclusive) the time; <c>Before</c> the id of the last entry
/// of the previous page.
/// </summary>
public sealed record AuditFilter(
    string? Entity = null, string? Person = null, string? Actor = null, string? Period = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, int Limit = ListAudit.DefaultLimit, long? Before = null);

/// <summary>One field an entry changed: its value before and after as text (null: absent, as before a create or after a delete).</summary>
public sealed record AuditChange(string Field, string? Before, string? After);

/// <summary>One audit entry: when, who, what (the recorded type and its key), the action (create, update, delete) and the fields it changed.</summary>
public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, string Entity, string Key, string Action, IReadOnlyList<AuditChange> Changes);

/// <summary>A page of the audit log, newest first; <c>Next</c> is the <c>before</c> of the next page (null on the last).</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Entries, long? Next);

/// <summary>
/// The audit log of the context's organisation (review.md R2 "audit log": admins only; anyone else is answered not found),
/// newest first, filtered and a page at a time (keyset on the entry id).
/// </summary>
public sealed class ListAudit(YardstickDb db, CurrentUser? user = null)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    private readonly UserAccess _access = new(db, user);

    /// <summary>The types the audit records (<c>UserRole</c>: a user's role link), ordinal order, for a filter.</summary>
    public static IReadOnlyList<string> Entities { get; } =
        [.. typeof(IAudited).Assembly.GetTypes().Where(t => t.IsClass && typeof(IAudited).IsAssignableFrom(t)).Select(t => t.Name)
            .Append("UserRole").Order(StringComparer.Ordinal)];

    // the records of a period, whose audit key starts with the period's id (Data/Entities.cs)
    private static readonly string[] KeyedBySlash = [nameof(Actual), nameof(Waiver), nameof(Adjustment), nameof(AwardRow), nameof(RatingCampaign)];

    public async Task<Result<AuditPage>> RunAsync(AuditFilter filter, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.ViewAuditLog, ct: ct) is { } refused)
            return refused;
        if (Check(filter) is { } invalid)
            return invalid;

        var query = TimeWindow(filter.From, filter.To);
        if (Blank(filter.Entity) is { } entity)
            query = query.Where(e => e.Entity == entity);
        if (Blank(filter.Person) is { } person)
            query = query.Where(e => e.EntityKey.Contains(person));
        if (Blank(filter.Actor) is { } actor)
            query = query.Where(e => e.Actor == actor);
        if (Blank(filter.Period) is { } label)
        {
            var period = await PeriodScheme.FindAsync(db, label, ct);
            if (!period.IsSuccess)
                return Result<AuditPage>.Fail(period.Problems);
            var (own, slash, hash) = (period.Value.Label, period.Value.Id.ToString(CultureInfo.InvariantCulture) + "/", period.Value.Id.ToString(CultureInfo.InvariantCulture) + "#");
            query = query.Where(e => (e.Entity == nameof(ReviewPeriod) && e.EntityKey == own)
                || (KeyedBySlash.Contains(e.Entity) && e.EntityKey.StartsWith(slash))
                || (e.Entity == nameof(CalculationRun) && e.EntityKey.StartsWith(hash)));
        }

        if (filter.Before is { } before)
            query = query.Where(e => e.Id < before);
        var rows = await query.OrderByDescending(e => e.Id).Take(filter.Limit + 1).ToListAsync(ct);
        var page = rows.Take(filter.Limit).Select(e => new AuditRow(e.Id, e.At, e.Actor, e.Entity, e.EntityKey, e.Action, Changes(e.Before, e.After))).ToList();
        return new AuditPage(page, rows.Count > filter.Limit ? page[^1].Id : null);
    }

    /// <summary>
    /// A time of a filter as a front end receives it: a date (<c>2026-11-03</c>: its start, UTC) or an ISO 8601 time
    /// (<c>2026-11-03T08:30:00+08:00</c>; without an offset, UTC); null for an empty text; Invalid naming <paramref name="field"/>.
    /// </summary>
    public static Result<DateTimeOffset?> ParseTime(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Result<DateTimeOffset?>.Ok(null);
        var value = text.Trim();
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return Result<DateTimeOffset?>.Ok(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        if (value.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return Result<DateTimeOffset?>.Ok(at);
        return Problem.Invalid(field, $"“{value}”不是日期（2026-11-03）或时间（2026-11-03T08:30:00+08:00）", $"'{value}' is not a date (2026-11-03) or a time (2026-11-03T08:30:00+08:00)", "audit.time", value);
    }

    /// <summary>The fields whose values differ between two audit values (JSON objects; null: none), in field order, as text.</summary>
    public static IReadOnlyList<AuditChange> Changes(string? before, string? after)
    {
        var (b, a) = (Parse(before), Parse(after));
        var changes = new List<AuditChange>();
        foreach (var field in b.Select(p => p.Key).Union(a.Select(p => p.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var (was, now) = (Text(b, field), Text(a, field));
            if (!string.Equals(was, now, StringComparison.Ordinal))
                changes.Add(new AuditChange(field, was, now));
        }

        return changes;
    }

    private static JsonObject Parse(string? json) => json is null ? [] : JsonNode.Parse(json) as JsonObject ?? [];

    // a string as it is, anything else as its JSON; an absent field and a JSON null are both null
    private static string? Text(JsonObject values, string field) => values[field] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var node => node.ToJsonString(),
    };

    // SQLite cannot compare DateTimeOffset in SQL; there the audit's times are stored as text, every one in UTC
    // (YardstickDb.Now), which orders as the times do, so the window is compared as that text
    private IQueryable<AuditEntry> TimeWindow(DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is null && to is null)
            return db.Audit.AsNoTracking();
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var query = db.Audit.AsNoTracking();
            // Npgsql writes a timestamptz parameter only in UTC
            if (from?.ToUniversalTime() is { } f)
                query = query.Where(e => e.At >= f);
            if (to?.ToUniversalTime() is { } t)
                query = query.Where(e => e.At < t);
            return query;
        }

        var (low, high) = (SqliteText(from ?? DateTimeOffset.MinValue), SqliteText(to ?? DateTimeOffset.MaxValue));
        return db.Audit.FromSql($"""SELECT * FROM "Audit" WHERE "At" >= {low} AND "At" < {high}""").AsNoTracking();
    }

    // EF Core's SQLite text form of a DateTimeOffset
    private static string SqliteText(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static Problem? Check(AuditFilter filter)
    {
        if (filter.Limit is < 1 or > MaxLimit)
        {
            var size = filter.Limit.ToString(CultureInfo.InvariantCulture);
            return Problem.Invalid("limit", $"limit 应为 1 到 {MaxLimit} 之间的整数，而不是 {size}", $"limit must be a whole number from 1 to {MaxLimit}, not {size}", "audit.limit", size);
        }

        if (filter.Before is <= 0)
            return Problem.Invalid("before", "before 应为上一页最后一条记录的编号（正整数）", "before must be the id of the last entry of the previous page (a positive whole number)", "audit.before");
        if (Blank(filter.Entity) is { } entity && !Entities.Contains(entity, StringComparer.Ordinal))
            return Problem.Invalid("entity", $"没有记录类型 {entity}；可选：{string.Join(", ", Entities)}", $"there is no recorded type {entity}; one of: {string.Join(", ", Entities)}", "audit.entity", entity);
        if (filter is { From: { } from, To: { } to } && from >= to)
            return Problem.Invalid("to", "结束时间应晚于开始时间", "to must be later than from", "audit.window");
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
