using System.Net;
using System.Text.RegularExpressions;

namespace Yardstick.Web.Tests;

/// <summary>The static server-rendered forms (login, setup) as a browser posts them: the page's hidden fields (antiforgery token, form name) and the inputs.</summary>
public static partial class Pages
{
    /// <summary>The path a redirect leads to, whether the server wrote it relative or absolute (static SSR navigation writes it absolute).</summary>
    public static string? RedirectPath(HttpResponseMessage response) => response.Headers.Location is not { } location
        ? null
        : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, IReadOnlyDictionary<string, string> fields, bool withAntiforgery = true)
    {
        var html = await browser.GetStringAsync(path);
        var form = Hidden().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        if (!withAntiforgery)
            form.Remove("__RequestVerificationToken");
        foreach (var (name, value) in fields)
            form[name] = value;
        return await browser.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public static async Task<HttpResponseMessage> LoginThroughFormAsync(HttpClient browser, string email, string password)
    {
        var response = await PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    /// <summary>GETs a page that must answer 200 and gives its HTML.</summary>
    public static async Task<string> OkAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The rows of a table marked by <paramref name="attribute"/>: its value → the text of each cell, tags removed.</summary>
    public static List<(string Key, string[] Cells)> Rows(string html, string attribute) => [.. Regex.Matches(html, $"""<tr {attribute}="(?<key>[^"]+)"[^>]*>(?<cells>.*?)</tr>""", RegexOptions.Singleline)
        .Select(m => (WebUtility.HtmlDecode(m.Groups["key"].Value), Cell().Matches(m.Groups["cells"].Value).Select(c => WebUtility.HtmlDecode(Tag().Replace(c.Groups["text"].Value, " ")).Trim()).ToArray()))];

    [GeneratedRegex("""<td[^>]*>(?<text>.*?)</td>""", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)" */?>""")]
    private static partial Regex Hidden();
}
