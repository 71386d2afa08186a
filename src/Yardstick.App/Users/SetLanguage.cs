using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Users;

/// <summary>
/// Remembers the language a user chose (zh-CN or en) as a claim of their login, so that it follows them to another browser;
/// Identity puts it in the user's principal when they sign in. A user changes only their own; the system user has none.
/// </summary>
public sealed class SetLanguage(UserManager<YardstickUser> users, CurrentUser user)
{
    /// <summary>The claim that holds a user's language tag (<c>zh-CN</c> or <c>en</c>).</summary>
    public const string ClaimType = "yardstick:language";

    public async Task<Result<Language>> RunAsync(string tag, CancellationToken ct = default)
    {
        if (LocalizedText.ParseLanguage(tag) is not { } language)
            return Problem.Invalid("language", $"'{tag}' 不是语言；应为 zh-CN 或 en", $"'{tag}' is not a language; expected zh-CN or en");
        if (user.UserId is null || await users.FindByIdAsync(user.UserId) is not { } me)
            return Problem.NotFound("user", "系统用户没有可记住的语言", "the system user has no language to remember");
        ct.ThrowIfCancellationRequested();
        var value = Tag(language);
        var held = (await users.GetClaimsAsync(me)).Where(c => c.Type == ClaimType).ToList();
        if (held.Count == 1 && held[0].Value == value)
            return language;
        if (held.Count > 0)
            await users.RemoveClaimsAsync(me, held);
        var result = await users.AddClaimAsync(me, new Claim(ClaimType, value));
        return result.Succeeded ? language : Result<Language>.Fail(IdentityProblems.Of(result, users.Options.Password, me.Email ?? ""));
    }

    /// <summary>The tag of a language as cultures name it.</summary>
    public static string Tag(Language language) => language switch
    {
        Language.ZhCN => "zh-CN",
        Language.En => "en",
    };
}
