using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Core.Requests;
using Yardstick.Data;

namespace Yardstick.App.Org;

/// <summary>Sets the company time zone and the request service levels (scoring.md §8), audited.</summary>
public sealed class ConfigureRequestSla(YardstickDb db)
{
    public async Task<Result<Organisation>> RunAsync(int responseHours, int solutionHours, string timeZone, CancellationToken ct = default)
    {
        var sla = RequestSla.Create(TimeSpan.FromHours(responseHours), TimeSpan.FromHours(solutionHours), timeZone);
        if (!sla.IsSuccess)
            return Result<Organisation>.Fail(sla.Problems);
        var org = await db.Organisations.SingleAsync(o => o.Id == 1, ct);
        org.ResponseLimitHours = responseHours;
        org.SolutionLimitHours = solutionHours;
        org.TimeZone = timeZone;
        await db.SaveChangesAsync(ct);
        return org;
    }

    /// <summary>The organisation's service levels.</summary>
    public static async Task<RequestSla> LoadAsync(YardstickDb db, CancellationToken ct)
    {
        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == 1, ct);
        return RequestSla.Create(TimeSpan.FromHours(org.ResponseLimitHours), TimeSpan.FromHours(org.SolutionLimitHours), org.TimeZone).Value;
    }
}
