using System.Text.Json;
using Yardstick.Core.Common;

namespace Yardstick.Core.Incentives;

/// <summary>Writes payout lines, career standings and notices as the JSON of scoring.md §10.</summary>
public static class PayoutJson
{
    /// <summary><c>"payouts": [{"rule","kind","amount","currency","provisional","trace":{"text","steps"}}]</c>, amounts with two decimals.</summary>
    public static void Payouts(Utf8JsonWriter w, IReadOnlyList<PayoutLine> lines, Language lang)
    {
        w.WriteStartArray("payouts");
        foreach (var l in lines)
            PayoutObject(w, l, lang);
        w.WriteEndArray();
    }

    /// <summary>One payout object (inside an array).</summary>
    public static void PayoutObject(Utf8JsonWriter w, PayoutLine l, Language lang)
    {
        w.WriteStartObject();
        w.WriteString("rule", l.Rule);
        w.WriteString("kind", JsonNames.Kind(l.Kind));
        w.WriteNumber("amount", Fen(l.Amount.Amount));
        w.WriteString("currency", l.Currency);
        w.WriteBoolean("provisional", l.Provisional);
        if (l.EquityUnits is { } units)
            w.WriteNumber("equity_units", units);
        if (l.Benefit is { } benefit)
            w.WriteString("benefit", benefit.Get(lang));
        w.WriteStartObject("trace");
        w.WriteString("text", l.TraceText(lang));
        Strings(w, "steps", l.StepTexts(lang));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary><c>"careers": [{"track","from","to","eligible","count","min_grade","min_count","window_size","window","training"}]</c>.</summary>
    public static void Careers(Utf8JsonWriter w, IReadOnlyList<CareerStatus> careers, Language lang)
    {
        w.WriteStartArray("careers");
        foreach (var c in careers)
        {
            w.WriteStartObject();
            w.WriteString("track", c.Track.Code);
            w.WriteString("from", c.Track.From.Get(lang));
            w.WriteString("to", c.Track.To.Get(lang));
            w.WriteBoolean("eligible", c.Eligible);
            w.WriteNumber("count", c.Count);
            w.WriteString("min_grade", c.Track.MinGrade);
            w.WriteNumber("min_count", c.Track.MinCount);
            w.WriteNumber("window_size", c.Track.Window);
            w.WriteStartArray("window");
            foreach (var g in c.Window)
            {
                w.WriteStartObject();
                w.WriteString("period", g.Period);
                w.WriteString("grade", g.Grade);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            Strings(w, "training", c.Track.Training.Select(t => t.Get(lang)));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary><c>"notices": ["…"]</c>.</summary>
    public static void Notices(Utf8JsonWriter w, IReadOnlyList<Notice> notices, Language lang) =>
        Strings(w, "notices", notices.Select(n => n.Get(lang)));

    /// <summary>An amount exact to the fen, always with two decimals (24000.00, not 24000).</summary>
    public static decimal Fen(decimal amount) => Money.RoundAmount(amount) + 0.00m;

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
