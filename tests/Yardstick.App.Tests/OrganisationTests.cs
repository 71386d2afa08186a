using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Imports;
using Yardstick.App.Organisations;
using Yardstick.App.Periods;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;
using Yardstick.Data;

namespace Yardstick.App.Tests;

/// <summary>Organisations (review.md R1): each context reads and writes only its own organisation's records, on SQLite and PostgreSQL.</summary>
public sealed class OrganisationTests : IDisposable
{
    private const string E1Actuals = "person,indicator,value\nzhang_wei,renewal_rate,0.88\nzhang_wei,csat,4.5\nzhang_wei,issue_closure_rate,0.93\nzhang_wei,revenue_yoy_growth,0.25\nzhang_wei,new_industry_cases,2\nzhang_wei,defect_rate,0.008\nzhang_wei,core_feature_usage,0.55\nzhang_wei,rd_utilization,0.80\nzhang_wei,sales_support_rating,4.2\nzhang_wei,roadmap_completion,0.70\nzhang_wei,innovation_reserve,3.5\n";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static CurrentUser Admin(int organisationId, string code) => CurrentUser.System(organisationId, code, "hr_admin");

    /// <summary>Creates organisation <c>industrial</c> (id 2) from <c>default</c>.</summary>
    private static async Task<Organisation> IndustrialAsync(TestDb t)
    {
        await using var db = t.Open();
        var created = await new CreateOrganisation(db, Admin(Organisation.DefaultId, Organisation.DefaultCode)).RunAsync("industrial", "工业互联网", "Industrial internet");
        Assert.True(created.IsSuccess, string.Join("\n", created.Problems));
        return created.Value;
    }

    /// <summary>The same period label and employee ids in both organisations, with different names and actuals.</summary>
    private async Task<Organisation> SeedTwoAsync(TestDb t)
    {
        var industrial = await IndustrialAsync(t);
        var template = SchemeJson.Write(TemplateCatalog.Find("industrial-value").Value.Document);
        await using (var db = t.Open())
        {
            Assert.True((await new OpenPeriod(db).RunAsync("2026-10", template)).IsSuccess);
            Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e1.csv", "person,name\nzhang_wei,张伟\nli_na,李娜\n")), null)).IsSuccess);
            Assert.True((await new ImportActuals(db).RunAsync(Input.File(_files.Write("a1.csv", E1Actuals)), "2026-10")).IsSuccess);
        }

        await using (var db = t.Open(organisationId: industrial.Id))
        {
            Assert.True((await new OpenPeriod(db).RunAsync("2026-10", template)).IsSuccess);
            Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e2.csv", "person,name\nzhang_wei,张卫\nwang_fang,王芳\n")), null)).IsSuccess);
            var imported = await new ImportActuals(db).RunAsync(Input.File(_files.Write("a2.csv", "person,indicator,value\nzhang_wei,csat,3.5\nwang_fang,csat,5\nwang_fang,renewal_rate,0.91\n")), "2026-10");
            Assert.True(imported.IsSuccess, string.Join("\n", imported.Problems));
        }

        return industrial;
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Records_TwoOrganisationsSameIds_EachContextSeesOnlyItsOwn(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var industrial = await SeedTwoAsync(t);

        await using var one = t.Open();
        await using var two = t.Open(organisationId: industrial.Id);
        Assert.Equal([("li_na", "李娜"), ("zhang_wei", "张伟")], (await one.Employees.OrderBy(e => e.Id).ToListAsync()).Select(e => (e.Id, e.Name)));
        Assert.Equal([("wang_fang", "王芳"), ("zhang_wei", "张卫")], (await two.Employees.OrderBy(e => e.Id).ToListAsync()).Select(e => (e.Id, e.Name)));
        Assert.Equal([4.5m], await one.Actuals.Where(a => a.Indicator == "csat").Select(a => a.Value).ToListAsync());
        Assert.Equal([3.5m, 5m], (await two.Actuals.Where(a => a.Indicator == "csat").Select(a => a.Value).ToListAsync()).Order());
        Assert.Equal((11, 3), (await one.Actuals.CountAsync(), await two.Actuals.CountAsync()));
        Assert.NotEqual((await one.Periods.SingleAsync()).Id, (await two.Periods.SingleAsync()).Id);
        Assert.Equal(1, await two.SchemeVersions.CountAsync());
        // both organisations' rows are stored (the bulk path wrote each with its organisation); the filter hides the other's
        Assert.Equal([(1, 11), (industrial.Id, 3)], (await one.Database.SqlQueryRaw<OrgCount>("""SELECT "OrganisationId" AS "Organisation", COUNT(*) AS "Rows" FROM "Actuals" GROUP BY "OrganisationId" ORDER BY "OrganisationId" """).ToListAsync()).Select(c => (c.Organisation, c.Rows)));
        Assert.All(await two.Audit.ToListAsync(), a => Assert.Equal(industrial.Id, a.OrganisationId));
        Assert.Contains(await one.Audit.ToListAsync(), a => a is { Entity: nameof(Organisation), EntityKey: "industrial", Action: "create" });
        Assert.DoesNotContain(await two.Audit.ToListAsync(), a => a.Entity == nameof(Organisation));
    }

    private sealed record OrgCount(int Organisation, int Rows);

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task BulkDelete_ColumnValueInBothOrganisations_DeletesOnlyTheContextsRows(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var industrial = await SeedTwoAsync(t);

        await using (var two = t.Open(organisationId: industrial.Id))
        {
            await using var tx = await two.Database.BeginTransactionAsync();
            Assert.Equal(2, await BulkInsert.DeleteWhereAsync<Actual>(two, nameof(Actual.Indicator), "csat", default));
            await tx.CommitAsync();
        }

        await using var one = t.Open();
        Assert.Equal(4.5m, (await one.Actuals.SingleAsync(a => a.Indicator == "csat")).Value);
        await using var check = t.Open(organisationId: industrial.Id);
        Assert.Equal(["renewal_rate"], await check.Actuals.Select(a => a.Indicator).ToListAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task BulkRead_ColumnValueInBothOrganisations_ReadsOnlyTheContextsRows(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var industrial = await SeedTwoAsync(t);

        async Task<List<(string, decimal)>> CsatAsync(YardstickDb db, bool inTransaction)
        {
            var rows = new List<(string, decimal)>();
            await using var tx = inTransaction ? await db.Database.BeginTransactionAsync() : null;
            await BulkRead.ReadAsync<Actual>(db, [nameof(Actual.ScopeId), nameof(Actual.Value)], nameof(Actual.Indicator), "csat", r => rows.Add((r.GetString(0), r.GetDecimal(1))), default);
            return [.. rows.OrderBy(x => x.Item1, StringComparer.Ordinal)];
        }

        await using var one = t.Open();
        await using var two = t.Open(organisationId: industrial.Id);
        Assert.Equal([("zhang_wei", 4.5m)], await CsatAsync(one, inTransaction: false));
        Assert.Equal([("wang_fang", 5m), ("zhang_wei", 3.5m)], await CsatAsync(two, inTransaction: true));
        await using var none = t.Open(organisationId: YardstickDb.NoOrganisation);
        Assert.Empty(await CsatAsync(none, inTransaction: false));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SaveChanges_AnotherOrganisationsRecordOrNoOrganisation_ThrowsAndWritesNothing(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var industrial = await SeedTwoAsync(t);

        await using (var two = t.Open(organisationId: industrial.Id))
        {
            var theirs = await two.Employees.IgnoreQueryFilters().SingleAsync(e => e.OrganisationId == Organisation.DefaultId && e.Id == "zhang_wei");
            theirs.Name = "changed";
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => two.SaveChangesAsync());
            Assert.Equal("Employee of organisation 1 cannot be modified by a context of organisation 2", ex.Message);
        }

        await using (var none = t.Open(organisationId: YardstickDb.NoOrganisation))
        {
            Assert.Equal(0, await none.Employees.CountAsync());
            Assert.Equal(2, await none.Organisations.CountAsync());
            none.Employees.Add(new Employee { Id = "ghost", Name = "ghost" });
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => none.SaveChangesAsync());
            Assert.Equal("Employee: a context opened for no organisation cannot write an organisation's records", ex.Message);
        }

        await using (var two = t.Open(organisationId: industrial.Id))
        {
            var other = await two.Organisations.SingleAsync(o => o.Id == Organisation.DefaultId);
            other.ProRata = true;
            await Assert.ThrowsAsync<InvalidOperationException>(() => two.SaveChangesAsync());
        }

        await using var one = t.Open();
        Assert.Equal("张伟", (await one.Employees.SingleAsync(e => e.Id == "zhang_wei")).Name);
        Assert.False((await one.Organisations.SingleAsync(o => o.Id == Organisation.DefaultId)).ProRata);
        Assert.Equal(0, await one.Database.SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM "Employees" WHERE "Id" = 'ghost'""").SingleAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task CreateOrganisation_BadCodesNamesDuplicateNonAdmin_Refused(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        var create = new CreateOrganisation(db, Admin(Organisation.DefaultId, Organisation.DefaultCode));

        foreach (var code in new[] { "Industrial", "in dustrial", "工业", "", new string('a', 65), "a.b" })
        {
            var refused = await create.RunAsync(code, "名称");
            var problem = Assert.Single(refused.Problems);
            Assert.Equal((ProblemKind.Invalid, "code"), (problem.Kind, problem.Where.Field));
            Assert.Equal($"'{code}' is not an organisation code; use 1–64 lower-case letters a–z, digits, '-' or '_', such as industrial", problem.Message.En);
            Assert.StartsWith($"组织代码 '{code}' 无效", problem.Message.Zh, StringComparison.Ordinal);
        }

        var nameless = await create.RunAsync("retail", "  ");
        Assert.Equal([(ProblemKind.Invalid, "name: the organisation needs a name")], nameless.Problems.Select(p => (p.Kind, p.ToString())));
        var duplicate = await create.RunAsync("default", "默认");
        Assert.Equal([(ProblemKind.Conflict, "code: organisation 'default' already exists; choose another code")], duplicate.Problems.Select(p => (p.Kind, p.ToString())));
        var finance = new CurrentUser(Organisation.DefaultId, Organisation.DefaultCode, "fin", "u1", "fin@example.com", null, new HashSet<Role> { Role.Finance }, false);
        var forbidden = await new CreateOrganisation(db, finance).RunAsync("retail", "零售");
        Assert.Equal(ProblemKind.Forbidden, Assert.Single(forbidden.Problems).Kind);

        var created = await create.RunAsync("cross_border-2", "跨境电商");
        Assert.True(created.IsSuccess);
        // the English name defaults to the Chinese one; settings start at the defaults
        Assert.Equal(("cross_border-2", "跨境电商", "跨境电商", "Asia/Shanghai", 24, 72, false),
            (created.Value.Code, created.Value.NameZh, created.Value.NameEn, created.Value.TimeZone, created.Value.ResponseLimitHours, created.Value.SolutionLimitHours, created.Value.ProRata));
        Assert.Equal(["cross_border-2", "default"], (await new ListOrganisations(db).RunAsync()).Select(o => o.Code));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ResolveOrganisation_OneOrSeveral_TheOnlyOneOrNamedOrRefusedListingCodes(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var none = t.Open(organisationId: YardstickDb.NoOrganisation);
        var resolve = new ResolveOrganisation(none);

        var only = await resolve.RunAsync(null);
        Assert.Equal((1, "default", "默认组织", "Default organisation"), (only.Value.Id, only.Value.Code, only.Value.NameZh, only.Value.NameEn));
        await IndustrialAsync(t);

        var several = Assert.Single((await resolve.RunAsync(null)).Problems);
        Assert.Equal((ProblemKind.Invalid, ResolveOrganisation.Ambiguous), (several.Kind, several.Code));
        Assert.Equal("organisation: the database holds several organisations (default, industrial); name one", several.ToString());
        Assert.Equal("数据库中有多个组织（default, industrial）；请指定一个", several.Message.Zh);
        Assert.Equal(2, (await resolve.RunAsync("industrial")).Value.Id);
        var unknown = Assert.Single((await resolve.RunAsync("retail")).Problems);
        Assert.Equal((ProblemKind.NotFound, "organisation: there is no organisation 'retail'; the organisations are: default, industrial"), (unknown.Kind, unknown.ToString()));
    }
}
