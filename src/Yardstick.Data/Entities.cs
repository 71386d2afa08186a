namespace Yardstick.Data;

/// <summary>An entity whose every change writes one audit row; <see cref="AuditKey"/> names it without its database id.</summary>
public interface IAudited
{
    /// <summary>A natural key known before the row is saved (period label, person id, …).</summary>
    string AuditKey { get; }
}

/// <summary>
/// A record that belongs to exactly one organisation (review.md R1). <see cref="YardstickDb"/> sets
/// <see cref="OrganisationId"/> when such a record is added, shows only its own organisation's records and refuses to
/// save a change to another organisation's.
/// </summary>
public interface IOrganisationOwned
{
    /// <summary>The organisation the record belongs to (<see cref="Organisation.Id"/>).</summary>
    int OrganisationId { get; }
}

/// <summary>
/// An organisation (a company) of the installation (review.md R1): its code (<c>industrial</c>), its names, its time
/// zone, request service levels (scoring.md §8) and how a stage change inside a period counts (§6). A new database
/// holds one, <see cref="DefaultCode"/> (id <see cref="DefaultId"/>).
/// </summary>
public sealed class Organisation : IAudited
{
    /// <summary>The id of the organisation every database starts with.</summary>
    public const int DefaultId = 1;

    /// <summary>The code of the organisation every database starts with.</summary>
    public const string DefaultCode = "default";

    public int Id { get; set; }
    /// <summary>Unique in the installation: lower-case ASCII letters, digits, '-' and '_' (1–64).</summary>
    public string Code { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string TimeZone { get; set; } = Core.Requests.RequestSla.DefaultTimeZoneId;
    public int ResponseLimitHours { get; set; } = 24;
    public int SolutionLimitHours { get; set; } = 72;
    /// <summary>The <c>pro_rata</c> setting: under a lifecycle bundle, weight each stage's total by its days in the period instead of taking the stage on the last day.</summary>
    public bool ProRata { get; set; }
    /// <summary>review.md R3: the most points a <c>points</c> adjustment may add or take away (default 10.00).</summary>
    public decimal MaxAdjustmentPoints { get; set; } = 10.00m;
    /// <summary>review.md R2 ¹: show X their scorecard from Calculated on, marked preliminary until Published.</summary>
    public bool PreliminaryToSelf { get; set; }
    /// <summary>review.md R2 ²: show managers their reports' pay.</summary>
    public bool ManagersSeePay { get; set; }
    /// <summary>review.md R4: the smallest calibration group (default 10).</summary>
    public int MinGroupSize { get; set; } = 10;
    /// <summary>review.md R4: the distribution rule as JSON (empty: none), copied into a period when it is opened.</summary>
    public string DistributionRule { get; set; } = "";
    public string AuditKey => Code;
}

/// <summary>
/// A login (review.md R1), stored by ASP.NET Core Identity: it belongs to one organisation, is linked to at most one
/// employee of that organisation, and holds the roles <c>admin</c> and <c>finance</c> as Identity roles. The user name
/// is the email, unique in the installation.
/// </summary>
public sealed class YardstickUser : Microsoft.AspNetCore.Identity.IdentityUser, IAudited
{
    public int OrganisationId { get; set; }
    /// <summary>The employee of the organisation this user is (null: none, such as an outside rater or an HR account).</summary>
    public string? EmployeeId { get; set; }
    public string AuditKey => Email ?? UserName ?? Id;
}

/// <summary>The stored roles of users (review.md R1), as Identity role names.</summary>
public static class RoleNames
{
    public const string Admin = "admin";
    public const string Finance = "finance";

    /// <summary>Every role, in the order they are listed.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Finance];
}

/// <summary>A person: manager hierarchy, role, active dates.</summary>
public sealed class Employee : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? ManagerId { get; set; }
    public string Role { get; set; } = "pm";
    public DateOnly? ActiveFrom { get; set; }
    public DateOnly? ActiveTo { get; set; }
    public string AuditKey => Id;
}

/// <summary>A team or product line.</summary>
public sealed class Team : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string AuditKey => Id;
}

/// <summary>A member of a team with the team lead's contribution share (null: none given).</summary>
public sealed class TeamMember : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public string TeamId { get; set; } = "";
    public string EmployeeId { get; set; } = "";
    public decimal? Share { get; set; }
    public string AuditKey => TeamId + "/" + EmployeeId;
}

/// <summary>A product with its launch date; its owner PMs are <see cref="ProductOwner"/> rows.</summary>
public sealed class Product : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public DateOnly? LaunchDate { get; set; }
    public string AuditKey => Id;
}

/// <summary>An owner PM of a product: the product's milestones, excess shares and profit shares are split among its owners (scoring.md §4).</summary>
public sealed class ProductOwner : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public string ProductId { get; set; } = "";
    public string EmployeeId { get; set; } = "";
    public string AuditKey => ProductId + "/" + EmployeeId;
}

/// <summary>A lifecycle stage of a product from a day on (scoring.md §6).</summary>
public sealed class ProductStage : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public string ProductId { get; set; } = "";
    public string Stage { get; set; } = "";
    public DateOnly From { get; set; }
    public string AuditKey => ProductId + "@" + From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A monthly base salary in effect from a day on, in minor units (fen) so the database sums it exactly.</summary>
public sealed class SalaryRecord : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public string EmployeeId { get; set; } = "";
    public DateOnly EffectiveFrom { get; set; }
    public long AmountMinor { get; set; }
    public string Currency { get; set; } = "CNY";
    public string AuditKey => EmployeeId + "@" + EffectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A version of a scheme (with its plan) as scheme JSON; immutable once a period uses it.</summary>
public sealed class SchemeVersion : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public int Version { get; set; }
    public string Json { get; set; } = "";
    public string Hash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string AuditKey => Code + " v" + Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Whose actual a row is.</summary>
public static class ScopeKinds
{
    public const string Person = "person";
    public const string Team = "team";
    public const string Product = "product";
}

/// <summary>An actual value of a person, team or product for a period, with its source, author and time.</summary>
public sealed class Actual : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public int PeriodId { get; set; }
    public string ScopeKind { get; set; } = ScopeKinds.Person;
    public string ScopeId { get; set; } = "";
    public string Indicator { get; set; } = "";
    public decimal Value { get; set; }
    public string Source { get; set; } = "import";
    public string Author { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public long? ImportId { get; set; }
    public string AuditKey => $"{PeriodId}/{ScopeKind}:{ScopeId}/{Indicator}";
}

/// <summary>A waived indicator of a person in a period, with the reason (scoring.md §2).</summary>
public sealed class Waiver : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public int PeriodId { get; set; }
    public string Person { get; set; } = "";
    public string Indicator { get; set; } = "";
    public string Reason { get; set; } = "";
    public string Author { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string AuditKey => $"{PeriodId}/{Person}/{Indicator}";
}

/// <summary>
/// A review adjustment (review.md R3: <c>actual</c>, <c>score</c>, <c>points</c>) or a final grade (R4: <c>grade</c>) of
/// one person in one period; one per (period, person, kind, indicator), a later one replacing it. Every change is audited
/// with its author (maker-checker reads the audit: an approver who ever adjusted in the period is refused, R6).
/// </summary>
public sealed class Adjustment : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public int PeriodId { get; set; }
    public string Person { get; set; } = "";
    /// <summary><c>actual</c>, <c>score</c>, <c>points</c> or <c>grade</c>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The indicator code (<c>actual</c>, <c>score</c>), else empty.</summary>
    public string Indicator { get; set; } = "";
    /// <summary>The corrected actual, the score, or the points added (0 for a grade).</summary>
    public decimal Value { get; set; }
    /// <summary>The final grade (<c>grade</c>), else null.</summary>
    public string? Grade { get; set; }
    public string Reason { get; set; } = "";
    public string Author { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string AuditKey => $"{PeriodId}/{Person}/{Kind}/{Indicator}";
}

/// <summary>
/// A reporting line recorded when a period moved to InReview (review.md R4): an employee and their manager then, so that the
/// period's calibration groups do not move during review. Written once per review, never changed: not audited.
/// </summary>
public sealed class ReportingLine : IOrganisationOwned
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public int PeriodId { get; set; }
    public string Person { get; set; } = "";
    public string Manager { get; set; } = "";
}

/// <summary>A milestone event of a product.</summary>
public sealed class MilestoneEventRow : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public string ProductId { get; set; } = "";
    public string Event { get; set; } = "";
    public DateOnly Date { get; set; }
    /// <summary>The period whose import recorded the event (null: entered otherwise).</summary>
    public int? PeriodId { get; set; }
    /// <summary>The import that wrote the row; a re-import of the same (period, kind, scope) deletes its rows.</summary>
    public long? ImportId { get; set; }
    public string AuditKey => ProductId + "/" + Event;
}

/// <summary>An award nomination of a period (scoring.md §4), the amount in minor units (fen); paid once approved by a second person.</summary>
public sealed class AwardRow : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public int PeriodId { get; set; }
    public long? ImportId { get; set; }
    public string Rule { get; set; } = "";
    public string Person { get; set; } = "";
    public long AmountMinor { get; set; }
    public decimal? EquityUnits { get; set; }
    public string NominatedBy { get; set; } = "";
    public string? ApprovedBy { get; set; }
    /// <summary>Where the nomination came from (FILE:LINE), so the payout engine's messages point at it.</summary>
    public string Source { get; set; } = "";
    public string AuditKey => $"{PeriodId}/{Rule}/{Person}";
}

/// <summary>A cross-department request with its timestamps (UTC instants), from an import for a period.</summary>
public sealed class RequestRow : IOrganisationOwned
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public int PeriodId { get; set; }
    public long ImportId { get; set; }
    public string ExternalId { get; set; } = "";
    public string Person { get; set; } = "";
    public string FromDepartment { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FirstResponseAt { get; set; }
    public DateTimeOffset? SolutionAt { get; set; }
}

/// <summary>A 360 rating campaign for one rating indicator of a period; it counts once closed.</summary>
public sealed class RatingCampaign : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public int Id { get; set; }
    public int PeriodId { get; set; }
    public string Name { get; set; } = "";
    public string Indicator { get; set; } = "";
    public DateTimeOffset? ClosedAt { get; set; }
    public string AuditKey => $"{PeriodId}/{Name}";
}

/// <summary>A rater asked to rate a ratee in a campaign, in a rater group.</summary>
public sealed class RatingRater : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public string Ratee { get; set; } = "";
    public string Rater { get; set; } = "";
    public string RaterGroup { get; set; } = "";
    /// <summary>When the rater's answers were last recorded (null: not yet answered).</summary>
    public DateTimeOffset? RespondedAt { get; set; }
    public string AuditKey => $"{CampaignId}/{Ratee}/{Rater}";
}

/// <summary>A rater's answer to one question (1–5).</summary>
public sealed class RatingResponseRow : IOrganisationOwned
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public long RaterId { get; set; }
    public int Question { get; set; }
    public decimal Score { get; set; }
}

/// <summary>A calculation run of a period; exactly one run of a period is current.</summary>
public sealed class CalculationRun : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public int PeriodId { get; set; }
    public int Number { get; set; }
    public int SchemeVersionId { get; set; }
    public bool IsCurrent { get; set; }
    public string Actor { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public int Scorecards { get; set; }
    public string ResultsHash { get; set; } = "";
    /// <summary>The ledger after this run (milestones, profit shares, grades), as the ledger JSON.</summary>
    public string LedgerJson { get; set; } = "";
    /// <summary>
    /// Everything the run read (App's InputsSnapshot: canonical JSON, gzip-compressed), so that its results can be shown again in
    /// either language and a later change of its inputs is seen; empty for runs made before the snapshot existed.
    /// </summary>
    public byte[] Inputs { get; set; } = [];

    /// <summary>The SHA-256 of each section of <see cref="Inputs"/>, as a JSON object keyed by section name.</summary>
    public string InputsFingerprint { get; set; } = "";
    /// <summary>The engine's notices, as a JSON array of {en, zh}.</summary>
    public string NoticesJson { get; set; } = "[]";
    public string AuditKey => $"{PeriodId}#{Number}";
}

/// <summary>One person's scorecard in a run: the figures to sort and filter by, and the §10 result object.</summary>
public sealed class ScorecardRow : IOrganisationOwned
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public long RunId { get; set; }
    public string Person { get; set; } = "";
    public decimal Total { get; set; }
    public string? Grade { get; set; }
    /// <summary>The scheme that evaluated the person: the period's, or under a lifecycle bundle the stage scheme of their product.</summary>
    public string Scheme { get; set; } = "";
    public bool Complete { get; set; }
    /// <summary>Missing indicators that are not waived (approval needs 0).</summary>
    public int Missing { get; set; }
    /// <summary>The codes of the missing indicators that are not waived, comma-separated.</summary>
    public string MissingCodes { get; set; } = "";

    /// <summary>The §10 result object of a run made before <see cref="CalculationRun.Inputs"/> existed (English); empty for later runs, whose results are rendered from their inputs.</summary>
    public string Json { get; set; } = "";
}

/// <summary>A payout line of a run; the amount in minor units (fen).</summary>
public sealed class PayoutLineRow : IOrganisationOwned
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public long RunId { get; set; }
    public string Person { get; set; } = "";
    public int Position { get; set; }
    public string Rule { get; set; } = "";
    public string Kind { get; set; } = "";
    public long AmountMinor { get; set; }
    public string Currency { get; set; } = "CNY";
    public bool Provisional { get; set; }
    /// <summary>The §10 payout object of a run made before <see cref="CalculationRun.Inputs"/> existed (English); empty for later runs.</summary>
    public string Json { get; set; } = "";
}

/// <summary>Kinds of import.</summary>
public static class ImportKinds
{
    public const string Actuals = "actuals";
    public const string Employees = "employees";
    public const string Salaries = "salaries";
    public const string Requests = "requests";
    public const string Teams = "teams";
    public const string Products = "products";
    public const string Stages = "stages";
    public const string Events = "events";
    public const string Awards = "awards";
    public const string Ratings = "ratings";
}

/// <summary>One import of a file: what, for which period and scope, the file's hash and row counts, who.</summary>
public sealed class ImportRecord : IOrganisationOwned, IAudited
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public int? PeriodId { get; set; }
    public string Kind { get; set; } = "";
    public string Scope { get; set; } = "all";
    public string FileName { get; set; } = "";
    public string FileHash { get; set; } = "";
    public int Rows { get; set; }
    public int Replaced { get; set; }
    public string Author { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public bool IsCurrent { get; set; } = true;
    public string AuditKey => $"{Kind}:{FileName}";
}

/// <summary>An append-only audit entry: who changed what when, with the values before and after (JSON).</summary>
public sealed class AuditEntry : IOrganisationOwned
{
    public int OrganisationId { get; private set; }
    public long Id { get; set; }
    public string Actor { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string Entity { get; set; } = "";
    public string EntityKey { get; set; } = "";
    public string Action { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
}
