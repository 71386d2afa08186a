using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using Yardstick.Core.Templates;

namespace Yardstick.Core.Tests.Templates;

/// <summary>The built-in templates hold every code, name, weight and target of seed-cases.md.</summary>
public class TemplateCatalogTests
{
    // template | code | zh | en | weight | target | unit | direction | flags (ytd, source, scope)
    private const string Indicators = """
        industrial-value|renewal_rate|核心客户续约率|Key-account renewal rate|0.10|0.85|percent|higher|
        industrial-value|csat|客户满意度评分|Customer satisfaction|0.10|4.2|rating|higher|
        industrial-value|issue_closure_rate|客户问题解决闭环率|Customer issue closure rate|0.10|0.90|percent|higher|
        industrial-value|revenue_yoy_growth|产品营收同比增长|Product revenue growth YoY|0.125|0.20|percent|higher|
        industrial-value|new_industry_cases|新增细分行业落地案例|New industry reference cases|0.125|3|count|higher|ytd
        industrial-value|defect_rate|上线功能缺陷率|Released-feature defect rate|0.075|0.01|percent|lower|
        industrial-value|core_feature_usage|核心功能使用率|Core feature usage|0.075|0.60|percent|higher|
        industrial-value|rd_utilization|研发资源利用率|R&D capacity utilisation|0.075|0.85|percent|higher|
        industrial-value|sales_support_rating|销售团队配合满意度|Sales team satisfaction|0.075|4.0|rating|higher|ratings
        industrial-value|roadmap_completion|年度产品路线图完成率|Annual roadmap completion|0.075|0.90|percent|higher|ytd
        industrial-value|innovation_reserve|行业趋势洞察与创新功能储备|Trend insight and innovation pipeline|0.075|4.0|rating|higher|manual
        crossborder-startup|valid_feedback_count|有效客户反馈数|Valid customer feedback|0.15|50|count|higher|
        crossborder-startup|demand_validation_rate|需求验证通过率|Demand validation pass rate|0.15|0.70|percent|higher|
        crossborder-startup|prototype_iterations|原型迭代轮次|Prototype iterations|0.25|3|count|higher|
        crossborder-startup|partner_frameworks|合规机构/物流商对接完成数|Partner frameworks set up|0.15|2|count|higher|
        crossborder-startup|collaboration_rating|协同评分|Collaboration score (360)|0.15|4.0|rating|higher|ratings
        crossborder-startup|roadmap_completion|路线图完成率|Roadmap completion|0.15|0.90|percent|higher|
        crossborder-growth|new_accounts|月均新增供应商/采购商|New suppliers and buyers per month (average)|0.15|200|number|higher|
        crossborder-growth|core_feature_penetration|核心功能渗透率|Core feature penetration|0.15|0.50|percent|higher|
        crossborder-growth|gmv_yoy_growth|撮合交易额同比增长|Matched GMV growth YoY|0.125|0.15|percent|higher|
        crossborder-growth|dispute_rate|交易纠纷率|Dispute rate|0.125|0.03|percent|lower|
        crossborder-growth|new_channels|新增行业入驻渠道|New industry channels|0.15|2|count|higher|
        crossborder-growth|collaboration_rating|协同评分|Collaboration score (360)|0.15|4.0|rating|higher|ratings
        crossborder-growth|roadmap_completion|路线图完成率|Roadmap completion|0.15|0.90|percent|higher|
        crossborder-mature|key_renewal_rate|核心客户续约率|Key-account renewal rate|0.15|0.90|percent|higher|
        crossborder-mature|repurchase_growth|复购频次提升|Repurchase frequency growth|0.15|0.10|percent|higher|
        crossborder-mature|fulfillment_efficiency_gain|物流履约效率提升|Fulfilment efficiency gain|0.125|0.20|percent|higher|
        crossborder-mature|settlement_time_cut|结算耗时缩短|Settlement time reduction|0.125|0.30|percent|higher|
        crossborder-mature|logistics_cost_cut|物流合作成本降低|Logistics cost reduction|0.075|0.05|percent|higher|
        crossborder-mature|ops_cost_cut|平台运营成本降低|Platform operating cost reduction|0.075|0.08|percent|higher|
        crossborder-mature|collaboration_rating|协同评分|Collaboration score (360)|0.15|4.0|rating|higher|ratings
        crossborder-mature|roadmap_completion|路线图完成率|Roadmap completion|0.15|0.90|percent|higher|
        saas-team-individual|request_response_rate|跨部门需求响应率|Cross-department response rate (24h response, 72h solution)|0.15|0.95|percent|higher|requests
        saas-team-individual|team_goal_attainment|团队目标达成率|Team goal attainment|0.15|1.00|percent|higher|team
        saas-team-individual|collaboration_rating|协同效率评分|Collaboration score (360: sales, customer success, R&D)|0.10|4.5|rating|higher|ratings
        saas-team-individual|release_plan_completion|核心功能上线计划完成率|Release plan completion|0.125|0.90|percent|higher|
        saas-team-individual|post_release_resolution|迭代后客户问题解决率|Post-release issue resolution|0.125|0.90|percent|higher|
        saas-team-individual|followup_time_cut|客户跟进时间缩短|Customer follow-up time reduction|0.10|0.30|percent|higher|
        saas-team-individual|paid_conversion_lift|付费转化率提升|Paid conversion lift|0.10|0.05|percent|higher|
        saas-team-individual|adopted_suggestions|优化建议被采纳数|Adopted improvement suggestions|0.075|12|count|higher|ytd
        saas-team-individual|innovation_revenue_share|创新功能新增营收占比|Revenue share of new features|0.075|0.05|percent|higher|
        """;

    // template | code | zh | en | weight
    private const string Groups = """
        industrial-value|core|核心指标|Core indicators|0.70
        industrial-value|customer|客户价值|Customer value|0.30
        industrial-value|business|业务价值|Business value|0.25
        industrial-value|quality|产品质量|Product quality|0.15
        industrial-value|auxiliary|辅助指标|Supporting indicators|0.30
        industrial-value|collaboration|跨团队协同效率|Cross-team collaboration|0.15
        industrial-value|planning|产品规划与迭代能力|Planning and iteration|0.15
        crossborder-startup|core|验证与探索|Validate and explore|0.70
        crossborder-startup|demand_validation|市场需求验证|Demand validation|0.30
        crossborder-startup|auxiliary|辅助指标|Supporting indicators|0.30
        crossborder-growth|core|增长与渗透|Growth and penetration|0.70
        crossborder-growth|user_growth|用户增长|User growth|0.30
        crossborder-growth|conversion|交易转化|Transaction conversion|0.25
        crossborder-growth|auxiliary|辅助指标|Supporting indicators|0.30
        crossborder-mature|core|价值深化与效率提升|Deepen value, raise efficiency|0.70
        crossborder-mature|retention|客户留存|Retention|0.30
        crossborder-mature|efficiency|效率优化|Efficiency|0.25
        crossborder-mature|cost|成本控制|Cost control|0.15
        crossborder-mature|auxiliary|辅助指标|Supporting indicators|0.30
        saas-team-individual|team|团队协同|Team collaboration|0.40
        saas-team-individual|individual|个人贡献|Individual contribution|0.60
        saas-team-individual|iteration|产品迭代成效|Iteration results|0.25
        saas-team-individual|value|价值量化|Value delivered|0.20
        saas-team-individual|innovation|创新贡献|Innovation|0.15
        """;

    public static TheoryData<string> SchemeIds => new(["industrial-value", "crossborder-startup", "crossborder-growth", "crossborder-mature", "saas-team-individual"]);

    private static Scheme Scheme(string id) => TemplateCatalog.Find(id).Value.Document.Schemes.Single();

    private static IEnumerable<string[]> Rows(string table) =>
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split('|'));

    [Fact]
    public void List_HasTheThreeTemplatesAndTheStageSchemes()
    {
        Assert.Equal(
            ["industrial-value", "crossborder-lifecycle", "crossborder-startup", "crossborder-growth", "crossborder-mature", "saas-team-individual"],
            TemplateCatalog.List().Select(t => t.Id));
        var bundle = TemplateCatalog.Find("crossborder-lifecycle").Value.Document;
        Assert.True(bundle.IsBundle);
        Assert.Equal(["startup", "growth", "mature"], bundle.Schemes.Select(s => s.Stage));
    }

    [Theory]
    [MemberData(nameof(SchemeIds))]
    public void Template_CompilesWithGradeBandsAndExactlyTheListedCodes(string id)
    {
        var scheme = Scheme(id);
        Assert.True(CompiledScheme.Compile(scheme).IsSuccess);
        Assert.Equal(
            [("S", 110m), ("A", 100m), ("B", 85m), ("C", 70m), ("D", (decimal?)null)],
            scheme.Grades.Select(g => (g.Grade, g.Min)));
        var expected = Rows(Indicators).Where(r => r[0] == id).Select(r => r[1]).Concat(Rows(Groups).Where(r => r[0] == id).Select(r => r[1])).Order();
        Assert.Equal(expected, scheme.AllNodes().Select(n => n.Code).Order());
        Assert.Equal(id == "industrial-value" || id == "saas-team-individual" ? PeriodKind.Month : PeriodKind.Quarter, scheme.PeriodKind);
    }

    [Fact]
    public void Templates_IndicatorsAsInSeedCases()
    {
        foreach (var r in Rows(Indicators))
        {
            var ind = Assert.IsType<Indicator>(Scheme(r[0]).AllNodes().Single(n => n.Code == r[1]));
            var where = $"{r[0]}/{r[1]}";
            Assert.True(r[2] == ind.Name.Zh, where);
            Assert.True(r[3] == ind.Name.En, where);
            Assert.True(decimal.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture) == ind.Weight, where);
            Assert.True(decimal.Parse(r[5], System.Globalization.CultureInfo.InvariantCulture) == ind.Target, where);
            Assert.True(r[6] == ind.Unit.ToString().ToLowerInvariant(), where);
            Assert.True(r[7] == ind.Direction.ToString().ToLowerInvariant(), where);
            Assert.True((r[8] == "ytd") == ind.Ytd, where);
            Assert.True((r[8] == "team") == (ind.Scope == Scope.Team), where);
            var source = r[8] is "ratings" or "requests" or "manual" ? r[8] : "import";
            Assert.True(source == ind.Source.ToString().ToLowerInvariant(), where);
            Assert.True(ind.Rule == RuleKind.Ratio && ind.Cap == 1.2m && ind.Floor == 0m, where);
        }
    }

    [Fact]
    public void Templates_GroupsAsInSeedCases()
    {
        foreach (var r in Rows(Groups))
        {
            var g = Assert.IsType<Group>(Scheme(r[0]).AllNodes().Single(n => n.Code == r[1]));
            Assert.True(r[2] == g.Name.Zh && r[3] == g.Name.En, $"{r[0]}/{r[1]}");
            Assert.True(decimal.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture) == g.Weight, $"{r[0]}/{r[1]}");
        }
    }

    [Fact]
    public void Templates_CompanyDefinedValuesAreMarked()
    {
        Assert.True(Scheme("industrial-value").AllNodes().Single(n => n.Code == "rd_utilization").CompanyDefined);
        Assert.True(Scheme("crossborder-growth").AllNodes().Single(n => n.Code == "auxiliary").CompanyDefined);
        Assert.False(Scheme("industrial-value").AllNodes().Single(n => n.Code == "renewal_rate").CompanyDefined);
    }

    [Fact]
    public void Find_UnknownId_ListsTheIds()
    {
        var r = TemplateCatalog.Find("nope");
        Assert.Equal("no template 'nope'; available: industrial-value, crossborder-lifecycle, crossborder-startup, crossborder-growth, crossborder-mature, saas-team-individual", r.Problems[0].Message.En);
    }
}
