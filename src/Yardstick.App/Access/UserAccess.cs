using Microsoft.EntityFrameworkCore;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Access;

/// <summary>
/// Who a use case runs for, and its questions to the one <see cref="Authorizer"/> (review.md R2). Every use case builds
/// one from its constructor's context and user: the DI container passes the scope's <see cref="CurrentUser"/>; without
/// one (a use case built by hand, as the CLI and the tests do) it runs for the system administrator of the context's
/// organisation, named in the audit by the context's actor, as the CLI acts. A use case asks at the start of its
/// RunAsync and returns the problem (NotFound, Forbidden or Conflict) as its result.
/// </summary>
public sealed class UserAccess
{
    private readonly YardstickDb _db;
    private Authorizer? _authorizer;
    private CurrentUser? _user;

    /// <exception cref="ArgumentException"><paramref name="user"/> acts in another organisation than <paramref name="db"/> is opened for.</exception>
    public UserAccess(YardstickDb db, CurrentUser? user)
    {
        if (user is not null && user.OrganisationId != db.OrganisationId)
            throw new ArgumentException($"the user acts in organisation {user.OrganisationId}, the context is opened for {db.OrganisationId}", nameof(user));
        _db = db;
        _user = user;
    }

    /// <summary>The user the use case runs for: the one given, else the system administrator of the context's organisation.</summary>
    public async Task<CurrentUser> UserAsync(CancellationToken ct = default)
    {
        if (_user is not null)
            return _user;
        var code = await _db.Organisations.Where(o => o.Id == _db.OrganisationId).Select(o => o.Code).SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"a use case runs in an organisation; the context is opened for {_db.OrganisationId}, which does not exist");
        return _user = CurrentUser.System(_db.OrganisationId, code, _db.Actor);
    }

    /// <summary>
    /// Null when the user may take <paramref name="action"/> on <paramref name="person"/> (null: the organisation or the
    /// period as a whole) in <paramref name="period"/> (null: outside any period); else why not.
    /// </summary>
    public async Task<Problem?> CheckAsync(AccessAction action, string? person = null, ReviewPeriod? period = null, CancellationToken ct = default) =>
        await (await AuthorizerAsync(ct)).CheckAsync(await UserAsync(ct), action, person, period, ct);

    /// <summary>The people whose records of <paramref name="action"/> the user may see in <paramref name="period"/> (for lists); <paramref name="anyState"/> as <see cref="Authorizer.PeopleAsync"/>.</summary>
    public async Task<PeopleAccess> PeopleAsync(AccessAction action, ReviewPeriod? period, CancellationToken ct = default, bool anyState = false) =>
        await (await AuthorizerAsync(ct)).PeopleAsync(await UserAsync(ct), action, period, ct, anyState);

    /// <summary>The refusal of <paramref name="action"/> to a user who may take it on nobody in <paramref name="period"/> (403, naming who may).</summary>
    public static Problem Forbidden(AccessAction action, ReviewPeriod period) => AccessRules.Forbidden(action, period.Label);

    /// <summary>Null when the user may take <paramref name="action"/> on the form <paramref name="formId"/> (a <see cref="RatingRater"/> id); else why not.</summary>
    public async Task<Problem?> CheckFormAsync(AccessAction action, long formId, CancellationToken ct = default) =>
        await (await AuthorizerAsync(ct)).CheckFormAsync(await UserAsync(ct), action, formId, ct);

    /// <summary>The rules under the organisation's stored settings (<c>preliminary_to_self</c>, <c>managers_see_pay</c>), read once.</summary>
    private async Task<Authorizer> AuthorizerAsync(CancellationToken ct)
    {
        if (_authorizer is not null)
            return _authorizer;
        var settings = await _db.Organisations.AsNoTracking().Where(o => o.Id == _db.OrganisationId)
            .Select(o => new { o.PreliminaryToSelf, o.ManagersSeePay }).SingleOrDefaultAsync(ct);
        return _authorizer = new Authorizer(_db, settings is null ? null : new AccessSettings(settings.PreliminaryToSelf, settings.ManagersSeePay));
    }
}
