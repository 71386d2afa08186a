using Yardstick.Core.Common;
using Yardstick.Core.Expressions;
using Yardstick.Core.Incentives;
using Yardstick.Core.Lifecycle;
using Yardstick.Core.Ratings;
using Yardstick.Core.Requests;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using Yardstick.Core.Templates;
using Regex = System.Text.RegularExpressions.Regex;
using GeneratedRegex = System.Text.RegularExpressions.GeneratedRegexAttribute;
using static Yardstick.Core.Tests.Incentives.WorkedExamplePayTests;
using static Yardstick.Core.Tests.TestSchemes;

namespace Yardstick.Core.Tests.Common;

/// <summary>
/// Every problem Core reports exists in zh-CN and in en: bad schemes, plans, formulas, periods, actuals, ledgers,
/// payout inputs, requests, ratings and stages, one case per message path. Each case must produce the English
/// message it is named for (so a case cannot silently stop reaching its path), and every problem it produces must
/// have a Chinese text that differs from the English and that names no command-line option and no .NET type.
/// </summary>
public partial class BilingualProblemTests
{
    private static LocalizedText N(string s) => new(s, s);

    private static readonly CurvePoint[] Curve = [new(0.6m, 0m), new(1.0m, 0.8m), new(1.2m, 1.2m)];

    private static IReadOnlyList<Problem> Compile(Scheme scheme) => CompiledScheme.Compile(scheme).Problems;

    /// <summary>A valid one-group scheme of <paramref name="indicators"/> (weights summing to 1), so only what a case breaks is reported.</summary>
    private static IReadOnlyList<Problem> CompileIndicators(params Indicator[] indicators) => Compile(Single(indicators));

    /// <summary>The test scheme (x, and a team indicator t) with a plan of <paramref name="rules"/>.</summary>
    private static IReadOnlyList<Problem> CompilePlan(params PayoutRule[] rules) => CompilePlanIn("CNY", rules);

    private static IReadOnlyList<Problem> CompilePlanIn(string currency, params PayoutRule[] rules) =>
        Compile(Single(Ind("x", 0.5m, 1m), Ind("t", 0.5m, 1m) with { Scope = Scope.Team }) with { Plan = new Plan(currency, rules, []) });

    private static IReadOnlyList<Problem> Formula(string text, bool? condition = null) =>
        Yardstick.Core.Expressions.Formula.Compile(text, "rules[0].amount", Compiled("industrial-value").Symbols, condition).Problems;

    private static IReadOnlyList<Problem> Actual(Indicator indicator, string text) => ActualValue.Parse(indicator, text).Problems;

    private static IReadOnlyList<Problem> Json(string json) => SchemeJson.Parse(json, "s.json").Problems;

    /// <summary>The start of a scheme file with id, name and period; the case adds the rest after a comma.</summary>
    private const string Head = "{\"id\":\"x\",\"name\":{\"zh-CN\":\"x\",\"en\":\"x\"},\"period\":\"month\"";

    /// <summary>A yearly run of a template's plan for person a, every actual at target, with the given awards, people and measures.</summary>
    private static IReadOnlyList<Problem> Run(string template, string period, IReadOnlyList<AwardNomination>? awards = null, IEnumerable<PersonInfo>? people = null, Measures? measures = null)
    {
        var calc = Calculator(template, period);
        var actuals = calc.Scheme.Indicators.ToDictionary(i => i.Code, i => i.Target);
        var persons = (people ?? [new PersonInfo("a")]).ToList();
        var cards = persons.Select(p => Evaluate(calc, actuals, person: p.Id)).ToList();
        return Pay(calc, cards, persons, measures, awards: awards).Problems;
    }

    private static AwardNomination Nomination(string rule = "innovation_award", string person = "a", decimal amount = 150000m, decimal? equity = null, string by = "boss", string? approver = "ceo") =>
        new(rule, person, amount, equity, by, approver, "awards.csv:2");

    private static Measures ProfitMeasures(decimal rate)
    {
        var m = new Measures();
        m.Set(MeasureScope.Product, "mes", "launch_year", 2025m);
        m.Set(MeasureScope.Product, "mes", "revenue", 2_000_000m);
        m.Set(MeasureScope.Product, "mes", "revenue_baseline", 1_000_000m);
        m.Set(MeasureScope.Product, "mes", "profit_share_rate", rate);
        return m;
    }

    private static readonly DateTimeOffset Created = new(2026, 10, 5, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Each case: what to run, and the English messages it must produce (fragments).</summary>
    private static readonly Dictionary<string, (Func<IReadOnlyList<Problem>> Run, string[] En)> Cases = new()
    {
        // Periods
        ["period_year"] = (() => Period.Parse("1800-10").Problems, ["year 1800 is out of range"]),
        ["period_month"] = (() => Period.Parse("2026-13").Problems, ["month 13 is out of range; expected 1–12"]),
        ["period_quarter"] = (() => Period.Parse("2026-Q5").Problems, ["quarter 5 is out of range; expected 1–4"]),
        ["period_half"] = (() => Period.Parse("2026-H3").Problems, ["half 3 is out of range; expected 1–2"]),
        ["period_text"] = (() => Period.Parse("Oct 2026").Problems, ["'Oct 2026' is not a period"]),
        ["period_separator"] = (() => Period.Parse("2026/10").Problems, ["'2026/10' is not a period"]),
        ["period_digits"] = (() => Period.Parse("2026-Qx").Problems, ["'2026-Qx' is not a period"]),
        ["period_shorter_than_scheme"] = (() => ScorecardCalculator.Create(Compiled("crossborder-growth"), Period.Parse("2026-10").Value).Problems,
            ["period 2026-10 is a month, shorter than the quarter of scheme crossborder-growth"]),
        ["all_waived"] = (() =>
        {
            var calc = ScorecardCalculator.Create(CompiledScheme.Compile(Single(Ind("a", 1m, 1m))).Value, Period.Parse("2026-10").Value).Value;
            return calc.Evaluate(ScorecardInput.FromCodes(calc.Scheme, "p1", [], [new("a", "on leave")])).Problems;
        }, ["every indicator is waived"]),

        // Actual values
        ["actual_empty"] = (() => Actual(Ind("a", 1m, 1m), " "), ["the value of 'a' is empty"]),
        ["actual_percent_sign"] = (() => Actual(Ind("a", 1m, 1m, unit: Unit.Count), "85%"), ["'%' is only allowed for percent or ratio indicators"]),
        ["actual_not_a_number"] = (() => Actual(Ind("a", 1m, 1m, unit: Unit.Percent), "abc"), ["'abc' is not a number; expected a decimal with '.' such as 0.85 or 85%"]),
        ["actual_not_whole"] = (() => Actual(Ind("a", 1m, 1m, unit: Unit.Count), "1.5"), ["1.5 is not a whole number"]),
        ["actual_rating_scale"] = (() => Actual(Ind("a", 1m, 4m, unit: Unit.Rating), "6"), ["6 is outside the rating scale of 'a'; expected 1–5"]),
        ["actual_count_negative"] = (() => Actual(Ind("a", 1m, 1m, unit: Unit.Count), "-1"), ["-1 is negative; 'a' is a count"]),
        ["actual_out_of_range"] = (() => Actual(Ind("a", 1m, 1m, unit: Unit.Percent) with { Min = 0m }, "-0.5"), ["-0.5 is out of range of 'a'; expected >= 0"]),
        ["actual_above_max"] = (() => Actual(Ind("a", 1m, 1m, unit: Unit.Percent) with { Max = 1m }, "1.5"), ["1.5 is out of range of 'a'; expected <= 1"]),

        // Schemes
        ["scheme_header"] = (() => Compile(new Scheme("", 0, new LocalizedText("", ""), PeriodKind.Month, 13, [], [])),
            ["the scheme needs an id", "version 0 is not allowed", "13 is not a month", "a name in zh-CN and in en is required", "the scheme has no groups or indicators"]),
        ["scheme_codes"] = (() => CompileIndicators(Ind("Bad-Code", 0.5m, 1m), Ind("a", 0.25m, 1m), Ind("a", 0.25m, 1m)),
            ["code 'Bad-Code' is not allowed", "duplicate code 'a': also used at all/a"]),
        ["scheme_weights"] = (() => Compile(Single(Ind("a", 0.5m, 1m), Ind("b", 0.6m, 1m)) with
        {
            Children = [new Group("all", N("all"), 1m, [Ind("a", 0.5m, 1m), Ind("b", 0.6m, 1m)]), new Group("empty", N("empty"), -0.1m, [])],
        }), ["the weights of the children of group 'all' sum to 1.1, but the group's weight is 1", "group 'empty' has no children", "weight -0.1 is negative", "the top-level weights sum to 0.9"]),
        ["scheme_indicator_bounds"] = (() => CompileIndicators(
                Ind("a", 0.25m, 1m) with { Cap = 0.5m, Floor = 0.8m },
                Ind("b", 0.25m, 1m) with { Min = 2m, Max = 1m },
                Ind("c", 0.25m, 7m, unit: Unit.Rating),
                Ind("d", 0.25m, 0m)),
            ["cap 0.5 is below floor 0.8", "min 2 is above max 1", "target 7 is outside the rating scale 1–5", "a ratio indicator needs a target above 0, not 0"]),
        ["scheme_formulas"] = (() => CompileIndicators(
                Ind("a", 0.5m, 1m) with { Source = Source.Formula },
                Ind("b", 0.25m, 1m, rule: RuleKind.Formula) with { Source = Source.Formula, Expression = "1" },
                Ind("c", 0.25m, 1m, rule: RuleKind.Formula)),
            ["source 'formula' needs an expression that yields the actual", "cannot have both a formula source and a formula rule", "rule 'formula' needs an expression that yields the achievement"]),
        ["scheme_linear"] = (() => CompileIndicators(
                Ind("a", 0.25m, 1m, rule: RuleKind.Linear),
                Ind("b", 0.25m, 1m, rule: RuleKind.Linear) with { Zero = 2m },
                Ind("c", 0.5m, 1m, Direction.Lower, RuleKind.Linear) with { Zero = 0.5m }),
            ["rule 'linear' needs 'zero'", "rule 'linear' with direction higher needs zero (2) below the target (1)", "rule 'linear' with direction lower needs zero (0.5) above the target (1)"]),
        ["scheme_bands"] = (() => CompileIndicators(
                Ind("a", 0.5m, 1m, rule: RuleKind.Bands),
                Ind("b", 0.25m, 1m, rule: RuleKind.Bands) with { Bands = [new(0.9m, 1m), new(0.8m, 0.5m)] },
                Ind("c", 0.25m, 1m, Direction.Lower, RuleKind.Bands) with { Bands = [new(0.1m, 1m), new(0.2m, 0.5m)] }),
            ["rule 'bands' needs a list of [from, achievement] bands", "'from' values must be strictly ascending (higher is better)", "'from' values must be strictly descending (lower is better)"]),
        ["scheme_grades"] = (() => Compile(Single(Ind("a", 1m, 1m)) with
        {
            Grades = [new GradeBand("A", null), new GradeBand("A", 100m), new GradeBand("", 90m), new GradeBand("B", 95m), new GradeBand("C", null)],
        }), ["only the last grade may have no minimum", "grade 'A' is listed twice", "a grade needs a name", "grade bands are not sorted: 'B' >= 95 comes after '' >= 90"]),
        ["scheme_cycle"] = (() => CompileIndicators(
                Ind("a", 0.5m, 1m) with { Source = Source.Formula, Expression = "b + 1" },
                Ind("b", 0.5m, 1m) with { Source = Source.Formula, Expression = "a + 1" }),
            ["formulas refer to each other in a cycle"]),
        ["scheme_node_name"] = (() => CompileIndicators(Ind("a", 1m, 1m) with { Name = new LocalizedText("", "A") }), ["a name in zh-CN and in en is required"]),

        // Formulas
        ["formula_empty"] = (() => Formula(" "), ["the expression is empty"]),
        ["formula_parse"] = (() => Formula("csat + * 2"), ["cannot parse 'csat + * 2'"]),
        ["formula_condition_expected"] = (() => Formula("csat + 1", condition: true), ["yields a number; a condition (true or false) is expected here"]),
        ["formula_number_expected"] = (() => Formula("csat > 1", condition: false), ["yields true or false; a number is expected here"]),
        ["formula_list"] = (() => Formula("(1, 2)"), ["this kind of expression (a list of values in parentheses) is not supported"]),
        ["formula_text"] = (() => Formula("'csat' + 1"), ["text 'csat' at position 1 is only allowed as the code in score(), achievement() or points()"]),
        ["formula_group_name"] = (() => Formula("core + 1"), ["'core' at position 1 is a group; use achievement('core') or points('core')"]),
        ["formula_unknown_name"] = (() => Formula("csat + nope"), ["unknown name 'nope' at position 8"]),
        ["formula_arithmetic_on_condition"] = (() => Formula("(csat > 1) + 1"), ["arithmetic needs a number, not true/false"]),
        ["formula_condition_on_number"] = (() => Formula("csat && true"), ["&&/|| needs a condition (true/false), not a number"]),
        ["formula_comparison"] = (() => Formula("(csat > 1) == 1"), ["a comparison needs two numbers or two conditions"]),
        ["formula_coalesce"] = (() => Formula("csat ?? (csat > 1)"), ["both sides of ?? must be numbers or both conditions"]),
        ["formula_binary_operator"] = (() => Formula("csat & 1"), ["the operator BitwiseAnd is not supported"]),
        ["formula_unary_operator"] = (() => Formula("~csat"), ["the operator BitwiseNot is not supported"]),
        ["formula_branches"] = (() => Formula("if(csat > 1, 1, csat > 2)"), ["both branches of if must be numbers or both conditions"]),
        ["formula_if_arguments"] = (() => Formula("if(csat > 1, 1)"), ["if(condition, then, else) takes 3 arguments, not 2"]),
        ["formula_abs_arguments"] = (() => Formula("abs(1, 2)"), ["abs(x) takes 1 argument, not 2"]),
        ["formula_round_arguments"] = (() => Formula("round(1, 2, 3)"), ["round(x) or round(x, digits) takes 1 or 2 arguments, not 3"]),
        ["formula_min_arguments"] = (() => Formula("min(1)"), ["min(a, b, ...) takes at least 2 arguments"]),
        ["formula_unknown_function"] = (() => Formula("sqrt(csat)"), ["unknown function 'sqrt' at position 1"]),
        ["formula_code_argument"] = (() => Formula("score(csat)"), ["score('code') takes one code in quotes"]),
        ["formula_score_of_group"] = (() => Formula("score('core')"), ["score('core') at position 7: 'core' is a group"]),
        ["formula_unknown_code"] = (() => Formula("points('nope')"), ["unknown code 'nope' at position 8 in points()"]),

        // Plans
        ["plan_currency_and_codes"] = (() => CompilePlanIn("yuan",
                new FixedRule("Bad", N("b"), null, "1", null), new FixedRule("f", N("f"), null, "1", null), new FixedRule("f", new LocalizedText("", ""), null, "1", null)),
            ["'yuan' is not an ISO 4217 currency code", "rule code 'Bad' is not allowed", "duplicate rule code 'f'", "a name in zh-CN and in en is required"]),
        ["plan_frequency"] = (() => Compile(Single(Ind("x", 1m, 1m)) with
        {
            PeriodKind = PeriodKind.Quarter,
            Plan = new Plan("CNY", [new FixedRule("f", N("f"), PeriodKind.Month, "1", null)], []),
        }), ["frequency month is shorter than the scheme's period (quarter)"]),
        ["plan_career_track"] = (() => Compile(Single(Ind("x", 1m, 1m)) with
        {
            Plan = new Plan("CNY", [], [new CareerTrack("up", N("pm"), N("lead"), "Z", 5, 4, [])]),
        }), ["grade 'Z' is not one of the scheme's grades (S, A, B, C, D)", "needs 1 <= min_count (5) <= window (4)"]),
        ["plan_adjustments"] = (() => CompilePlan(
                new AdjustmentRule("early", N("e"), "later", "x < 1", 0.8m),
                new PoolRule("pool", N("p"), null, 0.03m, "team.revenue", null, null),
                new AdjustmentRule("on_pool", N("o"), "pool", "x < 1", 0.8m),
                new SalaryFactorRule("bonus", N("b"), null, "x", Curve),
                new AdjustmentRule("negative", N("n"), "bonus", "x < 1", -0.5m),
                new FixedRule("later", N("l"), null, "1", null)),
            ["'later' is not a rule listed before this adjustment", "'pool' is a pool rule; adjustments change salary_factor or fixed lines", "factor -0.5 is negative"]),
        ["plan_pools"] = (() => CompilePlan(
                new PoolRule("empty", N("e"), null, 0.03m, "", null, null),
                new PoolRule("negative", N("n"), null, -0.03m, "team.revenue", null, null),
                new PoolRule("person", N("p"), null, 0.03m, "x * base_salary", null, null)),
            ["a pool needs a measure, e.g. team.revenue", "rate -0.03 is negative; e.g. 0.03 for 3%", "a pool's measure is evaluated once per team and may read team indicators and team.* measures only; it reads base_salary, x"]),
        ["plan_products"] = (() => CompilePlan(
                new MilestoneRule("ms", N("m"), null, "", 0m),
                new ExcessShareRule("empty", N("e"), null, 0.01m, ""),
                new ExcessShareRule("negative", N("n"), null, -0.01m, "product.gmv"),
                new ExcessShareRule("person", N("p"), null, 0.01m, "x + product.gmv")),
            ["a milestone needs the event that triggers it", "amount 0 must be above 0", "an excess share needs a measure", "rate -0.01 is negative", "this measure is evaluated once per product and may read product.* measures only; it reads x"]),
        ["plan_profit_share"] = (() => CompilePlan(new ProfitShareRule("ps", N("p"), null, 0, 0.09m, 0.05m)),
            ["years 0 must be 1 or more", "rate range 0.09–0.05 is not valid", "a profit share is paid in yearly runs; set frequency to year"]),
        ["plan_award_and_recognition"] = (() => CompilePlan(
                new AwardRule("aw", N("a"), null, 200m, 100m, false),
                new RecognitionRule("rec", N("r"), null, 0, [], RecognitionScope.Company, new LocalizedText("", "")),
                new SalaryFactorRule("bonus", N("b"), null, "x", [])),
            ["award range 200–100 is not valid", "top 0 must be 1 or more", "a recognition needs at least one ranking expression", "the benefit text is required in zh-CN and en", "a curve needs at least one point [x, y]"]),
        ["plan_curves"] = (() => CompilePlan(
                new SalaryFactorRule("unsorted", N("u"), null, "x", [new(1m, 0m), new(0.5m, 1m)]),
                new SalaryFactorRule("falling", N("f"), null, "x", [new(0.5m, 1m), new(1m, 0.5m)])),
            ["curve points are not sorted: point 2 has x = 0.5 after x = 1", "the curve falls: point 2 has y = 0.5 after y = 1"]),

        // Scheme files
        ["json_syntax"] = (() => Json("{\n  \"id\": \"x\",\n  \"tree\": [ }\n"), ["'}' is an invalid start of a value. (at $.tree[0])"]),
        ["json_unknown_field"] = (() => Json(Head + ""","tree":[],"wieght":1}"""), ["unknown field 'wieght' (at $.wieght); expected one of id, version, name, period"]),
        ["json_enum"] = (() => Json("""{"id":"x","name":{"zh-CN":"x","en":"x"},"period":"weekly","tree":[]}"""), ["expected one of month, quarter, half, year (at $.period)"]),
        ["json_number"] = (() => Json(Head + ""","tree":[{"code":"a","name":{"zh-CN":"a","en":"a"},"weight":"abc"}]}"""), ["expected a number, e.g. 0.85 (at $.tree[0].weight)"]),
        ["json_whole_number"] = (() => Json(Head + ""","version":1.5,"tree":[]}"""), ["expected a whole number, e.g. 3 (at $.version)"]),
        ["json_bool"] = (() => Json(Head + ""","tree":[{"code":"a","name":{"zh-CN":"a","en":"a"},"weight":1,"ytd":"yes"}]}"""), ["expected true or false (at $.tree[0].ytd)"]),
        ["json_text"] = (() => Json("""{"id":5,"tree":[]}"""), ["expected text in quotes (at $.id)"]),
        ["json_list"] = (() => Json(Head + ""","tree":{}}"""), ["expected a list [...] (at $.tree)"]),
        ["json_name"] = (() => Json("""{"id":"x","name":"x","tree":[]}"""), ["expected a name {\"zh-CN\": \"…\", \"en\": \"…\"} (at $.name)"]),
        ["json_object"] = (() => Json("[1, 2]"), ["expected an object {...} (at $)"]),
        ["json_null"] = (() => Json("null"), ["the file is empty"]),
        ["json_required"] = (() => Json("""{"tree":[{"unit":"percent","direction":"higher","target":1}]}"""),
            ["required: the scheme's id", "required: {\"zh-CN\": \"…\", \"en\": \"…\"}", "required: month, quarter, half or year", "required: the node's code", "required: the node's share of the total"]),
        ["json_no_tree"] = (() => Json("""{"id":"x","name":{"zh-CN":"x","en":"x"},"period":"month"}"""), ["required: the list of top-level groups and indicators"]),
        ["json_indicator_fields"] = (() => Json(Head + ""","tree":[{"code":"a","name":{"zh-CN":"a","en":"a"},"weight":1,"bands":[[1]]}]}"""),
            ["required for an indicator: percent, ratio", "required for an indicator: higher or lower", "required for an indicator: the target value", "each band is a pair [from, achievement]"]),
        ["json_group_fields"] = (() => Json(Head + ""","tree":[{"code":"g","name":{"zh-CN":"g","en":"g"},"weight":1,"target":1,"children":[]}]}"""),
            ["a group (it has children) cannot have target; move them to an indicator"]),
        ["json_bundle"] = (() => Json("""{"id":"b","name":{"zh-CN":"b","en":"b"},"tree":[],"schemes":[""" + Head + ""","tree":[]}]}"""),
            ["a bundle has 'schemes', not 'tree'", "every scheme of a lifecycle bundle needs a 'stage'"]),
        ["json_rules"] = (() => Json(Head + ""","tree":[],"plan":{"rules":[{"name":{"zh-CN":"a","en":"a"}},""" +
                """{"code":"f","name":{"zh-CN":"f","en":"f"},"kind":"fixed"},{"code":"m","name":{"zh-CN":"m","en":"m"},"kind":"milestone","amount":[1]},""" +
                """{"code":"a","name":{"zh-CN":"a","en":"a"},"kind":"adjustment"},{"code":"s","name":{"zh-CN":"s","en":"s"},"kind":"salary_factor","x":"1","curve":[[1]]}]}}"""),
            ["required: the rule's code", "required: salary_factor, adjustment, fixed", "required for a fixed rule: an expression such as 0.30 * base_salary",
             "expected a number (milestone) or an expression in quotes (fixed)", "required for a adjustment rule: the code of the line to change", "required for a adjustment rule: 0.8",
             "each curve point is a pair [x, y]"]),

        // Templates, money, ledgers
        ["template"] = (() => TemplateCatalog.Find("nope").Problems, ["no template 'nope'; available: industrial-value"]),
        ["currency"] = (() => Money.Create(1m, "rmb").Problems, ["'rmb' is not an ISO 4217 currency code"]),
        ["ledger_shape"] = (() => Ledger.Parse("{\"milestones\": 3}", "ledger.json").Problems, ["not a Yardstick ledger: unexpected content at $.milestones", "(a ledger file written by Yardstick)"]),
        ["ledger_syntax"] = (() => Ledger.Parse("{", "ledger.json").Problems, ["not a Yardstick ledger"]),

        // Payout runs
        ["award_checks"] = (() => Run("industrial-value", "2026",
            [Nomination(person: "zz"), Nomination(amount: 1m), Nomination(equity: -1m), Nomination(by: " "), Nomination(approver: "boss")]),
            ["'zz' is not evaluated in this run", "amount 1 is outside the range of innovation_award", "equity units -1 must not be negative", "nominated_by is required", "the approver must be a second person"]),
        ["award_cash_only"] = (() => Run("saas-team-individual", "2026", [Nomination("innovation_special", amount: 1000m, equity: 10m)]), ["innovation_special pays cash only"]),
        ["award_unknown_rule"] = (() => Run("industrial-value", "2026", [Nomination("monthly_bonus")]), ["'monthly_bonus' is not an award rule of this plan; expected innovation_award"]),
        ["award_no_awards"] = (() => Run("crossborder-startup", "2026-Q1", [Nomination("x")]), ["'x' is not an award rule of this plan; expected none (the plan has no awards)"]),
        ["award_frequency"] = (() => Run("industrial-value", "2026-10", [Nomination()]), ["innovation_award is paid in year runs; 2026-10 is a month"]),
        ["profit_share_rate"] = (() => Run("industrial-value", "2026", people: [new PersonInfo("a", Product: "mes")], measures: ProfitMeasures(0.09m)),
            ["profit_share_rate 0.09 is outside the plan's range 0.05–0.08"]),
        ["shares_partial"] = (() =>
        {
            var m = new Measures();
            m.Set(MeasureScope.Team, "crm", "revenue", 1_000_000m);
            return Run("saas-team-individual", "2026", people: [new PersonInfo("a", Team: "crm", Share: 1m), new PersonInfo("b", Team: "crm")], measures: m);
        }, ["team crm: shares are given for some members but not for b"]),

        // Requests, ratings, stages
        ["request_times"] = (() => new RequestRecord("r1", "a", Created, Created.AddHours(-1), Created.AddHours(-2)).Validate(),
            ["the first response (2026-10-05 08:00 +08:00) is before the request was created", "the solution (2026-10-05 07:00 +08:00) is before the request was created"]),
        ["sla_limits"] = (() => RequestSla.Create(TimeSpan.Zero, TimeSpan.Zero, "Asia/Shanghai").Problems, ["the response limit must be positive", "the solution limit must be positive"]),
        ["sla_order_and_zone"] = (() => RequestSla.Create(TimeSpan.FromHours(80), TimeSpan.FromHours(72), "Mars/Olympus").Problems,
            ["the response limit (80 h) exceeds the solution limit (72 h)", "unknown time zone 'Mars/Olympus'"]),
        ["ratings"] = (() => RatingAggregation.Aggregate([new("r1", "sales", [4m]), new("r1", "sales", [4m]), new("r2", "sales", []), new("r3", "sales", [6m])]).Problems,
            ["answered more than once", "the response has no answers", "answer 6 is outside the scale; expected 1–5"]),
        ["stages"] = (() => StageHistory.Create("mes", [new("teen", new DateOnly(2026, 1, 1)), new("growth", new DateOnly(2026, 2, 1)), new("mature", new DateOnly(2026, 2, 1))]).Problems,
            ["unknown stage 'teen'; expected startup, growth, mature, decline", "two stages start on 2026-02-01 (growth, mature); keep one"]),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void EveryProblem_HasChineseAndEnglish_NamingNoOptionOrType(string name)
    {
        var (run, expected) = Cases[name];
        var problems = run();
        foreach (var en in expected)
            Assert.Contains(problems, p => p.Message.En.Contains(en, StringComparison.Ordinal));
        Assert.All(problems, p =>
        {
            Assert.Matches(Cjk(), p.Message.Zh);
            Assert.NotEqual(p.Message.En, p.Message.Zh);
            foreach (var text in new[] { p.Message.Zh, p.Message.En, p.Where.ToString() })
            {
                Assert.DoesNotMatch(CommandLineOption(), text);
                Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Dto", text, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void GroupWeightSum_ExactChinese()
    {
        var scheme = Single(Ind("a", 0.5m, 1m), Ind("b", 0.6m, 1m)) with { Children = [new Group("all", N("all"), 1m, [Ind("a", 0.5m, 1m), Ind("b", 0.6m, 1m)])] };
        var p = Assert.Single(CompiledScheme.Compile(scheme).Problems);
        Assert.Equal("all", p.Where.ToString());
        Assert.Equal("分组 'all' 下各项权重之和为 1.1，而该分组的权重为 1；两者必须相等", p.Message.Zh);
        Assert.Equal("the weights of the children of group 'all' sum to 1.1, but the group's weight is 1; they must be equal", p.Message.En);
    }

    [Fact]
    public void UnknownNameInFormula_ExactChinese()
    {
        var p = Assert.Single(Formula("csat + nope"));
        Assert.Equal("rules[0].amount", p.Where.ToString());
        Assert.Equal("未知名称 'nope'（第 8 个字符）；应为本方案的指标代码、base_salary，或 team.revenue、product.gmv、person.x 这类业务数据", p.Message.Zh);
    }

    [Fact]
    public void UnknownFunctionInFormula_ExactChinese() =>
        Assert.Equal("未知函数 'sqrt'（第 1 个字符）；应为 score、achievement、points、min、max、abs、round 或 if", Assert.Single(Formula("sqrt(csat)")).Message.Zh);

    [Fact]
    public void DuplicateCode_ExactChinese()
    {
        var p = Assert.Single(CompileIndicators(Ind("a", 0.5m, 1m), Ind("a", 0.5m, 1m)));
        Assert.Equal("all/a", p.Where.ToString());
        Assert.Equal("代码 'a' 重复：all/a 也使用了该代码；同一方案内的代码必须唯一", p.Message.Zh);
    }

    [Fact]
    public void DuplicateRuleCode_ExactChinese()
    {
        var p = Assert.Single(CompilePlan(new FixedRule("f", N("f"), null, "1", null), new FixedRule("f", N("f"), null, "2", null)));
        Assert.Equal("plan.rules[1] (f)", p.Where.ToString());
        Assert.Equal("规则代码 'f' 重复", p.Message.Zh);
    }

    [Fact]
    public void PeriodShorterThanScheme_ExactChinese() =>
        Assert.Equal("周期 2026-10 是月度周期，短于方案 crossborder-growth 的季度周期；请使用季度或更长的周期",
            Assert.Single(ScorecardCalculator.Create(Compiled("crossborder-growth"), Period.Parse("2026-10").Value).Problems).Message.Zh);

    [Fact]
    public void Template_NamedByField_NotByOption()
    {
        var p = Assert.Single(TemplateCatalog.Find("nope").Problems);
        Assert.Equal(Location.Of("template"), p.Where);
        Assert.StartsWith("没有模板 'nope'；可用的模板：industrial-value、crossborder-lifecycle", p.Message.Zh, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"(?<![\w-])--[a-z]")]
    private static partial Regex CommandLineOption();
}
