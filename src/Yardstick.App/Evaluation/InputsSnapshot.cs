using System.Buffers.Binary;
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
            // hashed as it is written: a section of a million actuals is never held whole
            using var sha = SHA256.Create();
            using (var hashing = new CryptoStream(Stream.Null, sha, CryptoStreamMode.Write))
            using (var w = new Utf8JsonWriter(hashing, Writer))
                write(w);
            result[name] = Convert.ToHexStringLower(sha.Hash!);
        }

        return result;
    }

    /// <summary>
    /// Reads a snapshot back into inputs for <paramref name="calculators"/> (the run's scheme version, compiled for
    /// its period). A snapshot that is not one is a bug in the caller (it only reads what a run stored). The large
    /// sections (people, actuals) are read token by token, the small ones as elements, so that reading a run of 50,000
    /// people holds the decompressed text once and nothing else besides the inputs.
    /// </summary>
    public static EvaluationInputs Read(byte[] snapshot, Core.Schemes.SchemeDocument document, IReadOnlyList<ScorecardCalculator> calculators)
    {
        var json = Decompress(snapshot);
        var space = IndicatorSpace.Of(document, [.. calculators.Select(c => c.Scheme)]);
        var info = new Dictionary<string, PersonInfo>(StringComparer.Ordinal);
        var people = new List<string>();
        Dictionary<string, decimal?[]> actuals = [], teamActuals = [];
        var waivers = new Dictionary<string, IReadOnlyDictionary<int, string>>(StringComparer.Ordinal);
        var measures = new Measures();
        var stages = new Dictionary<string, StageHistory>(StringComparer.Ordinal);
        List<MilestoneEvent> events = [];
        List<AwardNomination> awards = [];
        var ledger = Ledger.Empty;
        var proRata = false;
        var adjustments = new Dictionary<string, IReadOnlyList<PersonAdjustment>>(StringComparer.Ordinal);
        var finalGrades = new Dictionary<string, FinalGrade>(StringComparer.Ordinal);

        var reader = new Utf8JsonReader(json.Span);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var section = reader.GetString();
            reader.Read();
            switch (section)
            {
                case "people":
                    ReadPeople(ref reader, people, info);
                    continue;
                case "actuals":
                    actuals = ReadValues(ref reader, space, info);
                    continue;
                case "team_actuals":
                    teamActuals = ReadValues(ref reader, space, info);
                    continue;
                case "ledger":
                    ledger = Ledger.Parse(reader.GetString()!, "snapshot").Value;
                    continue;
                case "pro_rata":
                    proRata = reader.GetBoolean();
                    continue;
            }

            using var doc = JsonDocument.ParseValue(ref reader);
            var e = doc.RootElement;
            switch (section)
            {
                case "waivers":
                    foreach (var who in e.EnumerateObject())
                        waivers[who.Name] = who.Value.EnumerateObject().ToDictionary(v => space.IndexOf(v.Name), v => v.Value.GetString()!);
                    break;
                case "measures":
                    foreach (var m in e.EnumerateArray())
                        measures.Set(Enum.Parse<MeasureScope>(m.GetProperty("scope").GetString()!, ignoreCase: true), m.GetProperty("id").GetString()!, m.GetProperty("name").GetString()!, m.GetProperty("value").GetDecimal());
                    break;
                case "events":
                    events = [.. e.EnumerateArray().Select(x => new MilestoneEvent(
                        x.GetProperty("product").GetString()!, x.GetProperty("event").GetString()!, DateOnly.ParseExact(x.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)))];
                    break;
                case "awards":
                    awards = [.. e.EnumerateArray().Select(a => new AwardNomination(
                        a.GetProperty("rule").GetString()!, a.GetProperty("person").GetString()!, a.GetProperty("amount").GetDecimal(), OptionalDecimal(a, "equity_units"),
                        a.GetProperty("nominated_by").GetString()!, OptionalString(a, "approved_by"), a.GetProperty("where").GetString()!))];
                    break;
                case AdjustmentsSection:
                    foreach (var who in e.EnumerateObject())
                        adjustments[who.Name] = [.. who.Value.EnumerateArray().Select(a => new PersonAdjustment(
                            PersonAdjustment.KindOf(a.GetProperty("kind").GetString()!)!.Value, a.GetProperty("indicator").GetString()!,
                            a.GetProperty("value").GetDecimal(), a.GetProperty("author").GetString()!, a.GetProperty("reason").GetString()!))];
                    break;
                case FinalGradesSection:
                    foreach (var who in e.EnumerateObject())
                        finalGrades[who.Name] = new FinalGrade(who.Value.GetProperty("grade").GetString()!, who.Value.GetProperty("author").GetString()!, who.Value.GetProperty("reason").GetString()!);
                    break;
                case "stages":
                    foreach (var product in e.EnumerateObject())
                        stages[product.Name] = StageHistory.Create(product.Name, product.Value.EnumerateArray()
                            .Select(s => new StageChange(s.GetProperty("stage").GetString()!, DateOnly.ParseExact(s.GetProperty("from").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)))).Value;
                    break;
            }
        }

        return new EvaluationInputs
        {
            Period = calculators[0].Period,
            Document = document,
            Calculators = calculators,
            Space = space,
            People = people,
            Info = info,
            Actuals = actuals,
            TeamActuals = teamActuals,
            Waivers = waivers,
            Measures = measures,
            Events = events,
            Awards = awards,
            Ledger = ledger,
            Stages = stages,
            ProRata = proRata,
            Adjustments = adjustments,
            FinalGrades = finalGrades,
        };
    }

    private static ReadOnlyMemory<byte> Decompress(byte[] snapshot)
    {
        // a gzip stream ends with the length of what it holds (modulo 4 GiB): the text is read into one array of that size
        var size = snapshot.Length >= 4 ? (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(snapshot.AsSpan(snapshot.Length - 4)), int.MaxValue) : 0;
        using var input = new GZipStream(new MemoryStream(snapshot), CompressionMode.Decompress);
        var output = new MemoryStream(size);
        input.CopyTo(output);
        return output.GetBuffer().AsMemory(0, (int)output.Length);
    }

    // [{"id", "base_salary"?, "name"?, "team"?, "product"?, "share"?}, …]
    private static void ReadPeople(ref Utf8JsonReader reader, List<string> people, Dictionary<string, PersonInfo> info)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string id = "";
            decimal? salary = null, share = null;
            string? name = null, team = null, product = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.GetString();
                reader.Read();
                switch (field)
                {
                    case "id": id = reader.GetString()!; break;
                    case "base_salary": salary = reader.GetDecimal(); break;
                    case "name": name = reader.GetString(); break;
                    case "team": team = reader.GetString(); break;
                    case "product": product = reader.GetString(); break;
                    case "share": share = reader.GetDecimal(); break;
                }
            }

            people.Add(id);
            info[id] = new PersonInfo(id, salary, name, team, product, share);
        }
    }

    // {"person": {"indicator": value, …}, …}; a person's id is shared with their entry in the people section
    private static Dictionary<string, decimal?[]> ReadValues(ref Utf8JsonReader reader, IndicatorSpace space, Dictionary<string, PersonInfo> info)
    {
        var result = new Dictionary<string, decimal?[]>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var who = reader.GetString()!;
            if (info.TryGetValue(who, out var known))
                who = known.Id;
            var values = new decimal?[space.Count];
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var i = space.IndexOf(reader.GetString()!);
                reader.Read();
                values[i] = reader.GetDecimal();
            }

            result[who] = values;
        }

        return result;
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
                FlushSome(w);
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
                FlushSome(w);
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
        // review adjustments (R3): written only when there are some, so a run without them keeps the snapshot and the
        // fingerprint it always had
        if (inputs.Adjustments.Count > 0)
            yield return (AdjustmentsSection, w =>
            {
                w.WriteStartObject();
                foreach (var (person, list) in inputs.Adjustments.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    w.WriteStartArray(person);
                    foreach (var a in list)
                    {
                        w.WriteStartObject();
                        w.WriteString("kind", PersonAdjustment.KindName(a.Kind));
                        w.WriteString("indicator", a.Indicator);
                        w.WriteNumber("value", a.Value);
                        w.WriteString("author", a.Author);
                        w.WriteString("reason", a.Reason);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            });
        if (inputs.FinalGrades.Count > 0)
            yield return (FinalGradesSection, w =>
            {
                w.WriteStartObject();
                foreach (var (person, g) in inputs.FinalGrades.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    w.WriteStartObject(person);
                    w.WriteString("grade", g.Grade);
                    w.WriteString("author", g.Author);
                    w.WriteString("reason", g.Reason);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            });
    }

    /// <summary>The optional section of review adjustments (absent when there are none).</summary>
    public const string AdjustmentsSection = "adjustments";

    /// <summary>The optional section of final grades set in calibration (R4; absent when there are none).</summary>
    public const string FinalGradesSection = "final_grades";

    /// <summary>The optional sections of a review, each written only when it holds something.</summary>
    public static IReadOnlyList<string> ReviewSections { get; } = [AdjustmentsSection, FinalGradesSection];

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
            FlushSome(w);
        }

        w.WriteEndObject();
    }

    // a writer over a stream holds what it wrote until it is flushed: flushed every 64 KiB, a snapshot of 50,000
    // people is compressed (or hashed) as it is written instead of being held whole
    private static void FlushSome(Utf8JsonWriter w)
    {
        if (w.BytesPending > 64 * 1024)
            w.Flush();
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
