using System.Net;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using Yardstick.App.Demo;

namespace Yardstick.Web.Tests;

/// <summary>
/// <c>POST /api/v1/periods/{period}/imports/actuals</c> on the demo's saas 2026-11 (Collecting), as hr@saas.demo, each test
/// on a host of its own: a good file is stored (a second upload of it changes nothing, a changed value is counted as changed),
/// a bad one is refused with every problem at its row and column and stores nothing.
/// </summary>
public sealed class ImportsApiTests(DemoHosts hosts) : IClassFixture<DemoHosts>
{
    private const string Path = "/api/v1/periods/2026-11/imports/actuals?lang=en";

    private static MultipartFormDataContent Csv(string csv, string name = "actuals.csv") => new()
    {
        { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", name },
    };

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static (int Added, int Changed, int Unchanged) Merge(JsonElement answer)
    {
        var merge = answer.GetProperty("merge");
        return (merge.GetProperty("added").GetInt32(), merge.GetProperty("changed").GetInt32(), merge.GetProperty("unchanged").GetInt32());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Upload_BadThenGood_BadStoresNothingGoodIsAdded(string provider)
    {
        await using var host = await hosts.OwnAsync(provider);
        using var api = await host.ApiAsync("hr@saas.demo", LoadDemo.Password);
        const string good = "person,indicator,value\nli_na,post_release_resolution,0.93\nli_na,paid_conversion_lift,0.06\n";

        var bad = await api.PostAsync(Path, Csv("person,indicator,value\nli_na,post_release_resolution,0.93\nli_na,no_such_indicator,1\nli_na,paid_conversion_lift,abc\n", "bad.csv"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        var places = errors.EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains(places, p => p.StartsWith("bad.csv:3:", StringComparison.Ordinal));
        Assert.Contains(places, p => p.StartsWith("bad.csv:4:", StringComparison.Ordinal));
        Assert.DoesNotContain(places, p => p.StartsWith("bad.csv:2:", StringComparison.Ordinal));
        Assert.Contains("abc", errors.GetRawText(), StringComparison.Ordinal);

        var stored = await OkAsync(await api.PostAsync(Path, Csv(good)));

        // nothing of the bad file was kept: both values of the good one are new
        Assert.Equal(("actuals.csv", 2), (stored.GetProperty("file").GetString(), stored.GetProperty("rows").GetInt32()));
        Assert.Equal((2, 0, 0), Merge(stored));
        Assert.Equal((0, 0, 2), Merge(await OkAsync(await api.PostAsync(Path, Csv(good)))));
        Assert.Equal((0, 1, 1), Merge(await OkAsync(await api.PostAsync(Path, Csv(good.Replace("0.06", "0.07", StringComparison.Ordinal))))));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Upload_Xlsx_StoredAsTheCsvWouldBe(string provider)
    {
        await using var host = await hosts.OwnAsync(provider);
        using var api = await host.ApiAsync("hr@saas.demo", LoadDemo.Password);
        using var workbook = new MemoryStream();
        await workbook.SaveAsAsync(new[] { new { person = "li_na", indicator = "post_release_resolution", value = 0.93m } });

        var stored = await OkAsync(await api.PostAsync(Path, new MultipartFormDataContent { { new ByteArrayContent(workbook.ToArray()), "file", "actuals.xlsx" } }));

        Assert.Equal(("actuals.xlsx", 1), (stored.GetProperty("file").GetString(), stored.GetProperty("rows").GetInt32()));
        Assert.Equal((1, 0, 0), Merge(stored));
        // the same value as CSV: unchanged
        Assert.Equal((0, 0, 1), Merge(await OkAsync(await api.PostAsync(Path, Csv("person,indicator,value\nli_na,post_release_resolution,0.93\n")))));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Upload_NoFileOrClosedPeriodOrNotAdmin_Refused(string provider)
    {
        var host = await hosts.HostAsync(provider);
        using var admin = await host.ApiAsync("hr@saas.demo", LoadDemo.Password);
        using var pm = await host.ApiAsync("li_na@saas.demo", LoadDemo.Password);
        using var industrial = await host.ApiAsync("hr@industrial.demo", LoadDemo.Password);

        var none = await admin.PostAsync(Path, new MultipartFormDataContent { { new StringContent("x"), "other" } });
        var byPm = await pm.PostAsync(Path, Csv("person,indicator,value\nli_na,post_release_resolution,1\n"));
        var inReview = await industrial.PostAsync("/api/v1/periods/2026-10/imports/actuals?lang=en", Csv("person,indicator,value\nzhang_wei,innovation_reserve,1\n"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, none.StatusCode);
        Assert.Contains("'file'", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byPm.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, inReview.StatusCode);
        Assert.Contains("InReview", await inReview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
