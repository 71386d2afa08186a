using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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
}
