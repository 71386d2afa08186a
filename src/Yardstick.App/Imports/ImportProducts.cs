using Microsoft.EntityFrameworkCore;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import products FILE</c>: <c>product,name,owner,launch_date</c> (owner and launch date may be empty).
/// Products are matched by id: a re-import updates them, never duplicates them. The owner is the PM the
/// product's money (milestones, profit shares) goes to; it must be an employee.
/// </summary>
public sealed class ImportProducts(YardstickDb db)
{
    private static readonly string[] Required = ["product", "name", "owner", "launch_date"];

    private sealed record Parsed(string Id, string Name, string? Owner, DateOnly? Launch);

    public async Task<Result<ImportSummary>> RunAsync(string path, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        var problems = new Problems();
        if (!ImportCommon.Exists(path, problems))
            return ImportCommon.Fail<ImportSummary>(problems);
        var employees = (await db.Employees.Select(e => e.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var c = new int[Required.Length];
        var rows = new List<Parsed>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in TableFile.Read(path, Required, [], c, problems, allowXlsx: true))
        {
            if (ImportCommon.Required(path, row, c[0], "product", problems) is not { } id)
                continue;
            if (!lines.TryAdd(id, row.Line))
                problems.At(path, row.Line, c[0] + 1, $"duplicate row for product '{id}': lines {lines[id]} and {row.Line}; keep one");
            var owner = ImportCommon.Text(row, c[2]);
            if (owner is not null && !employees.Contains(owner))
                problems.At(path, row.Line, c[2] + 1, $"owner '{owner}' is not an employee; import employees first");
            rows.Add(new Parsed(id, ImportCommon.Text(row, c[1]) ?? id, owner, ImportCommon.Date(path, row, c[3], problems)));
        }

        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        return await ImportCommon.WriteAsync(db, null, ImportKinds.Products, "all", path, rows.Count, async previous =>
        {
            var products = await db.Products.ToDictionaryAsync(p => p.Id, StringComparer.Ordinal, ct);
            var updated = 0;
            foreach (var r in rows)
            {
                if (products.TryGetValue(r.Id, out var product))
                    updated++;
                else
                    product = db.Products.Add(new Product { Id = r.Id }).Entity;
                (product.Name, product.OwnerId, product.LaunchDate) = (r.Name, r.Owner, r.Launch);
            }

            return updated;
        }, null, progress, ct);
    }
}
