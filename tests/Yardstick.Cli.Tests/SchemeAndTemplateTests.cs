using System.Text.Json;
using System.Text.Json.Nodes;

namespace Yardstick.Cli.Tests;

public sealed class SchemeAndTemplateTests : IDisposable
{
    private readonly CliHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void TemplatesList_Always_ShowsEveryTemplateWithPeriodAndStage()
    {
        var run = CliHarness.Run("templates", "list");

        Assert.Equal(0, run.Code);
        string Row(string id) => run.Out.Split('\n').Single(l => l.Contains($"│ {id} ", StringComparison.Ordinal));
        Assert.Contains("工业互联网", Row("industrial-value"), StringComparison.Ordinal);
        Assert.Contains("month", Row("industrial-value"), StringComparison.Ordinal);
        Assert.Contains("lifecycle bundle", Row("crossborder-lifecycle"), StringComparison.Ordinal);
        Assert.Contains("quarter", Row("crossborder-growth"), StringComparison.Ordinal);
        Assert.Contains("growth", Row("crossborder-growth").Split('│')[5], StringComparison.Ordinal);
        Assert.Contains("Enterprise SaaS", Row("saas-team-individual"), StringComparison.Ordinal);
        Assert.Contains("mature", Row("crossborder-mature"), StringComparison.Ordinal);
        Assert.Contains("startup", Row("crossborder-startup"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("industrial-value", "OK: {f}: scheme industrial-value v1 (month): 11 indicators in 7 groups")]
    [InlineData("crossborder-growth", "OK: {f}: scheme crossborder-growth v1 (quarter, stage growth): ")]
    [InlineData("crossborder-lifecycle", "OK: {f}: scheme crossborder-startup v1 (quarter, stage startup): ")]
    [InlineData("saas-team-individual", "OK: {f}: scheme saas-team-individual v1 (month): ")]
    public void TemplatesExport_ThenSchemeValidate_Exit0(string id, string expected)
    {
        var file = _h.PathOf(id + ".json");

        var export = CliHarness.Run("templates", "export", id, "--out", file);
        var validate = CliHarness.Run("scheme", "validate", file);

        Assert.True(export.Code == 0, export.ToString());
        Assert.True(validate.Code == 0, validate.ToString());
        Assert.Equal("", validate.Err);
        Assert.StartsWith(expected.Replace("{f}", file, StringComparison.Ordinal), validate.Out, StringComparison.Ordinal);
        Assert.Equal(id == "crossborder-lifecycle" ? 3 : 1, validate.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void TemplatesExport_ToStdout_WritesSchemeJsonThatEvaluatesLikeTheTemplate()
    {
        var export = CliHarness.Run("templates", "export", "industrial-value");
        var file = _h.Write("scheme.json", export.Out);
        var actuals = _h.Write("a.csv", CliHarness.E1Actuals);

        var byScheme = CliHarness.Run("evaluate", "--scheme", file, "--period", "2026-10", "--actuals", actuals, "--format", "json");
        var byTemplate = _h.Evaluate(actuals, "--format", "json");

        Assert.Equal(0, export.Code);
        Assert.Equal("industrial-value", JsonNode.Parse(export.Out)!["id"]!.GetValue<string>());
        Assert.True(byScheme.Code == 0, byScheme.ToString());
        Assert.Equal(byTemplate.Out, byScheme.Out);
    }

    [Fact]
    public void TemplatesExport_UnknownId_Exit2()
    {
        var run = CliHarness.Run("templates", "export", "nope");

        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Out);
        Assert.StartsWith("nope: no template 'nope'; available: industrial-value", run.ErrLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void SchemeValidate_GroupWeightsNotSumming_NamesGroupAndBothSums()
    {
        var scheme = JsonNode.Parse(CliHarness.Run("templates", "export", "industrial-value").Out)!;
        // customer (0.30) now holds 0.10 + 0.15 + 0.10 = 0.35
        scheme["tree"]![0]!["children"]![0]!["children"]![1]!["weight"] = 0.15m;
        var file = _h.Write("broken.json", scheme.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var run = CliHarness.Run("scheme", "validate", file);

        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Out);
        var line = run.ErrLines.Single(l => l.Contains("'customer'", StringComparison.Ordinal));
        Assert.StartsWith($"{file}: core/customer: ", line, StringComparison.Ordinal);
        Assert.Contains("sum to 0.35", line, StringComparison.Ordinal);
        Assert.Contains("weight is 0.30", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x", "plus")]
    [InlineData("when", "minus")]
    public void SchemeValidateAndEvaluate_HugeExpression_Exit2NamingTheRuleAndTheLimit(string field, string shape)
    {
        // 10,000 terms of + or 20,000 unary minus signs overflowed the stack of every command that compiles the scheme
        var scheme = JsonNode.Parse(CliHarness.Run("templates", "export", "industrial-value").Out)!;
        var rule = field == "x" ? 0 : 1;
        var text = shape == "plus" ? string.Join(" + ", Enumerable.Repeat("achievement('core')", 10_000)) : new string('-', 20_000) + "1 < 0";
        scheme["plan"]!["rules"]![rule]![field] = text;
        var file = _h.Write("huge.json", scheme.ToJsonString());

        var validate = CliHarness.Run("scheme", "validate", file);
        var evaluate = CliHarness.Run("evaluate", "--scheme", file, "--period", "2026-10", "--actuals", _h.Write("a.csv", CliHarness.E1Actuals));

        var code = rule == 0 ? "monthly_bonus" : "usage_deduction";
        var expected = $"{file}: plan.rules[{rule}] ({code}).{field}: the expression has {text.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters; an expression may have at most 2,000: ";
        Assert.Equal((2, ""), (validate.Code, validate.Out));
        Assert.StartsWith(expected, validate.ErrLines.Single(), StringComparison.Ordinal);
        Assert.Equal((2, ""), (evaluate.Code, evaluate.Out));
        Assert.StartsWith(expected, evaluate.ErrLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void SchemeValidate_JsonSyntaxError_Exit2WithLineAndColumn()
    {
        var file = _h.Write("bad.json", "{\n  \"id\": \"x\",\n  \"tree\": [ oops ]\n}\n");

        var run = CliHarness.Run("scheme", "validate", file);

        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Out);
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(file)}:3:\\d+: ", run.ErrLines.Single());
    }

    [Fact]
    public void SchemeValidate_MissingFile_Exit2CannotRead()
    {
        var file = _h.PathOf("none.json");

        var run = CliHarness.Run("scheme", "validate", file);

        Assert.Equal(2, run.Code);
        Assert.StartsWith($"{file}:1:1: cannot read the file: ", run.ErrLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BrokenSchemeFile_Exit2WithSchemeProblem()
    {
        var scheme = JsonNode.Parse(CliHarness.Run("templates", "export", "industrial-value").Out)!;
        scheme["tree"]![0]!["children"]![0]!["children"]![0]!["target"] = 0m;
        var file = _h.Write("broken.json", scheme.ToJsonString());

        var run = CliHarness.Run("evaluate", "--scheme", file, "--period", "2026-10", "--actuals", _h.Write("a.csv", CliHarness.E1Actuals));

        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Out);
        Assert.StartsWith($"{file}: core/customer/renewal_rate: a ratio indicator needs a target above 0", run.ErrLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_StageTemplate_EvaluatesQuarter()
    {
        var actuals = _h.Write("a.csv", "person,indicator,value\np1,gmv_yoy_growth,0.5\n");

        var run = CliHarness.Run("evaluate", "--template", "crossborder-growth", "--period", "2026-Q4", "--actuals", actuals, "--format", "json");

        Assert.True(run.Code == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("2026-Q4", doc.RootElement.GetProperty("period").GetString());
        Assert.False(doc.RootElement.GetProperty("results")[0].GetProperty("complete").GetBoolean());
    }
}
