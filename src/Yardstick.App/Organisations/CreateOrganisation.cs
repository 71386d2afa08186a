using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Organisations;

/// <summary>
/// Creates an organisation of the installation (review.md R1) with the default settings; an admin's action, audited in
/// the organisation the admin acts in. The code is lower-case ASCII letters, digits, '-' and '_' (1–64 characters) and
/// unique; the Chinese name is required, the English name defaults to it.
/// </summary>
public sealed partial class CreateOrganisation(YardstickDb db, CurrentUser? user = null)
{
    public const int MaxNameLength = 200;

    private readonly UserAccess _access = new(db, user);

    public async Task<Result<Organisation>> RunAsync(string code, string? nameZh, string? nameEn = null, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var problems = new List<Problem>();
        code = code.Trim();
        if (!CodePattern().IsMatch(code))
            problems.Add(Problem.Invalid("code", $"组织代码 '{code}' 无效：只能使用小写英文字母、数字、'-' 和 '_'，长度 1–64，例如 industrial",
                $"'{code}' is not an organisation code; use 1–64 lower-case letters a–z, digits, '-' or '_', such as industrial"));
        var zh = nameZh?.Trim() ?? "";
        var en = string.IsNullOrWhiteSpace(nameEn) ? zh : nameEn.Trim();
        if (zh.Length == 0)
            problems.Add(Problem.Invalid("name", "组织名称不能为空", "the organisation needs a name"));
        foreach (var (field, name) in new[] { ("name", zh), ("name_en", en) }.Where(n => n.Item2.Length > MaxNameLength))
            problems.Add(Problem.Invalid(field, $"组织名称最多 {MaxNameLength} 个字符，这里有 {name.Length} 个", $"an organisation name has at most {MaxNameLength} characters; this one has {name.Length}"));
        if (problems.Count > 0)
            return Result<Organisation>.Fail(problems);
        if (await db.Organisations.AnyAsync(o => o.Code == code, ct))
            return Problem.Conflict("code", $"组织 '{code}' 已存在；请换一个代码", $"organisation '{code}' already exists; choose another code");

        var org = db.Organisations.Add(new Organisation { Code = code, NameZh = zh, NameEn = en }).Entity;
        await db.SaveChangesAsync(ct);
        return org;
    }

    [GeneratedRegex("^[a-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
