using Yardstick.Core.Common;

namespace Yardstick.Core.Incentives;

/// <summary>What the payout engine knows of a person.</summary>
/// <param name="Id">The person's id.</param>
/// <param name="BaseSalary">Monthly base salary in effect on the period's last day, or null when not given.</param>
/// <param name="Name">Display name.</param>
/// <param name="Team">Team (product line) id, or null.</param>
/// <param name="Product">The product the person owns, or null.</param>
/// <param name="Share">The team lead's explicit share for pools and profit shares, or null.</param>
public sealed record PersonInfo(string Id, decimal? BaseSalary = null, string? Name = null, string? Team = null, string? Product = null, decimal? Share = null);

/// <summary>Whose measure a value is.</summary>
public enum MeasureScope
{
    /// <summary>person:ID</summary>
    Person,
    /// <summary>team:ID</summary>
    Team,
    /// <summary>product:ID</summary>
    Product,
}

/// <summary>Business measures of persons, teams and products for the period (team.revenue, product.gmv, …).</summary>
public sealed class Measures
{
    private readonly Dictionary<(MeasureScope, string, string), decimal> _values = [];

    /// <summary>Sets a measure; returns false when it was already set.</summary>
    public bool Set(MeasureScope scope, string id, string name, decimal value) => _values.TryAdd((scope, id, name), value);

    /// <summary>Every measure, in no particular order.</summary>
    public IEnumerable<(MeasureScope Scope, string Id, string Name, decimal Value)> All =>
        _values.Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Value));

    /// <summary>A measure, or null.</summary>
    public decimal? Get(MeasureScope scope, string? id, string name) =>
        id is not null && _values.TryGetValue((scope, id, name), out var v) ? v : null;

    /// <summary>Resolves a dotted name (team.revenue) for a person; null when absent.</summary>
    public decimal? Resolve(string name, PersonInfo? person)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || person is null)
            return null;
        var measure = name[(dot + 1)..];
        return name[..dot] switch
        {
            "team" => Get(MeasureScope.Team, person.Team, measure),
            "product" => Get(MeasureScope.Product, person.Product, measure),
            "person" => Get(MeasureScope.Person, person.Id, measure),
            _ => null,
        };
    }
}

/// <summary>A milestone event recorded for a product (e.g. demand_validated on 2026-02-14).</summary>
public sealed record MilestoneEvent(string Product, string Event, DateOnly Date);

/// <summary>A nomination for an award rule; <paramref name="Where"/> locates it in its file for messages.</summary>
public sealed record AwardNomination(string Rule, string Person, decimal Amount, decimal? EquityUnits, string NominatedBy, string? ApprovedBy, string Where);
