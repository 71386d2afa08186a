using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
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
        var calibrated = pr.Calibration is not null && pr.ComputedGrade != pr.Grade;
        var extras = new ResultJson.ResultJsonExtras(
            // a final grade (R4) replaces the grade as a pro-rata total's does: the total is the same one then
            Total: pr.ProRata is null && !calibrated ? null : pr.Total,
            Grade: pr.Grade,
            Fields: fw =>
            {
                if (calibrated)
                {
                    if (pr.ComputedGrade is { } computed)
                        fw.WriteString("computed_grade", computed);
                    else
                        fw.WriteNull("computed_grade");
                }

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
    /// The results digest a run stores: the SHA-256 (lower-case hex) of everything the result objects show, in person order,
    /// without writing them as JSON: every number in its canonical form (as the JSON writes it), flag, code and text,
    /// the payout traces in English and the notices. The same inputs always give the same digest; a different digest
    /// means a different document. Runs made before it (until issue 8) stored <see cref="Hash"/> instead.
    /// </summary>
    public static string Digest(EvaluationResult result)
    {
        using var d = new DigestWriter();
        foreach (var r in result.Results)
        {
            d.Text(r.Person);
            Card(d, r.Card);
            d.Number(r.Total);
            d.Text(r.Grade);
            // a final grade (R4) differing from the computed one adds computed_grade to the result object
            if (r.Calibration is not null && r.ComputedGrade != r.Grade)
                d.Text("computed_grade:" + r.ComputedGrade);
            if (r.ProRata is { } pro)
            {
                d.Int(pro.Parts.Count);
                foreach (var (card, days) in pro.Parts)
                {
                    Card(d, card);
                    d.Int(days);
                }

                d.Text(pro.Trace.En);
            }
            else
            {
                d.Int(-1);
            }

            d.Int(r.Lines.Count);
            foreach (var l in r.Lines)
            {
                d.Text(l.Rule);
                d.Text(JsonNames.Kind(l.Kind));
                d.Number(PayoutJson.Fen(l.Amount.Amount));
                d.Text(l.Currency);
                d.Bool(l.Provisional);
                d.Number(l.EquityUnits);
                d.Text(l.Benefit?.En);
                foreach (var step in l.StepTexts(Language.En))
                    d.Text(step);
                d.Int(-1);
            }

            d.Int(r.Careers.Count);
            foreach (var c in r.Careers)
            {
                d.Text(c.Track.Code);
                d.Bool(c.Eligible);
                d.Int(c.Count);
                d.Int(c.Window.Count);
                foreach (var g in c.Window)
                {
                    d.Text(g.Period);
                    d.Text(g.Grade);
                }
            }

            d.FlushSome();
        }

        d.Int(result.Notices.Count);
        foreach (var n in result.Notices)
            d.Text(n.En);
        return d.Finish();
    }

    private static void Card(DigestWriter d, ScorecardResult card)
    {
        var s = card.Scheme;
        d.Text(s.Scheme.Id);
        d.Int(s.Scheme.Version);
        d.Number(card.Total);
        d.Text(card.Grade);
        foreach (var n in s.GroupNodes())
        {
            var g = card.Groups[n];
            d.Number(g.Weight);
            d.Number(g.Points);
            d.Number(g.Achievement);
        }

        for (var i = 0; i < s.Indicators.Length; i++)
        {
            var x = card.Indicators[i];
            d.Number(x.Weight);
            d.Number(x.Target);
            d.Number(x.Actual);
            d.Number(x.Achievement);
            d.Number(x.Waived ? null : x.Score);
            d.Number(x.Points);
            d.Bool(x.Missing);
            d.Bool(x.Waived);
            d.Text(card.WaiverReason(i));
        }
    }

    /// <summary>Length-prefixed binary fields, hashed in blocks of 64 KiB: no field can run into the next.</summary>
    private sealed class DigestWriter : IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly ArrayBufferWriter<byte> _buffer = new(1 << 17);

        public void Int(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
            _buffer.Advance(4);
        }

        public void Bool(bool value) => Int(value ? 1 : 0);

        public void Number(decimal? value)
        {
            Bool(value is not null);
            if (value is not { } v)
                return;
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(Decimals.Canonical(v), bits);
            foreach (var b in bits)
                Int(b);
        }

        public void Text(string? value)
        {
            if (value is null)
            {
                Int(-1);
                return;
            }

            var span = _buffer.GetSpan(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
            var n = Encoding.UTF8.GetBytes(value, span[4..]);
            BinaryPrimitives.WriteInt32LittleEndian(span, n);
            _buffer.Advance(4 + n);
        }

        public void FlushSome()
        {
            if (_buffer.WrittenCount < 1 << 16)
                return;
            _hash.AppendData(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }

        public string Finish()
        {
            _hash.AppendData(_buffer.WrittenSpan);
            return Convert.ToHexStringLower(_hash.GetHashAndReset());
        }

        public void Dispose() => _hash.Dispose();
    }

    /// <summary>
    /// The SHA-256 (lower-case hex) of every result object, compact and in English, in person order: what runs made
    /// before <see cref="Digest"/> stored, still used to check them when they are read.
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
