using Yardstick.App.Access;
using Yardstick.App.Database;
using Yardstick.Core.Calibration;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary>
/// review.md R4: a period's grade distribution rule, copied from the organisation when the period is opened, changed (admins)
/// until the period moves to review; from InReview on it is fixed, so calibration and approval read the rule the period was
/// reviewed under. <c>rule</c> is the JSON of <c>org set --distribution</c>; "" removes the rule for this period.
/// </summary>
public sealed class SetPeriodDistribution(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<ReviewPeriod>> RunAsync(string label, string rule, CancellationToken ct = default)
    {
        var found = await PeriodScheme.LoadAsync(db, label, ct);
        if (!found.IsSuccess)
            return Result<ReviewPeriod>.Fail(found.Problems);
        var row = found.Value.Row;
        if (await _access.CheckAsync(AccessAction.Administer, period: row, ct: ct) is { } refused)
            return refused;
        var json = "";
        if (rule.Trim().Length > 0)
        {
            var parsed = DistributionRuleJson.Parse(rule, "distribution");
            if (!parsed.IsSuccess)
                return Result<ReviewPeriod>.Fail(parsed.Problems);
            // shares in range, min ≤ max, and only grades the period's schemes have
            var grades = found.Value.Schemes.SelectMany(s => s.Scheme.Grades).Select(g => g.Grade).Distinct(StringComparer.Ordinal).ToList();
            if (parsed.Value.Validate(grades, "distribution") is { Count: > 0 } invalid)
                return Result<ReviewPeriod>.Fail(invalid);
            json = DistributionRuleJson.Write(parsed.Value);
        }

        if (row.SetDistributionRule(json) is { } fixedNow)
            return Result<ReviewPeriod>.Fail([fixedNow]);
        try
        {
            // the period's concurrency token: a review saved since this read refuses the change
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (Concurrency.ToProblem(ex) is { } conflict)
        {
            return conflict;
        }

        return row;
    }
}
