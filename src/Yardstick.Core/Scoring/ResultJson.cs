using System.Text.Json;

namespace Yardstick.Core.Scoring;

/// <summary>
/// Writes scorecards as the JSON of scoring.md §10: numbers at full precision, results sorted by
/// person id (ordinal) by the caller, groups and indicators as flat maps keyed by code.
/// </summary>
public static class ResultJson
{
    /// <summary>Writes the opening of the document up to the start of the results array.</summary>
    public static void WriteStart(Utf8JsonWriter w, CompiledScheme scheme, string period, string currency)
    {
        w.WriteStartObject();
        w.WriteString("scheme", scheme.Scheme.Id);
        w.WriteNumber("version", scheme.Scheme.Version);
        w.WriteString("period", period);
        w.WriteString("currency", currency);
        w.WriteStartArray("results");
    }

    /// <summary>Closes what <see cref="WriteStart"/> opened.</summary>
    public static void WriteEnd(Utf8JsonWriter w)
    {
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes one result object; <paramref name="payouts"/> writes the payout objects (none when null).</summary>
    public static void WriteResult(Utf8JsonWriter w, ScorecardResult r, Action<Utf8JsonWriter>? payouts = null)
    {
        var s = r.Scheme;
        w.WriteStartObject();
        w.WriteString("person", r.Person);
        w.WriteNumber("total", r.Total);
        if (r.Grade is null)
            w.WriteNull("grade");
        else
            w.WriteString("grade", r.Grade);
        w.WriteBoolean("complete", r.Complete);

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
        w.WriteStartArray("payouts");
        payouts?.Invoke(w);
        w.WriteEndArray();
        w.WriteEndObject();
    }

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
