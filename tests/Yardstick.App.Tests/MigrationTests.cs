using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Yardstick.App.Access;
using Yardstick.App.Organisations;
using Yardstick.Data;

namespace Yardstick.App.Tests;

/// <summary>Migrations that move data, run on each provider from the migration before them.</summary>
public sealed class MigrationTests
{
    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ProductOwners_UpCopiesEachOwnerIdDownKeepsTheLowestOwner(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using var db = t.Open();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("LifecycleStagesProRata");
        await db.Database.ExecuteSqlRawAsync("""INSERT INTO "Products" ("Id", "Name", "OwnerId", "LaunchDate") VALUES ('mes', 'MES', 'zhang_wei', NULL), ('erp', 'ERP', NULL, NULL)""");

        await migrator.MigrateAsync();

        Assert.Equal([("mes", "zhang_wei")], (await db.ProductOwners.ToListAsync()).Select(o => (o.ProductId, o.EmployeeId)));
        Assert.Equal(["erp", "mes"], (await db.Products.Select(p => p.Id).ToListAsync()).Order(StringComparer.Ordinal));

        // back down: one owner per product again, the lowest id (ordinal) of its owners
        db.ProductOwners.Add(new ProductOwner { ProductId = "mes", EmployeeId = "li_na" });
        await db.SaveChangesAsync();
        await migrator.MigrateAsync("LifecycleStagesProRata");
        var owners = await db.Database.SqlQueryRaw<string?>("""SELECT "OwnerId" AS "Value" FROM "Products" ORDER BY "Id" """).ToListAsync();
        Assert.Equal([null, "li_na"], owners);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task OrganisationsAndUsers_UpMovesEveryRecordIntoDefaultAndLeavesNoDefaultColumn(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await using (var before = t.Open(organisationId: YardstickDb.NoOrganisation))
        {
            var migrator = before.GetService<IMigrator>();
            await migrator.MigrateAsync("ProductOwners");
            await before.Database.ExecuteSqlRawAsync("""INSERT INTO "Employees" ("Id", "Name", "ManagerId", "Role", "ActiveFrom", "ActiveTo") VALUES ('zhang_wei', '张伟', NULL, 'pm', NULL, NULL), ('li_na', '李娜', 'zhang_wei', 'manager', NULL, NULL)""");
            await before.Database.ExecuteSqlRawAsync("""INSERT INTO "Products" ("Id", "Name", "LaunchDate") VALUES ('mes', 'MES', NULL)""");
            await before.Database.ExecuteSqlRawAsync("""INSERT INTO "ProductOwners" ("ProductId", "EmployeeId") VALUES ('mes', 'zhang_wei')""");
            await before.Database.ExecuteSqlRawAsync("""INSERT INTO "Teams" ("Id", "Name") VALUES ('mes', 'MES team')""");

            await migrator.MigrateAsync();
        }

        await using var db = t.Open();
        var org = await db.Organisations.SingleAsync();
        Assert.Equal((1, "default", "默认组织", "Default organisation", "Asia/Shanghai"), (org.Id, org.Code, org.NameZh, org.NameEn, org.TimeZone));
        Assert.Equal(["admin", "finance"], (await db.Roles.Select(r => r.Name!).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal([("li_na", "zhang_wei"), ("zhang_wei", null)], (await db.Employees.OrderBy(e => e.Id).ToListAsync()).Select(e => (e.Id, e.ManagerId)));
        Assert.Equal([("mes", "zhang_wei", 1)], (await db.ProductOwners.ToListAsync()).Select(o => (o.ProductId, o.EmployeeId, o.OrganisationId)));
        Assert.Equal([1, 1], await db.Database.SqlQueryRaw<int>("""SELECT "OrganisationId" AS "Value" FROM "Employees" """).ToListAsync());
        Assert.Equal([1], await db.Database.SqlQueryRaw<int>("""SELECT "OrganisationId" AS "Value" FROM "Teams" """).ToListAsync());

        // the default of 1 moved the existing rows only: a row that names no organisation is refused
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("""INSERT INTO "Teams" ("Id", "Name") VALUES ('crm', 'CRM')"""));

        // a second organisation starts empty and may use the same ids
        var industrial = await new CreateOrganisation(db, CurrentUser.System(1, "default", "hr_admin")).RunAsync("industrial", "工业互联网");
        await using var other = t.Open(organisationId: industrial.Value.Id);
        Assert.Equal(0, await other.Employees.CountAsync());
        other.Employees.Add(new Employee { Id = "zhang_wei", Name = "张卫" });
        await other.SaveChangesAsync();
        Assert.Equal([(1, "张伟"), (2, "张卫")], (await other.Employees.IgnoreQueryFilters().Where(e => e.Id == "zhang_wei").ToListAsync()).Select(e => (e.OrganisationId, e.Name)).Order());
    }
}
