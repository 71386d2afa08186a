using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Scoring;
using Yardstick.Data;

namespace Yardstick.App.Results;

/// <summary>One person's line of the current run, for tables and CSV.</summary>
public sealed record ResultLine(string Person, decimal Total, string? Grade, bool Complete, int Missing, decimal Pay, string Currency, int Provisional);

/// <summary>
/// <c>results --period P</c>: the current run of the period, as the JSON of scoring.md §10 (the stored result
/// objects in person order, inside the document's envelope, with the run's notices) or as lines.
/// </summary>
public sealed class GetResults(YardstickDb db)
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the §10 JSON of the current run to <paramref name="output"/>.</summary>
    public async Task<Result<CalculationRun>> WriteJsonAsync(string label, Stream output, CancellationToken ct = default)
    {
        var loaded = await LoadAsync(label, ct);
        if (!loaded.IsSuccess)
            return Result<CalculationRun>.Fail(loaded.Problems);
        var (p, run) = loaded.Value;
        await using var w = new Utf8JsonWriter(output, Options);
        // as evaluate writes it: a lifecycle bundle has no version of its own, each result names its stage scheme
        w.WriteStartObject();
        w.WriteString("scheme", p.Document.Id);
        if (p.IsBundle)
            w.WriteNull("version");
        else
            w.WriteNumber("version", p.Scheme.Scheme.Version);
        w.WriteString("period", p.Period.ToString());
        w.WriteString("currency", p.Currency);
        w.WriteStartArray("results");
        await foreach (var json in db.Scorecards.AsNoTracking().Where(s => s.RunId == run.Id).OrderBy(s => s.Person).Select(s => s.Json).AsAsyncEnumerable().WithCancellation(ct))
        {
            w.WriteRawValue(json, skipInputValidation: true);
            if (w.BytesPending > 1 << 16)
                await w.FlushAsync(ct);
        }

        w.WriteEndArray();
        w.WriteStartArray("notices");
        using (var notices = JsonDocument.Parse(run.NoticesJson))
            foreach (var n in notices.RootElement.EnumerateArray())
                w.WriteStringValue(n.GetProperty("en").GetString());
        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(ct);
        return run;
    }

    /// <summary>The current run's lines in person order (ordinal): total, grade, pay summed per currency.</summary>
    public async Task<Result<(CalculationRun Run, IReadOnlyList<ResultLine> Lines)>> LinesAsync(string label, CancellationToken ct = default)
    {
        var loaded = await LoadAsync(label, ct);
        if (!loaded.IsSuccess)
            return Result<(CalculationRun, IReadOnlyList<ResultLine>)>.Fail(loaded.Problems);
        var run = loaded.Value.Run;
        var cards = await db.Scorecards.AsNoTracking().Where(s => s.RunId == run.Id).Select(s => new { s.Person, s.Total, s.Grade, s.Complete, s.Missing }).ToListAsync(ct);
        var pay = (await db.PayoutLines.AsNoTracking().Where(l => l.RunId == run.Id)
            .GroupBy(l => new { l.Person, l.Currency })
            .Select(g => new { g.Key.Person, g.Key.Currency, Minor = g.Sum(l => l.AmountMinor), Provisional = g.Count(l => l.Provisional) }).ToListAsync(ct))
            .GroupBy(x => x.Person, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var lines = cards.OrderBy(c => c.Person, StringComparer.Ordinal).Select(c =>
        {
            var p = pay.GetValueOrDefault(c.Person);
            return new ResultLine(c.Person, c.Total, c.Grade, c.Complete, c.Missing, Money.FromMinor(p?.Minor ?? 0), p?.Currency ?? "", p?.Provisional ?? 0);
        }).ToList();
        return (run, lines);
    }

    /// <summary>CSV: <c>person,total,grade,complete,missing,pay,currency,provisional</c>, numbers invariant.</summary>
    public static string Csv(IEnumerable<ResultLine> lines)
    {
        var sb = new StringBuilder("person,total,grade,complete,missing,pay,currency,provisional\n");
        foreach (var l in lines)
            sb.Append(CultureInfo.InvariantCulture, $"{l.Person},{l.Total},{l.Grade},{(l.Complete ? "true" : "false")},{l.Missing},{l.Pay:0.00},{l.Currency},{l.Provisional}\n");
        return sb.ToString();
    }

    /// <summary>The period with its scheme and its current run, loaded once.</summary>
    private async Task<Result<(PeriodScheme Period, CalculationRun Run)>> LoadAsync(string label, CancellationToken ct)
    {
        var loaded = await PeriodScheme.LoadAsync(db, label, ct);
        if (!loaded.IsSuccess)
            return Result<(PeriodScheme, CalculationRun)>.Fail(loaded.Problems);
        var p = loaded.Value;
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.PeriodId == p.Row.Id && r.IsCurrent, ct);
        return run is null
            ? Problem.NotFound("period", $"周期 {p.Row.Label} 还没有结果；请先计算", $"period {p.Row.Label} has no results yet; calculate it first", "results.none", p.Row.Label)
            : (p, run);
    }
}
