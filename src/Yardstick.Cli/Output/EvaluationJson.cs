using System.Text.Encodings.Web;
using System.Text.Json;
using Yardstick.Cli.Evaluation;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Lifecycle;
using Yardstick.Core.Scoring;

namespace Yardstick.Cli.Output;

/// <summary>
/// The JSON of scoring.md §10 with pay: Core's <c>ResultJson</c> and <c>PayoutJson</c>, plus per result
/// <c>scheme</c> (under a bundle) and <c>pro_rata</c>, and the top-level <c>notices</c>.
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
            PayoutJson.Notices(w, result.Notices, inputs.Language);
            w.WriteEndObject();
        }

        stream.Write("\n"u8);
        stream.Flush();
    }

    public static void WriteResult(Utf8JsonWriter w, PersonResult pr, bool withScheme, Language lang)
    {
        var r = pr.Card;
        var extras = new ResultJson.ResultJsonExtras(
            Total: pr.ProRata is null ? null : pr.Total,
            Grade: pr.Grade,
            Fields: w =>
            {
                if (withScheme)
                {
                    w.WriteString("scheme", r.Scheme.Scheme.Id);
                    w.WriteNumber("version", r.Scheme.Scheme.Version);
                }

                if (pr.ProRata is { } pro)
                    ProRataJson.Write(w, pro.Parts, pro.Trace(lang));
            },
            Payouts: w => PayoutJson.Payouts(w, pr.Lines, lang),
            After: w => PayoutJson.Careers(w, pr.Careers, lang));
        ResultJson.WriteResult(w, r, extras);
    }
}
