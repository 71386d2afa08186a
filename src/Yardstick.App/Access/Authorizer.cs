using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Access;

/// <summary>
/// The people a user may take an action on, for lists (results, people): everyone (less <see cref="Excluded"/>),
/// or only <see cref="People"/>. <see cref="Preliminary"/> holds the people whose scorecard is shown marked
/// preliminary (at most the user themselves, through <c>preliminary_to_self</c>).
/// </summary>
public sealed record PeopleAccess(bool Everyone, IReadOnlySet<string> People, IReadOnlySet<string> Excluded, IReadOnlySet<string> Preliminary)
{
    /// <summary>True when the user may take the action on <paramref name="person"/>.</summary>
    public bool Contains(string person) => Everyone ? !Excluded.Contains(person) : People.Contains(person);

    /// <summary>True when <paramref name="person"/>'s scorecard is shown to the user as preliminary.</summary>
    public bool IsPreliminary(string person) => Preliminary.Contains(person);
}

/// <summary>
/// The one authorisation service of review.md R2: works out a user's relations to a person or a form from the
/// database (self, manager up the <see cref="Employee.ManagerId"/> chain, rater of a form, stored roles; the CLI's
/// system user is an admin) and asks <see cref="AccessRules.Decide"/>. It answers whether the user may; a use case
/// that is allowed still answers NotFound when the record does not exist.
/// </summary>
public sealed class Authorizer(YardstickDb db, AccessSettings? settings = null)
{
    private static readonly HashSet<string> Nobody = [];

    /// <summary>The organisation settings the rules read (until they are stored: both off).</summary>
    public AccessSettings Settings { get; } = settings ?? AccessSettings.Default;

    /// <summary>
    /// May <paramref name="user"/> take <paramref name="action"/> on <paramref name="person"/> (null: the period or the
    /// organisation as a whole) in <paramref name="period"/> (null: outside any period)? For a form use
    /// <see cref="DecideFormAsync"/>.
    /// </summary>
    public async Task<AccessDecision> DecideAsync(CurrentUser user, AccessAction action, string? person, ReviewPeriod? period, CancellationToken ct = default)
    {
        var rule = AccessRules.Rule(action);
        var relations = rule.Subject switch
        {
            AccessSubject.Person => await RelationsAsync(user, person, ct),
            AccessSubject.Organisation => Roles(user) | (rule.NotOnOwnRecord && await EvaluatedInAsync(user, period, ct) ? AccessRelation.Self : AccessRelation.None),
            AccessSubject.Form => throw new ArgumentException($"{action} is about a form: ask DecideFormAsync", nameof(action)),
        };
        return AccessRules.Decide(action, relations, period?.State, Settings, rule.Subject == AccessSubject.Person ? person : null, period?.Label);
    }

    /// <summary><see cref="DecideAsync"/>'s problem: null when allowed.</summary>
    public async Task<Problem?> CheckAsync(CurrentUser user, AccessAction action, string? person, ReviewPeriod? period, CancellationToken ct = default) =>
        (await DecideAsync(user, action, person, period, ct)).Problem;

    /// <summary>May <paramref name="user"/> view or fill the form <paramref name="formId"/> (a <see cref="RatingRater"/> id)? Only its rater may; a form that does not exist is NotFound.</summary>
    public async Task<AccessDecision> DecideFormAsync(CurrentUser user, AccessAction action, long formId, CancellationToken ct = default)
    {
        if (AccessRules.Rule(action).Subject != AccessSubject.Form)
            throw new ArgumentException($"{action} is not about a form: ask DecideAsync", nameof(action));
        var subject = formId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var form = await (from r in db.RatingRaters
                          join c in db.RatingCampaigns on r.CampaignId equals c.Id
                          join p in db.Periods on c.PeriodId equals p.Id
                          where r.Id == formId
                          select new { r.Rater, r.Ratee, p.Label, p.State }).SingleOrDefaultAsync(ct);
        if (form is null)
            return AccessRules.Decide(action, AccessRelation.None, null, Settings, subject);
        var relations = Roles(user)
            | (IsRater(user, form.Rater) ? AccessRelation.Rater : AccessRelation.None)
            | (user.EmployeeId is { } me && me == form.Ratee ? AccessRelation.Self : AccessRelation.None);
        return AccessRules.Decide(action, relations, form.State, Settings, subject, form.Label);
    }

    /// <summary><see cref="DecideFormAsync"/>'s problem: null when allowed.</summary>
    public async Task<Problem?> CheckFormAsync(CurrentUser user, AccessAction action, long formId, CancellationToken ct = default) =>
        (await DecideFormAsync(user, action, formId, ct)).Problem;

    /// <summary>The forms <paramref name="user"/> was asked to fill (in <paramref name="periodId"/>'s campaigns when given), by campaign then ratee.</summary>
    public async Task<IReadOnlyList<RatingRater>> FormsAsync(CurrentUser user, int? periodId = null, CancellationToken ct = default)
    {
        var (employee, email) = RaterKeys(user);
        if (employee is null && email is null)
            return [];
        var forms = from r in db.RatingRaters
                    join c in db.RatingCampaigns on r.CampaignId equals c.Id
                    where (employee != null && r.Rater == employee) || (email != null && r.Rater.ToLower() == email)
                    where periodId == null || c.PeriodId == periodId
                    orderby r.CampaignId, r.Ratee
                    select r;
        return await forms.AsNoTracking().ToListAsync(ct);
    }

    /// <summary>
    /// The people <paramref name="user"/> may take <paramref name="action"/> (about a person) on in <paramref name="period"/>, for lists.
    /// With <paramref name="anyState"/>, whom they may take it on once the period is in a state the action is tied to (the
    /// manual-entry grid shows its rows read-only while the state refuses).
    /// </summary>
    public async Task<PeopleAccess> PeopleAsync(CurrentUser user, AccessAction action, ReviewPeriod? period, CancellationToken ct = default, bool anyState = false)
    {
        var rule = AccessRules.Rule(action);
        if (rule.Subject != AccessSubject.Person)
            throw new ArgumentException($"{action} is not about a person", nameof(action));
        var roles = Roles(user);
        var state = anyState && rule.States is { Count: > 0 } states && (period?.State is not { } s || !states.Contains(s)) ? states[0] : period?.State;
        AccessDecision Decide(AccessRelation relations) => AccessRules.Decide(action, roles | relations, state, Settings);
        var me = user.EmployeeId;
        var self = me is null ? null : Decide(AccessRelation.Self);
        var selfShown = self is { IsAllowed: true } && me is not null ? new HashSet<string>(StringComparer.Ordinal) { me } : Nobody;
        var preliminary = self is { IsAllowed: true, Preliminary: true } ? selfShown : Nobody;
        if (Decide(AccessRelation.None).IsAllowed)
        {
            var excluded = me is not null && self is { IsAllowed: false } ? new HashSet<string>(StringComparer.Ordinal) { me } : Nobody;
            return new PeopleAccess(true, Nobody, excluded, preliminary);
        }

        var people = new HashSet<string>(selfShown, StringComparer.Ordinal);
        if (Decide(AccessRelation.Manager).IsAllowed)
            people.UnionWith(await ReportsAsync(user, ct));
        return new PeopleAccess(false, people, Nobody, preliminary);
    }

    /// <summary>
    /// The people <paramref name="user"/>'s employee manages, directly or indirectly, as the employees' manager column
    /// reads now (a cycle in it ends the walk; the user is never their own report), ordered by id.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReportsAsync(CurrentUser user, CancellationToken ct = default)
    {
        if (user.EmployeeId is not { } me)
            return [];
        var edges = await db.Employees.Where(e => e.ManagerId != null).Select(e => new { e.Id, e.ManagerId }).ToListAsync(ct);
        var children = edges.ToLookup(e => e.ManagerId!, e => e.Id, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal) { me };
        var queue = new Queue<string>([me]);
        while (queue.TryDequeue(out var manager))
        {
            foreach (var report in children[manager].Where(seen.Add))
                queue.Enqueue(report);
        }

        seen.Remove(me);
        return [.. seen.Order(StringComparer.Ordinal)];
    }

    /// <summary>The relations of <paramref name="user"/> to <paramref name="person"/> (null: roles only).</summary>
    public async Task<AccessRelation> RelationsAsync(CurrentUser user, string? person, CancellationToken ct = default)
    {
        var relations = Roles(user);
        if (person is null || user.EmployeeId is not { } me)
            return relations;
        if (me == person)
            return relations | AccessRelation.Self;
        return await ManagesAsync(me, person, ct) ? relations | AccessRelation.Manager : relations;
    }

    private static AccessRelation Roles(CurrentUser user) =>
        (user.IsAdmin || user.IsSystem ? AccessRelation.Admin : AccessRelation.None) | (user.IsFinance ? AccessRelation.Finance : AccessRelation.None);

    /// <summary>Follows <paramref name="person"/>'s managers upwards, one query a level; a manager met twice is a cycle and ends the walk.</summary>
    private async Task<bool> ManagesAsync(string manager, string person, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { person };
        var current = person;
        while (await db.Employees.Where(e => e.Id == current).Select(e => e.ManagerId).FirstOrDefaultAsync(ct) is { } next && seen.Add(next))
        {
            if (next == manager)
                return true;
            current = next;
        }

        return false;
    }

    /// <summary>True when the user's employee has a scorecard in the current run of <paramref name="period"/>: approving it would approve their own record.</summary>
    private async Task<bool> EvaluatedInAsync(CurrentUser user, ReviewPeriod? period, CancellationToken ct)
    {
        if (user.EmployeeId is not { } me || period is null)
            return false;
        return await (from s in db.Scorecards
                      join r in db.Runs on s.RunId equals r.Id
                      where r.PeriodId == period.Id && r.IsCurrent && s.Person == me
                      select s.Id).AnyAsync(ct);
    }

    /// <summary>A rater is named in a campaign by the user's employee id, or by their email (any case): a rater need not be an employee (R2).</summary>
    private static (string? Employee, string? Email) RaterKeys(CurrentUser user) => (user.EmployeeId, user.Email?.Trim().ToLowerInvariant());

    private static bool IsRater(CurrentUser user, string rater)
    {
        var (employee, email) = RaterKeys(user);
        return rater == employee || (email is not null && string.Equals(rater, email, StringComparison.OrdinalIgnoreCase));
    }
}
