using System.Text.Encodings.Web;
using System.Text.Json;
using Yardstick.Cli.Evaluation;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;

namespace Yardstick.Cli.Output;

/// <summary>
/// The JSON of scoring.md §10 with pay: the fields of Core's <c>ResultJson</c>, plus per result
/// <c>scheme</c> (under a bundle), <c>pro_rata</c>, <c>payouts</c> and <c>careers</c>, and the top-level
/// <c>notices</c>. Core's writer closes each result itself, so the extra fields are written here.
/// </summary>
internal static class EvaluationJson
{
    public static JsonWriterOptions Options { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter writer, RunInputs inputs, EvaluationResult result)
    {
        using var stream = TextWriterStream.Over(writer);
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("scheme", inputs.Document.Id);
            if (inputs.IsBundle)
                w.WriteNull("version");
            else
                w.WriteNumber("version", inputs.Calculators[0].Scheme.Scheme.Version);
            w.WriteString("period", inputs.Period.ToString());
            w.WriteString("currency", inputs.Currency);
            w.WriteStartArray("results");
            foreach (var r in result.Results)
            {
                WriteResult(w, r, inputs.IsBundle, inputs.Language);
                if (w.BytesPending > 1 << 16)
                    w.Flush();
            }

            w.WriteEndArray();
            Notices(w, result.Notices, inputs.Language);
            w.WriteEndObject();
        }

        stream.Write("\n"u8);
        stream.Flush();
    }

    public static void WriteResult(Utf8JsonWriter w, PersonResult pr, bool withScheme, Language lang)
    {
        var r = pr.Card;
        var s = r.Scheme;
        w.WriteStartObject();
        w.WriteString("person", r.Person);
        if (withScheme)
        {
            w.WriteString("scheme", s.Scheme.Id);
            w.WriteNumber("version", s.Scheme.Version);
        }

        w.WriteNumber("total", pr.Total);
        if (pr.Grade is null)
            w.WriteNull("grade");
        else
            w.WriteString("grade", pr.Grade);
        w.WriteBoolean("complete", r.Complete);
        if (pr.ProRata is { } pro)
        {
            w.WriteStartObject("pro_rata");
            w.WriteStartArray("parts");
            foreach (var (card, days) in pro.Parts)
            {
                w.WriteStartObject();
                w.WriteString("scheme", card.Scheme.Scheme.Id);
                w.WriteNumber("days", days);
                w.WriteNumber("total", card.Total);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("trace", pro.Trace(lang));
            w.WriteEndObject();
        }

        w.WriteStartObject("groups");
        foreach (var n in s.GroupNodes())
        {
            var g = r.Groups[n];
            w.WriteStartObject(s.Nodes[n].Code);
            w.WriteNumber("weight", g.Weight);
            w.WriteNumber("points", g.Points);
            Number(w, "achievement", g.Achievement);
            w.WriteEndObject();
        }

        w.WriteEndObject();

        w.WriteStartObject("indicators");
        for (var i = 0; i < s.Indicators.Length; i++)
        {
            var x = r.Indicators[i];
            w.WriteStartObject(s.Indicators[i].Code);
            w.WriteNumber("weight", x.Weight);
            w.WriteNumber("target", x.Target);
            Number(w, "actual", x.Actual);
            Number(w, "achievement", x.Achievement);
            Number(w, "score", x.Waived ? null : x.Score);
            w.WriteNumber("points", x.Points);
            w.WriteBoolean("missing", x.Missing);
            w.WriteBoolean("waived", x.Waived);
            if (x.WaiverReason is not null)
                w.WriteString("waiver_reason", x.WaiverReason);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        Strings(w, "missing", r.MissingCodes);
        Strings(w, "waived", r.WaivedCodes);
        Payouts(w, pr.Lines, lang);
        Careers(w, pr.Careers, lang);
        w.WriteEndObject();
    }

    /// <summary><c>"payouts": [{"rule","kind","amount","currency","provisional","trace":{"text","steps"}}]</c>, amounts with two decimals.</summary>
    public static void Payouts(Utf8JsonWriter w, IReadOnlyList<PayoutLine> lines, Language lang)
    {
        w.WriteStartArray("payouts");
        foreach (var l in lines)
        {
            w.WriteStartObject();
            w.WriteString("rule", l.Rule);
            w.WriteString("kind", JsonNames.Kind(l.Kind));
            w.WriteNumber("amount", Fen(l.Amount.Amount));
            w.WriteString("currency", l.Amount.Currency);
            w.WriteBoolean("provisional", l.Provisional);
            if (l.EquityUnits is { } units)
                w.WriteNumber("equity_units", units);
            if (l.Benefit is { } benefit)
                w.WriteString("benefit", benefit.Get(lang));
            w.WriteStartObject("trace");
            w.WriteString("text", l.TraceText(lang));
            Strings(w, "steps", StepTexts(l, lang));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary><c>"careers": [{"track","from","to","eligible","count","min_grade","min_count","window","training"}]</c>.</summary>
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

    public static void Notices(Utf8JsonWriter w, IReadOnlyList<Notice> notices, Language lang) =>
        Strings(w, "notices", notices.Select(n => n.Get(lang)));

    /// <summary>
    /// The trace's steps as texts, exactly the parts of <see cref="PayoutLine.TraceText"/>. Core is moving the
    /// final "rounded once" step out of <see cref="PayoutLine.Steps"/> into the text only; whatever the text has
    /// beyond the steps is the last step, so the array and the text always agree.
    /// </summary>
    public static List<string> StepTexts(PayoutLine line, Language lang)
    {
        var steps = line.Steps.Select(s => s.Get(lang)).ToList();
        var separator = lang == Language.ZhCN ? "；" : "; ";
        var joined = string.Join(separator, steps);
        var text = line.TraceText(lang);
        if (text.Length > joined.Length && text.StartsWith(joined, StringComparison.Ordinal))
            steps.Add(text[(joined.Length + (steps.Count > 0 ? separator.Length : 0))..]);
        return steps;
    }

    /// <summary>An amount exact to the fen, always written with two decimals (24000.00, not 24000).</summary>
    public static decimal Fen(decimal amount) => Money.RoundAmount(amount) + 0.00m;

    private static void Number(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
            w.WriteNumber(name, v);
        else
            w.WriteNull(name);
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
