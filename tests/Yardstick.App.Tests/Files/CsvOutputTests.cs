using Yardstick.App.Files;
using Yardstick.App.Results;

namespace Yardstick.App.Tests.Files;

public class CsvOutputTests
{
    [Fact]
    public void ResultsCsv_IdsWithCommasQuotesAndNewlines_QuotedSoEveryColumnStays()
    {
        var csv = GetResults.Csv([
            new ResultLine("a,b", 6.8750000000000000000000000002m, "A", true, 0, 1234.5m, "CNY", 0),
            new ResultLine("x\ny", -3.505m, null, false, 2, 0m, "", 1),
            new ResultLine("say \"hi\"", 100m, "S", true, 0, -20.1m, "CNY", 0),
        ]);

        Assert.Equal(
            "person,total,grade,complete,missing,pay,currency,provisional\r\n" +
            "\"a,b\",6.87,A,true,0,1234.50,CNY,0\r\n" +
            "\"x\ny\",-3.51,,false,2,0.00,,1\r\n" +
            "\"say \"\"hi\"\"\",100.00,S,true,0,-20.10,CNY,0\r\n",
            csv);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)", "'@SUM(1+1)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("zhang_wei", "zhang_wei")]
    [InlineData("a=b", "a=b")]
    public void ResultsCsv_TextStartingAFormula_WrittenWithALeadingQuote(string person, string field)
    {
        var csv = GetResults.Csv([new ResultLine(person, -1.5m, "A", true, 0, -7m, "CNY", 0)]);

        Assert.Equal($"{field},-1.50,A,true,0,-7.00,CNY,0\r\n", csv.Split("\r\n", 2)[1]);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("", "")]
    [InlineData("-", "'-")]
    [InlineData("B", "B")]
    public void SafeText_R8_FirstCharacterDecides(string text, string expected) =>
        Assert.Equal(expected, CsvOutput.SafeText(text));
}
