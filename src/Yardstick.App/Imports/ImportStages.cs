using Microsoft.EntityFrameworkCore;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Core.Lifecycle;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import stages FILE</c>: <c>product,stage,from</c>, each product's lifecycle stage history (scoring.md §6:
/// startup, growth, mature, decline). The history of every product in the file is replaced by the file's;
/// products not in the file keep theirs. Every product must be stored (import products first).
/// </summary>
public sealed class ImportStages(YardstickDb db)
{
    private static readonly string[] Required = ["product", "stage", "from"];

    public async Task<Result<ImportSummary>> RunAsync(string path, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        var problems = new Problems();
        if (!ImportCommon.Exists(path, problems))
            return ImportCommon.Fail<ImportSummary>(problems);
        var products = (await db.Products.Select(p => p.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var c = new int[Required.Length];
        var rows = new List<ProductStage>();
        var lines = new Dictionary<(string, DateOnly), int>();
        foreach (var row in TableFile.Read(path, Required, [], c, problems, allowXlsx: true))
        {
            var product = ImportCommon.Required(path, row, c[0], "product", problems);
            if (product is not null && !products.Contains(product))
                problems.At(path, row.Line, c[0] + 1, $"unknown product '{product}'; import products first (yardstick import products FILE)");
            var stage = ImportCommon.Text(row, c[1]) ?? "";
            if (!StageHistory.Stages.Contains(stage))
                problems.At(path, row.Line, c[1] + 1, $"unknown stage '{stage}'; expected {string.Join(", ", StageHistory.Stages)}");
            var from = ImportCommon.RequiredDate(path, row, c[2], "from", problems);
            if (product is null || from is null)
                continue;
            if (!lines.TryAdd((product, from.Value), row.Line))
                problems.At(path, row.Line, c[2] + 1, $"product '{product}' has two stages from {from:yyyy-MM-dd}: lines {lines[(product, from.Value)]} and {row.Line}; keep one");
            rows.Add(new ProductStage { ProductId = product, Stage = stage, From = from.Value });
        }

        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        return await ImportCommon.WriteAsync(db, null, ImportKinds.Stages, "all", path, rows.Count, async previous =>
        {
            var inFile = rows.Select(r => r.ProductId).ToHashSet(StringComparer.Ordinal);
            var old = (await db.ProductStages.ToListAsync(ct)).Where(s => inFile.Contains(s.ProductId)).ToList();
            db.ProductStages.RemoveRange(old);
            // the unique (product, from) index: delete the old history before the new one is inserted
            await db.SaveChangesAsync(ct);
            db.ProductStages.AddRange(rows);
            return old.Count;
        }, null, progress, ct);
    }
}
