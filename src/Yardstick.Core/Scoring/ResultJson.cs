using System.Text.Json;
using Yardstick.Core.Common;

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

    /// <summary>Writes one result object; <paramref name="extras"/> adds fields and may replace the total and grade.</summary>
    public static void WriteResult(Utf8JsonWriter w, ScorecardResult r, ResultJsonExtras? extras = null)
    {
        var s = r.Scheme;
        w.WriteStartObject();
        w.WriteString("person", r.Person);
        w.WriteNumber("total", Decimals.Canonical(extras?.Total ?? r.Total));
        var grade = extras is { Total: not null } ? extras.Grade : r.Grade;
        if (grade is null)
            w.WriteNull("grade");
        else
            w.WriteString("grade", grade);
        w.WriteBoolean("complete", r.Complete);
        extras?.Fields?.Invoke(w);

        w.WriteStartObject("groups");
        foreach (var n in s.GroupNodes())
        {
            var g = r.Groups[n];
            w.WriteStartObject(s.Nodes[n].Code);
            w.WriteNumber("weight", Decimals.Canonical(g.Weight));
            w.WriteNumber("points", Decimals.Canonical(g.Points));
            Number(w, "achievement", g.Achievement);
            w.WriteEndObject();
        }

        w.WriteEndObject();

        w.WriteStartObject("indicators");
        for (var i = 0; i < s.Indicators.Length; i++)
        {
            var x = r.Indicators[i];
            w.WriteStartObject(s.Indicators[i].Code);
            w.WriteNumber("weight", Decimals.Canonical(x.Weight));
            w.WriteNumber("target", Decimals.Canonical(x.Target));
            Number(w, "actual", x.Actual);
            Number(w, "achievement", x.Achievement);
            Number(w, "score", x.Waived ? null : x.Score);
            w.WriteNumber("points", Decimals.Canonical(x.Points));
            w.WriteBoolean("missing", x.Missing);
            w.WriteBoolean("waived", x.Waived);
            if (r.WaiverReason(i) is { } reason)
                w.WriteString("waiver_reason", reason);
            w.WriteEndObject();
        }

        w.WriteEndObject();

        Strings(w, "missing", r.MissingCodes);
        Strings(w, "waived", r.WaivedCodes);
        if (extras?.Payouts is { } payouts)
        {
            payouts(w);
        }
        else
        {
            w.WriteStartArray("payouts");
            w.WriteEndArray();
        }

        extras?.After?.Invoke(w);
        w.WriteEndObject();
    }

    /// <summary>What a caller adds to a result object.</summary>
    /// <param name="Total">A total that replaces the scorecard's (a pro-rata total); <paramref name="Grade"/> goes with it.</param>
    /// <param name="Grade">The grade of <paramref name="Total"/>.</param>
    /// <param name="Fields">Writes extra fields after <c>complete</c>.</param>
    /// <param name="Payouts">Writes the <c>payouts</c> array (an empty array when null).</param>
    /// <param name="After">Writes extra fields at the end of the object.</param>
    public sealed record ResultJsonExtras(
        decimal? Total = null,
        string? Grade = null,
        Action<Utf8JsonWriter>? Fields = null,
        Action<Utf8JsonWriter>? Payouts = null,
        Action<Utf8JsonWriter>? After = null);

    private static void Number(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
            w.WriteNumber(name, Decimals.Canonical(v));
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
