using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Core.Requests;
using Yardstick.Data;

namespace Yardstick.App.Organisations;

/// <summary>What may change in the organisation's settings; null leaves a setting as it is.</summary>
/// <param name="ResponseHours">Hours within which a request must have its first response (scoring.md §8, default 24).</param>
/// <param name="SolutionHours">Hours within which it must be solved (default 72).</param>
/// <param name="TimeZone">The company time zone (IANA id, default Asia/Shanghai).</param>
/// <param name="ProRata">True: a product stage change inside a period weights each stage's total by its days (§6); false: the stage on the last day.</param>
/// <param name="MaxAdjustmentPoints">review.md R3: the most points a <c>points</c> adjustment may add or take away (0–100, two decimals).</param>
/// <param name="PreliminaryToSelf">review.md R2 ¹: PMs see their scorecard from Calculated on, marked preliminary.</param>
/// <param name="ManagersSeePay">review.md R2 ²: managers see their reports' pay.</param>
/// <param name="MinGroupSize">review.md R4: the smallest calibration group (1–10,000).</param>
/// <param name="DistributionRule">review.md R4: the distribution rule as JSON; an empty string removes it.</param>
public sealed record OrganisationChange(
    int? ResponseHours = null,
    int? SolutionHours = null,
    string? TimeZone = null,
    bool? ProRata = null,
    decimal? MaxAdjustmentPoints = null,
    bool? PreliminaryToSelf = null,
    bool? ManagersSeePay = null,
    int? MinGroupSize = null,
    string? DistributionRule = null);

/// <summary>Changes the settings of the context's organisation: request service levels and time zone (§8), the stage mode (§6); audited.</summary>
public sealed class ConfigureOrganisation(YardstickDb db, CurrentUser? user = null)
{
    /// <summary>The longest request service level, in hours: a year.</summary>
    public const int MaxHours = 8760;

    private readonly UserAccess _access = new(db, user);

    public async Task<Result<Organisation>> RunAsync(OrganisationChange change, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var org = await db.Organisations.SingleAsync(o => o.Id == db.OrganisationId, ct);
        var response = change.ResponseHours ?? org.ResponseLimitHours;
        var solution = change.SolutionHours ?? org.SolutionLimitHours;
        var zone = change.TimeZone ?? org.TimeZone;
        // checked before the limits become time spans: a year is the longest limit that a request's dates can carry
        var bounds = new[] { ("response_limit", "响应", "response", change.ResponseHours), ("solution_limit", "解决", "solution", change.SolutionHours) }
            .Where(b => b.Item4 is < 1 or > MaxHours)
            .Select(b => Problem.Invalid(b.Item1,
                string.Create(CultureInfo.InvariantCulture, $"{b.Item2}时限 {b.Item4} 小时超出范围；应为 1–{MaxHours} 小时（最长一年）"),
                string.Create(CultureInfo.InvariantCulture, $"the {b.Item3} limit of {b.Item4} hours is out of range; expected 1–{MaxHours} hours (at most a year)")))
            .ToList();
        if (change.MaxAdjustmentPoints is { } points && (points < 0 || points > 100 || decimal.Round(points, 2) != points))
            bounds.Add(Problem.Invalid("max_adjustment_points",
                string.Create(CultureInfo.InvariantCulture, $"最大加减分 {points} 无效；应为 0–100，至多两位小数"),
                string.Create(CultureInfo.InvariantCulture, $"the largest points adjustment {points} is not valid; expected 0–100 with at most 2 decimals")));
        if (change.MinGroupSize is < 1 or > 10_000)
            bounds.Add(Problem.Invalid("min_group_size",
                string.Create(CultureInfo.InvariantCulture, $"最小校准组人数 {change.MinGroupSize} 无效；应为 1–10000"),
                string.Create(CultureInfo.InvariantCulture, $"the smallest calibration group {change.MinGroupSize} is not valid; expected 1–10000")));
        string? rule = null;
        if (change.DistributionRule is { Length: > 0 } json)
        {
            // shares in range and min ≤ max (the grades are checked against a period's schemes when the period's copy is set)
            var parsed = Core.Calibration.DistributionRuleJson.Parse(json, "distribution");
            if (!parsed.IsSuccess)
                bounds.AddRange(parsed.Problems);
            else if (parsed.Value.Validate(null, "distribution") is { Count: > 0 } invalid)
                bounds.AddRange(invalid);
            else
                rule = Core.Calibration.DistributionRuleJson.Write(parsed.Value);
        }

        if (bounds.Count > 0)
            return Result<Organisation>.Fail(bounds);
        var sla = RequestSla.Create(TimeSpan.FromHours(response), TimeSpan.FromHours(solution), zone);
        if (!sla.IsSuccess)
            return Result<Organisation>.Fail(sla.Problems);
        org.ResponseLimitHours = response;
        org.SolutionLimitHours = solution;
        org.TimeZone = zone;
        org.ProRata = change.ProRata ?? org.ProRata;
        org.MaxAdjustmentPoints = change.MaxAdjustmentPoints ?? org.MaxAdjustmentPoints;
        org.PreliminaryToSelf = change.PreliminaryToSelf ?? org.PreliminaryToSelf;
        org.ManagersSeePay = change.ManagersSeePay ?? org.ManagersSeePay;
        org.MinGroupSize = change.MinGroupSize ?? org.MinGroupSize;
        if (change.DistributionRule is not null)
            org.DistributionRule = rule ?? "";
        await db.SaveChangesAsync(ct);
        return org;
    }

    /// <summary>The settings of the context's organisation.</summary>
    public static Task<Organisation> GetAsync(YardstickDb db, CancellationToken ct) =>
        db.Organisations.AsNoTracking().SingleAsync(o => o.Id == db.OrganisationId, ct);

    /// <summary>The organisation's service levels.</summary>
    public static async Task<RequestSla> LoadAsync(YardstickDb db, CancellationToken ct)
    {
        var org = await GetAsync(db, ct);
        return RequestSla.Create(TimeSpan.FromHours(org.ResponseLimitHours), TimeSpan.FromHours(org.SolutionLimitHours), org.TimeZone).Value;
    }
}
