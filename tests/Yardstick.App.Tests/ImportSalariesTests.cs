using Microsoft.EntityFrameworkCore;
using Yardstick.App.Imports;
using Yardstick.Data;

namespace Yardstick.App.Tests;

/// <summary>
/// <c>import salaries</c>: new salaries are written in bulk, stored ones the file changes through the context (so that the
/// import's audit entry keeps what they were); both in the importing organisation only, all or nothing.
/// </summary>
public sealed class ImportSalariesTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ReImport_NewChangedAndSame_StoredExactlyCountedAndAudited(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var other = await t.AddOrganisationAsync();

        await using (var db = t.Open())
        {
            Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", "person,name\nzhang_wei,张伟\nli_na,李娜\n")), null)).IsSuccess);
            var first = await new ImportSalaries(db).RunAsync(Input.File(_files.Write("s1.csv",
                "person,base_salary,effective_from,currency\nzhang_wei,28000.50,2026-01-01,\nli_na,20000,2026-01-01,USD\n")), null);
            Assert.True(first.IsSuccess, string.Join("\n", first.Problems));
            Assert.Equal((2, 0, 0, 0), (first.Value.Merge!.Added, first.Value.Merge.Changed, first.Value.Merge.Unchanged, first.Value.Replaced));

            // zhang_wei's amount changes, li_na's is the same again, zhang_wei gets a raise from July
            var second = await new ImportSalaries(db).RunAsync(Input.File(_files.Write("s2.csv",
                "person,base_salary,effective_from,currency\nzhang_wei,29000.01,2026-01-01,\nli_na,20000.00,2026-01-01,USD\nzhang_wei,30000,2026-07-01,\n")), null);
            Assert.True(second.IsSuccess, string.Join("\n", second.Problems));
            Assert.Equal((1, 1, 1, 1), (second.Value.Merge!.Added, second.Value.Merge.Changed, second.Value.Merge.Unchanged, second.Value.Replaced));
        }

        await using var check = t.Open();
        var salaries = (await check.Salaries.AsNoTracking().ToListAsync()).Select(s => $"{s.EmployeeId}@{s.EffectiveFrom:yyyy-MM-dd}={s.AmountMinor} {s.Currency}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["li_na@2026-01-01=2000000 USD", "zhang_wei@2026-01-01=2900001 CNY", "zhang_wei@2026-07-01=3000000 CNY"], salaries);
        var entry = await check.Audit.SingleAsync(a => a.Entity == "ImportRecord" && a.EntityKey == "salaries:s2.csv");
        var before = Assert.Single(System.Text.Json.JsonDocument.Parse(entry.Before!).RootElement.EnumerateArray());
        Assert.Equal(("zhang_wei@2026-01-01", "update", 2800050L),
            (before.GetProperty("EntityKey").GetString(), before.GetProperty("Action").GetString(), before.GetProperty("Before").GetProperty("AmountMinor").GetInt64()));
        Assert.Equal(0, await check.Audit.CountAsync(a => a.Entity == "SalaryRecord"));
        var import = await check.Imports.SingleAsync(i => i.FileName == "s2.csv");
        Assert.Equal((3, 1), (import.Rows, import.Replaced));

        await using var acme = t.Open(organisationId: other);
        Assert.Empty(await acme.Salaries.ToListAsync());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Import_ALaterRowBad_NothingWritten(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        var people = string.Concat(Enumerable.Range(1, 300).Select(i => $"pm{i:D4},PM {i}\n"));
        Assert.True((await new ImportEmployees(db).RunAsync(Input.File(_files.Write("e.csv", "person,name\n" + people)), null)).IsSuccess);
        var rows = string.Concat(Enumerable.Range(1, 300).Select(i => $"pm{i:D4},{20000 + i}.25,2026-01-01\n"));
        var path = _files.Write("s.csv", "person,base_salary,effective_from\n" + rows + "pm0001,1.001,2026-02-01\n");

        var result = await new ImportSalaries(db).RunAsync(Input.File(path), null);

        Assert.Equal([$"{path}:302:2: 1.001 has more than two decimals; salaries are exact to the fen"], result.Problems.Select(p => p.ToString()));
        await using var check = t.Open();
        Assert.Equal(0, await check.Salaries.CountAsync());
        Assert.Equal(0, await check.Imports.CountAsync(i => i.Kind == ImportKinds.Salaries));
    }
}
