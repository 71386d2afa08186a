using System.Text.RegularExpressions;

namespace Yardstick.Cli.Tests;

/// <summary>Every kind of bad input: exit code 2, the exact location prefix on stderr, nothing on stdout.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string Header = "person,indicator,value\n";
    private static readonly string AllWaived = "person,indicator,reason\n" + string.Join("", new[]
    {
        "renewal_rate", "csat", "issue_closure_rate", "revenue_yoy_growth", "new_industry_cases", "defect_rate",
        "core_feature_usage", "rd_utilization", "sales_support_rating", "roadmap_completion", "innovation_reserve",
    }.Select(c => $"zhang_wei,{c},on leave\n"));

    private static readonly Dictionary<string, BadCase> Cases = new()
    {
        ["unknown_code"] = new(Header + "zhang_wei,csat,4\nzhang_wei,foo,1\n", "{a}:3:2: unknown indicator 'foo'; scheme industrial-value has: renewal_rate, csat,"),
        ["duplicate_row"] = new(Header + "zhang_wei,csat,4\nzhang_wei,renewal_rate,0.9\nzhang_wei,csat,4.1\n", "{a}:4:2: duplicate row for person 'zhang_wei' and indicator 'csat': lines 2 and 4; keep one"),
        ["non_numeric"] = new(Header + "zhang_wei,renewal_rate,abc\n", "{a}:2:3: 'abc' is not a number; expected a decimal with '.' such as 0.85 or 85%"),
        ["decimal_comma"] = new(Header + "zhang_wei,renewal_rate,\"0,88\"\n", "{a}:2:3: '0,88' is not a number"),
        ["rating_outside_scale"] = new(Header + "zhang_wei,csat,5.5\n", "{a}:2:3: 5.5 is outside the rating scale of 'csat'; expected 1–5"),
        ["negative_count"] = new(Header + "zhang_wei,new_industry_cases,-1\n", "{a}:2:3: -1 is negative"),
        ["fractional_count"] = new(Header + "zhang_wei,new_industry_cases,2.5\n", "{a}:2:3: 2.5 is not a whole number; 'new_industry_cases' is a count"),
        ["percent_on_rating"] = new(Header + "zhang_wei,csat,85%\n", "{a}:2:3: '85%': '%' is only allowed for percent or ratio indicators"),
        ["empty_person"] = new(Header + ",csat,4\n", "{a}:2:1: the person is empty"),
        ["person_not_in_people"] = new(Header + "zhang_wei,csat,4\nli_na,csat,4\n", "{a}:3:1: person 'li_na' is not in {p}; add a row for them there", People: CliHarness.People),
        ["wrong_header"] = new("person,code,value\nzhang_wei,csat,4\n", "{a}:1:1: the header is 'person,code,value', missing indicator; expected the header person,indicator,value"),
        ["empty_file"] = new("", "{a}:1:1: the file is empty; expected the header person,indicator,value"),
        ["header_only"] = new(Header, "{a}:2:1: the file has a header but no rows"),
        ["missing_file"] = new(null, "{a}:1:1: cannot read the file: "),
        ["people_bad_salary"] = new(Header + "zhang_wei,csat,4\n", "{p}:2:2: base_salary 'lots' is not a number", People: "person,base_salary\nzhang_wei,lots\n"),
        ["people_wrong_header"] = new(Header + "zhang_wei,csat,4\n", "{p}:1:1: the header is 'id,salary', missing person, base_salary; expected the header person,base_salary (optionally also name,team,product,share)", People: "id,salary\nzhang_wei,1\n"),
        ["people_duplicate"] = new(Header + "zhang_wei,csat,4\n", "{p}:3:1: person 'zhang_wei' appears twice: lines 2 and 3", People: "person,base_salary\nzhang_wei,1\nzhang_wei,2\n"),
        ["waiver_unknown_code"] = new(Header + "zhang_wei,csat,4\n", "{w}:2:2: unknown indicator 'nps'", Waivers: "person,indicator,reason\nzhang_wei,nps,new survey\n"),
        ["waiver_without_reason"] = new(Header + "zhang_wei,csat,4\n", "{w}:2:3: the waiver of 'csat' for 'zhang_wei' has no reason; a waiver must say why", Waivers: "person,indicator,reason\nzhang_wei,csat,\n"),
        ["waiver_unknown_person"] = new(Header + "zhang_wei,csat,4\n", "{w}:2:1: person 'li_na' has no actuals and is not in the people file", Waivers: "person,indicator,reason\nli_na,csat,on leave\n"),
        ["every_indicator_waived"] = new(Header + "zhang_wei,csat,4\n", "{w}:12:2: every indicator of 'zhang_wei' is waived; at least one must remain", Waivers: AllWaived),
        ["unknown_template"] = new(Header + "zhang_wei,csat,4\n", "--template: no template 'nope'; available: industrial-value, crossborder-lifecycle,", Template: "nope"),
        ["bundle_without_stages"] = new(Header + "p1,collaboration_rating,4\n", "--stages: 'crossborder-lifecycle' is a lifecycle bundle: each person's scheme follows their product's stage, so a stages file (product,stage,from) is required", People: "person,base_salary,product\np1,30000,px\n", Template: "crossborder-lifecycle", Period: "2026-Q4"),
        ["bad_period"] = new(Header + "zhang_wei,csat,4\n", "--period: month 13 is out of range; expected 1–12", Period: "2026-13"),
        ["garbage_period"] = new(Header + "zhang_wei,csat,4\n", "--period: 'Oct 2026' is not a period; expected YYYY-MM (2026-10)", Period: "Oct 2026"),
        ["period_shorter_than_scheme"] = new(Header + "p1,gmv_yoy_growth,0.5\n", "--period: period 2026-10 is a month, shorter than the quarter of scheme crossborder-growth", Template: "crossborder-growth"),
        ["bad_lang"] = new(Header + "zhang_wei,csat,4\n", "--lang: 'fr' is not a language; expected en or zh-CN", Extra: ["--lang", "fr"]),
        ["out_is_directory"] = new(Header + "zhang_wei,csat,4\n", "--out: {dir} is a directory; give a file name", Extra: ["--out", "{dir}"]),
        ["measures_bad_scope"] = new(Header + "zhang_wei,csat,4\n", "{dir}/m.csv:2:1: 'dept:sales' is not a scope; expected person:ID, team:ID or product:ID", Extra: ["--measures", "{dir}/m.csv"], Files: new() { ["m.csv"] = "scope,measure,value\ndept:sales,revenue,1\n" }),
        ["measures_bad_value"] = new(Header + "zhang_wei,csat,4\n", "{dir}/m.csv:2:3: '1,000' is not a number", Extra: ["--measures", "{dir}/m.csv"], Files: new() { ["m.csv"] = "scope,measure,value\nteam:mes,revenue,\"1,000\"\n" }),
        ["measures_duplicate"] = new(Header + "zhang_wei,csat,4\n", "{dir}/m.csv:3:2: duplicate measure 'revenue' for team:mes: lines 2 and 3; keep one", Extra: ["--measures", "{dir}/m.csv"], Files: new() { ["m.csv"] = "scope,measure,value\nteam:mes,revenue,1\nteam:mes,revenue,2\n" }),
        ["events_bad_date"] = new(Header + "zhang_wei,csat,4\n", "{dir}/e.csv:2:3: '2026/05/20' is not a date; expected YYYY-MM-DD", Extra: ["--events", "{dir}/e.csv"], Files: new() { ["e.csv"] = "product,event,date\nmes_platform,demand_validated,2026/05/20\n" }),
        ["events_twice"] = new(Header + "zhang_wei,csat,4\n", "{dir}/e.csv:3:2: event 'pilot_launched' of product 'p' is recorded twice: lines 2 and 3", Extra: ["--events", "{dir}/e.csv"], Files: new() { ["e.csv"] = "product,event,date\np,pilot_launched,2026-05-20\np,pilot_launched,2026-06-01\n" }),
        ["stages_unknown_stage"] = new(Header + "p1,collaboration_rating,4\n", "{dir}/s.csv:3:2: unknown stage 'launch'; expected startup, growth, mature, decline", People: "person,base_salary,product\np1,1,px\n", Template: "crossborder-lifecycle", Period: "2026-Q2", Extra: ["--stages", "{dir}/s.csv"], Files: new() { ["s.csv"] = "product,stage,from\npx,growth,2026-01-01\npy,launch,2026-01-01\n" }),
        ["stages_bad_date"] = new(Header + "p1,collaboration_rating,4\n", "{dir}/s.csv:3:3: '2026-02-30' is not a date; expected YYYY-MM-DD", People: "person,base_salary,product\np1,1,px\n", Template: "crossborder-lifecycle", Period: "2026-Q2", Extra: ["--stages", "{dir}/s.csv"], Files: new() { ["s.csv"] = "product,stage,from\npx,growth,2026-01-01\npx,mature,2026-02-30\n" }),
        ["stages_without_bundle"] = new(Header + "zhang_wei,csat,4\n", "--stages: only a lifecycle bundle picks schemes by product stage; industrial-value is one scheme", Extra: ["--stages", "{dir}/s.csv"], Files: new() { ["s.csv"] = "product,stage,from\npx,growth,2026-01-01\n" }),
        ["pro_rata_without_bundle"] = new(Header + "zhang_wei,csat,4\n", "--stage-mode: pro-rata weighs the stage schemes of a lifecycle bundle; industrial-value is one scheme", Extra: ["--stage-mode", "pro-rata"]),
        ["bundle_person_without_product"] = new(Header + "p1,collaboration_rating,4\n", "{p}:2:1: 'p1' owns no product; under the lifecycle bundle crossborder-lifecycle", People: "person,base_salary,product\np1,1,\n", Template: "crossborder-lifecycle", Period: "2026-Q2", Extra: ["--stages", "{dir}/s.csv"], Files: new() { ["s.csv"] = "product,stage,from\npx,growth,2026-01-01\n" }),
        ["bundle_no_stage_on_last_day"] = new(Header + "p1,collaboration_rating,4\n", "{p}:2:1: product 'px' of 'p1' has no stage in effect on 2026-06-30, the last day of 2026-Q2; its first stage starts 2026-07-01", People: "person,base_salary,product\np1,1,px\n", Template: "crossborder-lifecycle", Period: "2026-Q2", Extra: ["--stages", "{dir}/s.csv"], Files: new() { ["s.csv"] = "product,stage,from\npx,growth,2026-07-01\n" }),
        ["bundle_code_of_other_stage"] = new(Header + "p1,collaboration_rating,4\np1,key_renewal_rate,0.9\n", "{a}:3:2: 'key_renewal_rate' is not an indicator of crossborder-growth", People: "person,base_salary,product\np1,1,px\n", Template: "crossborder-lifecycle", Period: "2026-Q2", Extra: ["--stages", "{dir}/s.csv"], Files: new() { ["s.csv"] = "product,stage,from\npx,growth,2026-01-01\n" }),
        ["team_row_not_team_indicator"] = new(Header + "team:crm,collaboration_rating,4\n", "{a}:2:2: 'collaboration_rating' is not a team indicator, so a team:crm row cannot give it; team indicators: team_goal_attainment", People: "person,base_salary,team\nli_na,1,crm\n", Template: "saas-team-individual"),
        ["team_row_unknown_team"] = new(Header + "team:hr,team_goal_attainment,1\n", "{a}:2:1: no one in {p} belongs to team 'hr'; check the team id (teams there: crm)", People: "person,base_salary,team\nli_na,1,crm\n", Template: "saas-team-individual"),
        ["team_row_without_people"] = new(Header + "team:crm,team_goal_attainment,1\nli_na,csat,4\n".Replace("csat", "collaboration_rating", StringComparison.Ordinal), "{a}:2:1: team 'crm': a team actual needs a people file with a team column", Template: "saas-team-individual"),
        ["partial_share"] = new(Header + "zhang_wei,csat,4\n", "{p}:3:4: 'li_na' has no share, but team mes has explicit shares (line 2); give every member of the team a share or none", People: "person,base_salary,team,share\nzhang_wei,1,mes,0.6\nli_na,1,mes,\n"),
        ["award_out_of_range"] = new(Header + "zhang_wei,csat,4\n", "{dir}/aw.csv:2:3: amount 50000 is outside the range of innovation_award: 100000–200000", Period: "2026", Extra: ["--awards", "{dir}/aw.csv"], Files: new() { ["aw.csv"] = "rule,person,amount,equity_units,nominated_by,approved_by\ninnovation_award,zhang_wei,50000,,li_na,wang_fang\n" }),
        ["award_approved_by_nominator"] = new(Header + "zhang_wei,csat,4\n", "{dir}/aw.csv:2:6: the approver must be a second person; li_na both nominated and approved", Period: "2026", Extra: ["--awards", "{dir}/aw.csv"], Files: new() { ["aw.csv"] = "rule,person,amount,equity_units,nominated_by,approved_by\ninnovation_award,zhang_wei,150000,,li_na,li_na\n" }),
        ["award_person_not_evaluated"] = new(Header + "zhang_wei,csat,4\n", "{dir}/aw.csv:2:2: 'chen_jie' is not evaluated in this run", Period: "2026", Extra: ["--awards", "{dir}/aw.csv"], Files: new() { ["aw.csv"] = "rule,person,amount,equity_units,nominated_by,approved_by\ninnovation_award,chen_jie,150000,,li_na,wang_fang\n" }),
        ["award_in_wrong_period"] = new(Header + "zhang_wei,csat,4\n", "{dir}/aw.csv:2: innovation_award is paid in year runs; 2026-10 is a month", Extra: ["--awards", "{dir}/aw.csv"], Files: new() { ["aw.csv"] = "rule,person,amount,equity_units,nominated_by,approved_by\ninnovation_award,zhang_wei,150000,,li_na,wang_fang\n" }),
        ["ledger_not_json"] = new(Header + "zhang_wei,csat,4\n", "{dir}/l.json:1:", Extra: ["--ledger", "{dir}/l.json"], Files: new() { ["l.json"] = "{ \"milestones\": 3 }" }),
        ["out_dir_missing"] = new(Header + "zhang_wei,csat,4\n", "--out: cannot write {dir}/no/such/dir/r.json: the directory", Extra: ["--out", "{dir}/no/such/dir/r.json"]),
    };

    private readonly CliHarness _h = new();

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    public void Dispose() => _h.Dispose();

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Evaluate_BadInput_Exit2WithLocatedProblemAndEmptyStdout(string name)
    {
        var c = Cases[name];
        var a = c.Actuals is null ? _h.PathOf("missing.csv") : _h.Write("a.csv", c.Actuals);
        var args = new List<string> { "evaluate", "--template", c.Template, "--period", c.Period, "--actuals", a, "--format", "json" };
        string Fill(string s) => s.Replace("{a}", a, StringComparison.Ordinal).Replace("{p}", _h.PathOf("p.csv"), StringComparison.Ordinal)
            .Replace("{w}", _h.PathOf("w.csv"), StringComparison.Ordinal).Replace("{dir}", _h.Dir, StringComparison.Ordinal);
        if (c.People is not null)
            args.AddRange(["--people", _h.Write("p.csv", c.People)]);
        if (c.Waivers is not null)
            args.AddRange(["--waivers", _h.Write("w.csv", c.Waivers)]);
        foreach (var (file, content) in c.Files ?? [])
            _h.Write(file, content);
        args.AddRange((c.Extra ?? []).Select(Fill));

        var run = CliHarness.Run([.. args]);

        Assert.True(run.Code == 2, run.ToString());
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrLines);
        Assert.StartsWith(Fill(c.Expected), line, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_QuotedValueSpanningLines_PointsAtItsFirstLineOnOneStderrLine()
    {
        var a = _h.Write("a.csv", "person,indicator,value\nzhang_wei,csat,\"4\n.5\"\nzhang_wei,renewal_rate,abc\n");

        var run = _h.Evaluate(a);

        Assert.Equal(2, run.Code);
        Assert.Equal(
            [$"{a}:2:3: '4\\n.5' is not a number; expected a decimal with '.' such as 4.5", $"{a}:4:3: 'abc' is not a number; expected a decimal with '.' such as 0.85 or 85%"],
            run.ErrLines);
    }

    [Fact]
    public void Evaluate_UnreadableDirectoryAsFile_Exit2CannotRead()
    {
        var run = _h.Evaluate(_h.Dir);

        Assert.Equal(2, run.Code);
        Assert.StartsWith($"{_h.Dir}:1:1: cannot read the file: ", run.ErrLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ProblemsInSeveralFiles_ReportsAllOfThemInFileOrder()
    {
        var a = _h.Write("a.csv", Header + "zhang_wei,csat,9\nzhang_wei,renewal_rate,x\nli_na,csat,4\n");
        var p = _h.Write("p.csv", "person,base_salary\nzhang_wei,-5\n");
        var w = _h.Write("w.csv", "person,indicator,reason\nzhang_wei,foo,r\n");

        var run = _h.Evaluate(a, "--people", p, "--waivers", w);

        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Out);
        Assert.Equal(
            [
                $"{p}:2:2: base_salary '-5' is not a number",
                $"{a}:2:3: 9 is outside the rating scale of 'csat'",
                $"{a}:3:3: 'x' is not a number",
                $"{a}:4:1: person 'li_na' is not in {p}",
                $"{w}:2:2: unknown indicator 'foo'",
            ],
            run.ErrLines.Select(l => l[..Math.Min(l.Length, l.IndexOf(';', StringComparison.Ordinal) is var i and > 0 ? i : l.Length)]));
    }

    [Fact]
    public void Evaluate_UnknownTemplateAndEmptyActuals_ReportsBoth()
    {
        var a = _h.Write("a.csv", "");

        var run = CliHarness.Run("evaluate", "--template", "nope", "--period", "2026-10", "--actuals", a);

        Assert.Equal(2, run.Code);
        Assert.Equal(2, run.ErrLines.Length);
        Assert.StartsWith("--template: no template 'nope'", run.ErrLines[0], StringComparison.Ordinal);
        Assert.Equal($"{a}:1:1: the file is empty; expected the header person,indicator,value", run.ErrLines[1]);
    }

    [Fact]
    public void Evaluate_250BadRows_Prints100LinesThenCount()
    {
        var rows = string.Concat(Enumerable.Range(1, 250).Select(i => $"p{i},csat,abc\n"));
        var a = _h.Write("a.csv", Header + rows);

        var run = _h.Evaluate(a);

        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Out);
        Assert.Equal(101, run.ErrLines.Length);
        Assert.Equal($"{a}:2:3: 'abc' is not a number; expected a decimal with '.' such as 4.5", run.ErrLines[0]);
        Assert.StartsWith($"{a}:101:3: ", run.ErrLines[99], StringComparison.Ordinal);
        Assert.Equal("… and 150 more problems", run.ErrLines[100]);
        Assert.All(run.ErrLines[..100], l => Assert.Matches(new Regex(@"^.+:\d+:\d+: "), l));
    }

    [Fact]
    public void Evaluate_OutputCannotBeCreated_Exit1OneLineWithoutStackTrace()
    {
        // /proc accepts no new files: an environment failure, not bad input
        var run = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--format", "json", "--out", "/proc/yardstick-result.json");

        Assert.Equal(1, run.Code);
        Assert.Equal("", run.Out);
        Assert.StartsWith("yardstick: unexpected error: ", run.ErrLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MissingRequiredOption_Exit2WithUsageHint()
    {
        var run = CliHarness.Run("evaluate", "--template", "industrial-value", "--actuals", _h.Write("a.csv", CliHarness.E1Actuals));

        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Out);
        Assert.Contains("--period", run.ErrLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TemplateAndScheme_Exit2AskingForExactlyOne()
    {
        var run = CliHarness.Run("evaluate", "--template", "industrial-value", "--scheme", "x.json", "--period", "2026-10", "--actuals", _h.Write("a.csv", CliHarness.E1Actuals));

        Assert.Equal(2, run.Code);
        Assert.StartsWith("--template/--scheme: give exactly one", run.ErrLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UnknownFormat_Exit2()
    {
        var run = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--format", "xml");

        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Out);
        Assert.Contains("xml", run.Err, StringComparison.Ordinal);
    }

    private sealed record BadCase(
        string? Actuals,
        string Expected,
        string? People = null,
        string? Waivers = null,
        string Template = "industrial-value",
        string Period = "2026-10",
        string[]? Extra = null,
        Dictionary<string, string>? Files = null);
}
