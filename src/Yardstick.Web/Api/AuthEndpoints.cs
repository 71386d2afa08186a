using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.Web.Api;

/// <summary>The login of the API (review.md R11): Identity's bearer token. There is no register endpoint (R1: no self-registration).</summary>
public static class AuthEndpoints
{
    public sealed record LoginRequest(string Email, string Password);

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder group)
    {
        group.MapPost("/login", LoginAsync).AllowAnonymous()
            .Produces<AccessTokenResponse>()
            .WithSummary("Log in with email and password; answers a bearer token (Authorization: Bearer …), lockout after 5 failures.");
        return group;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(LoginRequest body, SignInManager<YardstickUser> signIn)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(body.Email?.Trim() ?? "", body.Password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return TypedResults.Empty; // the bearer handler has written the token
        return ProblemResults.Unauthorized(result.IsLockedOut
            ? new LocalizedText("登录失败次数过多，账户已锁定；请稍后再试或请管理员解锁", "too many failed logins: the account is locked; try again later or ask an admin to unlock it")
            : new LocalizedText("邮箱或密码不正确", "the email or the password is wrong"));
    }
}
