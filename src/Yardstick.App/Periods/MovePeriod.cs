using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Periods;

/// <summary>Loads a period, applies one state change and saves it with its audit entry.</summary>
internal static class PeriodMove
{
    public static async Task<Result<ReviewPeriod>> ApplyAsync(YardstickDb db, string label, Func<ReviewPeriod, Task<Problem?>> move, CancellationToken ct)
    {
        var parsed = Period.Parse(label);
        if (!parsed.IsSuccess)
            return Result<ReviewPeriod>.Fail([.. parsed.Problems.Select(p => new Problem("period", p.Message.En))]);
        var text = parsed.Value.ToString();
        var row = await db.Periods.SingleOrDefaultAsync(p => p.Label == text, ct);
        if (row is null)
            return Result<ReviewPeriod>.Fail("period", $"there is no period {text}; open it first: yardstick period open {text} --template ID");
        if (await move(row) is { } refused)
            return Result<ReviewPeriod>.Fail([refused]);
        await db.SaveChangesAsync(ct);
        return row;
    }
}

/// <summary><c>period review P</c>: Calculated → InReview.</summary>
public sealed class StartReview(YardstickDb db)
{
    public Task<Result<ReviewPeriod>> RunAsync(string label, CancellationToken ct = default) =>
        PeriodMove.ApplyAsync(db, label, p => Task.FromResult(p.Review(db.Now)), ct);
}

/// <summary><c>period approve P</c>: InReview → Approved, refused while a scorecard of the current run has a missing actual that is not waived.</summary>
public sealed class ApprovePeriod(YardstickDb db)
{
    public Task<Result<ReviewPeriod>> RunAsync(string label, CancellationToken ct = default) =>
        PeriodMove.ApplyAsync(db, label, async p => p.Approve(await UnwaivedMissingAsync(db, p, ct), db.Now), ct);

    /// <summary>"person/indicator" of every missing actual of the current run not waived now.</summary>
    internal static async Task<IReadOnlyList<string>> UnwaivedMissingAsync(YardstickDb db, ReviewPeriod period, CancellationToken ct)
    {
        var run = await db.Runs.Where(r => r.PeriodId == period.Id && r.IsCurrent).Select(r => (long?)r.Id).SingleOrDefaultAsync(ct);
        if (run is null)
            return [];
        var cards = await db.Scorecards.Where(s => s.RunId == run && s.Missing > 0).OrderBy(s => s.Person).Select(s => new { s.Person, s.Json }).ToListAsync(ct);
        var waived = (await db.Waivers.Where(w => w.PeriodId == period.Id).Select(w => new { w.Person, w.Indicator }).ToListAsync(ct))
            .Select(w => w.Person + "/" + w.Indicator).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var card in cards)
        {
            using var doc = JsonDocument.Parse(card.Json);
            foreach (var code in doc.RootElement.GetProperty("missing").EnumerateArray())
                if (!waived.Contains(card.Person + "/" + code.GetString()))
                    missing.Add(card.Person + "/" + code.GetString());
        }

        return missing;
    }
}

/// <summary><c>period publish P</c>: Approved → Published.</summary>
public sealed class PublishPeriod(YardstickDb db)
{
    public Task<Result<ReviewPeriod>> RunAsync(string label, CancellationToken ct = default) =>
        PeriodMove.ApplyAsync(db, label, p => Task.FromResult(p.Publish(db.Now)), ct);
}

/// <summary><c>period lock P</c>: Published → Locked.</summary>
public sealed class LockPeriod(YardstickDb db)
{
    public Task<Result<ReviewPeriod>> RunAsync(string label, CancellationToken ct = default) =>
        PeriodMove.ApplyAsync(db, label, p => Task.FromResult(p.Lock(db.Now)), ct);
}

/// <summary><c>period reopen P --reason TEXT</c>: Calculated or InReview → Collecting.</summary>
public sealed class ReopenPeriod(YardstickDb db)
{
    public Task<Result<ReviewPeriod>> RunAsync(string label, string? reason, CancellationToken ct = default) =>
        PeriodMove.ApplyAsync(db, label, p => Task.FromResult(p.Reopen(reason, db.Now)), ct);
}
