using System.Text;
using CsCheck;
using Yardstick.App.Evaluation;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Core.Scoring;
using Yardstick.Core.Templates;

namespace Yardstick.App.Tests.Files;

/// <summary>
/// The span readers of issue 8 item 19 against the string readers they replaced on the hot paths: the same rows, fields,
/// lines, values and problems, whatever the file (quotes, BOM, CRLF, padding, blank lines, bad quoting).
/// </summary>
public sealed class SpanReadingTests
{
    private static readonly string[] Required = ["person", "indicator", "value"];

    private static InputFile File(string text, bool bom = false) =>
        InputFile.FromStream(new MemoryStream([.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)]), "a.csv");

    private static (List<string> Rows, List<string> Problems) ByStrings(string text, bool bom)
    {
        using var file = File(text, bom);
        var problems = new Problems();
        var rows = TableFile.Read(file, Required, ["share"], problems).Select(r => Show(r.Line, r.Columns, i => r[i])).ToList();
        return (rows, [.. problems.ToList().Select(p => p.Format(Language.En))]);
    }

    private static (List<string> Rows, List<string> Problems) BySpans(string text, bool bom)
    {
        using var file = File(text, bom);
        var problems = new Problems();
        var rows = new List<string>();
        TableFile.ReadSpans(file, Required, ["share"], problems, (in SpanRow r) =>
        {
            var fields = new string[5];
            for (var i = 0; i < fields.Length; i++)
                fields[i] = r[i].ToString();
            rows.Add(Show(r.Line, r.Columns, i => i < 0 ? "" : fields[i]));
        });
        return (rows, [.. problems.ToList().Select(p => p.Format(Language.En))]);
    }

    private static string Show(int line, TableColumns columns, Func<int, string> field) =>
        $"{line}:{field(columns["person"])}|{field(columns["indicator"])}|{field(columns["value"])}|{field(columns["share"])}|{field(4)}";

    private static readonly Gen<string> Field = Gen.OneOf(
        Gen.Const(""), Gen.Const(" "), Gen.Const("pm1"), Gen.Const(" pm2 "), Gen.Const("0.85"), Gen.Const("85%"), Gen.Const("\t1.5 "),
        Gen.Const("\"quoted\""), Gen.Const("\"a,b\""), Gen.Const("\"say \"\"hi\"\"\""), Gen.Const("\"two\nlines\""), Gen.Const(" \"padded\" "),
        Gen.Const("bad\"quote"), Gen.Const("\"open"), Gen.Const("\"x\"y"), Gen.Const("张伟"), Gen.String[Gen.Char["ab1.%\" "], 0, 6]);

    private static readonly Gen<string> Csv = Gen.Select(
        Gen.OneOf(Gen.Const("person,indicator,value"), Gen.Const(" Person , INDICATOR,value,share"), Gen.Const("value,person,indicator"), Gen.Const("person,value"), Gen.Const("\"person\",indicator,value")),
        Field.Array[1, 5].Array[0, 8],
        Gen.OneOf(Gen.Const("\n"), Gen.Const("\r\n")),
        Gen.Bool,
        (header, rows, newline, blankLines) => header + newline + string.Concat(rows.Select(r => string.Join(",", r) + newline + (blankLines ? newline : ""))));

    [Fact]
    public void ReadSpans_AnyCsv_SameRowsLinesFieldsAndProblemsAsRead() =>
        Gen.Select(Csv, Gen.Bool).Sample((text, bom) =>
        {
            var (rows, problems) = ByStrings(text, bom);
            var (spanRows, spanProblems) = BySpans(text, bom);
            Assert.Equal(rows, spanRows);
            Assert.Equal(problems, spanProblems);
        }, iter: 5_000);

    [Theory]
    [InlineData("person,indicator,value\r\n\"pm1\", csat ,4.5\r\n", "2:pm1|csat|4.5||")]
    [InlineData("person,indicator,value\n\n pm1 ,\"a,b\",\"4\"\n", "3:pm1|a,b|4||")]
    [InlineData("value,person,indicator\n1,\"x\ny\",csat\n", "2:x\ny|csat|1||")]
    public void ReadSpans_QuotedPaddedAndMultilineFields_ReadAsRead(string text, string row)
    {
        var (spanRows, problems) = BySpans(text, bom: true);
        Assert.Equal([row], spanRows);
        Assert.Empty(problems);
    }

    [Fact]
    public void ReadSpans_BadlyQuotedField_ProblemAtItsLine()
    {
        const string text = "person,indicator,value\npm1,csat,4\npm2,cs\"at,4\n";
        var (rows, problems) = BySpans(text, bom: false);
        // an unmatched quote runs to the end of the row (RFC 4180), as it did before
        Assert.Equal(["2:pm1|csat|4||", "3:pm2|cs\"at,4|||"], rows);
        Assert.Equal(["a.csv:3:1: badly quoted field: cs\"at,4"], problems);
        var before = ByStrings(text, false);
        Assert.Equal(before.Rows, rows);
        Assert.Equal(before.Problems, problems);
    }

    [Fact]
    public void ReadSpans_HeaderOnly_SameProblemAsRead()
    {
        var (_, problems) = BySpans("person,indicator,value\r\n", bom: false);
        Assert.Equal(["a.csv:2:1: the file has a header but no rows; add at least one row of person,indicator,value"], problems);
        Assert.Equal(problems, ByStrings("person,indicator,value\r\n", false).Problems);
    }

    /// <summary>ActualValue.Parse as it was before it read spans: a string per value.</summary>
    private static Result<decimal> ParseAsBefore(Core.Schemes.Indicator indicator, string? text)
    {
        const System.Globalization.NumberStyles style = System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint
            | System.Globalization.NumberStyles.AllowLeadingWhite | System.Globalization.NumberStyles.AllowTrailingWhite;
        var t = (text ?? "").Trim();
        if (t.Length == 0)
            return ActualValue.Parse(indicator, "");
        var percent = t.EndsWith('%');
        if (percent)
        {
            if (indicator.Unit is not (Core.Schemes.Unit.Percent or Core.Schemes.Unit.Ratio))
                return ActualValue.Parse(indicator, t);
            t = t[..^1];
        }

        if (!Decimals.TryParse(t, style, out var value))
            return ActualValue.Parse(indicator, text);
        if (Decimals.TooLarge(t, value) is { } large)
            return Problem.Invalid(Location.None, large.Zh, large.En);
        if (percent)
            value /= 100m;
        return ActualValue.Check(indicator, Decimals.Canonical(value));
    }

    [Fact]
    public void ActualValueTryParse_AnyText_SameValueOrProblemAsTheStringParser()
    {
        var indicators = TemplateCatalog.List().SelectMany(t => t.Document.Schemes).SelectMany(s => s.Indicators()).ToArray();
        var text = Gen.OneOf(
            Gen.String[Gen.Char["0123456789.-+% e,"], 0, 12],
            Gen.Decimal.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Int[-5, 120].Select(i => $" {i}% "),
            Gen.Const("1" + new string('0', 40)));
        Gen.Select(Gen.Int[0, indicators.Length - 1], text).Sample((i, t) =>
        {
            var before = ParseAsBefore(indicators[i], t);
            var problem = ActualValue.TryParse(indicators[i], t, out var value);
            Assert.Equal(before.IsSuccess, problem is null);
            if (problem is null)
                Assert.Equal(decimal.GetBits(before.Value), decimal.GetBits(value));
            else
                Assert.Equal(before.Problems[0].Message, problem.Message);
        }, iter: 20_000);
    }

    [Theory]
    [InlineData("pm1")]
    [InlineData("a\tb")]
    [InlineData("x\u007fy")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public void IdProblem_SpanAndString_SameProblem(string id)
    {
        Assert.Equal(Identifiers.IdProblem("person", id), Identifiers.IdProblem("person", id.AsSpan()));
        Assert.Equal(Identifiers.NameProblem("name", id), Identifiers.NameProblem("name", id.AsSpan()));
    }

    [Fact]
    public void ActualsFile_RepeatedIdsAndCodes_OneStringPerPersonAndValuesByIndicator()
    {
        var template = TemplateCatalog.Find("industrial-value").Value.Document;
        var space = IndicatorSpace.Of(template, [Core.Scoring.CompiledScheme.Compile(template.Schemes[0]).Value]);
        using var file = File("person,indicator,value\r\npm1,csat,4.50\r\n\"pm1\", renewal_rate ,85%\r\npm2,csat,3\r\npm1,csat,4\r\n", bom: true);
        var problems = new Problems();
        var data = ActualsFile.Read(file, space, derivedAllowed: true, problems);

        Assert.Equal(["pm1", "pm2"], data.People.Keys);
        var pm1 = data.People["pm1"];
        Assert.Equal(4.5m, pm1.Values[space.IndexOf("csat")]);
        Assert.Equal(0.85m, pm1.Values[space.IndexOf("renewal_rate")]);
        Assert.Equal([2, 3], new[] { pm1.Lines[space.IndexOf("csat")], pm1.Lines[space.IndexOf("renewal_rate")] });
        Assert.Equal(["a.csv:5:2: duplicate row for person 'pm1' and indicator 'csat': lines 2 and 5; keep one"], problems.ToList().Select(p => p.Format(Language.En)));
    }
}
