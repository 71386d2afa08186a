using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Lifecycle;
using Yardstick.Core.Scoring;

namespace Yardstick.App.Evaluation;

/// <summary>
/// Everything an evaluation read, written down (review.md R6): who was evaluated, each person's salary, team,
/// product and share, the actuals (derived ones included), team actuals, waivers, measures, events, awards, the
/// ledger before the period, the stage histories and the stage mode. A run stores it, so that its results can be
/// shown again in either language, a backtest or a re-run reads the period as it was, and a later change of the
/// inputs is seen (the run is stale). The form is canonical JSON (keys and rows in ordinal order, numbers in their
/// shortest exact form), gzip-compressed; its sections are hashed one by one so a difference can be named.
/// </summary>
public static class InputsSnapshot
{
    /// <summary>The sections, in the order they are written; <see cref="Fingerprint"/> names them.</summary>
    public static readonly IReadOnlyList<string> Sections = ["people", "actuals", "team_actuals", "waivers", "measures", "events", "awards", "ledger", "stages", "pro_rata"];

    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The snapshot, gzip-compressed.</summary>
    public static byte[] Write(EvaluationInputs inputs)
    {
        using var output = new MemoryStream();
        using (var zip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new Utf8JsonWriter(zip, Writer))
        {
            w.WriteStartObject();
            foreach (var (name, write) in Writers(inputs))
            {
                w.WritePropertyName(name);
                write(w);
            }

            w.WriteEndObject();
        }

        return output.ToArray();
    }

    /// <summary>The SHA-256 of each section (lower-case hex), by section name: equal inputs give equal hashes.</summary>
    public static IReadOnlyDictionary<string, string> Fingerprint(EvaluationInputs inputs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, write) in Writers(inputs))
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, Writer))
                write(w);
            result[name] = Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
        }

        return result;
    }

    /// <summary>
    /// Reads a snapshot back into inputs for <paramref name="calculators"/> (the run's scheme version, compiled for
    /// its period). A snapshot that is not one is a bug in the caller (it only reads what a run stored).
    /// </summary>
    public static EvaluationInputs Read(byte[] snapshot, Core.Schemes.SchemeDocument document, IReadOnlyList<ScorecardCalculator> calculators)
    {
        using var input = new GZipStream(new MemoryStream(snapshot), CompressionMode.Decompress);
        using var doc = JsonDocument.Parse(input);
        var root = doc.RootElement;
        var space = IndicatorSpace.Of(document, [.. calculators.Select(c => c.Scheme)]);

        var info = new Dictionary<string, PersonInfo>(StringComparer.Ordinal);
        var people = new List<string>();
        foreach (var p in root.GetProperty("people").EnumerateArray())
        {
            var id = p.GetProperty("id").GetString()!;
            people.Add(id);
            info[id] = new PersonInfo(id, OptionalDecimal(p, "base_salary"), OptionalString(p, "name"), OptionalString(p, "team"), OptionalString(p, "product"), OptionalDecimal(p, "share"));
        }

        Dictionary<string, decimal?[]> Values(string section)
        {
            var result = new Dictionary<string, decimal?[]>(StringComparer.Ordinal);
            foreach (var who in root.GetProperty(section).EnumerateObject())
            {
                var values = new decimal?[space.Count];
                foreach (var v in who.Value.EnumerateObject())
                    values[space.IndexOf(v.Name)] = v.Value.GetDecimal();
                result[who.Name] = values;
            }

            return result;
        }

        var waivers = new Dictionary<string, IReadOnlyDictionary<int, string>>(StringComparer.Ordinal);
        foreach (var who in root.GetProperty("waivers").EnumerateObject())
            waivers[who.Name] = who.Value.EnumerateObject().ToDictionary(v => space.IndexOf(v.Name), v => v.Value.GetString()!);

        var measures = new Measures();
        foreach (var m in root.GetProperty("measures").EnumerateArray())
            measures.Set(Enum.Parse<MeasureScope>(m.GetProperty("scope").GetString()!, ignoreCase: true), m.GetProperty("id").GetString()!, m.GetProperty("name").GetString()!, m.GetProperty("value").GetDecimal());

        var stages = new Dictionary<string, StageHistory>(StringComparer.Ordinal);
        foreach (var product in root.GetProperty("stages").EnumerateObject())
            stages[product.Name] = StageHistory.Create(product.Name, product.Value.EnumerateArray()
                .Select(s => new StageChange(s.GetProperty("stage").GetString()!, DateOnly.ParseExact(s.GetProperty("from").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)))).Value;

        return new EvaluationInputs
        {
            Period = calculators[0].Period,
            Document = document,
            Calculators = calculators,
            Space = space,
            People = people,
            Info = info,
            Actuals = Values("actuals"),
            TeamActuals = Values("team_actuals"),
            Waivers = waivers,
            Measures = measures,
            Events = [.. root.GetProperty("events").EnumerateArray().Select(e => new MilestoneEvent(
                e.GetProperty("product").GetString()!, e.GetProperty("event").GetString()!, DateOnly.ParseExact(e.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)))],
            Awards = [.. root.GetProperty("awards").EnumerateArray().Select(a => new AwardNomination(
                a.GetProperty("rule").GetString()!, a.GetProperty("person").GetString()!, a.GetProperty("amount").GetDecimal(), OptionalDecimal(a, "equity_units"),
                a.GetProperty("nominated_by").GetString()!, OptionalString(a, "approved_by"), a.GetProperty("where").GetString()!))],
            Ledger = Ledger.Parse(root.GetProperty("ledger").GetString()!, "snapshot").Value,
            Stages = stages,
            ProRata = root.GetProperty("pro_rata").GetBoolean(),
        };
    }

    private static IEnumerable<(string Name, Action<Utf8JsonWriter> Write)> Writers(EvaluationInputs inputs)
    {
        var space = inputs.Space;
        yield return ("people", w =>
        {
            w.WriteStartArray();
            foreach (var id in inputs.People)
            {
                var p = inputs.InfoOf(id);
                w.WriteStartObject();
                w.WriteString("id", id);
                Optional(w, "base_salary", p.BaseSalary);
                Optional(w, "name", p.Name);
                Optional(w, "team", p.Team);
                Optional(w, "product", p.Product);
                Optional(w, "share", p.Share);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        yield return ("actuals", w => Values(w, inputs.Actuals, space));
        yield return ("team_actuals", w => Values(w, inputs.TeamActuals, space));
        yield return ("waivers", w =>
        {
            w.WriteStartObject();
            foreach (var (person, waived) in inputs.Waivers.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject(person);
                foreach (var (i, reason) in waived.OrderBy(kv => kv.Key))
                    w.WriteString(space.Indicators[i].Code, reason);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
        yield return ("measures", w =>
        {
            w.WriteStartArray();
            foreach (var (scope, id, name, value) in inputs.Measures.All.OrderBy(m => m.Scope).ThenBy(m => m.Id, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("scope", scope.ToString().ToLowerInvariant());
                w.WriteString("id", id);
                w.WriteString("name", name);
                w.WriteNumber("value", Decimals.Canonical(value));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        yield return ("events", w =>
        {
            w.WriteStartArray();
            foreach (var e in inputs.Events)
            {
                w.WriteStartObject();
                w.WriteString("product", e.Product);
                w.WriteString("event", e.Event);
                w.WriteString("date", Files.Dates.Format(e.Date));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        yield return ("awards", w =>
        {
            w.WriteStartArray();
            foreach (var a in inputs.Awards)
            {
                w.WriteStartObject();
                w.WriteString("rule", a.Rule);
                w.WriteString("person", a.Person);
                w.WriteNumber("amount", Decimals.Canonical(a.Amount));
                Optional(w, "equity_units", a.EquityUnits);
                w.WriteString("nominated_by", a.NominatedBy);
                Optional(w, "approved_by", a.ApprovedBy);
                w.WriteString("where", a.Where);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        yield return ("ledger", w => w.WriteStringValue(inputs.Ledger.Write()));
        yield return ("stages", w =>
        {
            w.WriteStartObject();
            foreach (var (product, history) in inputs.Stages.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WriteStartArray(product);
                foreach (var c in history.Changes)
                {
                    w.WriteStartObject();
                    w.WriteString("stage", c.Stage);
                    w.WriteString("from", Files.Dates.Format(c.From));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
        yield return ("pro_rata", w => w.WriteBooleanValue(inputs.ProRata));
    }

    private static void Values(Utf8JsonWriter w, IReadOnlyDictionary<string, decimal?[]> values, IndicatorSpace space)
    {
        w.WriteStartObject();
        foreach (var (who, row) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject(who);
            for (var i = 0; i < row.Length; i++)
                if (row[i] is { } v)
                    w.WriteNumber(space.Indicators[i].Code, Decimals.Canonical(v));
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
            w.WriteNumber(name, Decimals.Canonical(v));
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
            w.WriteString(name, value);
    }

    private static decimal? OptionalDecimal(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetDecimal() : null;

    private static string? OptionalString(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
}
