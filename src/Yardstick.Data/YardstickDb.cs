using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Yardstick.Data;

/// <summary>
/// The system of record, opened for one organisation (review.md R1). Every <see cref="IOrganisationOwned"/> record is
/// filtered to <see cref="OrganisationId"/> in every query, gets it when added, and a change to another organisation's
/// record is refused as a bug (<see cref="InvalidOperationException"/>). Organisations and the Identity tables (users,
/// roles) are not filtered: a login finds its user by email; the use cases over users filter them themselves. A context
/// opened for <see cref="NoOrganisation"/> sees no organisation's records and cannot write any: it migrates, finds the
/// organisation a command acts in and lists organisations.
/// Every change to an <see cref="IAudited"/> entity (and to a user's roles) writes one <see cref="AuditEntry"/> in the
/// same SaveChanges (so in the same transaction). While <see cref="ImportAudit"/> is set, only the
/// <see cref="ImportRecord"/> is audited: an import writes one audit entry, not one per row (scoring.md §11).
/// </summary>
public sealed class YardstickDb : IdentityDbContext<YardstickUser, IdentityRole, string>
{
    /// <summary>The organisation of a context that works on the installation, not in an organisation.</summary>
    public const int NoOrganisation = 0;

    private static readonly JsonSerializerOptions AuditJson = new() { Converters = { new JsonStringEnumConverter() } };

    // a user's password hash and stamps are never written to the audit; failed logins and lockouts are login state, not changes
    private static readonly HashSet<string> UnauditedUserProperties = new(StringComparer.Ordinal)
    {
        nameof(IdentityUser.PasswordHash), nameof(IdentityUser.SecurityStamp), nameof(IdentityUser.ConcurrencyStamp),
        nameof(IdentityUser.AccessFailedCount), nameof(IdentityUser.LockoutEnd),
    };

    public YardstickDb(DbContextOptions<YardstickDb> options, TimeProvider time, string actor, int organisationId)
        : base(options)
    {
        Time = time;
        Actor = actor;
        OrganisationId = organisationId;
        ChangeTracker.Tracking += StampOrganisation;
    }

    public TimeProvider Time { get; }

    /// <summary>Who makes the changes (written to audit entries, imports and runs).</summary>
    public string Actor { get; }

    /// <summary>The organisation this context reads and writes (<see cref="NoOrganisation"/>: none).</summary>
    public int OrganisationId { get; }

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
    public DbSet<Adjustment> Adjustments => Set<Adjustment>();
    public DbSet<ReportingLine> ReportingLines => Set<ReportingLine>();
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
        CheckOrganisation();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AddAuditEntries();
        CheckOrganisation();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // an added record belongs to the context's organisation, set before the record is tracked since it is part of some keys
    // (where EF has given it a temporary value, as it does to a key that is also a foreign key of an untracked principal)
    private void StampOrganisation(object? sender, EntityTrackingEventArgs e)
    {
        if (e is not { State: EntityState.Added, Entry.Entity: IOrganisationOwned })
            return;
        var property = e.Entry.Property(nameof(IOrganisationOwned.OrganisationId));
        if (property.IsTemporary || (int)property.CurrentValue! == NoOrganisation)
        {
            property.CurrentValue = OrganisationId;
            property.IsTemporary = false;
        }
    }

    /// <summary>
    /// Throws when a change would write outside <see cref="OrganisationId"/>: a record of another organisation added,
    /// changed or deleted, or any record at all in a context for <see cref="NoOrganisation"/>. The query filter keeps other
    /// organisations' records out of reach, so reaching this is a bug, never an expected failure.
    /// </summary>
    private void CheckOrganisation()
    {
        foreach (var e in ChangeTracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            int[] owners = e.Entity switch
            {
                IOrganisationOwned => [(int)e.Property(nameof(IOrganisationOwned.OrganisationId)).OriginalValue!, (int)e.Property(nameof(IOrganisationOwned.OrganisationId)).CurrentValue!],
                // an organisation changes only its own settings; adding one is the installation's change (audited in the adding organisation)
                Organisation o when e.State != EntityState.Added => [o.Id],
                _ => [],
            };
            if (owners.Length == 0 || (OrganisationId != NoOrganisation && owners.All(o => o == OrganisationId)))
                continue;
            throw new InvalidOperationException(OrganisationId == NoOrganisation
                ? $"{e.Metadata.ClrType.Name}: a context opened for no organisation cannot write an organisation's records"
                : $"{e.Metadata.ClrType.Name} of organisation {owners.First(o => o != OrganisationId)} cannot be {e.State.ToString().ToLowerInvariant()} by a context of organisation {OrganisationId}");
        }
    }

    private void AddAuditEntries()
    {
        var now = Now;
        var entries = ChangeTracker.Entries()
            .Where(e => e.Entity is IAudited or IdentityUserRole<string> && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
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
                Entity = e.Entity is IdentityUserRole<string> ? "UserRole" : e.Metadata.ClrType.Name,
                EntityKey = e.Entity is IAudited audited ? audited.AuditKey : UserRoleKey((IdentityUserRole<string>)e.Entity),
                Action = action,
                Before = before,
                After = after,
            });
        }
    }

    // a role link names the user by email and the role by name (role ids are the role names, see OnModelCreating)
    private string UserRoleKey(IdentityUserRole<string> link) =>
        (ChangeTracker.Entries<YardstickUser>().FirstOrDefault(u => u.Entity.Id == link.UserId)?.Entity.Email ?? link.UserId) + "/" + link.RoleId;

    private static string Values(EntityEntry e, bool current)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in e.Properties)
        {
            if (p.Metadata.IsPrimaryKey() && p.IsTemporary)
                continue;
            if (e.Entity is YardstickUser && UnauditedUserProperties.Contains(p.Metadata.Name))
                continue;
            values[p.Metadata.Name] = Audited(current ? p.CurrentValue : p.OriginalValue);
        }

        return JsonSerializer.Serialize(values, AuditJson);
    }

    /// <summary>The longest text the audit writes as it is; a longer one, and every binary value, is written as its digest.</summary>
    public const int AuditedTextLimit = 16 * 1024;

    // a run's input snapshot and ledger are megabytes at 50,000 people: the audit names them by their SHA-256 and
    // length (the run itself keeps them), so that an entry stays small and a calculation's memory flat
    private static object? Audited(object? value) => value switch
    {
        byte[] bytes => Digest(bytes),
        string { Length: > AuditedTextLimit } text => Digest(System.Text.Encoding.UTF8.GetBytes(text)),
        _ => value,
    };

    private static string Digest(byte[] bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))} ({bytes.Length} bytes)");

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.Entity<Organisation>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(64);
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.NameZh).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(200);
            e.Property(x => x.TimeZone).HasMaxLength(64);
            e.HasData(new Organisation { Id = Organisation.DefaultId, Code = Organisation.DefaultCode, NameZh = "默认组织", NameEn = "Default organisation" });
        });
        b.Entity<Employee>(e =>
        {
            e.HasKey(x => new { x.OrganisationId, x.Id });
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.ManagerId).HasMaxLength(64);
            e.Property(x => x.Role).HasMaxLength(32);
            e.HasIndex(x => new { x.OrganisationId, x.ManagerId });
        });
        b.Entity<Team>(e =>
        {
            e.HasKey(x => new { x.OrganisationId, x.Id });
            e.Property(x => x.Id).HasMaxLength(64);
        });
        b.Entity<TeamMember>(e =>
        {
            e.HasIndex(x => new { x.OrganisationId, x.TeamId, x.EmployeeId }).IsUnique();
            e.HasIndex(x => new { x.OrganisationId, x.EmployeeId });
        });
        b.Entity<Product>(e =>
        {
            e.HasKey(x => new { x.OrganisationId, x.Id });
            e.Property(x => x.Id).HasMaxLength(64);
        });
        b.Entity<ProductOwner>(e =>
        {
            e.Property(x => x.ProductId).HasMaxLength(64);
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.HasIndex(x => new { x.OrganisationId, x.ProductId, x.EmployeeId }).IsUnique();
            e.HasIndex(x => new { x.OrganisationId, x.EmployeeId });
        });
        b.Entity<ProductStage>(e => e.HasIndex(x => new { x.OrganisationId, x.ProductId, x.From }).IsUnique());
        b.Entity<SalaryRecord>(e =>
        {
            e.HasIndex(x => new { x.OrganisationId, x.EmployeeId, x.EffectiveFrom }).IsUnique();
            e.Property(x => x.Currency).HasMaxLength(3);
        });
        b.Entity<SchemeVersion>(e => e.HasIndex(x => new { x.OrganisationId, x.Code, x.Version }).IsUnique());
        b.Entity<ReviewPeriod>(e =>
        {
            e.ToTable("Periods");
            e.HasIndex(x => new { x.OrganisationId, x.Label }).IsUnique();
            e.Property(x => x.Label).HasMaxLength(16);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Ignore(x => x.Period);
            e.Ignore(x => x.AcceptsData);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<Actual>(e =>
        {
            e.HasIndex(x => new { x.OrganisationId, x.PeriodId, x.ScopeKind, x.ScopeId, x.Indicator }).IsUnique();
            e.HasIndex(x => x.ImportId);
        });
        b.Entity<Waiver>(e => e.HasIndex(x => new { x.OrganisationId, x.PeriodId, x.Person, x.Indicator }).IsUnique());
        b.Entity<Adjustment>(e =>
        {
            e.HasIndex(x => new { x.OrganisationId, x.PeriodId, x.Person, x.Kind, x.Indicator }).IsUnique();
            e.Property(x => x.Person).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(8);
            e.Property(x => x.Indicator).HasMaxLength(64);
            e.Property(x => x.Grade).HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.Author).HasMaxLength(256);
        });
        b.Entity<ReportingLine>(e =>
        {
            e.HasIndex(x => new { x.OrganisationId, x.PeriodId, x.Person }).IsUnique();
            e.Property(x => x.Person).HasMaxLength(64);
            e.Property(x => x.Manager).HasMaxLength(64);
        });
        b.Entity<RequestRow>(e =>
        {
            e.ToTable("Requests");
            e.HasIndex(x => new { x.OrganisationId, x.PeriodId, x.ExternalId }).IsUnique();
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
            // one nomination per (period, rule, person), whatever the import scope (scoring.md §11)
            e.HasIndex(x => new { x.OrganisationId, x.PeriodId, x.Rule, x.Person }).IsUnique();
            e.HasIndex(x => x.ImportId);
        });
        b.Entity<RatingRater>(e => e.HasIndex(x => new { x.OrganisationId, x.CampaignId, x.Ratee, x.Rater }).IsUnique());
        b.Entity<RatingResponseRow>(e =>
        {
            e.ToTable("RatingResponses");
            e.HasIndex(x => new { x.OrganisationId, x.RaterId, x.Question }).IsUnique();
        });
        b.Entity<CalculationRun>(e =>
        {
            e.ToTable("Runs");
            e.HasIndex(x => new { x.OrganisationId, x.PeriodId, x.Number }).IsUnique();
        });
        b.Entity<ScorecardRow>(e =>
        {
            e.ToTable("Scorecards");
            e.HasIndex(x => new { x.OrganisationId, x.RunId, x.Person }).IsUnique();
            e.Property(x => x.Scheme).HasMaxLength(64);
        });
        b.Entity<PayoutLineRow>(e =>
        {
            e.ToTable("PayoutLines");
            e.HasIndex(x => new { x.OrganisationId, x.RunId, x.Person, x.Position }).IsUnique();
        });
        b.Entity<ImportRecord>(e =>
        {
            e.ToTable("Imports");
            e.HasIndex(x => new { x.OrganisationId, x.PeriodId, x.Kind, x.Scope });
        });
        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("Audit");
            e.HasIndex(x => new { x.OrganisationId, x.Entity, x.EntityKey });
        });

        // the one place that ties every record to its organisation (review.md R1)
        var owned = typeof(YardstickDb).GetMethod(nameof(OwnedByOrganisation), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        foreach (var type in b.Model.GetEntityTypes().Select(t => t.ClrType).Where(typeof(IOrganisationOwned).IsAssignableFrom).ToList())
            owned.MakeGenericMethod(type).Invoke(this, [b]);

        b.Entity<YardstickUser>(e =>
        {
            // an email is unique in the installation (Identity's EmailIndex is not unique by default)
            e.HasIndex(x => x.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.HasIndex(x => x.OrganisationId);
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            // the linked employee is one of the user's organisation
            e.HasOne<Employee>().WithMany().HasForeignKey(x => new { x.OrganisationId, x.EmployeeId }).OnDelete(DeleteBehavior.Restrict);
        });
        // role ids are their names, so that a role link reads as a role
        b.Entity<IdentityRole>().HasData(RoleNames.All.Select(r => new IdentityRole { Id = r, Name = r, NormalizedName = r.ToUpperInvariant(), ConcurrencyStamp = r }));
    }

    private void OwnedByOrganisation<T>(ModelBuilder b)
        where T : class, IOrganisationOwned
    {
        b.Entity<T>(e =>
        {
            e.HasOne<Organisation>().WithMany().HasForeignKey(nameof(IOrganisationOwned.OrganisationId)).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => EF.Property<int>(x, nameof(IOrganisationOwned.OrganisationId)) == OrganisationId);
        });
    }
}
