using Microsoft.EntityFrameworkCore;

namespace Yardstick.Cli.Tests;

/// <summary><c>yardstick org show|set</c>: the company settings of scoring.md §6 and §8, on SQLite and PostgreSQL.</summary>
public sealed class OrgCommandTests
{
    private static CliRun Run(CliDb db, params string[] args) => CliHarness.Run([.. args, "--db", db.Argument]);

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task OrgSet_StageModeAndServiceLevels_StoredShownAndAudited(string provider)
    {
        await using var db = await CliDb.CreateAsync(provider);
        Assert.Equal(0, Run(db, "db", "migrate").Code);

        var shown = Run(db, "org", "show");
        Assert.True(shown.Code == 0, shown.ToString());
        Assert.Equal("requests: response within 24 h, solution within 72 h, time zone Asia/Shanghai; stage mode: last-day\n"
            + "review: points adjustments at most 10.00; preliminary to self: off; managers see pay: off; calibration groups of at least 10; distribution: none", shown.Out.TrimEnd());

        var set = Run(db, "org", "set", "--stage-mode", "pro-rata", "--solution-hours", "96");
        Assert.True(set.Code == 0, set.ToString());
        Assert.Equal("requests: response within 24 h, solution within 96 h, time zone Asia/Shanghai; stage mode: pro-rata\n"
            + "review: points adjustments at most 10.00; preliminary to self: off; managers see pay: off; calibration groups of at least 10; distribution: none", set.Out.TrimEnd());

        await using var ctx = db.Open();
        var org = await ctx.Organisations.SingleAsync();
        Assert.True(org.ProRata);
        Assert.Equal((24, 96), (org.ResponseLimitHours, org.SolutionLimitHours));
        var audit = await ctx.Audit.Where(a => a.Entity == "Organisation").ToListAsync();
        var change = Assert.Single(audit, a => a.Action != "Added");
        Assert.Contains("\"ProRata\":true", change.After, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task OrgSet_ReviewSettings_StoredShownAndBadOnesRefused(string provider)
    {
        await using var db = await CliDb.CreateAsync(provider);
        Assert.Equal(0, Run(db, "db", "migrate").Code);
        var dir = Directory.CreateTempSubdirectory("yardstick-org-").FullName;
        var rule = Path.Combine(dir, "rule.json");
        File.WriteAllText(rule, "{\"mode\":\"enforce\",\"grades\":{\"S\":{\"max\":0.1},\"D\":{\"min\":0.05}}}");
        var bad = Path.Combine(dir, "bad.json");
        File.WriteAllText(bad, "{\"mode\":\"sometimes\"}");

        var set = Run(db, "org", "set", "--max-adjustment-points", "5", "--managers-see-pay", "on", "--preliminary-to-self", "on", "--min-group-size", "4", "--distribution", rule);
        Assert.True(set.Code == 0, set.ToString());
        Assert.EndsWith("review: points adjustments at most 5.00; preliminary to self: on; managers see pay: on; calibration groups of at least 4; distribution: {\"mode\":\"enforce\",\"grades\":{\"S\":{\"max\":0.1},\"D\":{\"min\":0.05}}}", set.Out.TrimEnd(), StringComparison.Ordinal);

        var tooMany = Run(db, "org", "set", "--max-adjustment-points", "100.5");
        Assert.Equal(2, tooMany.Code);
        Assert.Contains("--max-adjustment-points: the largest points adjustment 100.5 is not valid; expected 0–100 with at most 2 decimals", tooMany.Err, StringComparison.Ordinal);
        var group = Run(db, "org", "set", "--min-group-size", "0");
        Assert.Contains("--min-group-size: the smallest calibration group 0 is not valid; expected 1–10000", group.Err, StringComparison.Ordinal);
        var badRule = Run(db, "org", "set", "--distribution", bad);
        Assert.Equal(2, badRule.Code);
        Assert.StartsWith("--distribution: expected one of enforce, ", badRule.Err, StringComparison.Ordinal);

        var none = Run(db, "org", "set", "--distribution", "none");
        Assert.EndsWith("distribution: none", none.Out.TrimEnd(), StringComparison.Ordinal);
        await using var ctx = db.Open();
        var org = await ctx.Organisations.SingleAsync();
        Assert.Equal((5.00m, true, true, 4, ""), (org.MaxAdjustmentPoints, org.ManagersSeePay, org.PreliminaryToSelf, org.MinGroupSize, org.DistributionRule));
        Directory.Delete(dir, recursive: true);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task OrgSet_BadValues_RefusedAndNothingChanged(string provider)
    {
        await using var db = await CliDb.CreateAsync(provider);
        Assert.Equal(0, Run(db, "db", "migrate").Code);

        var zone = Run(db, "org", "set", "--time-zone", "Mars/Olympus", "--stage-mode", "pro-rata");
        Assert.Equal(2, zone.Code);
        Assert.Contains("Mars/Olympus", zone.Err, StringComparison.Ordinal);
        Assert.Equal("", zone.Out);

        var mode = Run(db, "org", "set", "--stage-mode", "weekly");
        Assert.Equal(2, mode.Code);

        await using var ctx = db.Open();
        var org = await ctx.Organisations.SingleAsync();
        Assert.False(org.ProRata);
        Assert.Equal("Asia/Shanghai", org.TimeZone);
    }
}
