using System.Net;
using System.Text;
using System.Text.Json;
using Yardstick.App.Demo;
using Yardstick.App.Results;

namespace Yardstick.Web.Tests;

/// <summary><c>GET /api/v1/periods/{p}/results?all=true&amp;format=csv|json</c> (R11) over the demo's industrial 2026-10: the whole set the user may see, as the pages give it.</summary>
public sealed class ResultsDownloadTests(DemoHosts hosts) : IClassFixture<DemoHosts>
{
    private static async Task<List<string>> PagedPeopleAsync(HttpClient api)
    {
        var people = new List<string>();
        string? after = null;
        do
        {
            var page = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/periods/2026-10/results?limit=3{(after is null ? "" : "&after=" + after)}")).RootElement;
            people.AddRange(page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("person").GetString()!));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }
        while (after is not null);
        return people;
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task All_AdminAndManager_EveryVisibleRowAsThePagesAndCsvAsShown(string provider)
    {
        foreach (var email in new[] { "hr@industrial.demo", "li_ming@industrial.demo" })
        {
            using var api = await (await hosts.HostAsync(provider)).ApiAsync(email, LoadDemo.Password);
            var paged = await PagedPeopleAsync(api);

            var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/periods/2026-10/results?all=true")).RootElement;
            var csv = await api.GetAsync("/api/v1/periods/2026-10/results?all=true&format=csv");

            Assert.Equal(paged, json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("person").GetString()));
            Assert.Equal(JsonValueKind.Null, json.GetProperty("next").ValueKind);
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("results-2026-10.csv", csv.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("person,name,team,rank,total,grade,complete,missing,pay,currency", lines[0]);
            Assert.Equal(paged, lines.Skip(1).Select(l => l.Split(',')[0]));
            var zhang = lines.Single(l => l.StartsWith("zhang_wei,", StringComparison.Ordinal)).Split(',');
            Assert.Equal(("张伟", "100.77", "A"), (zhang[1], zhang[4], zhang[5]));
            var zhangJson = json.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("person").GetString() == "zhang_wei");
            Assert.Equal(zhangJson.TryGetProperty("pay", out var pay) ? pay.GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "", zhang[8]);
        }

        using var admin = await (await hosts.HostAsync(provider)).ApiAsync("hr@industrial.demo", LoadDemo.Password);
        Assert.Contains("20760.38", await admin.GetStringAsync("/api/v1/periods/2026-10/results?all=true&format=csv"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.GetAsync("/api/v1/periods/2026-10/results?all=true&format=xml")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task PageDownload_SignedInBrowser_GetsTheApisCsvForItsFilters(string provider)
    {
        var host = await hosts.HostAsync(provider);
        var browser = await hosts.SignInAsync(provider, "li_ming@industrial.demo");
        using var api = await host.ApiAsync("li_ming@industrial.demo", LoadDemo.Password);

        var html = await Pages.OkAsync(browser, "/periods/2026-10/results?grade=A");
        var link = System.Text.RegularExpressions.Regex.Match(html, "<a href=\"([^\"]+)\" download=\"results-2026-10.csv\" id=\"results-download\"").Groups[1].Value;
        var file = await browser.GetAsync(System.Net.WebUtility.HtmlDecode(link));
        var all = await browser.GetByteArrayAsync("/periods/2026-10/results.csv");

        Assert.Equal("/periods/2026-10/results.csv?grade=A", System.Net.WebUtility.HtmlDecode(link));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(await api.GetByteArrayAsync("/api/v1/periods/2026-10/results?all=true&format=csv&grade=A"), await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(await api.GetByteArrayAsync("/api/v1/periods/2026-10/results?all=true&format=csv"), all);
        Assert.Contains("zhang_wei,张伟,", Encoding.UTF8.GetString(all), StringComparison.Ordinal);
        // without a session: to the sign-in page, never the file
        using var anonymous = host.Browser();
        var refused = await anonymous.GetAsync("/periods/2026-10/results.csv");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public void Csv_TextCellsStartingWithAFormulaCharacter_AreNeutralisedAndQuoted()
    {
        using var text = new StringWriter();

        ResultsPage.WriteCsv(text, [new ResultRow("=cmd", "a,b", "@team", 1, 99.999m, "+A", true, 0, null, null, null)]);

        Assert.Equal("person,name,team,rank,total,grade,complete,missing,pay,currency\r\n'=cmd,\"a,b\",'@team,1,99.99,'+A,true,0,,\r\n", text.ToString());
    }
}
