using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Yardstick.Data;

/// <summary>
/// The system of record. Every change to an <see cref="IAudited"/> entity writes one <see cref="AuditEntry"/>
/// in the same SaveChanges (so in the same transaction). While <see cref="ImportAudit"/> is set, only the
/// <see cref="ImportRecord"/> is audited: an import writes one audit entry, not one per row (scoring.md §11).
/// </summary>
public sealed class YardstickDb(DbContextOptions<YardstickDb> options, TimeProvider time, string actor) : DbContext(options)
{
    private static readonly JsonSerializerOptions AuditJson = new() { Converters = { new JsonStringEnumConverter() } };

    public TimeProvider Time { get; } = time;

    /// <summary>Who makes the changes (written to audit entries, imports and runs).</summary>
    public string Actor { get; } = actor;

    public DatabaseProvider Provider => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>Set by imports: audit the import record only.</summary>
    public bool ImportAudit { get; set; }

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Employee> Employees => Set<Employee>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductOwner> ProductOwners => Set<ProductOwner>();
    public DbSet<ProductStage> ProductStages => Set<ProductStage>();
    public DbSet<SalaryRecord> Salaries => Set<SalaryRecord>();
    public DbSet<SchemeVersion> SchemeVersions => Set<SchemeVersion>();
    public DbSet<ReviewPeriod> Periods => Set<ReviewPeriod>();
    public DbSet<Actual> Actuals => Set<Actual>();
    public DbSet<Waiver> Waivers => Set<Waiver>();
    public DbSet<MilestoneEventRow> MilestoneEvents => Set<MilestoneEventRow>();
    public DbSet<AwardRow> Awards => Set<AwardRow>();
    public DbSet<RequestRow> Requests => Set<RequestRow>();
    public DbSet<RatingCampaign> RatingCampaigns => Set<RatingCampaign>();
    public DbSet<RatingRater> RatingRaters => Set<RatingRater>();
    public DbSet<RatingResponseRow> RatingResponses => Set<RatingResponseRow>();
    public DbSet<CalculationRun> Runs => Set<CalculationRun>();
    public DbSet<ScorecardRow> Scorecards => Set<ScorecardRow>();
    public DbSet<PayoutLineRow> PayoutLines => Set<PayoutLineRow>();
    public DbSet<ImportRecord> Imports => Set<ImportRecord>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    public DateTimeOffset Now => Time.GetUtcNow();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AddAuditEntries();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AddAuditEntries();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void AddAuditEntries()
    {
        var now = Now;
        var entries = ChangeTracker.Entries()
            .Where(e => e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => !ImportAudit || e is { Entity: ImportRecord, State: EntityState.Added })
            .ToList();
        foreach (var e in entries)
        {
            var (action, before, after) = e.State switch
            {
                EntityState.Added => ("create", null, Values(e, current: true)),
                EntityState.Deleted => ("delete", Values(e, current: false), null),
                _ => ("update", Values(e, current: false), Values(e, current: true)),
            };
            if (action == "update" && before == after)
                continue;
            Audit.Add(new AuditEntry
            {
                Actor = Actor,
                At = now,
                Entity = e.Metadata.ClrType.Name,
                EntityKey = ((IAudited)e.Entity).AuditKey,
                Action = action,
                Before = before,
                After = after,
            });
        }
    }

    private static string Values(EntityEntry e, bool current)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in e.Properties)
        {
            if (p.Metadata.IsPrimaryKey() && p.IsTemporary)
                continue;
            values[p.Metadata.Name] = current ? p.CurrentValue : p.OriginalValue;
        }

        return JsonSerializer.Serialize(values, AuditJson);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Organisation>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.TimeZone).HasMaxLength(64);
            e.HasData(new Organisation { Id = 1, Name = "default" });
        });
        b.Entity<Employee>(e =>
        {
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.ManagerId).HasMaxLength(64);
            e.Property(x => x.Role).HasMaxLength(32);
            e.HasIndex(x => x.ManagerId);
        });
        b.Entity<Team>(e => e.Property(x => x.Id).HasMaxLength(64));
        b.Entity<TeamMember>(e =>
        {
            e.HasIndex(x => new { x.TeamId, x.EmployeeId }).IsUnique();
            e.HasIndex(x => x.EmployeeId);
        });
        b.Entity<Product>(e => e.Property(x => x.Id).HasMaxLength(64));
        b.Entity<ProductOwner>(e =>
        {
            e.Property(x => x.ProductId).HasMaxLength(64);
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.HasIndex(x => new { x.ProductId, x.EmployeeId }).IsUnique();
            e.HasIndex(x => x.EmployeeId);
        });
        b.Entity<ProductStage>(e => e.HasIndex(x => new { x.ProductId, x.From }).IsUnique());
        b.Entity<SalaryRecord>(e =>
        {
            e.HasIndex(x => new { x.EmployeeId, x.EffectiveFrom }).IsUnique();
            e.Property(x => x.Currency).HasMaxLength(3);
        });
        b.Entity<SchemeVersion>(e => e.HasIndex(x => new { x.Code, x.Version }).IsUnique());
        b.Entity<ReviewPeriod>(e =>
        {
            e.ToTable("Periods");
            e.HasIndex(x => x.Label).IsUnique();
            e.Property(x => x.Label).HasMaxLength(16);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Ignore(x => x.Period);
            e.Ignore(x => x.AcceptsData);
        });
        b.Entity<Actual>(e =>
        {
            e.HasIndex(x => new { x.PeriodId, x.ScopeKind, x.ScopeId, x.Indicator }).IsUnique();
            e.HasIndex(x => x.ImportId);
        });
        b.Entity<Waiver>(e => e.HasIndex(x => new { x.PeriodId, x.Person, x.Indicator }).IsUnique());
        b.Entity<RequestRow>(e =>
        {
            e.ToTable("Requests");
            e.HasIndex(x => new { x.PeriodId, x.ExternalId }).IsUnique();
            e.HasIndex(x => x.CreatedAt);
            e.HasIndex(x => x.ImportId);
        });
        b.Entity<MilestoneEventRow>(e =>
        {
            e.ToTable("MilestoneEvents");
            e.HasIndex(x => x.ImportId);
        });
        b.Entity<AwardRow>(e =>
        {
            e.ToTable("Awards");
            e.HasIndex(x => new { x.PeriodId, x.Rule, x.Person });
            e.HasIndex(x => x.ImportId);
        });
        b.Entity<RatingRater>(e => e.HasIndex(x => new { x.CampaignId, x.Ratee, x.Rater }).IsUnique());
        b.Entity<RatingResponseRow>(e =>
        {
            e.ToTable("RatingResponses");
            e.HasIndex(x => new { x.RaterId, x.Question }).IsUnique();
        });
        b.Entity<CalculationRun>(e =>
        {
            e.ToTable("Runs");
            e.HasIndex(x => new { x.PeriodId, x.Number }).IsUnique();
        });
        b.Entity<ScorecardRow>(e =>
        {
            e.ToTable("Scorecards");
            e.HasIndex(x => new { x.RunId, x.Person }).IsUnique();
            e.Property(x => x.Scheme).HasMaxLength(64);
        });
        b.Entity<PayoutLineRow>(e =>
        {
            e.ToTable("PayoutLines");
            e.HasIndex(x => new { x.RunId, x.Person, x.Position }).IsUnique();
        });
        b.Entity<ImportRecord>(e =>
        {
            e.ToTable("Imports");
            e.HasIndex(x => new { x.PeriodId, x.Kind, x.Scope });
        });
        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("Audit");
            e.HasIndex(x => new { x.Entity, x.EntityKey });
        });
    }
}
