using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yardstick.App.Access;
using Yardstick.App.Demo;
using Yardstick.Data;
using Yardstick.Web.Api;

namespace Yardstick.Web.Tests;

/// <summary>The API's endpoints the matrix covers; <see cref="AuthorisationMatrixTests.Endpoints_OfTheApi_AreAllInTheMatrix"/> keeps the list whole.</summary>
public enum ApiEndpoint
{
    Me,
    Periods,
    Period,
    Review,
    Approve,
    Publish,
    Lock,
    Reopen,
    Results,
    Scorecard,
    Adjustments,
    Adjust,
    RemoveAdjustment,
    Calc,
    Run,
    Trail,
    Audit,
    Organisation,
    OrganisationSettings,
    Calibration,
    Calibrate,
    RemoveGrade,
    ImportActuals,
    Schemes,
    SchemeTemplate,
    SchemeVersion,
    ValidateScheme,
    SaveScheme,
    OpenPeriod,
    ImportOrganisation,
    SetDistribution,
    ManualActuals,
    EnterManualActuals,
    Requests,
    Campaigns,
}

/// <summary>
/// The demo (review.md R12) behind one web host for the whole matrix, and what its admins see of it: every cast member's
/// token and <c>/api/v1/me</c>, each subject period's state, the people of its current run and every amount of pay or salary
/// of each person (from the admin's view and the salaries table), to look for in the answers of those who may not see them.
/// </summary>
public sealed class DemoApi : IAsyncLifetime
{
    /// <summary>What an admin sees of one period: its state, the people of its current run (null: no run) and their pay and salaries.</summary>
    public sealed record PeriodTruth(PeriodState State, IReadOnlyList<string>? Evaluated, IReadOnlyDictionary<string, IReadOnlySet<decimal>> Amounts);

    /// <summary>A signed-in user as <c>/api/v1/me</c> answers: organisation, employee, roles, reports.</summary>
    public sealed record Member(string Organisation, string? Employee, IReadOnlySet<string> Roles, IReadOnlySet<string> Manages);

    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    public WebHost Host { get; } = WebHost.Create().WithDemo();

    public HttpClient Anonymous { get; private set; } = null!;

    public Dictionary<string, Member> Members { get; } = new(StringComparer.Ordinal);

    /// <summary>The labels of every organisation's periods.</summary>
    public Dictionary<string, IReadOnlySet<string>> Labels { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Organisation, string Period), PeriodTruth> Truth { get; } = [];

    public HttpClient Client(string email) => _clients[email];

    public async Task InitializeAsync()
    {
        Anonymous = Host.CreateClient();
        foreach (var email in AuthorisationMatrixTests.Emails())
        {
            _clients[email] = await Host.ApiAsync(email, LoadDemo.Password);
            var me = JsonDocument.Parse(await _clients[email].GetStringAsync("/api/v1/me")).RootElement;
            Members[email] = new Member(me.GetProperty("organisation").GetString()!, me.GetProperty("employeeId").GetString(),
                Strings(me.GetProperty("roles")), Strings(me.GetProperty("manages")));
        }

        var salaries = await SalariesAsync();
        foreach (var org in AuthorisationMatrixTests.Organisations)
        {
            var admin = Client(AuthorisationMatrixTests.Email(org, "admin")!);
            Labels[org] = Strings(JsonDocument.Parse(await admin.GetStringAsync("/api/v1/periods")).RootElement, "label");
            foreach (var period in AuthorisationMatrixTests.Cast[org].Periods)
                Truth[(org, period)] = await TruthAsync(admin, period, salaries.GetValueOrDefault(org) ?? []);
        }

        var other = Client(AuthorisationMatrixTests.OtherOrganisation);
        Labels[Members[AuthorisationMatrixTests.OtherOrganisation].Organisation] = Strings(JsonDocument.Parse(await other.GetStringAsync("/api/v1/periods")).RootElement, "label");
    }

    private static async Task<PeriodTruth> TruthAsync(HttpClient admin, string period, IReadOnlyDictionary<string, IReadOnlySet<decimal>> salaries)
    {
        var state = Enum.Parse<PeriodState>(JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/periods/{period}")).RootElement.GetProperty("state").GetString()!);
        var amounts = salaries.ToDictionary(s => s.Key, s => new HashSet<decimal>(s.Value), StringComparer.Ordinal);
        var results = await admin.GetAsync($"/api/v1/periods/{period}/results?limit=1000");
        if (results.StatusCode == System.Net.HttpStatusCode.NotFound)
            return new PeriodTruth(state, null, amounts.ToDictionary(a => a.Key, a => (IReadOnlySet<decimal>)a.Value, StringComparer.Ordinal));
        Assert.Equal(200, (int)results.StatusCode);
        var rows = JsonDocument.Parse(await results.Content.ReadAsStringAsync()).RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Null(JsonDocument.Parse(await results.Content.ReadAsStringAsync()).RootElement.GetProperty("next").GetString());
        foreach (var row in rows)
        {
            var person = row.GetProperty("person").GetString()!;
            var mine = amounts.TryGetValue(person, out var set) ? set : amounts[person] = [];
            mine.Add(row.GetProperty("pay").GetDecimal());
            var card = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/periods/{period}/people/{person}/scorecard?lang=en")).RootElement;
            foreach (var payout in card.GetProperty("payouts").EnumerateArray())
                mine.Add(payout.GetProperty("amount").GetDecimal());
        }

        return new PeriodTruth(state, [.. rows.Select(r => r.GetProperty("person").GetString()!)],
            amounts.ToDictionary(a => a.Key, a => (IReadOnlySet<decimal>)a.Value, StringComparer.Ordinal));
    }

    /// <summary>Every base salary of every organisation, by organisation code and employee.</summary>
    private Task<Dictionary<string, Dictionary<string, IReadOnlySet<decimal>>>> SalariesAsync() => Host.AsSystemAsync(async s =>
    {
        var db = s.GetRequiredService<YardstickDb>();
        var codes = await db.Organisations.ToDictionaryAsync(o => o.Id, o => o.Code);
        var rows = await db.Salaries.IgnoreQueryFilters().Select(r => new { r.OrganisationId, r.EmployeeId, r.AmountMinor }).ToListAsync();
        return rows.GroupBy(r => codes[r.OrganisationId], StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => g.GroupBy(r => r.EmployeeId, StringComparer.Ordinal).ToDictionary(e => e.Key, e => (IReadOnlySet<decimal>)e.Select(r => r.AmountMinor / 100m).ToHashSet(), StringComparer.Ordinal),
            StringComparer.Ordinal);
    });

    private static HashSet<string> Strings(JsonElement array, string? property = null) =>
        array.EnumerateArray().Select(e => (property is null ? e : e.GetProperty(property)).GetString()!).ToHashSet(StringComparer.Ordinal);

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
            client.Dispose();
        Anonymous.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>
/// review.md R2 through the HTTP API: every endpoint of <c>src/Yardstick.Web/Api</c> × the cast (admin, finance, manager of X,
/// another manager, X, another PM, a rater, a user of another organisation, anonymous) × periods of the demo in several
/// states. The expected status is not written per cell: <see cref="Expected"/> derives it from <see cref="AccessRules.Table"/>
/// (through <see cref="AccessRules.Decide"/>), the relations <c>/api/v1/me</c> reports, the period's state and its moves
/// (<see cref="ReviewPeriod.AllowedMoves"/>). Every answer is searched for the pay and salaries of the people whose pay
/// (<see cref="AccessAction.ViewPay"/>) the user may not see. A move that would succeed runs on a copy of the database.
/// </summary>
public sealed class AuthorisationMatrixTests(DemoApi demo) : IClassFixture<DemoApi>
{
    /// <summary>Who plays which part towards X in one demo organisation, and the periods it is asked about.</summary>
    public sealed record Roles(string Person, string Manager, string OtherManager, string OtherPm, string[] Periods);

    public static readonly string[] Organisations = ["industrial", "saas"];

    /// <summary>
    /// industrial: 2026-10 InReview, 2026-09 Locked (X = 张伟, managed by li_ming); saas: the year 2026 Calculated, 2026-11
    /// Collecting (no run yet), 2026-10 Locked (X = 李娜, managed by liu_qiang).
    /// </summary>
    public static readonly Dictionary<string, Roles> Cast = new(StringComparer.Ordinal)
    {
        ["industrial"] = new("zhang_wei", "li_ming", "wang_qiang", "huang_lei", ["2026-10", "2026-09"]),
        ["saas"] = new("li_na", "liu_qiang", "zhou_hong", "sun_hao", ["2026", "2026-11", "2026-10"]),
    };

    /// <summary>An admin of another organisation: not even the admin role opens the demo's industrial or saas records.</summary>
    public const string OtherOrganisation = "hr@crossborder.demo";

    public static readonly string[] Parts = ["admin", "finance", "manager", "other-manager", "self", "other-pm", "rater", "other-org", "anonymous"];

    private static readonly ApiEndpoint[] PeriodEndpoints = [.. Enum.GetValues<ApiEndpoint>().Where(e => e is not (ApiEndpoint.Me or ApiEndpoint.Periods or ApiEndpoint.Run or ApiEndpoint.Audit or ApiEndpoint.Organisation or ApiEndpoint.OrganisationSettings) && (e < ApiEndpoint.Schemes || e > ApiEndpoint.ImportOrganisation))];

    /// <summary>The scheme library's endpoints, opening a period under a stored version and the organisation's imports: the organisation's, admin work (R2's "schemes" and "imports" rows).</summary>
    private static readonly ApiEndpoint[] OrganisationEndpoints = [ApiEndpoint.Schemes, ApiEndpoint.SchemeTemplate, ApiEndpoint.SchemeVersion, ApiEndpoint.ValidateScheme, ApiEndpoint.SaveScheme, ApiEndpoint.OpenPeriod, ApiEndpoint.ImportOrganisation];

    public static string? Email(string org, string part) => part switch
    {
        "admin" => $"director@{org}.demo",
        "finance" => $"finance@{org}.demo",
        "manager" => $"{Cast[org].Manager}@{org}.demo",
        "other-manager" => $"{Cast[org].OtherManager}@{org}.demo",
        "self" => $"{Cast[org].Person}@{org}.demo",
        "other-pm" => $"{Cast[org].OtherPm}@{org}.demo",
        "rater" => $"rater1@{org}.demo",
        "other-org" => OtherOrganisation,
        "anonymous" => null,
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, "a part of the cast"),
    };

    public static IEnumerable<string> Emails() =>
        Organisations.SelectMany(o => Parts.Select(p => Email(o, p))).OfType<string>().Distinct(StringComparer.Ordinal);

    /// <summary>Every cell: organisation, period ("-" for the endpoints without one), part of the cast, endpoint.</summary>
    public static TheoryData<string, string, string, ApiEndpoint> Cells()
    {
        var cells = new TheoryData<string, string, string, ApiEndpoint>();
        foreach (var org in Organisations)
            foreach (var part in Parts)
            {
                cells.Add(org, "-", part, ApiEndpoint.Me);
                cells.Add(org, "-", part, ApiEndpoint.Periods);
                cells.Add(org, "-", part, ApiEndpoint.Run);
                cells.Add(org, "-", part, ApiEndpoint.Audit);
                cells.Add(org, "-", part, ApiEndpoint.Organisation);
                cells.Add(org, "-", part, ApiEndpoint.OrganisationSettings);
                foreach (var endpoint in OrganisationEndpoints)
                    cells.Add(org, "-", part, endpoint);
                foreach (var period in Cast[org].Periods)
                    foreach (var endpoint in PeriodEndpoints)
                        cells.Add(org, period, part, endpoint);
            }

        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Endpoint_CastMember_AnswersAsR2AndTheStateSay(string org, string period, string part, ApiEndpoint endpoint)
    {
        var email = Email(org, part);
        var expected = Expected(org, period, email, endpoint);

        var moves = endpoint is ApiEndpoint.Review or ApiEndpoint.Approve or ApiEndpoint.Publish or ApiEndpoint.Lock or ApiEndpoint.Reopen or ApiEndpoint.Calc;
        if (moves && expected == 200)
        {
            await MovesOnACopyAsync(org, period, email!, endpoint);
            return;
        }

        if (endpoint is ApiEndpoint.Adjust or ApiEndpoint.RemoveAdjustment && expected == 200)
        {
            await AdjustsOnACopyAsync(org, period, email!, endpoint);
            return;
        }

        if (endpoint is ApiEndpoint.Calibrate or ApiEndpoint.RemoveGrade && expected == 200)
        {
            await CalibratesOnACopyAsync(org, period, email!, endpoint);
            return;
        }

        if (endpoint == ApiEndpoint.ImportActuals && expected == 200)
        {
            await ImportsOnACopyAsync(org, period, email!);
            return;
        }

        if (endpoint is ApiEndpoint.SaveScheme or ApiEndpoint.OpenPeriod && expected == 200)
        {
            await SchemesOnACopyAsync(email!, endpoint);
            return;
        }

        if (endpoint == ApiEndpoint.SetDistribution && expected == 200)
        {
            await SetsTheRuleOnACopyAsync(org, period, email!);
            return;
        }

        if (endpoint == ApiEndpoint.ImportOrganisation && expected == 200)
        {
            await ImportsTeamsOnACopyAsync(email!);
            return;
        }

        if (endpoint == ApiEndpoint.OrganisationSettings && expected == 200)
        {
            await ConfiguresOnACopyAsync(email!);
            return;
        }

        if (endpoint == ApiEndpoint.Calc && expected == 202)
        {
            await CalculatesOnACopyAsync(org, period, email!);
            return;
        }

        var response = await SendAsync(email is null ? demo.Anonymous : demo.Client(email), org, period, endpoint);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(expected == (int)response.StatusCode, $"{endpoint} {period} as {part} ({email ?? "anonymous"}): expected {expected}, got {(int)response.StatusCode} {body}");
        if (email is not null)
            AssertNoHiddenPay(org, period, email, endpoint, body);
        // who rates whom is never shown (scoring.md §7): not even an admin's campaign progress names a rater
        if (endpoint is ApiEndpoint.Requests or ApiEndpoint.Campaigns)
            Assert.DoesNotContain("rater1", body, StringComparison.Ordinal);
        if (moves)
            Assert.Equal(demo.Truth[(org, period)].State, await StateAsync(demo.Client(Email(org, "admin")!), period));
        if (expected == 200)
            AssertContent(org, period, email!, endpoint, body);
        else if (expected != 401)
            Assert.Equal(expected, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }

    /// <summary>
    /// The status R2 and the period give <paramref name="email"/> (null: anonymous) at <paramref name="endpoint"/>: 401 without a
    /// token; the user and the organisation's periods to every member; 404 for a period of another organisation; a move as
    /// <see cref="AccessRules.Decide"/> answers for its action, then 409 when the state does not allow it; results to every member
    /// (only what they may see, or 404 without a run); X's scorecard as <see cref="AccessAction.ViewScorecard"/> decides.
    /// </summary>
    private int Expected(string org, string period, string? email, ApiEndpoint endpoint)
    {
        if (email is null)
            return 401;
        if (endpoint is ApiEndpoint.Me or ApiEndpoint.Periods)
            return 200;
        if (endpoint == ApiEndpoint.Run)
            return 404; // a calculation nobody started: not found for everyone
        var user = demo.Members[email];
        // the audit log of the user's own organisation, as R2's row decides for their stored roles
        if (endpoint is ApiEndpoint.Audit)
            return AccessRules.Decide(AccessAction.ViewAuditLog, Relations(user, null, null), null, AccessSettings.Default).Problem is { } p ? ProblemResults.Status(p.Kind) : 200;
        // the user's own organisation and its settings, as R2's "settings" row decides for their stored roles
        if (endpoint is ApiEndpoint.Organisation or ApiEndpoint.OrganisationSettings || OrganisationEndpoints.Contains(endpoint))
            return AccessRules.Decide(AccessAction.Administer, Relations(user, null, null), null, AccessSettings.Default).Problem is { } p ? ProblemResults.Status(p.Kind) : 200;
        if (!demo.Labels[user.Organisation].Contains(period))
            return 404;
        var truth = demo.Truth[(org, period)];
        AccessDecision Decide(AccessAction action, string? person) =>
            AccessRules.Decide(action, Relations(user, person, truth), truth.State, AccessSettings.Default);
        int Status(AccessDecision d) => d.Problem is { } p ? ProblemResults.Status(p.Kind) : 200;
        switch (endpoint)
        {
            case ApiEndpoint.Period or ApiEndpoint.Trail:
                return 200;
            case ApiEndpoint.Results:
                return truth.Evaluated is null ? 404 : 200;
            case ApiEndpoint.Scorecard:
                var card = Status(Decide(AccessAction.ViewScorecard, Cast[org].Person));
                return card != 200 || truth.Evaluated?.Contains(Cast[org].Person) == true ? card : 404;
            case ApiEndpoint.Adjustments:
                return Status(Decide(AccessAction.ViewScorecard, Cast[org].Person));
            case ApiEndpoint.Adjust or ApiEndpoint.RemoveAdjustment:
                return Status(Decide(AccessAction.Adjust, Cast[org].Person));
            case ApiEndpoint.Calibrate or ApiEndpoint.RemoveGrade:
                // R4: a calibrator, then only while InReview
                var calibrate = Status(Decide(AccessAction.Calibrate, Cast[org].Person));
                return calibrate != 200 || truth.State == PeriodState.InReview ? calibrate : 409;
            case ApiEndpoint.ImportActuals:
                // admin work, then only while the period accepts data
                var import = Status(Decide(AccessAction.Administer, null));
                return import != 200 || ReviewPeriod.TakesData(truth.State) ? import : 409;
            case ApiEndpoint.SetDistribution:
                // admin work, then only before review (R4)
                var rule = Status(Decide(AccessAction.Administer, null));
                return rule != 200 || truth.State < PeriodState.InReview ? rule : 409;
            case ApiEndpoint.ManualActuals:
                // the grid, in any state (read-only outside Draft, Collecting, Calculated), to whom R2 lets enter for someone: an admin or a manager
                var enters = Relations(user, null, null) | (user.Manages.Count > 0 ? AccessRelation.Manager : AccessRelation.None);
                return AccessRules.Decide(AccessAction.EnterManualActuals, enters, PeriodState.Collecting, AccessSettings.Default).IsAllowed ? 200 : 403;
            case ApiEndpoint.EnterManualActuals:
                // X's innovation_reserve: as R2 and the state decide; where they let the user in, only saas's periods are left, whose T3 has
                // no such (manual) indicator, so the value is refused as input and nothing is written: no cell of the matrix saves
                var enter = Status(Decide(AccessAction.EnterManualActuals, Cast[org].Person));
                return enter != 200 ? enter : 422;
            case ApiEndpoint.Requests:
                // R2 through the scorecard: 200 when the user may see someone's (admins everyone, managers their reports, a PM their own from Published)
                var candidates = user.Manages.Append(Cast[org].Person).Concat(user.Employee is { } own ? [own] : []);
                return candidates.Any(c => Decide(AccessAction.ViewScorecard, c).IsAllowed) ? 200 : 404;
            case ApiEndpoint.Campaigns:
                return Status(Decide(AccessAction.Administer, null));
            case ApiEndpoint.Calibration:
                var calibration = Status(Decide(AccessAction.Administer, null));
                return calibration != 200 || truth.Evaluated is not null ? calibration : 404;
            case ApiEndpoint.Calc:
                var calc = Status(Decide(AccessAction.Administer, null));
                return calc != 200 ? calc : ReviewPeriod.AllowedMoves(truth.State).Contains("calc") ? 202 : 409;
            default:
                var move = Status(Decide(MoveAction(endpoint), null));
                return move != 200 || ReviewPeriod.AllowedMoves(truth.State).Contains(Move(endpoint)) ? move : 409;
        }
    }

    /// <summary>
    /// The user's relations to <paramref name="person"/> as <c>/api/v1/me</c> reports them (null: the period as a whole, where
    /// "self" means having a scorecard in its current run).
    /// </summary>
    private static AccessRelation Relations(DemoApi.Member user, string? person, DemoApi.PeriodTruth? truth)
    {
        var relations = (user.Roles.Contains("admin") ? AccessRelation.Admin : AccessRelation.None)
            | (user.Roles.Contains("finance") ? AccessRelation.Finance : AccessRelation.None);
        if (user.Employee is not { } me)
            return relations;
        if (person is null)
            return truth?.Evaluated?.Contains(me) == true ? relations | AccessRelation.Self : relations;
        if (person == me)
            relations |= AccessRelation.Self;
        return user.Manages.Contains(person) ? relations | AccessRelation.Manager : relations;
    }

    private static AccessAction MoveAction(ApiEndpoint move) => move switch
    {
        ApiEndpoint.Review => AccessAction.Administer,
        ApiEndpoint.Approve => AccessAction.Approve,
        ApiEndpoint.Publish => AccessAction.Publish,
        ApiEndpoint.Lock => AccessAction.Lock,
        ApiEndpoint.Reopen => AccessAction.Reopen,
        _ => throw new ArgumentOutOfRangeException(nameof(move), move, "a period move"),
    };

    private static string Move(ApiEndpoint move) => move.ToString().ToLowerInvariant();

    private static PeriodState After(ApiEndpoint move) => move switch
    {
        ApiEndpoint.Review => PeriodState.InReview,
        ApiEndpoint.Approve => PeriodState.Approved,
        ApiEndpoint.Publish => PeriodState.Published,
        ApiEndpoint.Lock => PeriodState.Locked,
        ApiEndpoint.Reopen => PeriodState.Collecting,
        _ => throw new ArgumentOutOfRangeException(nameof(move), move, "a period move"),
    };

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string org, string period, ApiEndpoint endpoint) => endpoint switch
    {
        ApiEndpoint.Me => client.GetAsync("/api/v1/me"),
        ApiEndpoint.Periods => client.GetAsync("/api/v1/periods"),
        ApiEndpoint.Period => client.GetAsync($"/api/v1/periods/{period}"),
        ApiEndpoint.Results => client.GetAsync($"/api/v1/periods/{period}/results?limit=1000"),
        ApiEndpoint.Scorecard => client.GetAsync($"/api/v1/periods/{period}/people/{Cast[org].Person}/scorecard?lang=en"),
        ApiEndpoint.Trail => client.GetAsync($"/api/v1/periods/{period}/trail"),
        ApiEndpoint.Audit => client.GetAsync("/api/v1/audit?limit=50"),
        ApiEndpoint.Organisation => client.GetAsync("/api/v1/organisation"),
        ApiEndpoint.Schemes => client.GetAsync("/api/v1/schemes"),
        ApiEndpoint.SchemeTemplate => client.GetAsync("/api/v1/schemes/templates/industrial-value"),
        ApiEndpoint.SchemeVersion => client.GetAsync("/api/v1/schemes/feature-count/versions/1"),
        ApiEndpoint.ValidateScheme => client.PostAsync("/api/v1/schemes/validate", new StringContent(MatrixScheme, System.Text.Encoding.UTF8, "application/json")),
        ApiEndpoint.SaveScheme => client.PostAsync("/api/v1/schemes", new StringContent(MatrixScheme, System.Text.Encoding.UTF8, "application/json")),
        ApiEndpoint.OpenPeriod => client.PostAsJsonAsync("/api/v1/periods/2027-Q2/open", new { scheme = "feature-count", version = 1 }),
        ApiEndpoint.ImportActuals => client.PostAsync($"/api/v1/periods/{period}/imports/actuals", ActualsUpload(Cast[org].Person)),
        ApiEndpoint.ImportOrganisation => client.PostAsync("/api/v1/imports/teams", new MultipartFormDataContent
        {
            { new StringContent("team,name,member,share\nmatrix_team,Matrix team,,\n"), "file", "matrix-teams.csv" },
        }),
        ApiEndpoint.SetDistribution => client.PutAsJsonAsync($"/api/v1/periods/{period}/distribution", new { rule = MatrixRule }),
        ApiEndpoint.Calibration => client.GetAsync($"/api/v1/periods/{period}/calibration"),
        ApiEndpoint.ManualActuals => client.GetAsync($"/api/v1/periods/{period}/manual-actuals"),
        ApiEndpoint.EnterManualActuals => client.PutAsJsonAsync($"/api/v1/periods/{period}/manual-actuals", new { values = new[] { new { person = Cast[org].Person, indicator = "innovation_reserve", value = 4.5m } } }),
        ApiEndpoint.Requests => client.GetAsync($"/api/v1/periods/{period}/requests?limit=1000"),
        ApiEndpoint.Campaigns => client.GetAsync($"/api/v1/periods/{period}/campaigns"),
        ApiEndpoint.Calibrate => client.PostAsJsonAsync($"/api/v1/periods/{period}/people/{Cast[org].Person}/grade", new { grade = MatrixGrade, reason = "authorisation matrix" }),
        ApiEndpoint.RemoveGrade => client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/periods/{period}/people/{Cast[org].Person}/grade")
        {
            Content = JsonContent.Create(new { reason = "authorisation matrix" }),
        }),
        ApiEndpoint.OrganisationSettings => client.PatchAsJsonAsync("/api/v1/organisation/settings", new { minGroupSize = 8 }),
        ApiEndpoint.Reopen => client.PostAsJsonAsync($"/api/v1/periods/{period}/reopen", new { reason = "authorisation matrix" }),
        ApiEndpoint.Calc => client.PostAsync($"/api/v1/periods/{period}/calc", null),
        ApiEndpoint.Run => client.GetAsync("/api/v1/runs/0123456789abcdef0123456789abcdef"),
        ApiEndpoint.Adjustments => client.GetAsync($"/api/v1/periods/{period}/people/{Cast[org].Person}/adjustments"),
        ApiEndpoint.Adjust => client.PostAsJsonAsync($"/api/v1/periods/{period}/people/{Cast[org].Person}/adjustments", new { kind = "points", value = 1.00m, reason = "authorisation matrix" }),
        ApiEndpoint.RemoveAdjustment => client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/periods/{period}/people/{Cast[org].Person}/adjustments/points")
        {
            Content = JsonContent.Create(new { reason = "authorisation matrix" }),
        }),
        _ => client.PostAsync($"/api/v1/periods/{period}/{Move(endpoint)}", null),
    };

    /// <summary>A calculation R2 and the state allow: started on a copy of the demo's database and followed to its end through its run resource.</summary>
    private async Task CalculatesOnACopyAsync(string org, string period, string email)
    {
        await using var copy = demo.Host.Copy();
        using var api = await copy.ApiAsync(email, LoadDemo.Password);

        var response = await SendAsync(api, org, period, ApiEndpoint.Calc);

        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"calc {period} as {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/api/v1/runs/", location, StringComparison.Ordinal);
        JsonElement status;
        do
        {
            await Task.Delay(50);
            status = JsonDocument.Parse(await api.GetStringAsync(location)).RootElement;
        }
        while (status.GetProperty("state").GetString() == "running");
        Assert.Equal("done", status.GetProperty("state").GetString());
        Assert.Equal(period, status.GetProperty("period").GetString());
        Assert.True(status.GetProperty("run").GetInt32() >= 1);
        Assert.Equal(PeriodState.Calculated, await StateAsync(api, period));
    }

    /// <summary>A change of settings R2 allows: made on a copy of the demo's database, answered with the settings now, and kept.</summary>
    /// <summary>A scheme for the library's cells: T1 as the template gallery gives it.</summary>
    private static readonly string MatrixScheme = Yardstick.Core.Schemes.SchemeJson.Write(Yardstick.Core.Templates.TemplateCatalog.Find("industrial-value").Value.Document);

    /// <summary>A save of a scheme or an opening of a period R2 allows: made on a copy of the demo's database and read back.</summary>
    private async Task SchemesOnACopyAsync(string email, ApiEndpoint endpoint)
    {
        await using var copy = demo.Host.Copy();
        using var api = await copy.ApiAsync(email, LoadDemo.Password);

        var response = await SendAsync(api, "-", "-", endpoint);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{endpoint} as {email}: {(int)response.StatusCode} {body}");
        var json = JsonDocument.Parse(body).RootElement;
        if (endpoint == ApiEndpoint.OpenPeriod)
        {
            Assert.Equal(("2027-Q2", "Collecting"), (json.GetProperty("label").GetString(), json.GetProperty("state").GetString()));
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/periods/2027-Q2")).StatusCode);
        }
        else
        {
            var stored = $"/api/v1/schemes/{json.GetProperty("code").GetString()}/versions/{json.GetProperty("version").GetInt32()}";
            Assert.Equal(MatrixScheme, await api.GetStringAsync(stored));
        }
    }

    private async Task ConfiguresOnACopyAsync(string email)
    {
        await using var copy = demo.Host.Copy();
        using var api = await copy.ApiAsync(email, LoadDemo.Password);

        var response = await SendAsync(api, "-", "-", ApiEndpoint.OrganisationSettings);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"settings as {email}: {(int)response.StatusCode} {body}");
        Assert.Equal(8, JsonDocument.Parse(body).RootElement.GetProperty("minGroupSize").GetInt32());
        var now = JsonDocument.Parse(await api.GetStringAsync("/api/v1/organisation")).RootElement;
        Assert.Equal(8, now.GetProperty("settings").GetProperty("minGroupSize").GetInt32());
        Assert.Equal(demo.Members[email].Organisation, now.GetProperty("code").GetString());
    }

    /// <summary>An adjustment R2 and the state allow: made (and for a removal, made then removed) on a copy of the demo's database.</summary>
    private async Task AdjustsOnACopyAsync(string org, string period, string email, ApiEndpoint endpoint)
    {
        await using var copy = demo.Host.Copy();
        using var api = await copy.ApiAsync(email, LoadDemo.Password);
        var before = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/periods/{period}/people/{Cast[org].Person}/scorecard")).RootElement.GetProperty("total").GetDecimal();

        var response = await SendAsync(api, org, period, ApiEndpoint.Adjust);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"adjust {period} as {email}: {(int)response.StatusCode} {body}");
        Assert.Equal(before + 1.00m, JsonDocument.Parse(body).RootElement.GetProperty("total").GetDecimal());
        AssertNoHiddenPay(org, period, email, ApiEndpoint.Scorecard, body);
        Assert.Equal(Sees(demo.Members[email], AccessAction.ViewPay, Cast[org].Person, demo.Truth[(org, period)]), JsonDocument.Parse(body).RootElement.TryGetProperty("pay", out _));
        if (endpoint == ApiEndpoint.RemoveAdjustment)
        {
            var removed = await SendAsync(api, org, period, ApiEndpoint.RemoveAdjustment);
            var after = await removed.Content.ReadAsStringAsync();
            Assert.True(removed.IsSuccessStatusCode, $"remove {period} as {email}: {(int)removed.StatusCode} {after}");
            Assert.Equal(before, JsonDocument.Parse(after).RootElement.GetProperty("total").GetDecimal());
        }
    }

    /// <summary>A one-row actuals file for <paramref name="person"/> (an indicator of saas's scheme; industrial's periods refuse by state first).</summary>
    private static MultipartFormDataContent ActualsUpload(string person) => new()
    {
        { new StringContent($"person,indicator,value\n{person},post_release_resolution,0.93\n"), "file", "matrix-actuals.csv" },
    };

    /// <summary>An actuals upload R2 and the state allow: stored on a copy of the demo's database.</summary>
    private async Task ImportsOnACopyAsync(string org, string period, string email)
    {
        await using var copy = demo.Host.Copy();
        using var api = await copy.ApiAsync(email, LoadDemo.Password);

        var response = await SendAsync(api, org, period, ApiEndpoint.ImportActuals);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"import {period} as {email}: {(int)response.StatusCode} {body}");
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(("matrix-actuals.csv", 1), (json.GetProperty("file").GetString(), json.GetProperty("rows").GetInt32()));
    }

    /// <summary>The distribution rule the matrix sets on a period (review.md R4's example).</summary>
    private const string MatrixRule = """{"mode":"enforce","grades":{"S":{"max":0.1},"A":{"max":0.25},"D":{"min":0.05}}}""";

    /// <summary>A period's distribution rule R2 and the state allow: set on a copy of the demo's database and read back with the period.</summary>
    private async Task SetsTheRuleOnACopyAsync(string org, string period, string email)
    {
        await using var copy = demo.Host.Copy();
        using var api = await copy.ApiAsync(email, LoadDemo.Password);

        var response = await SendAsync(api, org, period, ApiEndpoint.SetDistribution);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"distribution {period} as {email}: {(int)response.StatusCode} {body}");
        Assert.Equal(MatrixRule, JsonDocument.Parse(body).RootElement.GetProperty("distributionRule").GetString());
        Assert.Equal(MatrixRule, JsonDocument.Parse(await api.GetStringAsync($"/api/v1/periods/{period}")).RootElement.GetProperty("distributionRule").GetString());
    }

    /// <summary>An organisation import R2 allows: a teams file stored on a copy of the demo's database, the new team read back.</summary>
    private async Task ImportsTeamsOnACopyAsync(string email)
    {
        await using var copy = demo.Host.Copy();
        using var api = await copy.ApiAsync(email, LoadDemo.Password);

        var response = await SendAsync(api, "-", "-", ApiEndpoint.ImportOrganisation);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"import teams as {email}: {(int)response.StatusCode} {body}");
        Assert.Equal(("matrix-teams.csv", 1), (JsonDocument.Parse(body).RootElement.GetProperty("file").GetString(), JsonDocument.Parse(body).RootElement.GetProperty("rows").GetInt32()));
        var teams = JsonDocument.Parse(await api.GetStringAsync("/api/v1/organisation")).RootElement.GetProperty("teams").EnumerateArray();
        Assert.Contains(teams, t => t.GetProperty("id").GetString() == "matrix_team" && t.GetProperty("name").GetString() == "Matrix team");
    }

    /// <summary>The final grade the matrix gives: a grade of every cast period's scheme.</summary>
    private const string MatrixGrade = "C";

    /// <summary>A final grade R2 and the state allow: set (and for a removal, set then removed) on a copy of the demo's database.</summary>
    private async Task CalibratesOnACopyAsync(string org, string period, string email, ApiEndpoint endpoint)
    {
        await using var copy = demo.Host.Copy();
        using var api = await copy.ApiAsync(email, LoadDemo.Password);
        var computed = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/periods/{period}/people/{Cast[org].Person}/scorecard")).RootElement.GetProperty("grade").GetString();

        var response = await SendAsync(api, org, period, ApiEndpoint.Calibrate);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"calibrate {period} as {email}: {(int)response.StatusCode} {body}");
        Assert.Equal(MatrixGrade, JsonDocument.Parse(body).RootElement.GetProperty("grade").GetString());
        AssertNoHiddenPay(org, period, email, ApiEndpoint.Scorecard, body);
        if (endpoint == ApiEndpoint.RemoveGrade)
        {
            var removed = await SendAsync(api, org, period, ApiEndpoint.RemoveGrade);
            var after = await removed.Content.ReadAsStringAsync();
            Assert.True(removed.IsSuccessStatusCode, $"remove the grade {period} as {email}: {(int)removed.StatusCode} {after}");
            Assert.Equal(computed, JsonDocument.Parse(after).RootElement.GetProperty("grade").GetString());
        }
    }

    /// <summary>A move R2 and the state allow: done on a copy of the demo's database, so the shared one keeps its states.</summary>
    private async Task MovesOnACopyAsync(string org, string period, string email, ApiEndpoint endpoint)
    {
        await using var copy = demo.Host.Copy();
        using var api = await copy.ApiAsync(email, LoadDemo.Password);

        var response = await SendAsync(api, org, period, endpoint);

        Assert.True(response.IsSuccessStatusCode, $"{endpoint} {period} as {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var moved = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(After(endpoint).ToString(), moved.GetProperty("state").GetString());
        Assert.Equal(After(endpoint), await StateAsync(api, period));
    }

    private static async Task<PeriodState> StateAsync(HttpClient api, string period) =>
        Enum.Parse<PeriodState>(JsonDocument.Parse(await api.GetStringAsync($"/api/v1/periods/{period}")).RootElement.GetProperty("state").GetString()!);

    /// <summary>What a 200 holds: the user, their organisation's periods, the period, the people and pay R2 shows, X's scorecard.</summary>
    private void AssertContent(string org, string period, string email, ApiEndpoint endpoint, string body)
    {
        var user = demo.Members[email];
        var json = JsonDocument.Parse(body).RootElement;
        switch (endpoint)
        {
            case ApiEndpoint.Me:
                Assert.Equal(email, json.GetProperty("email").GetString());
                break;
            case ApiEndpoint.Periods:
                Assert.Equal(demo.Labels[user.Organisation].Order(StringComparer.Ordinal), json.EnumerateArray().Select(p => p.GetProperty("label").GetString()!).Order(StringComparer.Ordinal));
                break;
            case ApiEndpoint.Period:
                Assert.Equal(demo.Truth[(org, period)].State.ToString(), json.GetProperty("state").GetString());
                break;
            case ApiEndpoint.Results:
                var truth = demo.Truth[(org, period)];
                var rows = json.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("person").GetString()!, StringComparer.Ordinal);
                Assert.Equal(truth.Evaluated!.Where(p => Sees(user, AccessAction.ViewScorecard, p, truth)), rows.Keys);
                foreach (var (person, row) in rows)
                {
                    var pay = Sees(user, AccessAction.ViewPay, person, truth);
                    Assert.True(pay == row.TryGetProperty("pay", out _), $"{person}'s pay in {period} shown to {email}: {pay} expected");
                    Assert.Equal(pay, row.TryGetProperty("currency", out _));
                    Assert.Equal(pay, row.TryGetProperty("provisional", out _));
                }

                break;
            case ApiEndpoint.Trail:
                // the trail ends in the period's state, and every move names who made it
                var trail = json.EnumerateArray().ToList();
                Assert.Equal(demo.Truth[(org, period)].State.ToString(), trail[^1].GetProperty("to").GetString());
                Assert.All(trail, m => Assert.False(string.IsNullOrEmpty(m.GetProperty("actor").GetString())));
                break;
            case ApiEndpoint.Audit:
                // an admin's audit log: entries of the user's organisation only, newest first, a page of 50 (the demo has more)
                var ids = json.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
                Assert.Equal(50, ids.Count);
                Assert.Equal(ids.OrderDescending(), ids);
                Assert.Equal(ids[^1], json.GetProperty("next").GetInt64());
                var foreign = Organisations.Append("crossborder").Where(o => o != user.Organisation).Select(o => $"@{o}.demo").ToList();
                Assert.DoesNotContain(json.GetProperty("entries").EnumerateArray(),
                    e => foreign.Any(f => e.GetProperty("actor").GetString()!.EndsWith(f, StringComparison.Ordinal) || e.GetProperty("key").GetString()!.Contains(f, StringComparison.Ordinal)));
                break;
            case ApiEndpoint.Organisation:
                // the user's own organisation: its code, its people (their own employee among them) and no salary
                Assert.Equal(user.Organisation, json.GetProperty("code").GetString());
                var people = json.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();
                Assert.NotEmpty(people);
                if (user.Employee is { } employee)
                    Assert.Contains(employee, people);
                Assert.DoesNotContain(people, p => Cast.Where(c => c.Key != user.Organisation).Any(c => c.Value.Person == p));
                Assert.DoesNotContain("salary", body, StringComparison.OrdinalIgnoreCase);
                break;
            case ApiEndpoint.Requests:
                // only the requests and rates of people whose scorecard the user may see; the demo's saas months hold ten per PM
                var truthOf = demo.Truth[(org, period)];
                var shownPeople = json.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("person").GetString()!).ToList();
                Assert.All(json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("person").GetString()!).Concat(shownPeople),
                    p => Assert.True(Sees(user, AccessAction.ViewScorecard, p, truthOf), $"{p}'s requests in {period} shown to {email}"));
                Assert.All(json.GetProperty("people").EnumerateArray(), p => Assert.Equal(period == "2026" ? 100 : 10, p.GetProperty("counted").GetInt32())); // the year: its ten demo months
                if (org == "saas" && period == "2026-10" && user.Employee == Cast[org].Person)
                    Assert.Equal([Cast[org].Person], shownPeople);
                break;
            case ApiEndpoint.Campaigns:
                // the demo's one campaign: saas 2026-11, three raters for each PM, nothing submitted
                var names = json.GetProperty("campaigns").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
                Assert.Equal(org == "saas" && period == "2026-11" ? ["2026-11-360"] : [], names);
                Assert.All(json.GetProperty("campaigns").EnumerateArray(), c => Assert.Equal((3, 0), (c.GetProperty("raters").GetInt32(), c.GetProperty("submitted").GetInt32())));
                break;
            case ApiEndpoint.Calibration:
                // the period's current run, every evaluated person in exactly one group
                Assert.Equal(period, json.GetProperty("period").GetString());
                var grouped = json.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("people").EnumerateArray()).Select(p => p.GetProperty("person").GetString()!).ToList();
                Assert.Equal(demo.Truth[(org, period)].Evaluated!.Order(StringComparer.Ordinal), grouped.Order(StringComparer.Ordinal));
                break;
            case ApiEndpoint.ManualActuals:
                // T1's manual indicator (saas's T3 has none); an admin's rows hold X, a manager's only their reports, never themselves
                Assert.Equal(org == "industrial" ? ["innovation_reserve"] : [], json.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("code").GetString()!));
                Assert.Equal(ReviewPeriod.TakesData(demo.Truth[(org, period)].State), json.GetProperty("mayEnter").GetBoolean());
                var entered = json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("person").GetString()!).ToList();
                if (user.Roles.Contains("admin"))
                    Assert.Contains(Cast[org].Person, entered);
                else
                    Assert.All(entered, p => Assert.Contains(p, user.Manages));
                Assert.Equal(user.Roles.Contains("admin") || user.Manages.Contains(Cast[org].Person), entered.Contains(Cast[org].Person));
                if (user.Employee is { } self)
                    Assert.DoesNotContain(self, entered);
                break;
            case ApiEndpoint.Scorecard:
                var x = Cast[org].Person;
                Assert.Equal(x, json.GetProperty("person").GetString());
                Assert.Equal(Sees(user, AccessAction.ViewPay, x, demo.Truth[(org, period)]), json.TryGetProperty("payouts", out _));
                break;
            case ApiEndpoint.Adjustments:
                Assert.Equal(Cast[org].Person, json.GetProperty("person").GetString());
                Assert.Equal(Sees(user, AccessAction.Adjust, Cast[org].Person, demo.Truth[(org, period)]), json.GetProperty("mayAdjust").GetBoolean());
                Assert.Empty(json.GetProperty("current").EnumerateArray());
                break;
            case ApiEndpoint.Schemes:
                // the gallery, and the stored versions of the user's own organisation: every period they list is one of its own
                Assert.Equal(Yardstick.Core.Templates.TemplateCatalog.List().Count, json.GetProperty("templates").GetArrayLength());
                var used = json.GetProperty("saved").EnumerateArray().SelectMany(v => v.GetProperty("periods").EnumerateArray()).Select(l => l.GetString()!).ToList();
                Assert.Equal(demo.Labels[user.Organisation].Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
                break;
            case ApiEndpoint.SchemeTemplate:
                Assert.Equal("industrial-value", json.GetProperty("id").GetString());
                break;
            case ApiEndpoint.SchemeVersion:
                Assert.Equal(("feature-count", 1), (json.GetProperty("id").GetString(), json.GetProperty("version").GetInt32()));
                break;
            case ApiEndpoint.ValidateScheme:
                Assert.True(json.GetProperty("valid").GetBoolean(), body);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "a move or an adjustment answers 200 only on a copy");
        }
    }

    private static bool Sees(DemoApi.Member user, AccessAction view, string person, DemoApi.PeriodTruth truth) =>
        AccessRules.Decide(view, Relations(user, person, truth), truth.State, AccessSettings.Default).IsAllowed;

    private static readonly Regex Number = new(@"(?<![\d.,A-Za-z])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![A-Za-z\d])", RegexOptions.CultureInvariant); // not inside a hex id (traceId)

    /// <summary>
    /// No amount of pay or salary (1,000 and more, in any notation: 20760.38, 20,760.38, 28000) of a person whose pay the user
    /// may not see appears in the answer, unless the same amount is also one the user may see; nor do the pay fields of a
    /// scorecard the user may not see pay of.
    /// </summary>
    private void AssertNoHiddenPay(string org, string period, string email, ApiEndpoint endpoint, string body)
    {
        var user = demo.Members[email];
        var periods = period == "-" ? Cast[org].Periods : [period];
        foreach (var p in periods)
        {
            var truth = demo.Truth[(org, p)];
            bool Pay(string person) => user.Organisation == org && Sees(user, AccessAction.ViewPay, person, truth);
            var shown = truth.Amounts.Where(a => Pay(a.Key)).SelectMany(a => a.Value).ToHashSet();
            var hidden = truth.Amounts.Where(a => !Pay(a.Key)).SelectMany(a => a.Value).Where(v => v >= 1000 && !shown.Contains(v)).ToHashSet();
            var leaked = Number.Matches(body).Select(m => decimal.Parse(m.Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).Where(hidden.Contains).ToList();
            Assert.True(leaked.Count == 0, $"{endpoint} {period} as {email} shows pay or salary it may not see ({string.Join(", ", leaked)}): {body}");
            if (endpoint == ApiEndpoint.Scorecard && p == period && !Pay(Cast[org].Person))
            {
                Assert.DoesNotContain("\"payouts\"", body, StringComparison.Ordinal);
                Assert.DoesNotContain("base_salary", body, StringComparison.Ordinal);
                Assert.DoesNotContain("\"amount\"", body, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>The matrix meets every answer R2 and the states can give, and each move succeeds somewhere (on a copy).</summary>
    [Fact]
    public void Cells_Expected_CoverEveryStatus()
    {
        var expected = Cells().Select(c => ((string)c[0], (string)c[1], (string)c[2], (ApiEndpoint)c[3]))
            .Select(c => (Endpoint: c.Item4, Status: Expected(c.Item1, c.Item2, Email(c.Item1, c.Item3), c.Item4))).ToList();

        Assert.Equal([200, 202, 401, 403, 404, 409, 422], expected.Select(e => e.Status).Distinct().Order());
        Assert.Contains(expected, e => e is (ApiEndpoint.EnterManualActuals, 422));
        Assert.Contains(expected, e => e is (ApiEndpoint.EnterManualActuals, 404));
        Assert.Contains(expected, e => e is (ApiEndpoint.EnterManualActuals, 409));
        Assert.Contains(expected, e => e is (ApiEndpoint.ManualActuals, 403));
        Assert.Contains(expected, e => e is (ApiEndpoint.Calc, 202));
        Assert.Contains(expected, e => e is (ApiEndpoint.Calc, 409));
        Assert.Contains(expected, e => e is (ApiEndpoint.Adjust, 200));
        Assert.Equal([ApiEndpoint.Review, ApiEndpoint.Approve, ApiEndpoint.Reopen], expected.Where(e => e.Status == 200 && e.Endpoint is >= ApiEndpoint.Review and <= ApiEndpoint.Reopen).Select(e => e.Endpoint).Distinct().Order());
        Assert.Contains(expected, e => e is (ApiEndpoint.Scorecard, 200));
        Assert.Contains(expected, e => e is (ApiEndpoint.Scorecard, 404));
    }

    [Fact]
    public void Endpoints_OfTheApi_AreAllInTheMatrix()
    {
        var routes = demo.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Where(r => r != "POST /api/v1/auth/login")
            .Order(StringComparer.Ordinal);

        Assert.Equal(
        [
            "DELETE /api/v1/periods/{period}/people/{person}/adjustments/{kind}/{indicator?}",
            "DELETE /api/v1/periods/{period}/people/{person}/grade",
            "GET /api/v1/audit",
            "GET /api/v1/me",
            "GET /api/v1/organisation",
            "GET /api/v1/periods",
            "GET /api/v1/periods/{period}",
            "GET /api/v1/periods/{period}/calibration",
            "GET /api/v1/periods/{period}/campaigns",
            "GET /api/v1/periods/{period}/manual-actuals",
            "GET /api/v1/periods/{period}/people/{person}/adjustments",
            "GET /api/v1/periods/{period}/people/{person}/scorecard",
            "GET /api/v1/periods/{period}/requests",
            "GET /api/v1/periods/{period}/results",
            "GET /api/v1/periods/{period}/trail",
            "GET /api/v1/runs/{id}",
            "GET /api/v1/schemes",
            "GET /api/v1/schemes/templates/{id}",
            "GET /api/v1/schemes/{code}/versions/{version:int}",
            "PATCH /api/v1/organisation/settings",
            "POST /api/v1/imports/{kind}",
            "POST /api/v1/periods/{period}/approve",
            "POST /api/v1/periods/{period}/calc",
            "POST /api/v1/periods/{period}/imports/{kind}",
            "POST /api/v1/periods/{period}/lock",
            "POST /api/v1/periods/{period}/open",
            "POST /api/v1/periods/{period}/people/{person}/adjustments",
            "POST /api/v1/periods/{period}/people/{person}/grade",
            "POST /api/v1/periods/{period}/publish",
            "POST /api/v1/periods/{period}/reopen",
            "POST /api/v1/periods/{period}/review",
            "POST /api/v1/schemes",
            "POST /api/v1/schemes/validate",
            "PUT /api/v1/periods/{period}/distribution",
            "PUT /api/v1/periods/{period}/manual-actuals",
        ], routes);
    }

    /// <summary>The cast plays its parts: each relation column of R2 is met by its user, as <c>/api/v1/me</c> reports them.</summary>
    [Theory]
    [InlineData("industrial")]
    [InlineData("saas")]
    public void Cast_AsMeReportsIt_HoldsEachRelationToX(string org)
    {
        var truth = demo.Truth[(org, Cast[org].Periods[0])];
        AccessRelation Of(string part) => Relations(demo.Members[Email(org, part)!], Cast[org].Person, truth);

        Assert.Equal(AccessRelation.Admin, Of("admin"));
        Assert.Equal(AccessRelation.Finance, Of("finance"));
        Assert.Equal(AccessRelation.Manager, Of("manager"));
        Assert.Equal(AccessRelation.None, Of("other-manager"));
        Assert.Equal(AccessRelation.Self, Of("self"));
        Assert.Equal(AccessRelation.None, Of("other-pm"));
        Assert.Equal(AccessRelation.None, Of("rater"));
        Assert.NotEmpty(demo.Members[Email(org, "other-manager")!].Manages);
        Assert.NotEqual(org, demo.Members[OtherOrganisation].Organisation);
        Assert.Contains("admin", demo.Members[OtherOrganisation].Roles);
    }

    /// <summary>The periods asked about are in the states the matrix means to cover, and hold the amounts it looks for.</summary>
    [Fact]
    public void Periods_OfTheMatrix_CoverSeveralStates()
    {
        Assert.Equal(PeriodState.InReview, demo.Truth[("industrial", "2026-10")].State);
        Assert.Equal(PeriodState.Locked, demo.Truth[("industrial", "2026-09")].State);
        Assert.Equal(PeriodState.Calculated, demo.Truth[("saas", "2026")].State);
        Assert.Equal(PeriodState.Collecting, demo.Truth[("saas", "2026-11")].State);
        Assert.Null(demo.Truth[("saas", "2026-11")].Evaluated);
        Assert.Contains(20760.38m, demo.Truth[("industrial", "2026-10")].Amounts["zhang_wei"]);
        Assert.Contains(30000m, demo.Truth[("industrial", "2026-10")].Amounts["zhang_wei"]);
        Assert.Contains(138151.80m, demo.Truth[("saas", "2026")].Amounts["li_na"]);
        Assert.DoesNotContain(demo.Labels[demo.Members[OtherOrganisation].Organisation], l => Cast.Values.Any(c => c.Periods.Contains(l)));
    }
}
