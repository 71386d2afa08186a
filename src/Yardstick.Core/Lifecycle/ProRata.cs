using Yardstick.Core.Common;
using Yardstick.Core.Scoring;

namespace Yardstick.Core.Lifecycle;

/// <summary>
/// A total weighted by the days each stage's scheme was in effect (the <c>pro_rata</c> setting of
/// scoring.md §6): total = Σ total(stage) × days(stage) / Σ days. The grade is taken from the bands of
/// the scheme in effect on the period's last day, on the unrounded weighted total.
/// </summary>
public static class ProRata
{
    /// <summary>The weighted total and its trace.</summary>
    public static (decimal Total, string? Grade, string TraceEn, string TraceZh) Combine(IReadOnlyList<(ScorecardResult Card, int Days)> parts, ScorecardCalculator lastDayCalculator)
    {
        var days = parts.Sum(p => p.Days);
        var sum = parts.Sum(p => p.Card.Total * p.Days);
        var total = sum / days;
        var terms = string.Join(" + ", parts.Select(p => $"{TraceFormat.Value(p.Card.Total)} × {p.Days}"));
        var schemes = string.Join(", ", parts.Select(p => $"{p.Card.Scheme.Scheme.Id} {p.Days}"));
        return (total, lastDayCalculator.GradeOf(total),
            $"pro rata by days in each stage ({schemes}): ({terms}) / {days} {TraceFormat.Eq(TraceFormat.Value(total))}",
            $"按各阶段天数加权（{schemes}）：({terms}) / {days} {TraceFormat.Eq(TraceFormat.Value(total))}");
    }
}

/// <summary>Writes a day-weighted total's parts as the <c>pro_rata</c> object of the result JSON.</summary>
public static class ProRataJson
{
    /// <summary><c>"pro_rata": {"parts": [{"scheme","days","total"}], "trace": "…"}</c>.</summary>
    public static void Write(System.Text.Json.Utf8JsonWriter w, IReadOnlyList<(ScorecardResult Card, int Days)> parts, string trace)
    {
        w.WriteStartObject("pro_rata");
        w.WriteStartArray("parts");
        foreach (var (card, days) in parts)
        {
            w.WriteStartObject();
            w.WriteString("scheme", card.Scheme.Scheme.Id);
            w.WriteNumber("days", days);
            w.WriteNumber("total", card.Total);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("trace", trace);
        w.WriteEndObject();
    }
}
