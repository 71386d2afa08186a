using Microsoft.EntityFrameworkCore;
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
public sealed class ImportProducts(YardstickDb db)
{
    private static readonly string[] Required = ["product", "name", "owner", "launch_date"];

    private sealed record Parsed(int Line, string Id, string? Name, DateOnly? Launch, List<string> Owners);

    public async Task<Result<ImportSummary>> RunAsync(string path, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        var problems = new Problems();
        if (!ImportCommon.Exists(path, problems))
            return ImportCommon.Fail<ImportSummary>(problems);
        var employees = (await db.Employees.Select(e => e.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var c = new int[Required.Length];
        var products = new Dictionary<string, Parsed>(StringComparer.Ordinal);
        var ownerLines = new Dictionary<(string, string), int>();
        var rowCount = 0;
        foreach (var row in TableFile.Read(path, Required, [], c, problems, allowXlsx: true))
        {
            rowCount++;
            if (ImportCommon.Required(path, row, c[0], "product", problems) is not { } id)
                continue;
            var name = ImportCommon.Text(row, c[1]);
            var owner = ImportCommon.Text(row, c[2]);
            if (owner is not null && !employees.Contains(owner))
                problems.At(path, row.Line, c[2] + 1, $"owner '{owner}' is not an employee; import employees first");
            var launch = ImportCommon.Date(path, row, c[3], problems);
            if (!products.TryGetValue(id, out var product))
            {
                products[id] = product = new Parsed(row.Line, id, name, launch, []);
            }
            else
            {
                // a product's later rows name further owners; what they say of the product must match its first row
                if (!string.Equals(name, product.Name, StringComparison.Ordinal))
                    problems.At(path, row.Line, c[1] + 1, $"product '{id}' is named '{product.Name}' on line {product.Line} and '{name}' here; give one name on every row of the product (a row per owner)");
                if (launch != product.Launch)
                    problems.At(path, row.Line, c[3] + 1, $"product '{id}' launches {Day(product.Launch)} on line {product.Line} and {Day(launch)} here; give one launch date on every row of the product (a row per owner)");
                if (owner is null)
                    problems.At(path, row.Line, c[2] + 1, $"owner is empty on a further row of product '{id}' (first on line {product.Line}); each further row names another owner");
            }

            if (owner is null)
                continue;
            if (!ownerLines.TryAdd((id, owner), row.Line))
                problems.At(path, row.Line, c[2] + 1, $"duplicate owner '{owner}' of product '{id}': lines {ownerLines[(id, owner)]} and {row.Line}; keep one");
            else
                product.Owners.Add(owner);
        }

        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        return await ImportCommon.WriteAsync(db, null, ImportKinds.Products, "all", path, rowCount, async previous =>
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
                foreach (var owner in r.Owners)
                    db.ProductOwners.Add(new ProductOwner { ProductId = r.Id, EmployeeId = owner });
            }

            return updated;
        }, null, progress, ct);
    }

    private static string Day(DateOnly? d) => d is { } day ? day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "(no date)";
}
