using Yardstick.App.Access;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.App.Ratings;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;

namespace Yardstick.App.Tests;

/// <summary>
/// A campaign's progress as forms are submitted through <see cref="RecordResponse"/>: li_na is rated by s1, s2 (sales) and r1
/// (rd), wang_fang by s1; counts per ratee and rater group, never who rated whom.
/// </summary>
public sealed class CampaignProgressTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Progress(CampaignProgressRow c) =>
        $"{c.Raters} raters, {c.Submitted}/{c.Forms} submitted, {c.NotStarted} not started; "
        + string.Join(" ", c.Ratees.Select(r => $"{r.Key}:{r.Submitted}/{r.Assigned}")) + "; " + string.Join(" ", c.Groups.Select(g => $"{g.Key}:{g.Submitted}/{g.Assigned}"));

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_ResponsesRecordedThenClosed_CountsMove(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        Assert.True((await new OpenPeriod(db).RunAsync("2026-10", SchemeJson.Write(TemplateCatalog.Find("saas-team-individual").Value.Document))).IsSuccess);
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", "person,name,manager,team\nli_ming,李明,,\nli_na,李娜,li_ming,mes\nwang_fang,王芳,li_ming,mes\n")), null)).IsSuccess);
        Assert.True((await new CreateCampaign(db).RunAsync("2026-10", "oct-360", "collaboration_rating")).IsSuccess);
        Assert.True((await new AddRaters(db).RunAsync("2026-10", "oct-360", "li_na", [("s1", "sales"), ("s2", "sales"), ("r1", "rd")])).IsSuccess);
        Assert.True((await new AddRaters(db).RunAsync("2026-10", "oct-360", "wang_fang", [("s1", "sales")])).IsSuccess);
        var progress = new CampaignProgress(db);

        var before = Assert.Single((await progress.RunAsync("2026-10")).Value.Campaigns);
        Assert.True((await new RecordResponse(db).RunAsync("2026-10", "oct-360", "li_na", "s1", [4m, 5m])).IsSuccess);
        Assert.True((await new RecordResponse(db).RunAsync("2026-10", "oct-360", "li_na", "r1", [3m, 3m])).IsSuccess);
        var during = Assert.Single((await progress.RunAsync("2026-10")).Value.Campaigns);
        Assert.True((await new CloseCampaign(db).RunAsync("2026-10", "oct-360")).IsSuccess);
        var after = Assert.Single((await progress.RunAsync("2026-10")).Value.Campaigns);

        Assert.Equal(("oct-360", "collaboration_rating", false, (DateTimeOffset?)null), (before.Name, before.Indicator, before.Closed, before.ClosedAt));
        Assert.Equal("3 raters, 0/4 submitted, 4 not started; li_na:0/3 wang_fang:0/1; rd:0/1 sales:0/3", Progress(before));
        Assert.Equal("3 raters, 2/4 submitted, 2 not started; li_na:2/3 wang_fang:0/1; rd:1/1 sales:1/3", Progress(during));
        Assert.Equal(("李娜", (string?)null), (during.Ratees[0].Name, during.Groups[0].Name));
        Assert.Equal((true, (DateTimeOffset?)t.Time.GetUtcNow()), (after.Closed, after.ClosedAt));
        Assert.Equal(Progress(during), Progress(after));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_NotAnAdmin_ForbiddenAndUnknownPeriodNotFound(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        Assert.True((await new OpenPeriod(db).RunAsync("2026-10", SchemeJson.Write(TemplateCatalog.Find("saas-team-individual").Value.Document))).IsSuccess);
        var manager = new CurrentUser(1, "default", "li_ming", null, null, "li_ming", new HashSet<Role>(), false);

        Assert.Equal(ProblemKind.Forbidden, (await new CampaignProgress(db, manager).RunAsync("2026-10")).Problems.Single().Kind);
        Assert.Equal(ProblemKind.NotFound, (await new CampaignProgress(db).RunAsync("2026-12")).Problems.Single().Kind);
        Assert.Empty((await new CampaignProgress(db).RunAsync("2026-10")).Value.Campaigns);
    }
}
