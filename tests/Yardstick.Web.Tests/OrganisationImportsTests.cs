using System.Net;
using System.Text;
using System.Text.Json;
using Yardstick.App.Demo;

namespace Yardstick.Web.Tests;

/// <summary>
/// The imports of every kind through the API (review.md R11: <c>POST /api/v1/imports/{kind}</c> for the organisation's data,
/// <c>POST /api/v1/periods/{period}/imports/{kind}</c> for a period's) and the organisation page's Users and Imports tabs:
/// a good file is stored and read back, a bad one stores nothing and names its row and column, a kind posted to the other
/// route is not found there and says where it belongs.
/// </summary>
public sealed class OrganisationImportsTests(DemoHosts hosts) : IClassFixture<DemoHosts>
{
    private static MultipartFormDataContent Csv(string csv, string name, params (string Field, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", name } };
        foreach (var (field, value) in fields)
            form.Add(new StringContent(value), field);
        return form;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<List<JsonElement>> TeamsAsync(HttpClient api) =>
        [.. JsonDocument.Parse(await api.GetStringAsync("/api/v1/organisation")).RootElement.GetProperty("teams").EnumerateArray()];

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Teams_BadThenGood_BadStoresNothingGoodIsReadBack(string provider)
    {
        await using var host = await hosts.OwnAsync(provider);
        using var api = await host.ApiAsync("hr@industrial.demo", LoadDemo.Password);
        var before = await TeamsAsync(api);

        var bad = await JsonAsync(await api.PostAsync("/api/v1/imports/teams?lang=en",
            Csv("team,name,member,share\nplatform_x,Platform X,zhang_wei,0.6\nplatform_x,Platform X,nobody,0.4\n", "teams.csv")), HttpStatusCode.UnprocessableEntity);

        var errors = bad.GetProperty("errors").EnumerateObject().ToList();
        var error = Assert.Single(errors);
        Assert.StartsWith("teams.csv:3:", error.Name, StringComparison.Ordinal);
        Assert.Contains("'nobody' is not an employee", error.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before.Select(t => t.GetRawText()), (await TeamsAsync(api)).Select(t => t.GetRawText()));

        var stored = await JsonAsync(await api.PostAsync("/api/v1/imports/teams",
            Csv("team,name,member,share\nplatform_x,Platform X,zhang_wei,0.6\nplatform_x,Platform X,li_ming,0.4\n", "teams.csv")), HttpStatusCode.OK);

        Assert.Equal(("teams.csv", 2), (stored.GetProperty("file").GetString(), stored.GetProperty("rows").GetInt32()));
        var team = Assert.Single(await TeamsAsync(api), t => t.GetProperty("id").GetString() == "platform_x");
        Assert.Equal("Platform X", team.GetProperty("name").GetString());
        Assert.Equal([("li_ming", 0.4m), ("zhang_wei", 0.6m)],
            team.GetProperty("members").EnumerateArray().Select(m => (m.GetProperty("id").GetString(), m.GetProperty("share").GetDecimal())));
        Assert.Equal(before.Count + 1, (await TeamsAsync(api)).Count);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Kinds_OnTheWrongRouteOrWithOptionsTheyDoNotTake_AreRefusedWithWhereTheyBelong(string provider)
    {
        var host = await hosts.HostAsync(provider);
        using var admin = await host.ApiAsync("hr@saas.demo", LoadDemo.Password);
        using var pm = await host.ApiAsync("li_na@saas.demo", LoadDemo.Password);
        const string teams = "team,name,member,share\nx,X,,\n";

        var actualsHere = await JsonAsync(await admin.PostAsync("/api/v1/imports/actuals?lang=en", Csv("person,indicator,value\n", "a.csv")), HttpStatusCode.NotFound);
        var teamsInAPeriod = await JsonAsync(await admin.PostAsync("/api/v1/periods/2026-11/imports/teams?lang=en", Csv(teams, "t.csv")), HttpStatusCode.NotFound);
        var unknown = await JsonAsync(await admin.PostAsync("/api/v1/imports/budgets?lang=en", Csv(teams, "t.csv")), HttpStatusCode.NotFound);
        var scoped = await JsonAsync(await admin.PostAsync("/api/v1/periods/2026-11/imports/ratings?lang=en", Csv("campaign,ratee,rater,rater_group,question,score\n", "r.csv", ("scope", "hr"))), HttpStatusCode.UnprocessableEntity);
        var replaced = await JsonAsync(await admin.PostAsync("/api/v1/periods/2026-11/imports/requests?lang=en", Csv("id,person,created_at,first_response_at,solution_at\n", "q.csv", ("replace", "true"))), HttpStatusCode.UnprocessableEntity);
        var byPm = await pm.PostAsync("/api/v1/imports/teams?lang=en", Csv(teams, "t.csv"));
        var noFile = await JsonAsync(await admin.PostAsync("/api/v1/imports/teams?lang=en", new MultipartFormDataContent { { new StringContent("x"), "other" } }), HttpStatusCode.UnprocessableEntity);

        Assert.Contains("/api/v1/periods/{period}/imports/actuals", actualsHere.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("/api/v1/imports/teams", teamsInAPeriod.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("employees, salaries, teams, products, stages", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(scoped.GetProperty("errors").TryGetProperty("scope", out _), scoped.GetRawText());
        Assert.True(replaced.GetProperty("errors").TryGetProperty("replace", out _), replaced.GetRawText());
        Assert.Equal(HttpStatusCode.Forbidden, byPm.StatusCode);
        Assert.True(noFile.GetProperty("errors").TryGetProperty("file", out _), noFile.GetRawText());
        Assert.DoesNotContain(await TeamsAsync(admin), t => t.GetProperty("id").GetString() == "x");
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Requests_OfACollectingPeriod_AreStoredThroughThePeriodRoute(string provider)
    {
        await using var host = await hosts.OwnAsync(provider);
        using var api = await host.ApiAsync("hr@saas.demo", LoadDemo.Password);

        const string file = "id,person,created_at,first_response_at,solution_at\nweb-1,li_na,2026-11-03 09:00,2026-11-03 15:00,2026-11-05 09:00\n";
        var stored = await JsonAsync(await api.PostAsync("/api/v1/periods/2026-11/imports/requests", Csv(file, "requests.csv", ("scope", "web"))), HttpStatusCode.OK);
        var again = await JsonAsync(await api.PostAsync("/api/v1/periods/2026-11/imports/requests", Csv(file, "requests.csv", ("scope", "web"))), HttpStatusCode.OK);

        Assert.Equal(("requests.csv", 1, 0), (stored.GetProperty("file").GetString(), stored.GetProperty("rows").GetInt32(), stored.GetProperty("replaced").GetInt32()));
        // the scope 'web' held the first upload's request: the second replaces it
        Assert.Equal(1, again.GetProperty("replaced").GetInt32());
        Assert.True(again.GetProperty("import").GetInt64() > stored.GetProperty("import").GetInt64());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task OrganisationPage_Admin_ShowsItsUsersAndTheOrganisationKindsToUpload(string provider)
    {
        var browser = await hosts.SignInAsync(provider, "hr@industrial.demo");

        var html = await Pages.OkAsync(browser, "/organisation");

        Assert.Contains("data-user=\"hr@industrial.demo\"", html, StringComparison.Ordinal);
        Assert.Contains("data-user=\"li_ming@industrial.demo\"", html, StringComparison.Ordinal);
        var kinds = System.Text.RegularExpressions.Regex.Matches(html, "<option value=\"([a-z]+)\"").Select(m => m.Groups[1].Value);
        Assert.Equal(["employees", "salaries", "teams", "products", "stages"], kinds);
        Assert.Contains("person,name", html, StringComparison.Ordinal);
    }
}
