using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Lifecycle;
using Yardstick.Core.Scoring;

namespace Yardstick.App.Evaluation;

/// <summary>
/// The one writer of the results JSON of scoring.md §10, with pay: Core's <c>ResultJson</c> and <c>PayoutJson</c>,
/// plus per result <c>scheme</c> and <c>version</c> (under a lifecycle bundle) and <c>pro_rata</c>, and the
/// top-level <c>notices</c>. <c>evaluate</c>, <c>calc</c> (what it stores) and <c>results</c> all write through it.
/// </summary>
public static class ResultsJson
{
    /// <summary>Indented, with Chinese and other text as it is (not \u-escaped).</summary>
    public static JsonWriterOptions Indented { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact, as a run stores each result object.</summary>
    public static JsonWriterOptions Compact { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>The whole document: the envelope, every result in order, the notices.</summary>
    public static void Write(Utf8JsonWriter w, EvaluationInputs inputs, EvaluationResult result, Language language)
    {
        WriteStart(w, inputs.Document.Id, inputs.IsBundle ? null : inputs.Calculators[0].Scheme.Scheme.Version, inputs.Period, inputs.Currency);
        foreach (var r in result.Results)
        {
            WriteResult(w, r, inputs.IsBundle, language);
            if (w.BytesPending > 1 << 16)
                w.Flush();
        }

        WriteEnd(w, result.Notices, language);
    }

    /// <summary>Opens the document up to the results array: <c>{"scheme","version","period","currency","results":[</c>; a lifecycle bundle has no version of its own (null).</summary>
    public static void WriteStart(Utf8JsonWriter w, string scheme, int? version, Period period, string currency)
    {
        w.WriteStartObject();
        w.WriteString("scheme", scheme);
        if (version is { } v)
            w.WriteNumber("version", v);
        else
            w.WriteNull("version");
        w.WriteString("period", period.ToString());
        w.WriteString("currency", currency);
        w.WriteStartArray("results");
    }

    /// <summary>Closes the results array, writes the notices and closes the document.</summary>
    public static void WriteEnd(Utf8JsonWriter w, IReadOnlyList<Notice> notices, Language language)
    {
        w.WriteEndArray();
        PayoutJson.Notices(w, notices, language);
        w.WriteEndObject();
    }

    /// <summary>One result object; <paramref name="withScheme"/> adds the stage scheme and its version (under a bundle).</summary>
    public static void WriteResult(Utf8JsonWriter w, PersonResult pr, bool withScheme, Language language)
    {
        var card = pr.Card;
        var extras = new ResultJson.ResultJsonExtras(
            Total: pr.ProRata is null ? null : pr.Total,
            Grade: pr.Grade,
            Fields: fw =>
            {
                if (withScheme)
                {
                    fw.WriteString("scheme", card.Scheme.Scheme.Id);
                    fw.WriteNumber("version", card.Scheme.Scheme.Version);
                }

                if (pr.ProRata is { } pro)
                    ProRataJson.Write(fw, pro.Parts, pro.Trace.Get(language));
            },
            Payouts: pw => PayoutJson.Payouts(pw, pr.Lines, language),
            After: aw => PayoutJson.Careers(aw, pr.Careers, language));
        ResultJson.WriteResult(w, card, extras);
    }

    /// <summary>
    /// The SHA-256 (lower-case hex) of every result object, compact and in English, in person order: a run stores it,
    /// and the same inputs always give the same hash.
    /// </summary>
    public static string Hash(EvaluationResult result, bool bundle)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var r in result.Results)
        {
            buffer.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(buffer, Compact))
                WriteResult(w, r, bundle, Language.En);
            hash.AppendData(buffer.WrittenSpan);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
