using System.Text.Json;

namespace Yardstick.Cli.Tests;

/// <summary>Pay through the CLI: payout lines in JSON, the ledger across runs, lifecycle bundles, statement and whatif.</summary>
public sealed class PayTests : IDisposable
{
    private const string E1People2 = "person,base_salary,name,team,product,share\nzhang_wei,30000.00,张伟,mes,mes_platform,\nli_na,28000.00,李娜,mes,mes_platform,\n";

    private readonly CliHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static JsonElement Result(CliRun run, string person)
    {
        Assert.True(run.Code == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        return doc.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("person").GetString() == person).Clone();
    }

    private static JsonElement Root(CliRun run)
    {
        Assert.True(run.Code == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        return doc.RootElement.Clone();
    }

    private static JsonElement Line(JsonElement result, string rule) =>
        result.GetProperty("payouts").EnumerateArray().Single(p => p.GetProperty("rule").GetString() == rule);

    /// <summary>Copies example files into the temp dir (so runs that write a ledger never touch the repository).</summary>
    private string[] Examples(params string[] names) =>
        [.. names.Select(n => _h.Write(n, File.ReadAllText(Path.Combine(RepoRoot.Path, "examples", n))))];

    private CliRun T2(params string[] more)
    {
        var f = Examples("t2-actuals.csv", "t2-people.csv", "t2-stages.csv", "t2-events.csv", "t2-measures.csv");
        return CliHarness.Run(["evaluate", "--template", "crossborder-lifecycle", "--period", "2026-Q2", "--actuals", f[0], "--people", f[1],
            "--stages", f[2], "--events", f[3], "--measures", f[4], .. more]);
    }

    [Fact]
    public void Evaluate_E1Json_MonthlyBonus20760_38WithDeductionInTrace()
    {
        var run = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--people", _h.Write("p.csv", CliHarness.People), "--format", "json");

        var line = Assert.Single(Result(run, "zhang_wei").GetProperty("payouts").EnumerateArray());
        Assert.Equal("monthly_bonus", line.GetProperty("rule").GetString());
        Assert.Equal("salary_factor", line.GetProperty("kind").GetString());
        Assert.Equal(20760.38m, line.GetProperty("amount").GetDecimal());
        Assert.Equal("CNY", line.GetProperty("currency").GetString());
        Assert.False(line.GetProperty("provisional").GetBoolean());
        var text = line.GetProperty("trace").GetProperty("text").GetString()!;
        Assert.Contains("usage_deduction: core_feature_usage < 0.60 holds (core_feature_usage = 0.55) → × 0.8", text, StringComparison.Ordinal);
        Assert.Equal(
            [
                "x = achievement('core') ≈ 1.03250800",
                "monthly_bonus = 30,000.00 × curve(1.03250800) = 30,000.00 × 0.86501601 ≈ 25,950.48",
                "usage_deduction: core_feature_usage < 0.60 holds (core_feature_usage = 0.55) → × 0.8 ≈ 20,760.38",
                "rounded once → 20,760.38",
            ],
            line.GetProperty("trace").GetProperty("steps").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(text, string.Join("; ", line.GetProperty("trace").GetProperty("steps").EnumerateArray().Select(s => s.GetString())));
        Assert.Contains("\"amount\": 20760.38,", run.Out, StringComparison.Ordinal);
        Assert.Equal(0, Root(run).GetProperty("notices").GetArrayLength());
    }

    [Fact]
    public void Evaluate_E1Zh_TraceInChinese()
    {
        var run = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--people", _h.Write("p.csv", CliHarness.People), "--format", "json", "--lang", "zh-CN");

        var text = Line(Result(run, "zhang_wei"), "monthly_bonus").GetProperty("trace").GetProperty("text").GetString()!;
        Assert.Contains("usage_deduction：条件 core_feature_usage < 0.60 成立", text, StringComparison.Ordinal);
        Assert.Contains("最终取整一次 → 20,760.38", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_E1WithoutPeople_NoPayoutNeedingBaseSalary()
    {
        var run = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--format", "json");

        Assert.Equal(0, Result(run, "zhang_wei").GetProperty("payouts").GetArrayLength());
    }

    [Fact]
    public void Evaluate_E7MissingUsage_Provisional20057_62WithoutDeduction()
    {
        var actuals = string.Join("\n", CliHarness.E1Actuals.Split('\n').Where(l => !l.Contains("core_feature_usage", StringComparison.Ordinal)));

        var line = Line(Result(_h.Evaluate(_h.Write("a.csv", actuals), "--people", _h.Write("p.csv", CliHarness.People), "--format", "json"), "zhang_wei"), "monthly_bonus");

        Assert.Equal(20057.62m, line.GetProperty("amount").GetDecimal());
        Assert.True(line.GetProperty("provisional").GetBoolean());
        Assert.Contains("the comparison is false → no change", line.GetProperty("trace").GetProperty("text").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_E1Table_ShowsPayAndProvisionalCount()
    {
        var run = _h.Evaluate(_h.Write("a.csv", CliHarness.E1Actuals), "--people", _h.Write("p.csv", CliHarness.People));

        Assert.True(run.Code == 0, run.ToString());
        var cells = run.Out.Split('\n').Single(l => l.Contains("zhang_wei", StringComparison.Ordinal)).Split('│').Select(c => c.Trim()).ToArray();
        Assert.Equal(["zhang_wei", "张伟", "100.77", "A", "yes", "", "", "20,760.38 CNY", "0"], cells[1..10]);
    }

    [Fact]
    public void Evaluate_E3TeamPool_LargestRemainderLinesFromTeamRow()
    {
        var f = Examples("e3-actuals.csv", "e3-people.csv", "e3-measures.csv");

        var run = CliHarness.Run("evaluate", "--template", "saas-team-individual", "--period", "2026", "--actuals", f[0], "--people", f[1], "--measures", f[2], "--format", "json");

        var expected = new Dictionary<string, (decimal Points, decimal Pay)>
        {
            ["li_na"] = (61.5m, 138151.80m),
            ["wang_fang"] = (48.25m, 108387.39m),
            ["chen_jie"] = (55.125m, 123831.18m),
        };
        foreach (var (person, (points, pay)) in expected)
        {
            var r = Result(run, person);
            Assert.Equal(points, r.GetProperty("groups").GetProperty("individual").GetProperty("points").GetDecimal());
            Assert.Equal(1.05m, r.GetProperty("indicators").GetProperty("team_goal_attainment").GetProperty("actual").GetDecimal());
            var line = Assert.Single(r.GetProperty("payouts").EnumerateArray());
            Assert.Equal("pool", line.GetProperty("kind").GetString());
            Assert.Equal(pay, line.GetProperty("amount").GetDecimal());
            Assert.False(line.GetProperty("provisional").GetBoolean());
        }

        Assert.Contains("pool = 0.03 × team.revenue 12,345,678.90 = 370,370.367 → 370,370.37",
            Line(Result(run, "li_na"), "team_pool").GetProperty("trace").GetProperty("text").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OwnTeamIndicatorActual_WinsOverTeamRow()
    {
        var f = Examples("e3-actuals.csv", "e3-people.csv", "e3-measures.csv");
        File.AppendAllText(f[0], "wang_fang,team_goal_attainment,0.80\n");

        var run = CliHarness.Run("evaluate", "--template", "saas-team-individual", "--period", "2026", "--actuals", f[0], "--people", f[1], "--measures", f[2], "--format", "json");

        Assert.Equal(0.80m, Result(run, "wang_fang").GetProperty("indicators").GetProperty("team_goal_attainment").GetProperty("actual").GetDecimal());
        Assert.Equal(1.05m, Result(run, "li_na").GetProperty("indicators").GetProperty("team_goal_attainment").GetProperty("actual").GetDecimal());
        // the pool condition reads the team's actual, not a member's
        Assert.Equal(108387.39m, Line(Result(run, "wang_fang"), "team_pool").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public void Evaluate_MilestoneTwiceWithLedger_PaidOnceThenNotice()
    {
        var ledger = _h.PathOf("ledger.json");

        var first = T2("--format", "json", "--ledger", ledger);
        var second = T2("--format", "json", "--ledger", ledger);

        foreach (var person in new[] { "zhao_lei", "sun_li" })
        {
            var line = Line(Result(first, person), "validation_subsidy");
            Assert.Equal("milestone", line.GetProperty("kind").GetString());
            Assert.Equal(25000.00m, line.GetProperty("amount").GetDecimal());
            Assert.Equal(0, Result(second, person).GetProperty("payouts").GetArrayLength());
        }

        Assert.DoesNotContain("pilot_reward", first.Out, StringComparison.Ordinal); // pilot_launched is dated 2026-07-10, after the quarter
        Assert.Contains("\"amount\": 25000.00,", first.Out, StringComparison.Ordinal);
        var notice = "product compliance_eu: validation_subsidy (demand_validated) was already paid in 2026-Q2; it pays once";
        Assert.Equal([notice], Root(second).GetProperty("notices").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("warning: " + notice, second.ErrLines);
        using var doc = JsonDocument.Parse(File.ReadAllText(ledger));
        var paid = Assert.Single(doc.RootElement.GetProperty("milestones").EnumerateArray());
        Assert.Equal("compliance_eu", paid.GetProperty("product").GetString());
        Assert.Empty(Directory.GetFiles(_h.Dir, ".*.tmp"));
    }

    [Fact]
    public void Evaluate_BadInputWithLedger_LedgerNotWritten()
    {
        var ledger = _h.PathOf("ledger.json");

        var run = T2("--format", "json", "--ledger", ledger, "--lang", "fr");

        Assert.Equal(2, run.Code);
        Assert.False(File.Exists(ledger));
    }

    [Fact]
    public void Evaluate_ProfitShareTwoYearlyRuns_BaselineThenDividendSplitEqually()
    {
        var a = _h.Write("a.csv", CliHarness.E1Actuals);
        var p = _h.Write("p.csv", E1People2);
        var ledger = _h.PathOf("ledger.json");
        var m2025 = _h.Write("m2025.csv", "scope,measure,value\nproduct:mes_platform,launch_year,2025\nproduct:mes_platform,revenue,1000000.00\n");
        var m2026 = _h.Write("m2026.csv", "scope,measure,value\nproduct:mes_platform,launch_year,2025\nproduct:mes_platform,revenue,3000000.00\nproduct:mes_platform,profit_share_rate,0.06\n");

        var y2025 = CliHarness.Run("evaluate", "--template", "industrial-value", "--period", "2025", "--actuals", a, "--people", p, "--measures", m2025, "--ledger", ledger, "--format", "json");
        var y2026 = CliHarness.Run("evaluate", "--template", "industrial-value", "--period", "2026", "--actuals", a, "--people", p, "--measures", m2026, "--ledger", ledger, "--format", "json");
        var again = CliHarness.Run("evaluate", "--template", "industrial-value", "--period", "2026", "--actuals", a, "--people", p, "--measures", m2026, "--ledger", ledger, "--format", "json");

        Assert.Equal(0, Result(y2025, "zhang_wei").GetProperty("payouts").GetArrayLength());
        foreach (var person in new[] { "zhang_wei", "li_na" })
        {
            var line = Line(Result(y2026, person), "project_dividend");
            Assert.Equal("profit_share", line.GetProperty("kind").GetString());
            Assert.Equal(60000.00m, line.GetProperty("amount").GetDecimal());
            Assert.Equal(0, Result(again, person).GetProperty("payouts").GetArrayLength());
        }

        Assert.Contains("0.06 × max(0, revenue 3,000,000.00 − launch-year revenue 1,000,000.00) = 120,000.00",
            Line(Result(y2026, "li_na"), "project_dividend").GetProperty("trace").GetProperty("text").GetString()!, StringComparison.Ordinal);
        Assert.Contains("project_dividend for 2026 is already in the ledger (120,000.00)", again.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ApprovedAward_PaidWithEquityUnits()
    {
        var aw = _h.Write("aw.csv", "rule,person,amount,equity_units,nominated_by,approved_by\ninnovation_award,zhang_wei,150000,1000,li_na,wang_fang\n");

        var run = CliHarness.Run("evaluate", "--template", "industrial-value", "--period", "2026", "--actuals", _h.Write("a.csv", CliHarness.E1Actuals),
            "--people", _h.Write("p.csv", CliHarness.People), "--awards", aw, "--format", "json");

        var line = Line(Result(run, "zhang_wei"), "innovation_award");
        Assert.Equal(150000.00m, line.GetProperty("amount").GetDecimal());
        Assert.Equal(1000m, line.GetProperty("equity_units").GetDecimal());
        Assert.Contains("\"amount\": 150000.00,", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LifecycleLastDay_EachPersonUnderTheStageOnJune30()
    {
        var run = T2("--format", "json");

        var root = Root(run);
        Assert.Equal("crossborder-lifecycle", root.GetProperty("scheme").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("version").ValueKind);
        Assert.Equal("crossborder-startup", Result(run, "zhao_lei").GetProperty("scheme").GetString());
        Assert.Equal("crossborder-growth", Result(run, "zhou_min").GetProperty("scheme").GetString());
        var wu = Result(run, "wu_gang"); // settle_hub: growth until 2026-04-30, mature from 2026-05-01
        Assert.Equal("crossborder-mature", wu.GetProperty("scheme").GetString());
        Assert.Equal(96.25m, wu.GetProperty("total").GetDecimal());
        Assert.Equal("B", wu.GetProperty("grade").GetString());
        Assert.False(wu.TryGetProperty("pro_rata", out _));
        // growth: achievement('core') = 78.75 / 70 = 1.125 → curve 1.05 → 32,000 × 1.05; excess GMV 0.01 × 600,000
        var zhou = Result(run, "zhou_min");
        Assert.Equal(33600.00m, Line(zhou, "growth_bonus").GetProperty("amount").GetDecimal());
        Assert.Equal(6000.00m, Line(zhou, "gmv_dividend").GetProperty("amount").GetDecimal());
        var career = Assert.Single(Result(run, "zhao_lei").GetProperty("careers").EnumerateArray());
        Assert.Equal("startup_to_growth_lead", career.GetProperty("track").GetString());
        Assert.False(career.GetProperty("eligible").GetBoolean());
        Assert.Equal(1, career.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Evaluate_LifecycleProRata_TotalWeightedByDays()
    {
        var run = T2("--format", "json", "--stage-mode", "pro-rata");

        var wu = Result(run, "wu_gang");
        // growth 30 days (April) at 103, mature 61 days (May, June) at 96.25
        Assert.Equal(Math.Round((103m * 30 + 96.25m * 61) / 91, 20), Math.Round(wu.GetProperty("total").GetDecimal(), 20));
        Assert.Equal(98.475275m, Math.Round(wu.GetProperty("total").GetDecimal(), 6));
        Assert.Equal("B", wu.GetProperty("grade").GetString());
        Assert.Equal("crossborder-mature", wu.GetProperty("scheme").GetString());
        var parts = wu.GetProperty("pro_rata").GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal([("crossborder-growth", 30, 103m), ("crossborder-mature", 61, 96.25m)],
            parts.Select(p => (p.GetProperty("scheme").GetString(), p.GetProperty("days").GetInt32(), p.GetProperty("total").GetDecimal())));
        // a person whose product did not change stage is not weighted
        Assert.False(Result(run, "zhou_min").TryGetProperty("pro_rata", out _));
    }

    [Fact]
    public void Statement_E1Text_HeaderLinesTraceAndTotal()
    {
        var run = CliHarness.Run("statement", "zhang_wei", "--template", "industrial-value", "--period", "2026-10",
            "--actuals", _h.Write("a.csv", CliHarness.E1Actuals), "--people", _h.Write("p.csv", CliHarness.People));

        Assert.True(run.Code == 0, run.ToString());
        var lines = run.Out.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("Pay statement: zhang_wei (张伟)", lines[0]);
        Assert.Contains("  period: 2026-10", lines);
        Assert.Contains("  total: 100.77, grade A", lines);
        Assert.Contains("monthly_bonus (Monthly performance bonus), salary_factor: 20,760.38 CNY", lines);
        Assert.Contains("    usage_deduction: core_feature_usage < 0.60 holds (core_feature_usage = 0.55) → × 0.8 ≈ 20,760.38", lines);
        Assert.Contains("    rounded once → 20,760.38", lines);
        Assert.Contains("Total pay: 20,760.38 CNY", lines);
    }

    [Fact]
    public void Statement_E7Json_ProvisionalLineAndPayPerCurrency()
    {
        var actuals = string.Join("\n", CliHarness.E1Actuals.Split('\n').Where(l => !l.Contains("core_feature_usage", StringComparison.Ordinal)));

        var run = CliHarness.Run("statement", "zhang_wei", "--template", "industrial-value", "--period", "2026-10", "--format", "json",
            "--actuals", _h.Write("a.csv", actuals), "--people", _h.Write("p.csv", CliHarness.People));

        var root = Root(run);
        Assert.Equal("zhang_wei", root.GetProperty("person").GetString());
        Assert.Equal("张伟", root.GetProperty("name").GetString());
        Assert.Equal("industrial-value", root.GetProperty("scheme").GetString());
        Assert.Equal("B", root.GetProperty("grade").GetString());
        Assert.False(root.GetProperty("complete").GetBoolean());
        var line = Assert.Single(root.GetProperty("payouts").EnumerateArray());
        Assert.True(line.GetProperty("provisional").GetBoolean());
        var pay = Assert.Single(root.GetProperty("pay").EnumerateArray());
        Assert.Equal(("CNY", 20057.62m, 1), (pay.GetProperty("currency").GetString(), pay.GetProperty("amount").GetDecimal(), pay.GetProperty("provisional_lines").GetInt32()));
    }

    [Fact]
    public void Statement_StartupMilestone_ShowsLineCareerTrackAndIsReadOnlyOnLedger()
    {
        var f = Examples("t2-actuals.csv", "t2-people.csv", "t2-stages.csv", "t2-events.csv", "t2-measures.csv");
        var ledger = _h.PathOf("ledger.json");

        var run = CliHarness.Run("statement", "zhao_lei", "--template", "crossborder-lifecycle", "--period", "2026-Q2", "--actuals", f[0], "--people", f[1],
            "--stages", f[2], "--events", f[3], "--measures", f[4], "--ledger", ledger, "--lang", "zh-CN");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("validation_subsidy (需求验证里程碑补贴), milestone: 25,000.00 CNY", run.Out, StringComparison.Ordinal);
        Assert.Contains("初创期产品经理 → 成长期产品负责人：尚不符合", run.Out, StringComparison.Ordinal);
        Assert.Contains("培训资源：海外市场调研", run.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(ledger));
    }

    [Fact]
    public void Statement_UnknownPerson_Exit2()
    {
        var run = CliHarness.Run("statement", "li_na", "--template", "industrial-value", "--period", "2026-10", "--actuals", _h.Write("a.csv", CliHarness.E1Actuals));

        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Out);
        Assert.StartsWith("statement: no person 'li_na' in ", run.ErrLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_UsageMeetsTarget_TotalAndBonusRiseWithoutDeduction()
    {
        var run = CliHarness.Run("whatif", "--template", "industrial-value", "--period", "2026-10", "--actuals", _h.Write("a.csv", CliHarness.E1Actuals),
            "--people", _h.Write("p.csv", CliHarness.People), "--person", "zhang_wei", "--set", "core_feature_usage=0.62");

        Assert.True(run.Code == 0, run.ToString());
        string[] Cells(string label) => run.Out.Split('\n').Single(l => l.StartsWith("│ " + label + " ", StringComparison.Ordinal)).Split('│').Select(c => c.Trim()).ToArray()[1..5];
        Assert.Equal(["core_feature_usage", "0.55", "0.62", "+0.07"], Cells("core_feature_usage"));
        Assert.Equal(["total", "100.77", "101.64", "+0.87"], Cells("total"));
        Assert.Equal(["grade", "A", "A", ""], Cells("grade"));
        // core + 0.875 points: achievement('core') 1.04500800, 30,000 × 0.89001601 = 26,700.48, no deduction at 0.62
        Assert.Equal(["monthly_bonus (salary_factor, CNY)", "20,760.38", "26,700.48", "+5,940.10"], Cells("monthly_bonus"));
        Assert.Equal(["pay CNY", "20,760.38", "26,700.48", "+5,940.10"], Cells("pay CNY"));
    }

    [Fact]
    public void WhatIf_TeamPool_OnePersonsPointsChangeEveryShare()
    {
        var f = Examples("e3-actuals.csv", "e3-people.csv", "e3-measures.csv");

        // wang_fang's release plan at target: individual points 47.5 + 12.5 = 60 → 370,370.367 × 60 / 176.625 = 125,815.8359…,
        // rounded down 125,815.83 plus one of the two fens left over (remainders: chen_jie 0.0092…, wang_fang 0.0059…, li_na 0.0018…)
        var run = CliHarness.Run("whatif", "--template", "saas-team-individual", "--period", "2026", "--actuals", f[0], "--people", f[1], "--measures", f[2],
            "--person", "wang_fang", "--set", "release_plan_completion=90%");

        Assert.True(run.Code == 0, run.ToString());
        var row = run.Out.Split('\n').Single(l => l.StartsWith("│ team_pool", StringComparison.Ordinal)).Split('│').Select(c => c.Trim()).ToArray();
        Assert.Equal(["team_pool (pool, CNY)", "108,387.39", "125,815.84", "+17,428.45"], row[1..5]);
    }

    [Fact]
    public void WhatIf_BadSet_Exit2NamingTheArgument()
    {
        var run = CliHarness.Run("whatif", "--template", "industrial-value", "--period", "2026-10", "--actuals", _h.Write("a.csv", CliHarness.E1Actuals),
            "--person", "zhang_wei", "--set", "nps=3", "--set", "csat=9", "--set", "csat");

        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Out);
        Assert.Equal(
            [
                "--set nps=3: unknown indicator 'nps'; the scheme of 'zhang_wei' has: renewal_rate, csat, issue_closure_rate, revenue_yoy_growth, new_industry_cases, defect_rate, core_feature_usage, rd_utilization, sales_support_rating, roadmap_completion, innovation_reserve",
                "--set csat=9: 9 is outside the rating scale of 'csat'; expected 1–5",
                "--set csat: expected code=value, e.g. --set core_feature_usage=0.62",
            ],
            run.ErrLines);
    }
}
