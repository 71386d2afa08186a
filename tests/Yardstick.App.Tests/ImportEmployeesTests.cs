using Microsoft.EntityFrameworkCore;
using Yardstick.App.Imports;
using Yardstick.Data;

namespace Yardstick.App.Tests;

/// <summary>
/// <c>import employees</c>: new people (with their team and product rows) are written in bulk, people already stored are
/// updated through the context; both paths give the same records, in the importing organisation only.
/// </summary>
public sealed class ImportEmployeesTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Import_NewAndExistingPeople_EveryColumnStoredInItsOrganisation(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var other = await t.AddOrganisationAsync();

        await using (var db = t.Open())
        {
            var first = await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e1.csv",
                "person,name,manager,role,team,share,product,active_from,active_to\n" +
                "chen_jie,陈杰,,manager,,,,,\n" +
                "zhang_wei,张伟,chen_jie,pm,team_a,0.6,mes_platform,2026-01-01,\n" +
                "li_na,李娜,chen_jie,pm,team_a,0.4,,,2026-10-20\n")), null);
            Assert.True(first.IsSuccess, string.Join("\n", first.Problems));
            Assert.Equal((3, 0), (first.Value.Rows, first.Value.Replaced));

            // li_na moves team and takes a product; wang_fang is new
            var second = await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e2.csv",
                "person,name,manager,role,team,share,product\n" +
                "li_na,李娜,chen_jie,pm,team_b,1,crm_suite\n" +
                "wang_fang,王芳,li_na,pm,team_b,,crm_suite\n")), null);
            Assert.True(second.IsSuccess, string.Join("\n", second.Problems));
            Assert.Equal((2, 1), (second.Value.Rows, second.Value.Replaced));
        }

        await using var check = t.Open();
        var people = (await check.Employees.AsNoTracking().ToListAsync()).OrderBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => $"{e.Id}|{e.Name}|{e.ManagerId}|{e.Role}|{e.ActiveFrom:yyyy-MM-dd}|{e.ActiveTo:yyyy-MM-dd}").ToList();
        Assert.Equal(
        [
            "chen_jie|陈杰||manager||",
            "li_na|李娜|chen_jie|pm||",
            "wang_fang|王芳|li_na|pm||",
            "zhang_wei|张伟|chen_jie|pm|2026-01-01|",
        ], people);
        var members = (await check.TeamMembers.AsNoTracking().ToListAsync()).OrderBy(m => m.EmployeeId, StringComparer.Ordinal)
            .Select(m => $"{m.TeamId}/{m.EmployeeId}/{(m.Share is { } s ? Yardstick.Core.Common.Decimals.Canonical(s) : null)}").ToList();
        Assert.Equal(["team_b/li_na/1", "team_b/wang_fang/", "team_a/zhang_wei/0.6"], members);
        var owners = (await check.ProductOwners.AsNoTracking().ToListAsync()).OrderBy(o => o.EmployeeId, StringComparer.Ordinal)
            .Select(o => $"{o.ProductId}/{o.EmployeeId}").ToList();
        Assert.Equal(["crm_suite/li_na", "crm_suite/wang_fang", "mes_platform/zhang_wei"], owners);

        await using var acme = t.Open(organisationId: other);
        Assert.Empty(await acme.Employees.ToListAsync());
        Assert.Empty(await acme.TeamMembers.ToListAsync());
        Assert.Empty(await acme.ProductOwners.ToListAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ReImport_SomeRowsChanged_CountsAddedChangedUnchanged_AndTheAuditKeepsOnlyWhatChanged(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        var first = await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e1.csv",
            "person,name,manager,role,team,share,product\n" +
            "chen_jie,陈杰,,manager,,,\n" +
            "zhang_wei,张伟,chen_jie,pm,team_a,0.6,mes_platform\n" +
            "li_na,李娜,chen_jie,pm,team_a,0.4,crm_suite\n")), null);
        Assert.True(first.IsSuccess, string.Join("\n", first.Problems));
        Assert.Equal((3, 0, 0, 0), (first.Value.Merge!.Added, first.Value.Merge.Changed, first.Value.Merge.Unchanged, first.Value.Replaced));

        // chen_jie as before; zhang_wei renamed; li_na's share changes and she takes another product; wang_fang is new
        var second = await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e2.csv",
            "person,name,manager,role,team,share,product\n" +
            "chen_jie,陈杰,,manager,,,\n" +
            "zhang_wei,张伟伟,chen_jie,pm,team_a,0.60,mes_platform\n" +
            "li_na,李娜,chen_jie,pm,team_a,0.5,mes_platform\n" +
            "wang_fang,王芳,chen_jie,pm,team_b,,crm_suite\n")), null);
        Assert.True(second.IsSuccess, string.Join("\n", second.Problems));
        Assert.Equal((1, 2, 1, 2), (second.Value.Merge!.Added, second.Value.Merge.Changed, second.Value.Merge.Unchanged, second.Value.Replaced));

        await using var check = t.Open();
        var members = (await check.TeamMembers.AsNoTracking().ToListAsync()).OrderBy(m => m.EmployeeId, StringComparer.Ordinal)
            .Select(m => $"{m.TeamId}/{m.EmployeeId}/{(m.Share is { } s ? Yardstick.Core.Common.Decimals.Canonical(s) : null)}").ToList();
        Assert.Equal(["team_a/li_na/0.5", "team_b/wang_fang/", "team_a/zhang_wei/0.6"], members);
        var owners = (await check.ProductOwners.AsNoTracking().ToListAsync()).OrderBy(o => o.EmployeeId, StringComparer.Ordinal)
            .Select(o => $"{o.ProductId}/{o.EmployeeId}").ToList();
        Assert.Equal(["mes_platform/li_na", "crm_suite/wang_fang", "mes_platform/zhang_wei"], owners);
        Assert.Equal(["team_a", "team_b"], (await check.Teams.Select(x => x.Id).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal("张伟伟", (await check.Employees.SingleAsync(e => e.Id == "zhang_wei")).Name);

        var entry = await check.Audit.SingleAsync(a => a.Entity == "ImportRecord" && a.EntityKey == "employees:e2.csv");
        var before = System.Text.Json.JsonDocument.Parse(entry.Before!).RootElement.EnumerateArray()
            .Select(e => $"{e.GetProperty("Entity").GetString()} {e.GetProperty("EntityKey").GetString()} {e.GetProperty("Action").GetString()}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Employee zhang_wei update", "ProductOwner crm_suite/li_na delete", "TeamMember team_a/li_na delete"], before);
        // an import writes one audit entry, whatever it adds or changes
        Assert.Equal(2, await check.Audit.CountAsync(a => a.Entity == "ImportRecord"));
        Assert.Equal(0, await check.Audit.CountAsync(a => a.Entity == "Employee" || a.Entity == "TeamMember" || a.Entity == "ProductOwner" || a.Entity == "Team" || a.Entity == "Product"));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Import_ALaterRowBad_NothingWritten(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        var rows = string.Concat(Enumerable.Range(1, 500).Select(i => $"pm{i:D4},PM {i},,pm,team{i % 7},,prod{i % 11}\n"));
        var path = _files.Write("e.csv", "person,name,manager,role,team,share,product\n" + rows + "pm9999,Late,nobody,pm,team1,,prod1\n");

        var result = await new ImportEmployees(db).RunAsync(Input.File(path), null);

        Assert.Equal([$"{path}:502:3: manager 'nobody' is not an employee; add a row for them"], result.Problems.Select(p => p.ToString()));
        await using var check = t.Open();
        Assert.Equal((0, 0, 0, 0, 0), (await check.Employees.CountAsync(), await check.TeamMembers.CountAsync(), await check.ProductOwners.CountAsync(), await check.Teams.CountAsync(), await check.Imports.CountAsync()));
    }
}
