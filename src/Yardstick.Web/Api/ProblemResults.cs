using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yardstick.Core.Common;
using Yardstick.Web.Localization;

namespace Yardstick.Web.Api;

/// <summary>
/// The one mapping of App's problems to RFC 7807 problem details: Invalid 422, NotFound 404, Forbidden 403, Conflict 409 (the
/// kind of the first problem; a use case returns problems of one kind), every message in the request's language in
/// <c>detail</c>, and every located problem under <c>errors</c> by its field or file position; <c>code</c> is the first problem's code.
/// </summary>
public static class ProblemResults
{
    public static int Status(ProblemKind kind) => kind switch
    {
        ProblemKind.Invalid => StatusCodes.Status422UnprocessableEntity,
        ProblemKind.NotFound => StatusCodes.Status404NotFound,
        ProblemKind.Forbidden => StatusCodes.Status403Forbidden,
        ProblemKind.Conflict => StatusCodes.Status409Conflict,
    };

    public static ProblemHttpResult From(IReadOnlyList<Problem> problems)
    {
        var language = Languages.Current;
        var status = Status(problems[0].Kind);
        var details = new ProblemDetails
        {
            Type = TypeOf(status),
            Title = Title(status).Get(language),
            Status = status,
            Detail = string.Join("\n", problems.Select(p => p.Format(language))),
        };
        var located = problems.Where(p => !p.Where.IsNone).GroupBy(p => p.Where.ToString(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Text(language)).ToArray(), StringComparer.Ordinal);
        if (located.Count > 0)
            details.Extensions["errors"] = located;
        if (problems[0].Code is { } code)
            details.Extensions["code"] = code;
        return TypedResults.Problem(details);
    }

    /// <summary>401 with its reason (a failed login, a lockout); an endpoint without a token gets the same title from <see cref="Title"/>.</summary>
    public static ProblemHttpResult Unauthorized(LocalizedText reason) => TypedResults.Problem(new ProblemDetails
    {
        Type = TypeOf(StatusCodes.Status401Unauthorized),
        Title = Title(StatusCodes.Status401Unauthorized).Get(Languages.Current),
        Status = StatusCodes.Status401Unauthorized,
        Detail = reason.Get(Languages.Current),
    });

    public static string TypeOf(int status) => status switch
    {
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        422 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        _ => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
    };

    public static LocalizedText Title(int status) => status switch
    {
        401 => new("需要登录：请先登录（POST /api/v1/auth/login），再以 Authorization: Bearer 令牌调用", "login required: log in (POST /api/v1/auth/login) and send Authorization: Bearer with the token"),
        403 => new("不允许此操作", "not allowed"),
        404 => new("未找到", "not found"),
        409 => new("当前状态不允许此操作", "refused in the current state"),
        422 => new("输入无效", "invalid input"),
        _ => new("服务器出错；已记录，请稍后重试", "the server failed; it was logged, try again later"),
    };
}
