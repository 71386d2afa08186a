using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary><c>period approve P</c>: InReview → Approved, refused while a scorecard of the current run has a missing actual that is not waived.</summary>
public sealed class ApprovePeriod(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public Task<Result<ReviewPeriod>> RunAsync(string label, CancellationToken ct = default) =>
        PeriodMove.ApplyAsync(db, _access, AccessAction.Approve, label, async p => p.Approve(await UnwaivedMissingAsync(db, p, ct), db.Now), ct, "approve");

    /// <summary>"person/indicator" of every missing actual of the current run not waived now.</summary>
    internal static async Task<IReadOnlyList<string>> UnwaivedMissingAsync(YardstickDb db, ReviewPeriod period, CancellationToken ct)
    {
        var run = await db.Runs.Where(r => r.PeriodId == period.Id && r.IsCurrent).Select(r => (long?)r.Id).SingleOrDefaultAsync(ct);
        if (run is null)
            return [];
        var cards = await db.Scorecards.Where(s => s.RunId == run && s.Missing > 0).OrderBy(s => s.Person).Select(s => new { s.Person, s.MissingCodes, s.Json }).ToListAsync(ct);
        var waived = (await db.Waivers.Where(w => w.PeriodId == period.Id).Select(w => new { w.Person, w.Indicator }).ToListAsync(ct))
            .Select(w => w.Person + "/" + w.Indicator).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var card in cards)
            foreach (var code in Codes(card.MissingCodes, card.Json))
                if (!waived.Contains(card.Person + "/" + code))
                    missing.Add(card.Person + "/" + code);

        return missing;
    }

    /// <summary>A scorecard's unwaived missing codes; a run made before they were stored keeps them in its result object.</summary>
    private static IEnumerable<string> Codes(string missingCodes, string json)
    {
        if (json.Length == 0)
            return missingCodes.Split(',', StringSplitOptions.RemoveEmptyEntries);
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("missing").EnumerateArray().Select(c => c.GetString()!)];
    }
}
