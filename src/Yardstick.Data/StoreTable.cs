using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Yardstick.Data;

/// <summary>The table an entity type is mapped to and the column of each of its properties, as the model maps them (for the bulk paths' SQL).</summary>
internal sealed class StoreTable
{
    private readonly IEntityType _entity;
    private readonly StoreObjectIdentifier _store;

    public StoreTable(YardstickDb db, Type type)
    {
        _entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
        Name = _entity.GetTableName()!;
        _store = StoreObjectIdentifier.Table(Name, _entity.GetSchema());
    }

    /// <summary>The table's name.</summary>
    public string Name { get; }

    /// <summary>The mapped property <paramref name="name"/>.</summary>
    public IProperty Property(string name) => _entity.FindProperty(name) ?? throw new InvalidOperationException($"{_entity.ClrType.Name}.{name} is not mapped");

    /// <summary>The column of property <paramref name="name"/>.</summary>
    public string Column(string name) => Column(Property(name));

    /// <summary>The column of <paramref name="property"/>.</summary>
    public string Column(IProperty property) => property.GetColumnName(_store)!;
}
