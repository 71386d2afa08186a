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
        Assert.Equal("requests: response within 24 h, solution within 72 h, time zone Asia/Shanghai; stage mode: last-day", shown.Out.TrimEnd());

        var set = Run(db, "org", "set", "--stage-mode", "pro-rata", "--solution-hours", "96");
        Assert.True(set.Code == 0, set.ToString());
        Assert.Equal("requests: response within 24 h, solution within 96 h, time zone Asia/Shanghai; stage mode: pro-rata", set.Out.TrimEnd());

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
