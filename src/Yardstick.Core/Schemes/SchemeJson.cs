using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;

namespace Yardstick.Core.Schemes;

/// <summary>
/// Reads and writes scheme files (docs/scheme-format.md): UTF-8 JSON that HR keeps in version control.
/// A file holds one scheme, or a lifecycle bundle of one scheme per product stage.
/// </summary>
public static partial class SchemeJson
{
    /// <summary>The longest scheme file accepted, in characters (the built-in templates take about 8,000; a scheme is stored whole with each version).</summary>
    public const int MaxChars = 1_000_000;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        AllowDuplicateProperties = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        // metadata generated at build time: no reflection over the DTOs at start (a template is read on every evaluate)
        TypeInfoResolver = Dtos.Default,
    };

    /// <summary>
    /// Parses a scheme file or a bundle. Syntax problems name the line and column; model problems
    /// name the JSON path or node. The scheme is not yet validated: compile it for that.
    /// </summary>
    /// <param name="json">The file's text.</param>
    /// <param name="file">The file name, used in problems.</param>
    public static Result<SchemeDocument> Parse(string json, string file)
    {
        if (json.Length > MaxChars)
            return Problem.Invalid(Location.At(file, 1, 1),
                string.Create(CultureInfo.InvariantCulture, $"方案文件有 {json.Length:N0} 个字符；最多接受 {MaxChars:N0} 个"),
                string.Create(CultureInfo.InvariantCulture, $"the scheme file has {json.Length:N0} characters; at most {MaxChars:N0} are accepted"),
                "scheme.too_large");
        FileDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<FileDto>(json, Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? Location.At(file, (int)line + 1, (int)(ex.BytePositionInLine ?? 0) + 1) : Location.At(file, 0, 0);
            return JsonReadProblem.Of(ex, where, typeof(SchemeJson));
        }

        if (dto is null)
            return Problem.Invalid(Location.At(file, 0, 0), "文件为空；应为包含 id、name、period 和 tree 的 JSON 对象", "the file is empty; expected a JSON object with id, name, period and tree");

        var problems = new List<Problem>();
        if (dto.Schemes is { } schemes)
        {
            var list = new List<Scheme>();
            for (var i = 0; i < schemes.Count; i++)
                if (ToScheme(schemes[i], $"{file}: $.schemes[{i}]", problems) is { } s)
                    list.Add(s);
            if (dto.Tree is not null)
                problems.Add(Problem.Invalid(Location.At(file, 0, 0), "方案包使用 'schemes'，而不是 'tree'", "a bundle has 'schemes', not 'tree'"));
            if (list.Count > 0 && list.Any(s => s.Stage is null))
                problems.Add(Problem.Invalid(Location.At(file, 0, 0), "生命周期方案包中的每个方案都需要 'stage'（startup、growth、mature、decline）", "every scheme of a lifecycle bundle needs a 'stage' (startup, growth, mature, decline)"));
            return problems.Count > 0
                ? Result<SchemeDocument>.Fail(problems)
                : new SchemeDocument(dto.Id ?? "", Name(dto.Name), list);
        }

        var scheme = ToScheme(dto, $"{file}: $", problems);
        return problems.Count > 0 || scheme is null
            ? Result<SchemeDocument>.Fail(problems)
            : new SchemeDocument(scheme.Id, scheme.Name, [scheme]);
    }

    /// <summary>Writes one scheme as a scheme file.</summary>
    public static string Write(Scheme scheme) => JsonSerializer.Serialize(ToDto(scheme), Options);

    /// <summary>Writes a document: a single scheme as a scheme file, several as a bundle.</summary>
    public static string Write(SchemeDocument document) =>
        document.IsBundle
            ? JsonSerializer.Serialize(new FileDto { Id = document.Id, Name = ToNameDto(document.Name), Schemes = [.. document.Schemes.Select(ToDto)] }, Options)
            : Write(document.Schemes[0]);

    private static Scheme? ToScheme(FileDto dto, string at, List<Problem> problems)
    {
        var before = problems.Count;
        Require(dto.Id, at + ".id", "方案的 id，例如 industrial-value", "the scheme's id, e.g. industrial-value", problems);
        if (dto.Name is null)
            problems.Add(NameRequired(at + ".name"));
        if (dto.Period is null)
            problems.Add(Required(at + ".period", "month、quarter、half 或 year", "month, quarter, half or year"));
        if (dto.Tree is null)
            problems.Add(Required(at + ".tree", "顶层分组和指标的列表", "the list of top-level groups and indicators"));
        var children = (dto.Tree ?? []).Select((n, i) => ToNode(n, $"{at}.tree[{i}]", problems)).ToList();
        if (problems.Count > before)
            return null;
        var grades = (dto.Grades ?? []).Select(g => new GradeBand(g.Grade ?? "", g.Min)).ToList();
        var plan = dto.Plan is null ? null : ToPlan(dto.Plan, at + ".plan", problems);
        if (problems.Count > before)
            return null;
        return new Scheme(dto.Id!, dto.Version ?? 1, Name(dto.Name), dto.Period!.Value, dto.FiscalYearStart ?? 1, children!, grades, dto.Stage, plan);
    }

    private static Plan ToPlan(PlanDto dto, string at, List<Problem> problems)
    {
        var rules = new List<PayoutRule>();
        for (var i = 0; i < (dto.Rules ?? []).Count; i++)
        {
            var r = dto.Rules![i];
            var where = $"{at}.rules[{i}]" + (r.Code is null ? "" : $" ({r.Code})");
            if (ToRule(r, where, problems) is { } rule)
                rules.Add(rule);
        }

        var tracks = (dto.CareerTracks ?? []).Select(t => new CareerTrack(
            t.Code ?? "", Name(t.From), Name(t.To), t.MinGrade ?? "A", t.MinCount ?? 3, t.Window ?? 4, [.. (t.Training ?? []).Select(Name)])).ToList();
        return new Plan(dto.Currency ?? Money.DefaultCurrency, rules, tracks);
    }

    private static PayoutRule? ToRule(RuleDto r, string at, List<Problem> problems)
    {
        var before = problems.Count;
        Require(r.Code, at + ".code", "规则代码（ASCII snake_case）", "the rule's code (ASCII snake_case)", problems);
        if (r.Kind is null)
            problems.Add(Required(at + ".kind", "salary_factor、adjustment、fixed、pool、milestone、excess_share、profit_share、award 或 recognition", "salary_factor, adjustment, fixed, pool, milestone, excess_share, profit_share, award or recognition"));
        Problem RequiredFor(string field, string exampleZh, string exampleEn)
        {
            var kind = JsonNames.Kind(r.Kind!.Value);
            return Problem.Invalid($"{at}.{field}", $"{kind} 规则必须填写此项：{exampleZh}", $"required for a {kind} rule: {exampleEn}");
        }

        string Text(string? v, string field, string example, string? exampleZh = null)
        {
            if (string.IsNullOrWhiteSpace(v))
                problems.Add(RequiredFor(field, exampleZh ?? example, example));
            return v ?? "";
        }

        decimal Num(decimal? v, string field, string example)
        {
            if (v is null)
                problems.Add(RequiredFor(field, example, example));
            return v ?? 0m;
        }

        string? amountText = null;
        decimal? amountNumber = null;
        if (r.Amount is { } amount)
        {
            if (amount.ValueKind == JsonValueKind.String)
                amountText = amount.GetString();
            else if (amount.ValueKind == JsonValueKind.Number)
                amountNumber = amount.GetDecimal();
            else
                problems.Add(Problem.Invalid(at + ".amount", "应为数字（milestone）或带引号的表达式（fixed）", "expected a number (milestone) or an expression in quotes (fixed)"));
        }

        if (problems.Count > before)
            return null;
        var code = r.Code!;
        var name = Name(r.Name);
        PayoutRule rule = r.Kind!.Value switch
        {
            PayoutKind.SalaryFactor => new SalaryFactorRule(code, name, r.Frequency, Text(r.X, "x", "achievement('core')"),
                (r.Curve ?? []).Select(p => p.Length == 2 ? new CurvePoint(p[0], p[1]) : BadPoint(at, problems)).ToList()),
            PayoutKind.Adjustment => new AdjustmentRule(code, name, Text(r.Target, "target", "the code of the line to change", "要调整的规则代码"), Text(r.When, "when", "core_feature_usage < 0.60"), Num(r.Factor, "factor", "0.8")),
            PayoutKind.Fixed => new FixedRule(code, name, r.Frequency, amountText ?? (amountNumber is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : Text(null, "amount", "an expression such as 0.30 * base_salary", "表达式，例如 0.30 * base_salary")), r.When),
            PayoutKind.Pool => new PoolRule(code, name, r.Frequency, Num(r.Rate, "rate", "0.03"), r.Measure ?? "", r.When, r.Share),
            PayoutKind.Milestone => new MilestoneRule(code, name, r.Frequency, Text(r.Event, "event", "demand_validated"), Num(amountNumber, "amount", "50000")),
            PayoutKind.ExcessShare => new ExcessShareRule(code, name, r.Frequency, Num(r.Rate, "rate", "0.01"), r.Measure ?? ""),
            PayoutKind.ProfitShare => new ProfitShareRule(code, name, r.Frequency, r.Years ?? (int)Num(null, "years", "3"), Num(r.RateMin, "rate_min", "0.05"), Num(r.RateMax, "rate_max", "0.08")),
            PayoutKind.Award => new AwardRule(code, name, r.Frequency, Num(r.Min, "min", "100000"), Num(r.Max, "max", "200000"), r.Equity ?? false),
            PayoutKind.Recognition => new RecognitionRule(code, name, r.Frequency, r.Top ?? 1, r.RankBy ?? [], r.Scope ?? RecognitionScope.Company, Name(r.Benefit)),
            _ => throw new InvalidOperationException("unknown kind"),
        };
        return problems.Count > before ? null : rule;
    }

    private static CurvePoint BadPoint(string at, List<Problem> problems)
    {
        problems.Add(Problem.Invalid(at + ".curve", "曲线的每个点都是一对 [x, y]，例如 [1.0, 0.8]", "each curve point is a pair [x, y], e.g. [1.0, 0.8]"));
        return new CurvePoint(0, 0);
    }

    private static PlanDto ToDto(Plan plan) => new()
    {
        Currency = plan.Currency,
        Rules = [.. plan.Rules.Select(ToDto)],
        CareerTracks = plan.CareerTracks.Count == 0 ? null : [.. plan.CareerTracks.Select(t => new TrackDto
        {
            Code = t.Code, From = ToNameDto(t.From), To = ToNameDto(t.To), MinGrade = t.MinGrade, MinCount = t.MinCount, Window = t.Window,
            Training = [.. t.Training.Select(ToNameDto)],
        })],
    };

    private static RuleDto ToDto(PayoutRule rule)
    {
        var dto = new RuleDto { Code = rule.Code, Name = ToNameDto(rule.Name), Kind = rule.Kind, Frequency = rule.Frequency };
        switch (rule)
        {
            case SalaryFactorRule sf:
                dto.X = sf.X;
                dto.Curve = [.. sf.Curve.Select(p => new[] { p.X, p.Y })];
                break;
            case AdjustmentRule adj:
                (dto.Target, dto.When, dto.Factor) = (adj.Target, adj.When, adj.Factor);
                break;
            case FixedRule fx:
                (dto.Amount, dto.When) = (JsonSerializer.SerializeToElement(fx.Amount), fx.When);
                break;
            case PoolRule pool:
                (dto.Rate, dto.Measure, dto.When, dto.Share) = (pool.Rate, pool.Measure, pool.When, pool.Share);
                break;
            case MilestoneRule ms:
                (dto.Event, dto.Amount) = (ms.Event, JsonSerializer.SerializeToElement(ms.Amount));
                break;
            case ExcessShareRule ex:
                (dto.Rate, dto.Measure) = (ex.Rate, ex.Measure);
                break;
            case ProfitShareRule ps:
                (dto.Years, dto.RateMin, dto.RateMax) = (ps.Years, ps.RateMin, ps.RateMax);
                break;
            case AwardRule aw:
                (dto.Min, dto.Max, dto.Equity) = (aw.Min, aw.Max, aw.Equity ? true : null);
                break;
            case RecognitionRule rec:
                (dto.Top, dto.RankBy, dto.Scope, dto.Benefit) = (rec.Top, [.. rec.RankBy], rec.Scope, ToNameDto(rec.Benefit));
                break;
        }

        return dto;
    }

    private static Node? ToNode(NodeDto dto, string at, List<Problem> problems)
    {
        var before = problems.Count;
        Require(dto.Code, at + ".code", "节点代码（ASCII snake_case）", "the node's code (ASCII snake_case)", problems);
        var where = dto.Code is null ? at : $"{at} ({dto.Code})";
        if (dto.Name is null)
            problems.Add(NameRequired(where + ".name"));
        if (dto.Weight is null)
            problems.Add(Required(where + ".weight", "该节点占总分的比例，例如 0.10", "the node's share of the total, e.g. 0.10"));

        if (dto.Children is { } kids)
        {
            string[] indicatorFields = [.. new (string, bool)[]
            {
                ("unit", dto.Unit is not null), ("direction", dto.Direction is not null), ("target", dto.Target is not null),
                ("rule", dto.Rule is not null), ("source", dto.Source is not null), ("expression", dto.Expression is not null),
            }.Where(f => f.Item2).Select(f => f.Item1)];
            if (indicatorFields.Length > 0)
                problems.Add(Problem.Invalid(where, $"分组（含有子节点）不能设置 {ProblemText.ZhList(indicatorFields)}；请把它们移到指标上", $"a group (it has children) cannot have {string.Join(", ", indicatorFields)}; move them to an indicator"));
            var children = kids.Select((k, i) => ToNode(k, $"{at}.children[{i}]", problems)).ToList();
            return problems.Count > before ? null : new Group(dto.Code!, Name(dto.Name), dto.Weight!.Value, children!, dto.CompanyDefined ?? false);
        }

        if (dto.Unit is null)
            problems.Add(RequiredForIndicator(where + ".unit", "percent、ratio、count、money、rating、days、hours 或 number", "percent, ratio, count, money, rating, days, hours or number"));
        if (dto.Direction is null)
            problems.Add(RequiredForIndicator(where + ".direction", "higher 或 lower", "higher or lower"));
        if (dto.Target is null)
            problems.Add(RequiredForIndicator(where + ".target", "目标值", "the target value"));
        if (dto.Bands?.Any(b => b.Length != 2) == true)
            problems.Add(Problem.Invalid(where + ".bands", "每个分段都是一对 [from, achievement]，例如 [0.9, 1.0]", "each band is a pair [from, achievement], e.g. [0.9, 1.0]"));
        if (problems.Count > before)
            return null;
        return new Indicator(
            dto.Code!,
            Name(dto.Name),
            dto.Weight!.Value,
            dto.Unit!.Value,
            dto.Direction!.Value,
            dto.Target!.Value,
            dto.Rule ?? RuleKind.Ratio,
            dto.Cap ?? Indicator.DefaultCap,
            dto.Floor ?? 0m,
            dto.Source ?? Source.Import,
            dto.Ytd ?? false,
            dto.Min,
            dto.Max,
            dto.Zero,
            dto.Bands?.Select(b => new Band(b[0], b[1])).ToList(),
            dto.Expression,
            dto.Scope ?? Scope.Person,
            dto.RaterGroups,
            dto.CompanyDefined ?? false);
    }

    private static void Require(string? value, string where, string whatZh, string whatEn, List<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
            problems.Add(Required(where, whatZh, whatEn));
    }

    private static Problem Required(string where, string whatZh, string whatEn) =>
        Problem.Invalid(where, "必须填写：" + whatZh, "required: " + whatEn);

    private static Problem RequiredForIndicator(string where, string whatZh, string whatEn) =>
        Problem.Invalid(where, "指标必须填写：" + whatZh, "required for an indicator: " + whatEn);

    private static Problem NameRequired(string where) =>
        Required(where, "中英文名称 {\"zh-CN\": \"…\", \"en\": \"…\"}", "{\"zh-CN\": \"…\", \"en\": \"…\"}");

    private static LocalizedText Name(NameDto? n) => new(n?.ZhCN ?? "", n?.En ?? "");

    private static NameDto ToNameDto(LocalizedText t) => new() { ZhCN = t.Zh, En = t.En };

    private static FileDto ToDto(Scheme s) => new()
    {
        Id = s.Id,
        Version = s.Version,
        Name = ToNameDto(s.Name),
        Period = s.PeriodKind,
        FiscalYearStart = s.FiscalYearStart,
        Stage = s.Stage,
        Grades = s.Grades.Count == 0 ? null : [.. s.Grades.Select(g => new GradeDto { Grade = g.Grade, Min = g.Min })],
        Tree = [.. s.Children.Select(ToDto)],
        Plan = s.Plan is null ? null : ToDto(s.Plan),
    };

    private static NodeDto ToDto(Node node) => node switch
    {
        Group g => new NodeDto
        {
            Code = g.Code,
            Name = ToNameDto(g.Name),
            Weight = g.Weight,
            CompanyDefined = g.CompanyDefined ? true : null,
            Children = [.. g.Children.Select(ToDto)],
        },
        Indicator i => new NodeDto
        {
            Code = i.Code,
            Name = ToNameDto(i.Name),
            Weight = i.Weight,
            Unit = i.Unit,
            Direction = i.Direction,
            Target = i.Target,
            Rule = i.Rule == RuleKind.Ratio ? null : i.Rule,
            Cap = i.Cap == Indicator.DefaultCap ? null : i.Cap,
            Floor = i.Floor == 0m ? null : i.Floor,
            Source = i.Source == Source.Import ? null : i.Source,
            Ytd = i.Ytd ? true : null,
            Min = i.Min,
            Max = i.Max,
            Zero = i.Zero,
            Bands = i.Bands?.Select(b => new[] { b.From, b.Achievement }).ToList(),
            Expression = i.Expression,
            Scope = i.Scope == Scope.Person ? null : i.Scope,
            RaterGroups = i.RaterGroups is { Count: > 0 } rg ? [.. rg] : null,
            CompanyDefined = i.CompanyDefined ? true : null,
        },
        _ => throw new InvalidOperationException("unknown node type " + node.GetType().Name),
    };

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(FileDto))]
    private sealed partial class Dtos : JsonSerializerContext;

    private sealed class FileDto
    {
        public string? Id { get; set; }
        public int? Version { get; set; }
        public NameDto? Name { get; set; }
        public PeriodKind? Period { get; set; }
        public int? FiscalYearStart { get; set; }
        public string? Stage { get; set; }
        public List<GradeDto>? Grades { get; set; }
        public List<NodeDto>? Tree { get; set; }
        public List<FileDto>? Schemes { get; set; }
        public PlanDto? Plan { get; set; }
    }

    private sealed class PlanDto
    {
        public string? Currency { get; set; }
        public List<RuleDto>? Rules { get; set; }
        public List<TrackDto>? CareerTracks { get; set; }
    }

    private sealed class RuleDto
    {
        public string? Code { get; set; }
        public NameDto? Name { get; set; }
        public PayoutKind? Kind { get; set; }
        public PeriodKind? Frequency { get; set; }
        public string? X { get; set; }
        public List<decimal[]>? Curve { get; set; }
        public string? Target { get; set; }
        public string? When { get; set; }
        public decimal? Factor { get; set; }
        public JsonElement? Amount { get; set; }
        public decimal? Rate { get; set; }
        public string? Measure { get; set; }
        public string? Share { get; set; }
        public string? Event { get; set; }
        public int? Years { get; set; }
        public decimal? RateMin { get; set; }
        public decimal? RateMax { get; set; }
        public decimal? Min { get; set; }
        public decimal? Max { get; set; }
        public bool? Equity { get; set; }
        public int? Top { get; set; }
        public List<string>? RankBy { get; set; }
        public RecognitionScope? Scope { get; set; }
        public NameDto? Benefit { get; set; }
    }

    private sealed class TrackDto
    {
        public string? Code { get; set; }
        public NameDto? From { get; set; }
        public NameDto? To { get; set; }
        public string? MinGrade { get; set; }
        public int? MinCount { get; set; }
        public int? Window { get; set; }
        public List<NameDto>? Training { get; set; }
    }

    private sealed class NameDto
    {
        [JsonPropertyName("zh-CN")]
        public string? ZhCN { get; set; }

        [JsonPropertyName("en")]
        public string? En { get; set; }
    }

    private sealed class GradeDto
    {
        public string? Grade { get; set; }
        public decimal? Min { get; set; }
    }

    private sealed class NodeDto
    {
        public string? Code { get; set; }
        public NameDto? Name { get; set; }
        public decimal? Weight { get; set; }
        public Unit? Unit { get; set; }
        public Direction? Direction { get; set; }
        public decimal? Target { get; set; }
        public RuleKind? Rule { get; set; }
        public decimal? Cap { get; set; }
        public decimal? Floor { get; set; }
        public Source? Source { get; set; }
        public bool? Ytd { get; set; }
        public decimal? Min { get; set; }
        public decimal? Max { get; set; }
        public decimal? Zero { get; set; }
        public List<decimal[]>? Bands { get; set; }
        public string? Expression { get; set; }
        public Scope? Scope { get; set; }
        public List<string>? RaterGroups { get; set; }
        public bool? CompanyDefined { get; set; }
        public List<NodeDto>? Children { get; set; }
    }
}

/// <summary>The content of a scheme file: one scheme, or a lifecycle bundle of stage schemes.</summary>
/// <param name="Id">The file's id (the scheme's id for a single scheme).</param>
/// <param name="Name">The file's name.</param>
/// <param name="Schemes">The schemes; one for a plain scheme file.</param>
public sealed record SchemeDocument(string Id, LocalizedText Name, IReadOnlyList<Scheme> Schemes)
{
    /// <summary>True for a lifecycle bundle (a scheme per stage).</summary>
    public bool IsBundle => Schemes.Count != 1 || Schemes[0].Id != Id;
}
