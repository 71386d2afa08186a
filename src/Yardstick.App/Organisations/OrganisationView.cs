using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Organisations;

/// <summary>A person of the organisation with their manager (id and name) and the teams they belong to.</summary>
public sealed record OrganisationPerson(string Id, string Name, string Role, string? Manager, string? ManagerName, DateOnly? ActiveFrom, DateOnly? ActiveTo, IReadOnlyList<string> Teams);

/// <summary>A member of a team with the team lead's contribution share (null: none given).</summary>
public sealed record OrganisationTeamMember(string Id, string Name, decimal? Share);

public sealed record OrganisationTeam(string Id, string Name, IReadOnlyList<OrganisationTeamMember> Members);

/// <summary>One span of a product's lifecycle timeline: the stage from a day on, until the day before the next stage (null: still).</summary>
public sealed record ProductStageSpan(string Stage, DateOnly From, DateOnly? Until);

public sealed record OrganisationProduct(string Id, string Name, DateOnly? Launch, IReadOnlyList<string> Owners, IReadOnlyList<ProductStageSpan> Timeline);

/// <summary>The organisation's settings: those of <c>org set</c> (scoring.md §6, §8) and review.md R2–R4's.</summary>
public sealed record OrganisationSettings(
    string TimeZone,
    int ResponseHours,
    int SolutionHours,
    bool ProRata,
    decimal MaxAdjustmentPoints,
    bool PreliminaryToSelf,
    bool ManagersSeePay,
    int MinGroupSize,
    string DistributionRule)
{
    public static OrganisationSettings Of(Organisation o) => new(o.TimeZone, o.ResponseLimitHours, o.SolutionLimitHours, o.ProRata,
        o.MaxAdjustmentPoints, o.PreliminaryToSelf, o.ManagersSeePay, o.MinGroupSize, o.DistributionRule);
}

/// <summary>What the organisation page shows: its names and settings, its people, teams and products, each ordered by id.</summary>
public sealed record OrganisationOverview(
    string Code,
    LocalizedText Name,
    OrganisationSettings Settings,
    IReadOnlyList<OrganisationPerson> People,
    IReadOnlyList<OrganisationTeam> Teams,
    IReadOnlyList<OrganisationProduct> Products);

/// <summary>
/// The organisation as its admin sees it (review.md R2: settings and the organisation's data are admin work): people with
/// their manager, teams with their members and shares, products with their owners and lifecycle timeline (scoring.md §6),
/// and the settings. Salaries are not part of it.
/// </summary>
public sealed class OrganisationView(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<OrganisationOverview>> RunAsync(CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == db.OrganisationId, ct);
        var employees = await db.Employees.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct);
        var names = employees.ToDictionary(e => e.Id, e => e.Name, StringComparer.Ordinal);
        var members = await db.TeamMembers.AsNoTracking().ToListAsync(ct);
        var teamsOf = members.ToLookup(m => m.EmployeeId, m => m.TeamId, StringComparer.Ordinal);
        var people = employees.Select(e => new OrganisationPerson(e.Id, e.Name, e.Role, e.ManagerId,
                e.ManagerId is { } m ? names.GetValueOrDefault(m) : null, e.ActiveFrom, e.ActiveTo,
                [.. teamsOf[e.Id].Order(StringComparer.Ordinal)]))
            .ToList();

        var membersOf = members.ToLookup(m => m.TeamId, StringComparer.Ordinal);
        var teams = (await db.Teams.AsNoTracking().ToListAsync(ct))
            .OrderBy(t => t.Id, StringComparer.Ordinal)
            .Select(t => new OrganisationTeam(t.Id, t.Name, [.. membersOf[t.Id].OrderBy(m => m.EmployeeId, StringComparer.Ordinal)
                .Select(m => new OrganisationTeamMember(m.EmployeeId, names.GetValueOrDefault(m.EmployeeId) ?? "", m.Share))]))
            .ToList();

        var owners = (await db.ProductOwners.AsNoTracking().ToListAsync(ct)).ToLookup(o => o.ProductId, o => o.EmployeeId, StringComparer.Ordinal);
        var stages = (await db.ProductStages.AsNoTracking().ToListAsync(ct)).ToLookup(s => s.ProductId, StringComparer.Ordinal);
        var products = (await db.Products.AsNoTracking().ToListAsync(ct))
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => new OrganisationProduct(p.Id, p.Name, p.LaunchDate, [.. owners[p.Id].Order(StringComparer.Ordinal)], Timeline(stages[p.Id])))
            .ToList();

        return new OrganisationOverview(org.Code, new LocalizedText(org.NameZh, org.NameEn), OrganisationSettings.Of(org), people, teams, products);
    }

    /// <summary>A product's stages as consecutive spans: each lasts until the day before the next one starts.</summary>
    public static IReadOnlyList<ProductStageSpan> Timeline(IEnumerable<ProductStage> stages)
    {
        var ordered = stages.OrderBy(s => s.From).ToList();
        return [.. ordered.Select((s, i) => new ProductStageSpan(s.Stage, s.From, i + 1 < ordered.Count ? ordered[i + 1].From.AddDays(-1) : null))];
    }
}
