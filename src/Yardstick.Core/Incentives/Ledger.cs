using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Yardstick.Core.Common;

namespace Yardstick.Core.Incentives;

/// <summary>A milestone paid: once per rule and product, ever.</summary>
public sealed record MilestonePayment(string Rule, string Product, string Event, string Period, decimal Amount);

/// <summary>A profit-share payment of a product for a year.</summary>
public sealed record ProfitSharePayment(string Rule, string Product, int Year, decimal Amount);

/// <summary>A product's launch-year revenue, the baseline of its profit share.</summary>
public sealed record ProfitBaseline(string Product, int Year, decimal Revenue);

/// <summary>A person's grade in a period.</summary>
public sealed record GradeRecord(string Period, string Grade);

/// <summary>
/// What must be remembered between runs (scoring.md §10 <c>--ledger</c>): milestones paid, profit-share
/// payments and baselines, and each person's past grades for career tracks. Immutable: a run returns a new ledger.
/// </summary>
public sealed record Ledger(
    IReadOnlyList<MilestonePayment> Milestones,
    IReadOnlyList<ProfitSharePayment> ProfitShares,
    IReadOnlyList<ProfitBaseline> Baselines,
    IReadOnlyDictionary<string, IReadOnlyList<GradeRecord>> Grades)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>An empty ledger.</summary>
    public static Ledger Empty { get; } = new([], [], [], new Dictionary<string, IReadOnlyList<GradeRecord>>());

    /// <summary>The grades of a person ordered by period end (oldest first).</summary>
    public IReadOnlyList<GradeRecord> GradesOf(string person) => Grades.TryGetValue(person, out var g) ? g : [];

    /// <summary>Reads a ledger file.</summary>
    public static Result<Ledger> Parse(string json, string file)
    {
        try
        {
            var dto = JsonSerializer.Deserialize<Dto>(json, Options);
            if (dto is null)
                return Empty;
            return new Ledger(
                dto.Milestones ?? [],
                dto.ProfitShares ?? [],
                dto.Baselines ?? [],
                (dto.Grades ?? []).ToDictionary(kv => kv.Key, kv => (IReadOnlyList<GradeRecord>)kv.Value, StringComparer.Ordinal));
        }
        catch (JsonException ex)
        {
            const string Expected = """{"milestones": [...], "profit_shares": [...], "baselines": [...], "grades": {"person": [{"period": "2026-Q1", "grade": "A"}]}}""";
            var (atZh, atEn) = ex.Path is { Length: > 0 } path ? ($"{path} 处的内容无法识别", $"unexpected content at {path}") : ("内容无法识别", "unexpected content");
            return Problem.Invalid(
                Location.At(file, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1),
                $"不是 Yardstick 台账文件：{atZh}；应为 {Expected}（由 Yardstick 写出的台账文件）",
                $"not a Yardstick ledger: {atEn}; expected {Expected} (a ledger file written by Yardstick)");
        }
    }

    /// <summary>Writes the ledger as JSON, sorted for stable diffs.</summary>
    public string Write() => JsonSerializer.Serialize(
        new Dto
        {
            Milestones = [.. Milestones.OrderBy(m => m.Product, StringComparer.Ordinal).ThenBy(m => m.Rule, StringComparer.Ordinal)],
            ProfitShares = [.. ProfitShares.OrderBy(p => p.Product, StringComparer.Ordinal).ThenBy(p => p.Year).ThenBy(p => p.Rule, StringComparer.Ordinal)],
            Baselines = [.. Baselines.OrderBy(b => b.Product, StringComparer.Ordinal)],
            Grades = Grades.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal),
        },
        Options);

    /// <summary>Orders periods by their last day, then by length (a month before the quarter it closes).</summary>
    internal static int ComparePeriods(string a, string b)
    {
        var pa = Period.Parse(a);
        var pb = Period.Parse(b);
        if (!pa.IsSuccess || !pb.IsSuccess)
            return string.CompareOrdinal(a, b);
        var c = pa.Value.LastDay.CompareTo(pb.Value.LastDay);
        return c != 0 ? c : ((int)pa.Value.Kind).CompareTo((int)pb.Value.Kind);
    }

    /// <summary>Formats an amount for the ledger.</summary>
    internal static string Amount(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);

    private sealed class Dto
    {
        public List<MilestonePayment>? Milestones { get; set; }
        public List<ProfitSharePayment>? ProfitShares { get; set; }
        public List<ProfitBaseline>? Baselines { get; set; }
        public Dictionary<string, List<GradeRecord>>? Grades { get; set; }
    }
}
