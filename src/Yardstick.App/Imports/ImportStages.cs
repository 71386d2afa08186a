using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import stages FILE</c>: the stages format (<see cref="StagesFile"/>), each product's lifecycle stage history
/// (scoring.md §6: startup, growth, mature, decline). The history of every product in the file is replaced by the
/// file's; products not in the file keep theirs. Every product must be stored (import products first).
/// </summary>
public sealed class ImportStages(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<ImportSummary>> RunAsync(InputFile file, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var problems = new Problems();
        var (stages, columns) = StagesFile.Read(file, problems);
        var products = (await db.Products.Select(p => p.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var s in stages.Where(s => !products.Contains(s.Product)))
            ImportCommon.UnknownProduct(problems, columns!.At(s.Line, "product"), s.Product);
        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        var rows = stages.Select(s => new ProductStage { ProductId = s.Product, Stage = s.Stage, From = s.From }).ToList();
        return await ImportCommon.WriteAsync(db, null, ImportKinds.Stages, "all", file, rows.Count, async previous =>
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
