using Microsoft.AspNetCore.Identity;
using Yardstick.Core.Common;

namespace Yardstick.App.Users;

/// <summary>Identity's validation errors as bilingual problems (Identity describes them in English only); never quotes a password.</summary>
internal static class IdentityProblems
{
    public static List<Problem> Of(IdentityResult result, PasswordOptions password, string email) =>
        [.. result.Errors.Select(e => Of(e, password, email))];

    private static Problem Of(IdentityError error, PasswordOptions password, string email) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => Problem.Invalid("password", $"密码至少需要 {password.RequiredLength} 个字符", $"the password needs at least {password.RequiredLength} characters"),
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => Problem.Invalid("password", "密码需要至少一个数字（0–9）", "the password needs at least one digit (0–9)"),
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => Problem.Invalid("password", "密码需要至少一个小写字母（a–z）", "the password needs at least one lower-case letter (a–z)"),
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => Problem.Invalid("password", "密码需要至少一个大写字母（A–Z）", "the password needs at least one upper-case letter (A–Z)"),
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => Problem.Invalid("password", "密码需要至少一个字母和数字以外的字符", "the password needs at least one character that is not a letter or digit"),
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => Problem.Invalid("password", $"密码需要至少 {password.RequiredUniqueChars} 个不同的字符", $"the password needs at least {password.RequiredUniqueChars} different characters"),
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) =>
            Problem.Conflict("email", $"邮箱 {email} 已被另一个用户使用；每个邮箱在整个系统中只能属于一个用户", $"email {email} is already used by another user; an email belongs to one user in the whole installation"),
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) =>
            Problem.Invalid("email", $"'{email}' 不是有效的邮箱地址，例如 li.na@example.com", $"'{email}' is not an email address such as li.na@example.com"),
        nameof(IdentityErrorDescriber.ConcurrencyFailure) => Problem.Conflict("email", "该用户同时被另一操作修改；请重试", "the user was changed by another action at the same time; try again"),
        _ => Problem.Invalid("user", "用户未通过身份验证系统的检查：" + error.Description, error.Description),
    };
}
