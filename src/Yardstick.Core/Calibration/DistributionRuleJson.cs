using System.Text.Json;
using System.Text.Json.Serialization;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;

namespace Yardstick.Core.Calibration;

/// <summary>
/// Reads and writes a <see cref="DistributionRule"/> as it is stored (docs/calibration.md):
/// <c>{"mode":"enforce","grades":{"S":{"max":0.1},"A":{"max":0.25},"D":{"min":0.05}}}</c>. Shares are read canonical
/// (0.10 and 0.1 are one value) and written without trailing zeros; grades keep their order.
/// </summary>
public static partial class DistributionRuleJson
{
    /// <summary>
    /// Parses a stored or entered rule. Problems name <paramref name="field"/> (with the JSON path for a syntax or type
    /// error). The rule is not yet validated: call <see cref="DistributionRule.Validate"/> for its shares and grades.
    /// </summary>
    /// <param name="json">The rule's JSON text.</param>
    /// <param name="field">Where the text comes from (a setting's or a request's field), for the problems' locations.</param>
    public static Result<DistributionRule> Parse(string json, string field = "distribution")
    {
        RuleDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, RuleDtos.Default.RuleDto);
        }
        catch (JsonException ex)
        {
            return JsonReadProblem.Of(ex, Location.Of(field), typeof(DistributionRuleJson));
        }

        var problems = new List<Problem>();
        if (dto?.Mode is null)
            problems.Add(Problem.Invalid(field + ".mode", "需要分布规则的模式：enforce（违反时拒绝审批）或 guide（仅作参考）", "the rule's mode is required: enforce (approval is refused while it is broken) or guide (shown only)"));
        if (dto?.Grades is null)
            problems.Add(Problem.Invalid(field + ".grades", "需要各等级的比例，例如 {\"S\":{\"max\":0.10},\"D\":{\"min\":0.05}}", "the grades and their shares are required, e.g. {\"S\":{\"max\":0.10},\"D\":{\"min\":0.05}}"));
        foreach (var (grade, _) in dto?.Grades?.Where(g => g.Value is null) ?? [])
            problems.Add(Problem.Invalid($"{field}.grades.{grade}", $"等级 {grade} 应为对象，例如 {{\"max\":0.10}}", $"the grade {grade} needs an object, e.g. {{\"max\":0.10}}"));
        if (problems.Count > 0)
            return Result<DistributionRule>.Fail(problems);
        return new DistributionRule(dto!.Mode!.Value, [.. dto.Grades!.Select(g => new GradeLimit(g.Key, Canonical(g.Value!.Max), Canonical(g.Value.Min)))]);
    }

    /// <summary>Writes <paramref name="rule"/> in its stored form, compact, grades in the rule's order.</summary>
    public static string Write(DistributionRule rule) => JsonSerializer.Serialize(new RuleDto
    {
        Mode = rule.Mode,
        Grades = new(rule.Grades.Select(g => new KeyValuePair<string, ShareDto?>(g.Grade, new ShareDto { Max = Canonical(g.Max), Min = Canonical(g.Min) })), StringComparer.Ordinal),
    }, RuleDtos.Default.RuleDto);

    private static decimal? Canonical(decimal? share) => share is { } s ? Decimals.Canonical(s) : null;

    // strict as scheme files are read: no unknown field, no field twice; modes in lower case
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        Converters = [typeof(ModeConverter)])]
    [JsonSerializable(typeof(RuleDto))]
    private sealed partial class RuleDtos : JsonSerializerContext;

    private sealed class ModeConverter() : JsonStringEnumConverter<DistributionMode>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);

    private sealed class RuleDto
    {
        public DistributionMode? Mode { get; set; }

        // ordered: the grades keep the order they were written in
        public OrderedDictionary<string, ShareDto?>? Grades { get; set; }
    }

    private sealed class ShareDto
    {
        public decimal? Max { get; set; }
        public decimal? Min { get; set; }
    }
}
