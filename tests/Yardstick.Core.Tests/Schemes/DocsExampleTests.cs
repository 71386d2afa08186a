using System.Text.RegularExpressions;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;

namespace Yardstick.Core.Tests.Schemes;

/// <summary>The complete example of docs/scheme-format.md is a valid scheme and scores as documented.</summary>
public class DocsExampleTests
{
    internal static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yardstick.slnx")))
            dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), relative);
    }

    [Fact]
    public void SchemeFormatExample_ParsesCompilesAndEvaluates()
    {
        var md = File.ReadAllText(RepoFile("docs/scheme-format.md"));
        var json = Regex.Match(md, "```json\\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var scheme = SchemeJson.Parse(json, "scheme-format.md").Value.Schemes.Single();
        var compiled = CompiledScheme.Compile(scheme);
        Assert.True(compiled.IsSuccess, string.Join("\n", compiled.Problems));
        var calc = ScorecardCalculator.Create(compiled.Value, Period.Parse("2027-03").Value).Value;
        var r = calc.Evaluate(ScorecardInput.FromCodes(calc.Scheme, "p1", new Dictionary<string, decimal>
        {
            ["renewal_rate"] = 0.85m, ["defect_rate"] = 0.01m, ["new_industry_cases"] = 0.75m, ["nps"] = 40m,
            ["sales_support_rating"] = 4m, ["release_on_time"] = 1m, ["response_hours"] = 20m,
            ["deals_won"] = 10m, ["deals_lost"] = 20m,
        })).Value;
        Assert.Equal(0.75m, r.Indicator("new_industry_cases").Target);
        Assert.Equal(10m / 30m, r.Indicator("win_rate").Actual);
        Assert.Equal(1m, r.Indicator("response_hours").Score);
        // every other indicator meets its target exactly (95 points); win rate 1/3 against 0.30 scores 100 × 0.05 × 1.1111…
        Assert.Equal(100.555556m, Math.Round(r.Total, 6));
        Assert.Equal("A", r.Grade);
    }
}
