using Yardstick.App.Access;
using Yardstick.App.Audit;
using Yardstick.App.Calculation;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.App.Tests.Access;
using Yardstick.App.Waivers;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;
using Yardstick.Data;

namespace Yardstick.App.Tests.Audit;

/// <summary>
/// The audit log and a period's trail over a small history, one hour apart (the test clock starts 2026-11-03 02:00 UTC):
/// 02:00 hr_admin opens 2026-10 and imports employees; 03:00 bob opens 2026-11; 04:00 alice waives zhang_wei's csat in
/// 2026-10 and li_na's csat in 2026-11.
/// </summary>
public sealed class ListAuditTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 3, 2, 0, 0, TimeSpan.Zero);

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Scheme => SchemeJson.Write(TemplateCatalog.Find("industrial-value").Value.Document);

    private async Task<TestDb> HistoryAsync(string provider)
    {
        var t = await TestDb.CreateAsync(provider);
        await using (var db = t.Open())
        {
            Assert.True((await new OpenPeriod(db).RunAsync("2026-10", Scheme)).IsSuccess);
            Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv",
                "person,name,manager,role,team\nli_ming,李明,,manager,\nzhang_wei,张伟,li_ming,pm,t1\nli_na,李娜,li_ming,pm,t1\n")), null)).IsSuccess);
        }

        t.Time.Advance(TimeSpan.FromHours(1));
        await using (var db = t.Open("bob"))
            Assert.True((await new OpenPeriod(db).RunAsync("2026-11", Scheme)).IsSuccess);
        t.Time.Advance(TimeSpan.FromHours(1));
        await using (var db = t.Open("alice"))
        {
            Assert.True((await new WaiveIndicator(db).RunAsync("2026-10", "zhang_wei", "csat", "survey not run")).IsSuccess);
            Assert.True((await new WaiveIndicator(db).RunAsync("2026-11", "li_na", "csat", "on leave")).IsSuccess);
        }

        return t;
    }

    private static async Task<AuditPage> ListAsync(YardstickDb db, AuditFilter filter)
    {
        var page = await new ListAudit(db).RunAsync(filter);
        Assert.True(page.IsSuccess, string.Join("\n", page.Problems));
        return page.Value;
    }

    private static string[] Lines(AuditPage page) => [.. page.Entries.Select(e => $"{e.Actor} {e.Action} {e.Entity} {e.Key}")];

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_Filters_EachSelectsItsEntriesNewestFirst(string provider)
    {
        await using var t = await HistoryAsync(provider);
        await using var db = t.Open();
        var october = (await PeriodScheme.FindAsync(db, "2026-10", default)).Value.Id;
        var november = (await PeriodScheme.FindAsync(db, "2026-11", default)).Value.Id;

        var all = await ListAsync(db, new AuditFilter());
        var period = await ListAsync(db, new AuditFilter(Period: "2026-10"));
        var actor = await ListAsync(db, new AuditFilter(Actor: "bob"));
        var person = await ListAsync(db, new AuditFilter(Person: "li_na"));
        var entity = await ListAsync(db, new AuditFilter(Entity: "Waiver"));
        // the same window written in China's time (+08:00)
        var window = await ListAsync(db, new AuditFilter(From: Start.AddHours(1).ToOffset(TimeSpan.FromHours(8)), To: Start.AddHours(2).ToOffset(TimeSpan.FromHours(8))));
        var both = await ListAsync(db, new AuditFilter(Actor: "alice", Period: "2026-11"));

        Assert.Equal(all.Entries.Select(e => e.Id).OrderDescending(), all.Entries.Select(e => e.Id));
        Assert.Null(all.Next);
        Assert.Equal([$"alice create Waiver {october}/zhang_wei/csat", "hr_admin create ReviewPeriod 2026-10"], Lines(period));
        Assert.Equal(["bob create ReviewPeriod 2026-11"], Lines(actor));
        Assert.Equal([$"alice create Waiver {november}/li_na/csat"], Lines(person));
        Assert.Equal([$"alice create Waiver {november}/li_na/csat", $"alice create Waiver {october}/zhang_wei/csat"], Lines(entity));
        // 03:00 is in [03:00, 04:00): bob's period; alice's waivers at 04:00 are not
        Assert.Equal(["bob create ReviewPeriod 2026-11"], Lines(window));
        Assert.All(window.Entries, e => Assert.Equal(Start.AddHours(1), e.At));
        Assert.Equal([$"alice create Waiver {november}/li_na/csat"], Lines(both));
        // the employees import is one entry (scoring.md §11), the first period's scheme another, both at 02:00 by hr_admin
        Assert.Equal(["hr_admin create ImportRecord employees:e.csv", "hr_admin create ReviewPeriod 2026-10", "hr_admin create SchemeVersion industrial-value v1"],
            Lines(await ListAsync(db, new AuditFilter(To: Start.AddHours(1)))).Order(StringComparer.Ordinal));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_Pages_KeysetByIdCoversEveryEntryOnce(string provider)
    {
        await using var t = await HistoryAsync(provider);
        await using var db = t.Open();
        var all = await ListAsync(db, new AuditFilter());

        var seen = new List<long>();
        long? before = null;
        var pages = 0;
        do
        {
            var page = await ListAsync(db, new AuditFilter(Limit: 2, Before: before));
            Assert.InRange(page.Entries.Count, 1, 2);
            seen.AddRange(page.Entries.Select(e => e.Id));
            before = page.Next;
            pages++;
        }
        while (before is not null);

        Assert.Equal(6, all.Entries.Count);
        Assert.Equal(3, pages);
        Assert.Equal(all.Entries.Select(e => e.Id), seen);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_WaiverRemoved_ShowsTheChangedFieldsOfEachAction(string provider)
    {
        await using var t = await HistoryAsync(provider);
        t.Time.Advance(TimeSpan.FromHours(1));
        await using (var alice = t.Open("alice"))
            Assert.True((await new WaiveIndicator(alice).RunAsync("2026-10", "zhang_wei", "csat", "survey postponed")).IsSuccess);
        await using (var carol = t.Open("carol"))
            Assert.True((await new RemoveWaiver(carol).RunAsync("2026-10", "zhang_wei", "csat", "survey ran after all")).IsSuccess);
        await using var db = t.Open();

        var entries = (await ListAsync(db, new AuditFilter(Entity: "Waiver", Person: "zhang_wei"))).Entries;

        Assert.Equal(["delete", "update", "create"], entries.Select(e => e.Action));
        var update = entries[1].Changes.ToDictionary(c => c.Field, c => (c.Before, c.After));
        Assert.Equal(("survey not run", "survey postponed"), update["Reason"]);
        Assert.Equal(("2026-11-03T04:00:00+00:00", "2026-11-03T05:00:00+00:00"), update["CreatedAt"]);
        Assert.Equal(["CreatedAt", "Reason"], update.Keys);
        // a removal keeps its reason and remover as the entry's after (RemoveWaiver), the waiver as its before
        var removed = entries[0].Changes.ToDictionary(c => c.Field, c => (c.Before, c.After));
        Assert.Equal(("survey postponed", "survey ran after all"), removed["Reason"]);
        Assert.Equal((null, "carol"), removed["RemovedBy"]);
        Assert.Equal(("alice", null), removed["Author"]);
        Assert.Equal(("zhang_wei", null), removed["Person"]);
        Assert.All(entries[2].Changes, c => Assert.Null(c.Before));
        Assert.Contains(entries[2].Changes, c => c is { Field: "Person", After: "zhang_wei" });
    }

    [Theory]
    [InlineData("""{"a":1,"b":"x"}""", """{"a":2,"b":"x","c":null}""", "a:1→2")]
    [InlineData(null, """{"a":"x","b":[1,2]}""", "a:∅→x b:∅→[1,2]")]
    [InlineData("""{"a":"x","n":null}""", null, "a:x→∅")]
    [InlineData("""{"a":1.50}""", """{"a":1.5}""", "a:1.50→1.5")]
    public void Changes_TwoValues_ListsTheFieldsThatDiffer(string? before, string? after, string expected)
    {
        var changes = ListAudit.Changes(before, after);

        Assert.Equal(expected, string.Join(" ", changes.Select(c => $"{c.Field}:{c.Before ?? "∅"}→{c.After ?? "∅"}")));
    }

    [Theory]
    [InlineData("2026-11-03", "2026-11-03T00:00:00.0000000+00:00")]
    [InlineData("2026-11-03T08:30:00+08:00", "2026-11-03T00:30:00.0000000+00:00")]
    [InlineData("2026-11-03T08:30:00", "2026-11-03T08:30:00.0000000+00:00")]
    [InlineData("2026-11-03T08:30:00Z", "2026-11-03T08:30:00.0000000+00:00")]
    [InlineData("  ", null)]
    public void ParseTime_DateOrIsoTime_UtcInstant(string text, string? expected)
    {
        var parsed = ListAudit.ParseTime(text, "from");

        Assert.Equal(expected, parsed.Value?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("03/11/2026")]
    [InlineData("2026-11-31")]
    public void ParseTime_Other_InvalidNamingTheField(string text)
    {
        var problem = Assert.Single(ListAudit.ParseTime(text, "to").Problems);

        Assert.Equal((ProblemKind.Invalid, "to"), (problem.Kind, problem.Where.ToString()));
        Assert.Contains(text, problem.Text(Language.En), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_NotAnAdmin_NotFoundAsR2Says(string provider)
    {
        await using var t = await HistoryAsync(provider);
        await using var db = t.Open();
        var manager = new CurrentUser(Organisation.DefaultId, Organisation.DefaultCode, "li_ming", "u-li", "li_ming@example.com", "li_ming", new HashSet<Role>(), false);
        var finance = new CurrentUser(Organisation.DefaultId, Organisation.DefaultCode, "cfo", "u-cfo", "cfo@example.com", null, new HashSet<Role> { Role.Finance }, false);

        foreach (var user in new[] { manager, finance })
        {
            var refused = await new ListAudit(db, user).RunAsync(new AuditFilter());
            Assert.Equal(ProblemKind.NotFound, Assert.Single(refused.Problems).Kind);
        }
    }

    [SkippableTheory]
    [InlineData("sqlite", 0, "limit")]
    [InlineData("sqlite", 501, "limit")]
    [InlineData("postgres", 501, "limit")]
    public async Task RunAsync_LimitOutOfRange_Invalid(string provider, int limit, string field)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();

        var refused = await new ListAudit(db).RunAsync(new AuditFilter(Limit: limit));

        var problem = Assert.Single(refused.Problems);
        Assert.Equal((ProblemKind.Invalid, field), (problem.Kind, problem.Where.ToString()));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RunAsync_BadFilters_NameTheField(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();

        var entity = await new ListAudit(db).RunAsync(new AuditFilter(Entity: "Salary"));
        var window = await new ListAudit(db).RunAsync(new AuditFilter(From: Start, To: Start));
        var period = await new ListAudit(db).RunAsync(new AuditFilter(Period: "2026-13"));
        var unknown = await new ListAudit(db).RunAsync(new AuditFilter(Period: "2026-10"));

        Assert.Equal("entity", Assert.Single(entity.Problems).Where.ToString());
        Assert.Contains("SalaryRecord", entity.Problems[0].Text(Language.En), StringComparison.Ordinal);
        Assert.Equal("to", Assert.Single(window.Problems).Where.ToString());
        Assert.Equal((ProblemKind.Invalid, "period"), (period.Problems[0].Kind, period.Problems[0].Where.ToString()));
        Assert.Equal((ProblemKind.NotFound, "period"), (Assert.Single(unknown.Problems).Kind, unknown.Problems[0].Where.ToString()));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task PeriodTrail_OpenCalcReviewReopen_EveryMoveWithWhoWhenAndReason(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using (var db = t.Open())
        {
            Assert.True((await new OpenPeriod(db).RunAsync("2026-10", Scheme)).IsSuccess);
            Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", "person,name,manager,role,team\nli_ming,李明,,manager,\nzhang_wei,张伟,li_ming,pm,t1\n")), null)).IsSuccess);
            Assert.True((await new ImportSalaries(db).RunAsync(Input.File(_files.Write("s.csv", "person,base_salary,effective_from\nzhang_wei,30000,2026-01-01\n")), null)).IsSuccess);
            Assert.True((await new ImportActuals(db).RunAsync(Input.File(_files.Write("a.csv", "person,indicator,value\n" + ResultsAccessTests.E1)), "2026-10")).IsSuccess);
            t.Time.Advance(TimeSpan.FromMinutes(10));
            Assert.True((await new RunCalculation(db).RunAsync("2026-10")).IsSuccess);
            t.Time.Advance(TimeSpan.FromMinutes(10));
            Assert.True((await new StartReview(db).RunAsync("2026-10")).IsSuccess);
        }

        t.Time.Advance(TimeSpan.FromMinutes(10));
        await using (var director = t.Open("director"))
            Assert.True((await new ReopenPeriod(director).RunAsync("2026-10", "  csat survey was wrong ")).IsSuccess);
        await using var reader = t.Open();

        var trail = (await new PeriodTrail(reader).RunAsync("2026-10")).Value;

        Assert.Equal(
            [
                "02:00 hr_admin open ∅→Collecting",
                "02:10 hr_admin calc Collecting→Calculated",
                "02:20 hr_admin review Calculated→InReview",
                "02:30 director reopen InReview→Collecting csat survey was wrong",
            ],
            trail.Select(e => $"{e.At:HH:mm} {e.Actor} {e.Move} {e.From?.ToString() ?? "∅"}→{e.To}{(e.Reason is null ? "" : " " + e.Reason)}"));
        var missing = await new PeriodTrail(reader).RunAsync("2026-11");
        Assert.Equal((ProblemKind.NotFound, "period"), (Assert.Single(missing.Problems).Kind, missing.Problems[0].Where.ToString()));
    }
}
