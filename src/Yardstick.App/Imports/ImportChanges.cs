using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// While an import writes, collects what every audited entity it changes or deletes was before, across its saves; the
/// import's one audit entry (scoring.md §11) holds them as its <c>Before</c>: a JSON array of
/// <c>{"Entity", "EntityKey", "Action", "Before"}</c>, so that a re-imported salary or name never erases the old one.
/// Entities the import adds need no "before": the import's file (by its hash) says what they became.
/// </summary>
internal sealed class ImportChanges : IDisposable
{
    private readonly YardstickDb _db;
    private readonly JsonArray _before = [];

    public ImportChanges(YardstickDb db)
    {
        _db = db;
        db.SavingChanges += Collect;
    }

    public void Dispose() => _db.SavingChanges -= Collect;

    private void Collect(object? sender, SavingChangesEventArgs e)
    {
        _db.ChangeTracker.DetectChanges();
        AuditEntry? importEntry = null;
        foreach (var entry in _db.ChangeTracker.Entries())
        {
            if (entry is { Entity: AuditEntry { Entity: nameof(ImportRecord) } a, State: EntityState.Added })
                importEntry = a;
            if (entry.Entity is not IAudited audited || entry.Entity is ImportRecord || entry.State is not (EntityState.Modified or EntityState.Deleted))
                continue;
            if (entry.State == EntityState.Modified && entry.Properties.All(p => Equals(p.OriginalValue, p.CurrentValue)))
                continue;
            var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
            foreach (var p in entry.Properties)
                values[p.Metadata.Name] = p.OriginalValue;
            _before.Add(new JsonObject
            {
                ["Entity"] = entry.Metadata.ClrType.Name,
                ["EntityKey"] = audited.AuditKey,
                ["Action"] = entry.State == EntityState.Deleted ? "delete" : "update",
                ["Before"] = JsonSerializer.SerializeToNode(values),
            });
        }

        if (importEntry is not null && _before.Count > 0)
            importEntry.Before = _before.ToJsonString();
    }
}
