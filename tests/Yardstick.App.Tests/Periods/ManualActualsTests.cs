using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Calculation;
using Yardstick.App.Periods;
using Yardstick.App.Results;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Tests.Periods;

/// <summary>
/// review.md R2's "enter source: manual indicators of X while Draft, Collecting or Calculated" on SQLite and PostgreSQL: T1's
/// innovation_reserve (manual, rating 1–5) entered by li_ming for his report zhang_wei (E1's 3.5), stored as an actuals
/// import of scope manual, refused for a non-report, out of the scale, for a non-manual indicator and from InReview on.
/// </summary>
public sealed class ManualActualsTests : IDisposable
{
    // E1's inputs without innovation_reserve, the manager's part, for zhang_wei and zhao_lei
    private static readonly string E1Imported = E1Seed.Actuals.Replace("zhang_wei,innovation_reserve,3.5\n", "", StringComparison.Ordinal);

    private static readonly CurrentUser LiMing = E1Seed.User("li_ming");

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private async Task SeedAsync(TestDb t)
    {
        await using var db = t.Open();
        await E1Seed.SeedAsync(db, _files, E1Imported + E1Seed.For(E1Imported, "zhao_lei"));
    }

    private static ManualEntry Reserve(string person, decimal? value) => ManualEntry.Of(person, "innovation_reserve", value);

    private static async Task<T> OkAsync<T>(Task<Result<T>> running)
    {
        var r = await running;
        Assert.True(r.IsSuccess, string.Join("\n", r.Problems));
        return r.Value;
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Save_ManagerForTheirReport_ReadsBackAuditedAsAManualImportMergedCellByCell(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using var db = t.Open("li_ming");
        var manual = new ManualActuals(db, LiMing);

        var grid = await OkAsync(manual.GridAsync("2026-10"));
        Assert.True(grid.MayEnter);
        Assert.Equal(["innovation_reserve"], grid.Indicators.Select(i => i.Code));
        Assert.Equal(("rating", 1m, 5m, "Trend insight and innovation pipeline"), (grid.Indicators[0].Unit, grid.Indicators[0].Min, grid.Indicators[0].Max, grid.Indicators[0].Name.En));
        // his report only: never himself, never zhao_lei, who reports to nobody
        Assert.Equal(["zhang_wei"], grid.Rows.Select(r => r.Person));
        Assert.Null(grid.Rows[0].Cells[0].Value);

        var saved = await OkAsync(manual.SaveAsync("2026-10", [Reserve("zhang_wei", 3.5m)]));
        Assert.Equal((1, 0, 0, 0), (saved.Added, saved.Changed, saved.Unchanged, saved.Removed));
        var cell = (await OkAsync(manual.GridAsync("2026-10"))).Rows[0].Cells[0];
        Assert.Equal((3.5m, "li_ming", "manual"), (cell.Value, cell.Author, cell.Source));
        Assert.Equal(t.Time.GetUtcNow(), cell.At);

        Assert.Equal((0, 0, 1, 0), Counts(await OkAsync(manual.SaveAsync("2026-10", [Reserve("zhang_wei", 3.50m)]))));
        Assert.Equal((0, 1, 0, 0), Counts(await OkAsync(manual.SaveAsync("2026-10", [Reserve("zhang_wei", 4m)]))));

        await using var check = t.Open();
        var actual = await check.Actuals.AsNoTracking().SingleAsync(a => a.ScopeId == "zhang_wei" && a.Indicator == "innovation_reserve");
        Assert.Equal((4m, "manual", "li_ming"), (actual.Value, actual.Source, actual.Author));
        // the imported cells stay as the file wrote them
        Assert.Equal(10, await check.Actuals.CountAsync(a => a.ScopeId == "zhang_wei" && a.Source == "import"));
        var imports = await check.Imports.AsNoTracking().Where(i => i.Scope == ManualActuals.Scope).OrderBy(i => i.Id).ToListAsync();
        Assert.Equal(3, imports.Count);
        Assert.All(imports, i => Assert.Equal(("actuals", "li_ming", "manual-entry.csv"), (i.Kind, i.Author, i.FileName)));
        // as after imports: the first entry's value was replaced by the third, so the first is no longer current
        Assert.Equal([false, true, true], imports.Select(i => i.IsCurrent));
        Assert.Equal(3, await check.Audit.CountAsync(a => a.Entity == "ImportRecord" && a.EntityKey == "actuals:manual-entry.csv" && a.Actor == "li_ming"));

        // an emptied field clears the cell: the indicator is missing again
        Assert.Equal((0, 0, 0, 1), Counts(await OkAsync(manual.SaveAsync("2026-10", [new("zhang_wei", "innovation_reserve", " ")]))));
        Assert.Null((await OkAsync(manual.GridAsync("2026-10"))).Rows[0].Cells[0].Value);
        Assert.False(await check.Actuals.AnyAsync(a => a.Indicator == "innovation_reserve"));
    }

    private static (int, int, int, int) Counts(ManualSaved s) => (s.Added, s.Changed, s.Unchanged, s.Removed);

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Save_NotAReportHimselfOrUnknown_NotFoundAndNothingWritten(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using var db = t.Open("li_ming");
        var manual = new ManualActuals(db, LiMing);

        var other = await manual.SaveAsync("2026-10", [Reserve("zhang_wei", 4m), Reserve("zhao_lei", 4m)]);
        var himself = await manual.SaveAsync("2026-10", [Reserve("li_ming", 4m)]);
        var nobody = await new ManualActuals(db).SaveAsync("2026-10", [Reserve("nobody", 4m)]);

        Assert.Equal((ProblemKind.NotFound, "values[1].person"), (Assert.Single(other.Problems).Kind, other.Problems[0].Where.ToString()));
        Assert.Equal(ProblemKind.NotFound, Assert.Single(himself.Problems).Kind);
        Assert.Equal("values[0].person: nobody is not evaluated in this period", Assert.Single(nobody.Problems).ToString());
        await using var check = t.Open();
        Assert.False(await check.Actuals.AnyAsync(a => a.Indicator == "innovation_reserve"));
        Assert.False(await check.Imports.AnyAsync(i => i.Scope == ManualActuals.Scope));
        // the admin (the system user) enters for everyone evaluated: li_ming, zhang_wei and zhao_lei, all role pm
        Assert.Equal(["li_ming", "zhang_wei", "zhao_lei"], (await OkAsync(new ManualActuals(db).GridAsync("2026-10"))).Rows.Select(r => r.Person));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Save_SixOnAOneToFiveRatingAndANonManualIndicator_EachCellNamedAndNothingWritten(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using var db = t.Open("li_ming");

        var refused = await new ManualActuals(db, LiMing).SaveAsync("2026-10", [Reserve("zhang_wei", 6m), new("zhang_wei", "csat", "4.8")]);

        Assert.Equal(
        [
            "values[0].value: zhang_wei: 6 is outside the rating scale of 'innovation_reserve'; expected 1–5",
            "values[1].indicator: 'csat' is not entered by hand (source: import); manual indicators: innovation_reserve",
        ], refused.Problems.Select(p => p.ToString()));
        Assert.All(refused.Problems, p => Assert.Equal(ProblemKind.Invalid, p.Kind));
        await using var check = t.Open();
        Assert.False(await check.Actuals.AnyAsync(a => a.Indicator == "innovation_reserve"));
        Assert.Equal(4.5m, (await check.Actuals.SingleAsync(a => a.ScopeId == "zhang_wei" && a.Indicator == "csat")).Value);
        Assert.False(await check.Imports.AnyAsync(i => i.Scope == ManualActuals.Scope));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Save_WhileCalculated_TheRunBecomesStaleAndFromInReviewTheGridIsReadOnly(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using (var admin = t.Open())
            Assert.True((await new RunCalculation(admin).RunAsync("2026-10")).IsSuccess);
        await using var db = t.Open("li_ming");
        var manual = new ManualActuals(db, LiMing);
        Assert.Null((await new GetResults(db).StaleAsync("2026-10")).Value);

        Assert.Equal((1, 0, 0, 0), Counts(await OkAsync(manual.SaveAsync("2026-10", [Reserve("zhang_wei", 3.5m)]))));

        var stale = (await new GetResults(db).StaleAsync("2026-10")).Value;
        Assert.NotNull(stale);
        Assert.Equal(1, stale.Run);
        Assert.Equal(["actuals"], stale.Changed);
        await using var admin2 = t.Open();
        Assert.Equal(PeriodState.Calculated, (await admin2.Periods.AsNoTracking().SingleAsync()).State);
        // calculated again with the manager's value: E1's total, 100.771884
        Assert.True((await new RunCalculation(admin2).RunAsync("2026-10")).IsSuccess);
        var run = await admin2.Runs.AsNoTracking().SingleAsync(r => r.IsCurrent);
        Assert.Equal(100.771884m, Math.Round((await admin2.Scorecards.AsNoTracking().SingleAsync(s => s.RunId == run.Id && s.Person == "zhang_wei")).Total, 6, MidpointRounding.AwayFromZero));
        Assert.True((await new StartReview(admin2).RunAsync("2026-10")).IsSuccess);

        var closed = await manual.SaveAsync("2026-10", [Reserve("zhang_wei", 5m)]);
        var grid = await OkAsync(manual.GridAsync("2026-10"));

        Assert.Equal((ProblemKind.Conflict, "period.closed.reopenable"), (Assert.Single(closed.Problems).Kind, closed.Problems[0].Code));
        Assert.False(grid.MayEnter);
        Assert.StartsWith("cannot enter manual indicators: ", grid.ReadOnly!.En, StringComparison.Ordinal);
        Assert.Equal((3.5m, "li_ming"), (grid.Rows.Single().Cells[0].Value, grid.Rows.Single().Cells[0].Author));
        Assert.Equal(3.5m, (await admin2.Actuals.AsNoTracking().SingleAsync(a => a.Indicator == "innovation_reserve")).Value);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Grid_APmWithoutReports_Forbidden(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedAsync(t);
        await using var db = t.Open("zhang_wei");
        var zhang = E1Seed.User("zhang_wei");

        var grid = await new ManualActuals(db, zhang).GridAsync("2026-10");
        var save = await new ManualActuals(db, zhang).SaveAsync("2026-10", []);

        Assert.Equal(("access.forbidden", ProblemKind.Forbidden), (Assert.Single(grid.Problems).Code, grid.Problems[0].Kind));
        Assert.Equal(ProblemKind.Forbidden, Assert.Single(save.Problems).Kind);
    }
}
