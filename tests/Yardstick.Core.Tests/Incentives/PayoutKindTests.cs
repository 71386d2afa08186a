using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using static Yardstick.Core.Tests.Incentives.WorkedExamplePayTests;
using static Yardstick.Core.Tests.TestSchemes;

namespace Yardstick.Core.Tests.Incentives;

/// <summary>Each payout kind of scoring.md §4 with hand-worked numbers.</summary>
public class PayoutKindTests
{
    private static LocalizedText N(string s) => new(s, s);

    /// <summary>A one-indicator monthly scheme (x, target 1) with the given rules.</summary>
    private static ScorecardCalculator Calc(string period, params PayoutRule[] rules) => CalcWith(period, [], rules);

    private static ScorecardCalculator CalcWith(string period, IReadOnlyList<CareerTrack> tracks, params PayoutRule[] rules)
    {
        var scheme = Single(Ind("x", 1m, 1m, unit: Unit.Number)) with { Plan = new Plan("CNY", rules, tracks) };
        var compiled = CompiledScheme.Compile(scheme);
        Assert.True(compiled.IsSuccess, string.Join("\n", compiled.Problems));
        return ScorecardCalculator.Create(compiled.Value, Period.Parse(period).Value).Value;
    }

    private static ScorecardResult Card(ScorecardCalculator calc, string person, decimal? x) =>
        Evaluate(calc, x is { } v ? [new("x", v)] : [], person: person);

    private static readonly CurvePoint[] Curve = [new(0.6m, 0m), new(1.0m, 0.8m), new(1.2m, 1.2m)];

    [Theory]
    [InlineData(0.5, 0)]        // flat before the first point
    [InlineData(0.6, 0)]
    [InlineData(0.8, 4000)]     // halfway between 0.6 and 1.0: 0.4 × 10,000
    [InlineData(1.0, 8000)]
    [InlineData(1.1, 10000)]
    [InlineData(1.2, 12000)]
    public void SalaryFactor_PiecewiseLinearCurve(double x, double expected)
    {
        var calc = Calc("2026-10", new SalaryFactorRule("bonus", N("b"), null, "x", Curve));
        var r = Pay(calc, [Card(calc, "p1", (decimal)x)], [new("p1", 10000m)]);
        Assert.Equal((decimal)expected, Assert.Single(r.For("p1")).Amount.Amount);
    }

    [Fact]
    public void SalaryFactor_AboveTheCap_FlatAfterLastPoint()
    {
        var calc = Calc("2026-10", new SalaryFactorRule("bonus", N("b"), null, "x * 2", Curve));
        var r = Pay(calc, [Card(calc, "p1", 1m)], [new("p1", 10000m)]);
        Assert.Equal(12000m, Assert.Single(r.For("p1")).Amount.Amount);
    }

    [Fact]
    public void SalaryFactor_NoBaseSalary_NoLine()
    {
        var calc = Calc("2026-10", new SalaryFactorRule("bonus", N("b"), null, "x", Curve));
        var r = Pay(calc, [Card(calc, "p1", 1m)], [new("p1")]);
        Assert.Empty(r.For("p1"));
    }

    [Fact]
    public void SalaryFactor_ZeroAmount_StillALine()
    {
        var calc = Calc("2026-10", new SalaryFactorRule("bonus", N("b"), null, "x", Curve));
        var line = Assert.Single(Pay(calc, [Card(calc, "p1", 0.3m)], [new("p1", 10000m)]).For("p1"));
        Assert.Equal(0m, line.Amount.Amount);
    }

    [Theory]
    [InlineData(0.5, 0.8, 3200)]   // curve 0.4 × 10,000 = 4,000 → × 0.8
    [InlineData(0.9, 0.8, 4000)]   // condition false: unchanged
    [InlineData(0.5, 1.1, 4400)]   // uplift
    public void Adjustment_MultipliesTheTargetLine(double usage, double factor, double expected)
    {
        var calc = Calc("2026-10",
            new SalaryFactorRule("bonus", N("b"), null, "0.8", Curve),
            new AdjustmentRule("cut", N("c"), "bonus", "x < 0.6", (decimal)factor));
        var r = Pay(calc, [Card(calc, "p1", (decimal)usage)], [new("p1", 10000m)]);
        Assert.Equal((decimal)expected, Assert.Single(r.For("p1")).Amount.Amount);
    }

    [Fact]
    public void Adjustment_InOrderListed_RoundedOnceAtTheEnd()
    {
        var calc = Calc("2026-10",
            new FixedRule("f", N("f"), null, "100.005", null),
            new AdjustmentRule("a1", N("a1"), "f", "x > 0", 0.5m),
            new AdjustmentRule("a2", N("a2"), "f", "x > 0", 3m));
        // 100.005 × 0.5 = 50.0025 (not rounded) × 3 = 150.0075 → 150.01
        Assert.Equal(150.01m, Assert.Single(Pay(calc, [Card(calc, "p1", 1m)], [new("p1")]).For("p1")).Amount.Amount);
    }

    [Fact]
    public void Fixed_PaidOnlyWhenConditionHolds()
    {
        var calc = Calc("2026-10", new FixedRule("collab", N("c"), null, "0.30 * base_salary", "x >= 4.5"));
        var r = Pay(calc, [Card(calc, "p1", 4.6m), Card(calc, "p2", 4.4m), Card(calc, "p3", null)], [new("p1", 20000m), new("p2", 20000m), new("p3", 20000m)]);
        Assert.Equal(6000m, Assert.Single(r.For("p1")).Amount.Amount);
        Assert.Empty(r.For("p2"));
        Assert.Empty(r.For("p3"));
    }

    [Fact]
    public void Fixed_EfficiencyBonusOfT2Mature()
    {
        var calc = Calculator("crossborder-mature", "2026");
        var actuals = calc.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target);
        var paid = Pay(calc, [Evaluate(calc, actuals, person: "p1")], [new("p1", 40000m)]);
        Assert.Equal(60000m, Assert.Single(paid.For("p1"), l => l.Rule == "efficiency_bonus").Amount.Amount);
        actuals["settlement_time_cut"] = 0.29m;
        var notPaid = Pay(calc, [Evaluate(calc, actuals, person: "p1")], [new("p1", 40000m)]);
        Assert.DoesNotContain(notPaid.For("p1"), l => l.Rule == "efficiency_bonus");
    }

    [Fact]
    public void Pool_ExplicitSharesWinWhenEveryMemberHasOne()
    {
        var calc = Calc("2026", new PoolRule("pool", N("p"), PeriodKind.Year, 0.1m, "team.revenue", null, null));
        var measures = new Measures();
        measures.Set(MeasureScope.Team, "t", "revenue", 1000m);
        var cards = new[] { Card(calc, "a", 1m), Card(calc, "b", 1m) };
        var r = Pay(calc, cards, [new("a", Team: "t", Share: 3m), new("b", Team: "t", Share: 1m)], measures);
        Assert.Equal(75m, r.For("a")[0].Amount.Amount);
        Assert.Equal(25m, r.For("b")[0].Amount.Amount);
    }

    [Fact]
    public void Pool_PartialExplicitShares_Rejected()
    {
        var calc = Calc("2026", new PoolRule("pool", N("p"), PeriodKind.Year, 0.1m, "team.revenue", null, null));
        var measures = new Measures();
        measures.Set(MeasureScope.Team, "t", "revenue", 1000m);
        var r = Pay(calc, [Card(calc, "a", 1m), Card(calc, "b", 1m)], [new("a", Team: "t", Share: 3m), new("b", Team: "t")], measures);
        Assert.Equal("team t: shares are given for some members but not for b; give every member a share or none (pool)", Assert.Single(r.Problems).Message.En);
    }

    [Fact]
    public void Pool_WithoutItsMeasure_NoLinesAndANotice()
    {
        var calc = Calc("2026", new PoolRule("pool", N("p"), PeriodKind.Year, 0.1m, "team.revenue", null, null));
        var r = Pay(calc, [Card(calc, "a", 1m)], [new("a", Team: "t")]);
        Assert.Empty(r.For("a"));
        Assert.Equal("team t: pool not computed: team.revenue is missing for 2026", Assert.Single(r.Notices).En);
    }

    [Fact]
    public void Pool_MonthlyRunOfYearlyRule_DoesNotRun()
    {
        var calc = Calc("2026-10", new PoolRule("pool", N("p"), PeriodKind.Year, 0.1m, "team.revenue", null, null));
        var measures = new Measures();
        measures.Set(MeasureScope.Team, "t", "revenue", 1000m);
        Assert.Empty(Pay(calc, [Card(calc, "a", 1m)], [new("a", Team: "t")], measures).Lines);
    }

    [Fact]
    public void Milestone_SplitEquallyAmongOwnersAndPaidOnce()
    {
        var calc = Calc("2026-Q1".Replace("Q1", "02"), new MilestoneRule("subsidy", N("s"), null, "demand_validated", 50000m));
        var people = new[] { new PersonInfo("a", Product: "p"), new PersonInfo("b", Product: "p"), new PersonInfo("c", Product: "p") };
        var cards = people.Select(p => Card(calc, p.Id, 1m)).ToList();
        var events = new[] { new MilestoneEvent("p", "demand_validated", new DateOnly(2026, 2, 14)) };
        var first = Pay(calc, cards, people, events: events);
        Assert.Equal([16666.67m, 16666.67m, 16666.66m], cards.Select(c => Assert.Single(first.For(c.Person)).Amount.Amount));
        var paid = Assert.Single(first.Ledger.Milestones);
        Assert.Equal(("subsidy", "p", "2026-02"), (paid.Rule, paid.Product, paid.Period));

        var second = Pay(calc, cards, people, ledger: first.Ledger, events: events);
        Assert.Empty(second.Lines);
        Assert.Equal("product p: subsidy (demand_validated) was already paid in 2026-02; it pays once", Assert.Single(second.Notices).En);
    }

    [Fact]
    public void Milestone_EventOutsideThePeriod_NotPaid()
    {
        var calc = Calc("2026-03", new MilestoneRule("subsidy", N("s"), null, "demand_validated", 50000m));
        var r = Pay(calc, [Card(calc, "a", 1m)], [new("a", Product: "p")], events: [new("p", "demand_validated", new DateOnly(2026, 2, 28))]);
        Assert.Empty(r.Lines);
    }

    [Theory]
    [InlineData(1200000, 1000000, 1000)]   // 0.01 × 200,000 split between two owners
    [InlineData(900000, 1000000, 0)]       // below target: 0.00 lines
    public void ExcessShare_RateTimesExcessSplitEqually(double gmv, double target, double each)
    {
        var calc = Calculator("crossborder-growth", "2026-Q3");
        var actuals = calc.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target);
        var measures = new Measures();
        measures.Set(MeasureScope.Product, "match", "gmv", (decimal)gmv);
        measures.Set(MeasureScope.Product, "match", "gmv_target", (decimal)target);
        var cards = new[] { Evaluate(calc, actuals, person: "a"), Evaluate(calc, actuals, person: "b") };
        var r = Pay(calc, cards, [new("a", Product: "match"), new("b", Product: "match")], measures);
        Assert.All(cards, c => Assert.Equal((decimal)each, Assert.Single(r.For(c.Person), l => l.Rule == "gmv_dividend").Amount.Amount));
    }

    [Fact]
    public void ProfitShare_YearsOneToThreeAfterLaunch_NothingInYearFour()
    {
        var ledger = Ledger.Empty;
        var paid = new Dictionary<int, decimal>();
        for (var year = 2024; year <= 2028; year++)
        {
            var calc = Calculator("industrial-value", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var measures = new Measures();
            measures.Set(MeasureScope.Product, "mes", "launch_year", 2024m);
            measures.Set(MeasureScope.Product, "mes", "revenue", 1_000_000m + ((year - 2024) * 500_000m));
            measures.Set(MeasureScope.Product, "mes", "profit_share_rate", 0.06m);
            var actuals = calc.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target);
            var cards = new[] { Evaluate(calc, actuals, person: "a"), Evaluate(calc, actuals, person: "b") };
            var r = Pay(calc, cards, [new("a", 30000m, Product: "mes"), new("b", 30000m, Product: "mes")], measures, ledger);
            Assert.Empty(r.Problems);
            paid[year] = cards.Sum(c => r.For(c.Person).Where(l => l.Rule == "project_dividend").Sum(l => l.Amount.Amount));
            ledger = r.Ledger;
        }

        Assert.Equal(0m, paid[2024]);
        Assert.Equal(30000m, paid[2025]);   // 0.06 × (1,500,000 − 1,000,000)
        Assert.Equal(60000m, paid[2026]);
        Assert.Equal(90000m, paid[2027]);
        Assert.Equal(0m, paid[2028]);
        Assert.Equal([2025, 2026, 2027], ledger.ProfitShares.Select(p => p.Year));
        Assert.Equal(new ProfitBaseline("mes", 2024, 1_000_000m), Assert.Single(ledger.Baselines));
    }

    [Fact]
    public void ProfitShare_RateOutsideRange_Rejected()
    {
        var calc = Calculator("industrial-value", "2026");
        var measures = new Measures();
        measures.Set(MeasureScope.Product, "mes", "launch_year", 2025m);
        measures.Set(MeasureScope.Product, "mes", "revenue", 2_000_000m);
        measures.Set(MeasureScope.Product, "mes", "revenue_baseline", 1_000_000m);
        measures.Set(MeasureScope.Product, "mes", "profit_share_rate", 0.09m);
        var actuals = calc.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target);
        var r = Pay(calc, [Evaluate(calc, actuals, person: "a")], [new("a", Product: "mes")], measures);
        Assert.Equal("profit_share_rate 0.09 is outside the plan's range 0.05–0.08 (project_dividend)", Assert.Single(r.Problems).Message.En);
    }

    [Theory]
    [InlineData(150000, null, "boss", "ceo", null)]
    [InlineData(99999.99, null, "boss", "ceo", "amount 99999.99 is outside the range of innovation_award: 100000–200000")]
    [InlineData(200000.01, null, "boss", "ceo", "amount 200000.01 is outside the range of innovation_award: 100000–200000")]
    [InlineData(150000, null, "boss", "boss", "the approver must be a second person; boss both nominated and approved")]
    [InlineData(150000, -1.0, "boss", "ceo", "equity units -1 must not be negative")]
    public void Award_RangeAndFourEyes(double amount, double? equity, string nominator, string approver, string? problem)
    {
        var calc = Calculator("industrial-value", "2026");
        var actuals = calc.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target);
        var nomination = new AwardNomination("innovation_award", "a", (decimal)amount, (decimal?)equity, nominator, approver, "awards.csv:2");
        var r = Pay(calc, [Evaluate(calc, actuals, person: "a")], [new("a")], awards: [nomination]);
        if (problem is null)
        {
            Assert.Empty(r.Problems);
            Assert.Equal(150000m, Assert.Single(r.For("a")).Amount.Amount);
        }
        else
        {
            var p = Assert.Single(r.Problems);
            Assert.Equal(("awards.csv:2", problem), (p.Where.ToString(), p.Message.En));
        }
    }

    [Fact]
    public void Award_EquityUnitsOnlyGrant()
    {
        var calc = Calculator("crossborder-mature", "2026");
        var actuals = calc.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target);
        var r = Pay(calc, [Evaluate(calc, actuals, person: "a")], [new("a")], awards: [new("equity_grant", "a", 0m, 5000m, "cto", "ceo", "a.csv:2")]);
        var line = Assert.Single(r.For("a"));
        Assert.Equal((0m, 5000m), (line.Amount.Amount, line.EquityUnits));
    }

    [Fact]
    public void Award_Unapproved_NotPaidWithNotice()
    {
        var calc = Calculator("industrial-value", "2026");
        var actuals = calc.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target);
        var r = Pay(calc, [Evaluate(calc, actuals, person: "a")], [new("a")], awards: [new("innovation_award", "a", 120000m, null, "boss", null, "a.csv:2")]);
        Assert.Empty(r.Lines);
        Assert.Empty(r.Problems);
        Assert.Contains("awaits approval", Assert.Single(r.Notices).En);
    }

    [Fact]
    public void Award_CashOnlyRuleWithEquity_Rejected()
    {
        var calc = Calculator("saas-team-individual", "2026");
        var actuals = calc.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target);
        var r = Pay(calc, [Evaluate(calc, actuals, person: "a")], [new("a")], awards: [new("innovation_special", "a", 1000m, 10m, "x", "y", "a.csv:2")]);
        Assert.Equal("innovation_special pays cash only; leave equity_units empty", Assert.Single(r.Problems).Message.En);
    }

    [Fact]
    public void Award_YearlyRuleInMonthlyRun_Rejected()
    {
        var calc = Calculator("industrial-value", "2026-10");
        var r = Pay(calc, [Evaluate(calc, E1Actuals(), person: "a")], [new("a")], awards: [new("innovation_award", "a", 120000m, null, "x", "y", "a.csv:2")]);
        Assert.Equal("innovation_award is paid in year runs; 2026-10 is a month", Assert.Single(r.Problems).Message.En);
    }

    [Fact]
    public void Recognition_TopOneWithTiesAndTieBreaker()
    {
        var calc = Calc("2026-10", new RecognitionRule("best", N("best"), null, 1, ["x"], RecognitionScope.Company, new("带薪休假1天", "paid leave 1 day")));
        var cards = new[] { Card(calc, "a", 4.8m), Card(calc, "b", 4.8m), Card(calc, "c", 4.5m), Card(calc, "d", null) };
        var r = Pay(calc, cards, cards.Select(c => new PersonInfo(c.Person)));
        Assert.Equal(["a", "b"], r.Lines.Keys.Order());
        var line = Assert.Single(r.For("a"));
        Assert.Equal((0m, "paid leave 1 day"), (line.Amount.Amount, line.Benefit!.En));
    }

    [Fact]
    public void Recognition_T3_SecondExpressionBreaksTies()
    {
        var calc = Calculator("saas-team-individual", "2026-10");
        var baseActuals = calc.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target);
        Dictionary<string, decimal> With(decimal rating, decimal rate) => new(baseActuals) { ["collaboration_rating"] = rating, ["request_response_rate"] = rate };
        var cards = new[] { Evaluate(calc, With(4.8m, 0.96m), person: "a"), Evaluate(calc, With(4.8m, 0.99m), person: "b"), Evaluate(calc, With(4.7m, 1m), person: "c") };
        var r = Pay(calc, cards, cards.Select(c => new PersonInfo(c.Person)));
        Assert.Single(r.For("b"), l => l.Rule == "best_collaborator");
        Assert.DoesNotContain(r.For("a"), l => l.Rule == "best_collaborator");
    }

    [Fact]
    public void CareerTrack_ThreeAOrBetterInLastFour()
    {
        var track = new CareerTrack("up", N("pm"), N("lead"), "A", 3, 4, [N("course")]);
        var calc = CalcWith("2026-04", [track]);
        var grades = new Dictionary<string, IReadOnlyList<GradeRecord>>
        {
            ["a"] = [new("2025-12", "A"), new("2026-01", "S"), new("2026-02", "B"), new("2026-03", "A")],
            ["b"] = [new("2026-01", "A"), new("2026-02", "B"), new("2026-03", "C")],
        };
        var ledger = Ledger.Empty with { Grades = grades };
        var r = Pay(calc, [Card(calc, "a", 1m), Card(calc, "b", 1m)], [new("a"), new("b")], ledger: ledger);
        var a = Assert.Single(r.Careers["a"]);
        Assert.True(a.Eligible);   // S, B, A + current A (total 100) = 3 of the last 4
        Assert.Equal(["2026-01", "2026-02", "2026-03", "2026-04"], a.Window.Select(g => g.Period));
        Assert.False(Assert.Single(r.Careers["b"]).Eligible);
        Assert.Equal(5, r.Ledger.GradesOf("a").Count);
    }

    [Fact]
    public void CareerTrack_GradeOverride_IsWhatTheLedgerRecords()
    {
        var track = new CareerTrack("up", N("pm"), N("lead"), "A", 1, 1, []);
        var calc = CalcWith("2026-04", [track]);
        var card = Card(calc, "a", 1m);   // total 100: grade A on its own
        var input = new PayoutInput(new Dictionary<string, PersonInfo> { ["a"] = new("a") }, new Measures(), [], [], Ledger.Empty, null,
            new Dictionary<string, string?> { ["a"] = "B" });
        var r = PayoutCalculator.Run(calc.Scheme.Plan!, calc.Period, [card], input);
        Assert.Equal(new GradeRecord("2026-04", "B"), Assert.Single(r.Ledger.GradesOf("a")));
        Assert.False(Assert.Single(r.Careers["a"]).Eligible);
    }

    [Fact]
    public void Ledger_WrongShape_SaysWhatIsExpected()
    {
        var p = Assert.Single(Ledger.Parse("{\"milestones\": 3}", "ledger.json").Problems);
        Assert.Equal("ledger.json:1:17", p.Where.ToString());
        Assert.StartsWith("not a Yardstick ledger: unexpected content at $.milestones; expected {\"milestones\": [...]", p.Message.En, StringComparison.Ordinal);
        Assert.EndsWith("(a ledger file written by Yardstick)", p.Message.En, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", p.Message.En, StringComparison.Ordinal);
        Assert.DoesNotContain("--ledger", p.Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public void RunEach_PassesTheLedgerOnAndMergesTheRuns()
    {
        var calc = Calculator("crossborder-startup", "2026-Q1");
        var actuals = calc.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target);
        var events = new[] { new MilestoneEvent("p", "demand_validated", new DateOnly(2026, 2, 1)) };
        PayoutInput Input(string person) => new(new Dictionary<string, PersonInfo> { [person] = new(person, Product: "p") }, new Measures(), events, [], Ledger.Empty);
        var r = PayoutCalculator.RunEach(calc.Period, Ledger.Empty,
        [
            (calc.Scheme.Plan!, [Evaluate(calc, actuals, person: "a")], Input("a")),
            (calc.Scheme.Plan!, [Evaluate(calc, actuals, person: "b")], Input("b")),
        ]);
        Assert.Equal(50000m, Assert.Single(r.For("a")).Amount.Amount);
        Assert.Empty(r.For("b"));
        Assert.Equal("product p: validation_subsidy (demand_validated) was already paid in 2026-Q1; it pays once", Assert.Single(r.Notices).En);
        Assert.Single(r.Ledger.Milestones);
    }

    [Fact]
    public void Lines_InAnotherCurrency()
    {
        var scheme = Single(Ind("x", 1m, 1m)) with { Plan = new Plan("USD", [new FixedRule("f", N("f"), null, "10", null)], []) };
        var calc = ScorecardCalculator.Create(CompiledScheme.Compile(scheme).Value, Period.Parse("2026-10").Value).Value;
        Assert.Equal("USD", Assert.Single(Pay(calc, [Card(calc, "p", 1m)], [new("p")]).For("p")).Amount.Currency);
    }
}
