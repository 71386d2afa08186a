using Yardstick.App.Access;
using Yardstick.App.Calculation;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.App.Results;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;

namespace Yardstick.App.Tests.Access;

/// <summary>calc and results ask R2 too: calc is an admin's, a result list holds only the people the user may see.</summary>
public sealed class ResultsAccessTests : IDisposable
{
    /// <summary>seed-cases.md E1's actuals of zhang_wei (total 100.771884, grade A).</summary>
    internal const string E1 = "zhang_wei,renewal_rate,0.88\nzhang_wei,csat,4.5\nzhang_wei,issue_closure_rate,0.93\nzhang_wei,revenue_yoy_growth,0.25\nzhang_wei,new_industry_cases,2\nzhang_wei,defect_rate,0.008\nzhang_wei,core_feature_usage,0.55\nzhang_wei,rd_utilization,0.80\nzhang_wei,sales_support_rating,4.2\nzhang_wei,roadmap_completion,0.70\nzhang_wei,innovation_reserve,3.5\n";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task CalcAndResults_ByRole_AdminsCalculateSelfSeesOwnFromPublishedManagerSeesReports(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        await SeedAsync(db);
        var (finance, self, manager) = (User(null, Role.Finance), User("zhang_wei"), User("li_ming"));

        var refused = await new RunCalculation(db, finance).RunAsync("2026-10");
        Assert.Equal(ProblemKind.Forbidden, Assert.Single(refused.Problems).Kind);
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);

        // Calculated: the manager sees both reports; zhang_wei sees nobody yet, and his own scorecard is "not found"
        Assert.Equal(["li_na", "zhang_wei"], (await new GetResults(db, manager).LinesAsync("2026-10")).Value.Lines.Select(l => l.Person));
        Assert.Empty((await new GetResults(db, self).LinesAsync("2026-10")).Value.Lines);
        Assert.Equal(ProblemKind.NotFound, Assert.Single((await new GetResults(db, self).PersonAsync("2026-10", "zhang_wei")).Problems).Kind);

        foreach (var move in new Func<Task<Result<Data.ReviewPeriod>>>[] { () => new StartReview(db).RunAsync("2026-10"), () => t.ApproveAsync("2026-10"), () => new PublishPeriod(db).RunAsync("2026-10") })
            Assert.True((await move()).IsSuccess);

        // Published: zhang_wei sees himself and only himself, in lists and in the JSON
        Assert.Equal(["zhang_wei"], (await new GetResults(db, self).LinesAsync("2026-10")).Value.Lines.Select(l => l.Person));
        Assert.True((await new GetResults(db, self).PersonAsync("2026-10", "zhang_wei", AccessAction.ViewPay)).IsSuccess);
        Assert.Equal(ProblemKind.NotFound, Assert.Single((await new GetResults(db, self).PersonAsync("2026-10", "li_na")).Problems).Kind);
        var view = await new GetResults(db, self).EvaluateAsync("2026-10");
        Assert.Equal(["zhang_wei"], view.Value.Result.Results.Select(r => r.Person));
        // the manager sees the scorecards, not the pay (managers_see_pay is off)
        Assert.Equal(ProblemKind.NotFound, Assert.Single((await new GetResults(db, manager).PersonAsync("2026-10", "li_na", AccessAction.ViewPay)).Problems).Kind);
    }

    /// <summary>The web host's <see cref="RunCache"/>: a run is read once, every user still gets only what R2 lets them see, and a new run is read afresh.</summary>
    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Results_SharedRunCache_FilteredPerUserAndANewRunReadAfresh(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        await SeedAsync(db);
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
        var cache = new RunCache();
        var (self, manager) = (User("zhang_wei"), User("li_ming"));

        var admin = await new GetResults(db, cache: cache).LinesAsync("2026-10");
        var managed = await new GetResults(db, manager, cache).LinesAsync("2026-10");
        var card = await new GetResults(db, manager, cache).PersonAsync("2026-10", "zhang_wei");
        var own = await new GetResults(db, self, cache).LinesAsync("2026-10");
        var hidden = await new GetResults(db, self, cache).PersonAsync("2026-10", "zhang_wei");

        Assert.Equal(["li_na", "zhang_wei"], admin.Value.Lines.Select(l => l.Person));
        Assert.Equal(["li_na", "zhang_wei"], managed.Value.Lines.Select(l => l.Person));
        Assert.Equal(100.77m, decimal.Round(card.Value.Person.Total, 2, MidpointRounding.ToZero));
        Assert.Empty(own.Value.Lines); // Calculated: zhang_wei sees nobody, whatever the cache holds
        Assert.Equal(ProblemKind.NotFound, Assert.Single(hidden.Problems).Kind);

        // a new run (csat 4.5 → 3.5 for zhang_wei) is another key: its figures, not the cached ones
        Assert.True((await new ImportActuals(db).RunAsync(Input.File(_files.Write("b.csv", "person,indicator,value\nzhang_wei,csat,3.5\n")), "2026-10")).IsSuccess);
        Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
        var again = await new GetResults(db, cache: cache).LinesAsync("2026-10");
        var cardAgain = await new GetResults(db, manager, cache).PersonAsync("2026-10", "zhang_wei");

        decimal Total(IReadOnlyList<ResultLine> lines, string person) => lines.Single(l => l.Person == person).Total;
        Assert.NotEqual(admin.Value.Run.Id, again.Value.Run.Id);
        Assert.True(Total(again.Value.Lines, "zhang_wei") < Total(admin.Value.Lines, "zhang_wei"));
        Assert.Equal(Total(again.Value.Lines, "zhang_wei"), cardAgain.Value.Person.Total);
        Assert.Equal(Total(admin.Value.Lines, "li_na"), Total(again.Value.Lines, "li_na"));
    }

    private static CurrentUser User(string? employee, params Role[] roles) => new(1, "default", employee ?? "finance", null, null, employee, roles.ToHashSet(), false);

    /// <summary>2026-10 Collecting, li_ming managing zhang_wei and li_na, both with E1's actuals.</summary>
    private async Task SeedAsync(Data.YardstickDb db)
    {
        Assert.True((await new OpenPeriod(db).RunAsync("2026-10", SchemeJson.Write(TemplateCatalog.Find("industrial-value").Value.Document))).IsSuccess);
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", "person,name,manager,role\nli_ming,李明,,manager\nzhang_wei,张伟,li_ming,pm\nli_na,李娜,li_ming,pm\n")), null)).IsSuccess);
        Assert.True((await new ImportActuals(db).RunAsync(Input.File(_files.Write("a.csv", "person,indicator,value\n" + E1 + E1.Replace("zhang_wei", "li_na", StringComparison.Ordinal))), "2026-10")).IsSuccess);
    }
}
