using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Organisations;

/// <summary>
/// The organisation a command acts in (review.md R1): the one with the given code; without a code the only one of the
/// installation, so that a single company never names one. Works in a context for no organisation (it runs before the
/// organisation is known).
/// </summary>
public sealed class ResolveOrganisation(YardstickDb db)
{
    /// <summary><see cref="Problem.Code"/> of the problem when several organisations exist and none is named.</summary>
    public const string Ambiguous = "organisation.ambiguous";

    /// <summary><see cref="Problem.Code"/> of the problem when the named organisation does not exist.</summary>
    public const string Unknown = "organisation.unknown";

    public async Task<Result<Organisation>> RunAsync(string? code, CancellationToken ct = default)
    {
        var all = await new ListOrganisations(db).RunAsync(ct);
        var codes = string.Join(", ", all.Select(o => o.Code));
        if (!string.IsNullOrWhiteSpace(code))
        {
            var wanted = code.Trim();
            return all.SingleOrDefault(o => o.Code == wanted) is { } found
                ? found
                : Problem.NotFound("organisation", $"没有组织 '{wanted}'；现有组织：{codes}", $"there is no organisation '{wanted}'; the organisations are: {codes}", Unknown, wanted);
        }

        return all.Count switch
        {
            1 => all[0],
            0 => Problem.NotFound("organisation", "数据库中没有任何组织", "the database holds no organisation", Unknown),
            _ => Problem.Invalid("organisation", $"数据库中有多个组织（{codes}）；请指定一个", $"the database holds several organisations ({codes}); name one", Ambiguous),
        };
    }
}
