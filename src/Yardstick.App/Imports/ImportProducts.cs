using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import products FILE</c>: <c>product,name,owner,launch_date</c> (owner and launch date may be empty).
/// A product with several owner PMs has one row per owner; its rows must agree on the name and the launch date.
/// Products are matched by id: a re-import updates them, never duplicates them, and replaces the owners of
/// every product in the file with the file's. The owners are the PMs the product's money (milestones, excess
/// shares, profit shares) is split among; each must be an employee.
/// </summary>
public sealed class ImportProducts(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<ImportSummary>> RunAsync(InputFile file, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var problems = new Problems();
        var (products, rowCount, columns) = ProductsFile.Read(file, problems);
        var employees = await ImportCommon.EmployeeIdsAsync(db, ct);
        foreach (var (owner, line) in products.Values.SelectMany(p => p.Owners).Where(o => !employees.Contains(o.Owner)))
            ImportCommon.NotAnEmployee(problems, columns!.At(line, "owner"), owner, "负责人 ", "owner ");
        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        return await ImportCommon.WriteAsync(db, null, ImportKinds.Products, "all", file, rowCount, async previous =>
        {
            var stored = await db.Products.ToDictionaryAsync(p => p.Id, StringComparer.Ordinal, ct);
            // filtered here: an IN list of every id exceeds SQLite's limit of bound variables on large files
            var oldOwners = (await db.ProductOwners.ToListAsync(ct)).Where(o => products.ContainsKey(o.ProductId)).ToList();
            db.ProductOwners.RemoveRange(oldOwners);
            // the unique (product, employee) index: delete the old owners before the new ones are inserted
            await db.SaveChangesAsync(ct);
            var updated = 0;
            foreach (var r in products.Values)
            {
                if (stored.TryGetValue(r.Id, out var product))
                    updated++;
                else
                    product = db.Products.Add(new Product { Id = r.Id }).Entity;
                (product.Name, product.LaunchDate) = (r.Name ?? r.Id, r.Launch);
                foreach (var (owner, _) in r.Owners)
                    db.ProductOwners.Add(new ProductOwner { ProductId = r.Id, EmployeeId = owner });
            }

            return updated;
        }, null, progress, ct);
    }
}
