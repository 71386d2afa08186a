using System.Globalization;
using System.Text;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;

namespace Yardstick.App.Demo;

/// <summary>A demo employee: a PM (evaluated) or a manager; <see cref="Stage"/> is the lifecycle stage of the PM's product (crossborder).</summary>
internal sealed record DemoPerson(string Id, string Name, string Role, string? Manager, string? Team, string? Product, decimal Salary, string? Stage = null);

/// <summary>Where an effect measure of seed-cases.md's last table is stored.</summary>
internal enum EffectScope
{
    /// <summary>An indicator of each PM (under the old scheme, before the change: a measure of the PM's product).</summary>
    Person,

    /// <summary>A business measure of each product.</summary>
    Product,

    /// <summary>A team indicator or measure, one row per team.</summary>
    Team,

    /// <summary>The request response rate, derived from the request log (scoring.md §8).</summary>
    Requests,
}

/// <summary>
/// One before/after figure of the article: the mean over the people (products, teams) that have it, in every period
/// before the scheme change and after it (null: the article gives no before figure). <see cref="Stage"/> limits it to the
/// PMs or products of one lifecycle stage.
/// </summary>
internal sealed record DemoEffect(string Code, EffectScope Scope, decimal? Before, decimal After, string? Stage = null);

/// <summary>One demo organisation: its case's template, people and effect figures.</summary>
internal sealed record DemoOrganisation(string Code, string NameZh, string NameEn, string Template, PeriodKind Kind, IReadOnlyList<DemoPerson> People, IReadOnlyList<DemoEffect> Effects)
{
    public IReadOnlyList<DemoPerson> Pms { get; } = [.. People.Where(p => p.Role == "pm")];

    public IReadOnlyList<string> Teams => [.. Pms.Select(p => p.Team!).Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<DemoPerson> ProductOwners => [.. Pms.DistinctBy(p => p.Product)];

    /// <summary>The periods of history: twelve months 2025-11 … 2026-10, or the quarters 2025-Q4 … 2026-Q3.</summary>
    public IReadOnlyList<string> History => Kind == PeriodKind.Quarter
        ? ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
        : [.. Enumerable.Range(0, 12).Select(m => new DateOnly(2025, 11, 1).AddMonths(m).ToString("yyyy-MM", CultureInfo.InvariantCulture))];
}

/// <summary>
/// The demo's content (review.md R12): three organisations, one per case of seed-cases.md, and their inputs. Every value is
/// generated from the person's and the period's position by fixed arithmetic (no random numbers), so two loads store the
/// same data, and the effect figures are exact means: the offsets of the people around a figure cancel out in pairs.
/// </summary>
internal static class DemoData
{
    /// <summary>The first day of the case's scheme: the periods before it are evaluated under the older feature-count scheme.</summary>
    public static readonly DateOnly SchemeChange = new(2026, 4, 1);

    public static readonly IReadOnlyList<DemoOrganisation> Organisations =
    [
        new("industrial", "华工智造（工业互联网示例）", "Huagong Smart Manufacturing (industrial internet demo)", "industrial-value", PeriodKind.Month,
        [
            new("li_ming", "李明", "manager", null, null, null, 42000m),
            new("wang_qiang", "王强", "manager", null, null, null, 41000m),
            new("zhang_wei", "张伟", "pm", "li_ming", "mes", "mes_platform", 30000m),
            new("liu_yang", "刘洋", "pm", "li_ming", "mes", "mes_quality", 28000m),
            new("chen_jing", "陈静", "pm", "li_ming", "mes", "mes_energy", 27500m),
            new("yang_fan", "杨帆", "pm", "li_ming", "mes", "mes_twin", 26000m),
            new("zhao_min", "赵敏", "pm", "li_ming", "mes", "mes_aps", 29000m),
            new("huang_lei", "黄磊", "pm", "wang_qiang", "scm", "scm_platform", 31000m),
            new("zhou_jie", "周杰", "pm", "wang_qiang", "scm", "scm_wms", 25500m),
            new("wu_xia", "吴霞", "pm", "wang_qiang", "scm", "scm_tms", 27000m),
            new("xu_tao", "徐涛", "pm", "wang_qiang", "scm", "scm_procure", 26500m),
            new("sun_yue", "孙悦", "pm", "wang_qiang", "scm", "scm_finance", 28500m),
        ],
        [
            new("renewal_rate", EffectScope.Person, 0.60m, 0.88m),
            new("revenue_yoy_growth", EffectScope.Person, null, 0.25m),
        ]),
        new("crossborder", "通达跨境（B2B 电商示例）", "Tongda Cross-border (B2B e-commerce demo)", "crossborder-lifecycle", PeriodKind.Quarter,
        [
            new("he_jun", "何军", "manager", null, null, null, 45000m),
            new("ma_li", "马丽", "manager", null, null, null, 43000m),
            new("zhao_lei", "赵磊", "pm", "he_jun", "emerging", "compliance_eu", 30000m, "startup"),
            new("sun_li", "孙丽", "pm", "he_jun", "emerging", "compliance_me", 28000m, "startup"),
            new("qian_bo", "钱波", "pm", "he_jun", "emerging", "compliance_latam", 27000m, "startup"),
            new("zhou_min", "周敏", "pm", "he_jun", "matching", "match_sea", 32000m, "growth"),
            new("feng_yu", "冯宇", "pm", "he_jun", "matching", "match_mena", 29000m, "growth"),
            new("cao_xin", "曹欣", "pm", "he_jun", "matching", "match_africa", 28500m, "growth"),
            new("deng_hui", "邓辉", "pm", "he_jun", "matching", "match_eu", 30500m, "growth"),
            new("wu_gang", "吴刚", "pm", "ma_li", "settlement", "settle_hub", 35000m, "mature"),
            new("jiang_tao", "蒋涛", "pm", "ma_li", "settlement", "logistics_pay", 33000m, "mature"),
            new("han_xue", "韩雪", "pm", "ma_li", "settlement", "fx_settle", 31500m, "mature"),
        ],
        [
            new("pilot_success_rate", EffectScope.Product, 0.40m, 0.75m, "startup"),
            new("gmv_yoy_growth", EffectScope.Person, null, 0.35m, "growth"),
            new("key_renewal_rate", EffectScope.Person, null, 0.92m, "mature"),
            new("core_talent_attrition", EffectScope.Team, 0.20m, 0.05m),
        ]),
        new("saas", "云启软件（企业 SaaS 示例）", "Yunqi Software (enterprise SaaS demo)", "saas-team-individual", PeriodKind.Month,
        [
            new("liu_qiang", "刘强", "manager", null, null, null, 44000m),
            new("zhou_hong", "周红", "manager", null, null, null, 42000m),
            new("li_na", "李娜", "pm", "liu_qiang", "crm", "crm_cloud", 28000m),
            new("wang_fang", "王芳", "pm", "liu_qiang", "crm", "crm_cloud", 26000m),
            new("chen_jie", "陈杰", "pm", "liu_qiang", "crm", "crm_cloud", 27000m),
            new("sun_hao", "孙浩", "pm", "zhou_hong", "hrm", "hrm_suite", 27500m),
            new("zhu_lin", "朱琳", "pm", "zhou_hong", "hrm", "hrm_suite", 26500m),
            new("guo_peng", "郭鹏", "pm", "zhou_hong", "hrm", "hrm_suite", 28500m),
            new("he_yu", "何雨", "pm", "zhou_hong", "hrm", "hrm_suite", 25000m),
            new("lin_feng", "林峰", "pm", "zhou_hong", "bi", "bi_insight", 29500m),
            new("luo_jia", "罗佳", "pm", "zhou_hong", "bi", "bi_insight", 27000m),
            new("gao_yan", "高燕", "pm", "zhou_hong", "bi", "bi_insight", 26000m),
        ],
        [
            new("request_response_rate", EffectScope.Requests, 0.70m, 0.98m),
            new("team_goal_attainment", EffectScope.Team, 0.65m, 0.90m),
            new("csat", EffectScope.Product, 3.8m, 4.6m),
            new("market_share_growth", EffectScope.Product, null, 0.12m),
        ]),
    ];

    /// <summary>The raters of every organisation (users without an employee) and their rater groups (T3's 360).</summary>
    public static readonly IReadOnlyList<(string Rater, string Group)> Raters = [("rater1", "sales"), ("rater2", "customer_success"), ("rater3", "rd")];

    /// <summary>E1's inputs (worked-examples.md): 张伟, 2026-10.</summary>
    public static readonly IReadOnlyDictionary<string, decimal> E1 = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["renewal_rate"] = 0.88m, ["csat"] = 4.5m, ["issue_closure_rate"] = 0.93m, ["revenue_yoy_growth"] = 0.25m, ["new_industry_cases"] = 2m,
        ["defect_rate"] = 0.008m, ["core_feature_usage"] = 0.55m, ["rd_utilization"] = 0.80m, ["sales_support_rating"] = 4.2m,
        ["roadmap_completion"] = 0.70m, ["innovation_reserve"] = 3.5m,
    };

    /// <summary>E3's individual inputs (examples/e3-actuals.csv): 李娜, 王芳, 陈杰 for the year 2026; team crm's goal attainment 1.05 and revenue 12,345,678.90.</summary>
    public static IReadOnlyDictionary<string, decimal> E3(string person) => new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["collaboration_rating"] = 4.5m,
        ["release_plan_completion"] = person switch { "li_na" => 1.008m, "wang_fang" => 0.054m, _ => 0.549m },
        ["post_release_resolution"] = 0.90m, ["followup_time_cut"] = 0.30m, ["paid_conversion_lift"] = 0.05m,
        ["adopted_suggestions"] = 12m, ["innovation_revenue_share"] = 0.05m,
    };

    public const decimal E3Revenue = 12345678.90m;

    /// <summary>The case's scheme (a built-in template) as stored JSON.</summary>
    public static string CaseScheme(DemoOrganisation org) => SchemeJson.Write(TemplateCatalog.Find(org.Template).Value.Document);

    /// <summary>
    /// The older scheme the case replaces: PMs measured by the features they shipped and releases on time, no pay plan.
    /// </summary>
    public static string FeatureCountScheme(PeriodKind kind)
    {
        var (period, features) = kind == PeriodKind.Quarter ? ("quarter", 24) : ("month", 8);
        return "{\n  \"id\": \"feature-count\",\n  \"version\": 1,\n" +
            "  \"name\": { \"zh-CN\": \"功能交付数量考核（旧方案）\", \"en\": \"Feature count (former scheme)\" },\n" +
            $"  \"period\": \"{period}\",\n  \"fiscal_year_start\": 1,\n" +
            "  \"grades\": [ { \"grade\": \"S\", \"min\": 110 }, { \"grade\": \"A\", \"min\": 100 }, { \"grade\": \"B\", \"min\": 85 }, { \"grade\": \"C\", \"min\": 70 }, { \"grade\": \"D\" } ],\n" +
            "  \"tree\": [\n    { \"code\": \"delivery\", \"name\": { \"zh-CN\": \"交付\", \"en\": \"Delivery\" }, \"weight\": 1.0,\n      \"children\": [\n" +
            $"        {{ \"code\": \"features_shipped\", \"name\": {{ \"zh-CN\": \"上线功能数\", \"en\": \"Features shipped\" }}, \"weight\": 0.6, \"unit\": \"count\", \"direction\": \"higher\", \"target\": {features} }},\n" +
            "        { \"code\": \"releases_on_time\", \"name\": { \"zh-CN\": \"按期发布率\", \"en\": \"Releases on time\" }, \"weight\": 0.4, \"unit\": \"percent\", \"direction\": \"higher\", \"target\": 0.9 }\n" +
            "      ]\n    }\n  ]\n}\n";
    }

    /// <summary>True for a period that ends before the scheme change (the year 2026 is evaluated under the case's scheme).</summary>
    public static bool IsBefore(string label) => Period.Parse(label).Value.LastDay < SchemeChange;

    public static string Employees(DemoOrganisation org) =>
        Csv("person,name,manager,role,team,product", org.People.Select(p => $"{p.Id},{p.Name},{p.Manager},{p.Role},{p.Team},{p.Product}"));

    public static string Salaries(DemoOrganisation org) =>
        Csv("person,base_salary,effective_from,currency", org.People.Select(p => $"{p.Id},{Text(p.Salary)},2025-01-01,CNY"));

    public static string Stages(DemoOrganisation org) =>
        Csv("product,stage,from", org.ProductOwners.Select(p => $"{p.Product},{p.Stage},2025-01-01"));

    /// <summary>
    /// The actuals file of <paramref name="label"/> (<paramref name="salt"/>: the period's position, which moves the offsets):
    /// under the old scheme its two indicators and the measures the article tracks; under the case's scheme every imported
    /// indicator of the PM's (stage) scheme, team indicators once per team, and the measures its plan reads.
    /// <paramref name="fixedValues"/> gives a person's actuals that a worked example fixes.
    /// </summary>
    public static string Actuals(DemoOrganisation org, string label, int salt, Func<string, IReadOnlyDictionary<string, decimal>?> fixedValues)
    {
        var rows = new List<string>();
        var before = IsBefore(label);
        var fiscalMonth = Period.Parse(label).Value.FiscalMonthAtEnd(1);
        var document = TemplateCatalog.Find(org.Template).Value.Document;
        var old = SchemeJson.Parse(FeatureCountScheme(org.Kind), "feature-count").Value.Schemes[0];
        var pms = org.Pms;
        for (var i = 0; i < pms.Count; i++)
        {
            var pm = pms[i];
            var scheme = before ? old : document.Schemes.Single(s => s.Stage == pm.Stage);
            var given = fixedValues(pm.Id);
            var peers = pms.Where(x => x.Stage == pm.Stage).ToList();
            foreach (var indicator in scheme.Indicators().Where(x => x.Scope == Scope.Person && x.Source is not (Source.Requests or Source.Formula)))
            {
                var value = given?.GetValueOrDefault(indicator.Code)
                    ?? Effect(org, indicator.Code, EffectScope.Person, pm.Stage, before, peers.IndexOf(pm), peers.Count, salt)
                    ?? Generated(indicator, i, salt, fiscalMonth);
                rows.Add($"{pm.Id},{indicator.Code},{Text(value)}");
            }
        }

        var teams = org.Teams;
        for (var t = 0; t < teams.Count; t++)
            foreach (var e in org.Effects.Where(e => e.Scope == EffectScope.Team))
                if (Effect(org, e.Code, EffectScope.Team, null, before, t, teams.Count, salt) is { } value)
                    rows.Add($"team:{teams[t]},{e.Code},{Text(value)}");

        var products = org.ProductOwners;
        for (var p = 0; p < products.Count; p++)
        {
            var owner = products[p];
            foreach (var e in org.Effects.Where(e => e.Scope == EffectScope.Product && (e.Stage is null || e.Stage == owner.Stage)))
            {
                var ofStage = products.Where(x => e.Stage is null || x.Stage == e.Stage).ToList();
                if (Effect(org, e.Code, EffectScope.Product, owner.Stage, before, ofStage.IndexOf(owner), ofStage.Count, salt) is { } value)
                    rows.Add($"product:{owner.Product},{e.Code},{Text(value)}");
            }

            // under the old scheme a PM's indicator of the case is a measure of the PM's product (one product per PM there)
            if (before)
                foreach (var e in org.Effects.Where(e => e.Scope == EffectScope.Person && e.Before is not null))
                    rows.Add($"product:{owner.Product},{e.Code},{Text(e.Before!.Value + Spread(p, products.Count, salt, Step(e)))}");

            // the growth stage's GMV dividend reads the product's GMV against its target
            if (!before && owner.Stage == "growth")
            {
                rows.Add($"product:{owner.Product},gmv,{Text(5_000_000m + (p % 3 * 150_000m))}");
                rows.Add($"product:{owner.Product},gmv_target,5000000");
            }
        }

        return Csv("person,indicator,value", rows);
    }

    /// <summary>The year 2026 of the saas case: E3's team pool for team crm; the other teams miss their goal (no pool).</summary>
    public static string YearActuals(DemoOrganisation org)
    {
        var actuals = Actuals(org, "2026", 0, p => p is "li_na" or "wang_fang" or "chen_jie" ? E3(p) : null);
        var kept = actuals.Split('\n').Where(l => !l.StartsWith("team:", StringComparison.Ordinal) && !l.StartsWith("product:", StringComparison.Ordinal) && l.Length > 0);
        var teams = org.Teams.Select((t, i) => t == "crm"
            ? $"team:crm,team_goal_attainment,1.05\nteam:crm,revenue,{Text(E3Revenue)}"
            : $"team:{t},team_goal_attainment,{Text(0.92m - (i * 0.03m))}\nteam:{t},revenue,{Text(8_000_000m + (i * 1_000_000m))}");
        return string.Join('\n', kept.Concat(teams)) + "\n";
    }

    /// <summary>
    /// The request log of a month of the saas case: ten requests per PM, created on days 3–12 (so that each is counted in its
    /// month), answered after two hours; an on-time one is solved after a day, a late one after 80 hours. Before the change
    /// three of each PM's ten are late (70%); after it one of ten for two PMs in turn (98% on average).
    /// </summary>
    public static string Requests(DemoOrganisation org, string label, int salt)
    {
        var first = Period.Parse(label).Value.FirstDay;
        var before = IsBefore(label);
        var rows = new List<string>();
        for (var i = 0; i < org.Pms.Count; i++)
        {
            var late = before ? 3 : (i + salt) % 5 == 0 ? 1 : 0;
            for (var r = 0; r < 10; r++)
            {
                var created = first.AddDays(2 + r).ToDateTime(new TimeOnly(9, 0));
                var solved = created.AddHours(r < late ? 80 : 24);
                rows.Add($"{label}-{org.Pms[i].Id}-{r + 1},{org.Pms[i].Id},{Local(created)},{Local(created.AddHours(2))},{Local(solved)}");
            }
        }

        return Csv("id,person,created_at,first_response_at,solution_at", rows);
    }

    /// <summary>
    /// The value of an effect measure for the <paramref name="i"/>-th of <paramref name="n"/> holders, or null when the
    /// measure does not apply (another scope or stage, or no figure for that side of the change).
    /// </summary>
    private static decimal? Effect(DemoOrganisation org, string code, EffectScope scope, string? stage, bool before, int i, int n, int salt)
    {
        var e = org.Effects.FirstOrDefault(e => e.Code == code && e.Scope == scope && (e.Stage is null || e.Stage == stage));
        var figure = e is null ? null : before ? e.Before : e.After;
        // a person's indicator under the old scheme is stored on the product (Actuals), never on the person
        if (figure is null || (before && scope == EffectScope.Person))
            return null;
        return figure.Value + Spread(i, n, salt, Step(e!));
    }

    private static decimal Step(DemoEffect e) => e.After >= 1m ? 0.05m : 0.01m;

    /// <summary>
    /// An offset that cancels out over the <paramref name="n"/> holders: the first and the last (and a middle one) get 0, the
    /// others ±1–4 steps in mirrored pairs, so that the holders' mean is the figure itself.
    /// </summary>
    internal static decimal Spread(int i, int n, int salt, decimal step)
    {
        var k = Math.Min(i, n - 1 - i);
        if (k == 0 || 2 * i == n - 1)
            return 0m;
        var size = 1 + (((k * 7) + (salt * 3)) % 4);
        return (i < n - 1 - i ? 1 : -1) * size * step;
    }

    /// <summary>An actual near the indicator's target (a year-to-date one: its share of the year), within the indicator's range.</summary>
    private static decimal Generated(Indicator indicator, int i, int salt, int fiscalMonth)
    {
        var codeSalt = indicator.Code.Sum(c => c) % 7;
        var factor = 1m + ((((i * 5) + (salt * 3) + codeSalt) % 7) - 2) * 0.03m;
        var value = indicator.Direction == Direction.Higher ? indicator.Target * factor : indicator.Target / factor;
        if (indicator.Ytd)
            value = value * fiscalMonth / 12m;
        return indicator.Unit switch
        {
            Unit.Count => Math.Max(0m, Math.Round(value, 0, MidpointRounding.AwayFromZero)),
            Unit.Rating => Math.Clamp(Math.Round(value, 1, MidpointRounding.AwayFromZero), 1m, 5m),
            Unit.Percent => Math.Min(1m, Math.Round(value, 4, MidpointRounding.AwayFromZero)),
            _ => Math.Round(value, 2, MidpointRounding.AwayFromZero),
        };
    }

    private static string Local(DateTime t) => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Text(decimal value) => Decimals.Canonical(value).ToString(CultureInfo.InvariantCulture);

    private static string Csv(string header, IEnumerable<string> rows)
    {
        var text = new StringBuilder(header).Append('\n');
        foreach (var row in rows)
            text.Append(row).Append('\n');
        return text.ToString();
    }
}
