using System.Net;
using System.Text;
using System.Text.Json;
using Yardstick.App.Demo;
using Yardstick.App.Schemes;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;

namespace Yardstick.Web.Tests;

/// <summary>
/// The scheme gallery and editor (<c>/schemes</c>, <c>/schemes/edit</c>) and <c>/api/v1/schemes</c> over the demo: both over
/// App's SchemeLibrary and SchemeCheck, admins only; saving and opening a period on a host of its own.
/// </summary>
public sealed class SchemesTests(DemoHosts hosts) : IClassFixture<DemoHosts>
{
    private static SchemeDocument T1 => TemplateCatalog.Find("industrial-value").Value.Document;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>T1 with its first indicator 0.05 heavier: its group's children no longer sum to the group's weight.</summary>
    private static string WeightError()
    {
        var first = T1.Schemes[0].Indicators().First();
        return SchemeJson.Write(SchemeCheck.With(T1, "industrial-value", first.Code, weight: first.Weight + 0.05m));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Gallery_Admin_EveryTemplateWithItsStoryAndTheSavedVersionsAsTheApi(string provider)
    {
        var browser = await hosts.SignInAsync(provider, "hr@industrial.demo");
        using var api = await (await hosts.HostAsync(provider)).ApiAsync("hr@industrial.demo", LoadDemo.Password);

        var html = await Pages.OkAsync(browser, "/schemes?culture=en");
        var gallery = JsonDocument.Parse(await api.GetStringAsync("/api/v1/schemes")).RootElement;

        var templates = gallery.GetProperty("templates").EnumerateArray().ToList();
        Assert.Equal(TemplateCatalog.List().Select(t => t.Id), templates.Select(t => t.GetProperty("id").GetString()));
        foreach (var t in TemplateCatalog.List())
        {
            Assert.Contains($"data-template=\"{t.Id}\"", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"/schemes/edit?template={t.Id}\"", html, StringComparison.Ordinal);
        }

        var saved = gallery.GetProperty("saved").EnumerateArray().Select(s => $"{s.GetProperty("code").GetString()} v{s.GetProperty("version").GetInt32()}").ToList();
        Assert.NotEmpty(saved);
        Assert.Equal(saved, Pages.Rows(html, "data-scheme").Select(r => r.Key));
        // the demo's periods run on stored versions: each period is listed under the version it uses
        Assert.Contains(gallery.GetProperty("saved").EnumerateArray(), s => s.GetProperty("periods").EnumerateArray().Any(p => p.GetString() == "2026-10"));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Editor_TemplateWithAWeightError_ShowsTheGroupSumAndTheMessageOfSchemeValidate(string provider)
    {
        var browser = await hosts.SignInAsync(provider, "hr@industrial.demo");
        using var api = await (await hosts.HostAsync(provider)).ApiAsync("hr@industrial.demo", LoadDemo.Password);

        var html = await Pages.OkAsync(browser, "/schemes/edit?template=industrial-value");
        var check = JsonDocument.Parse(await (await api.PostAsync("/api/v1/schemes/validate?lang=en", Json(WeightError()))).Content.ReadAsStringAsync()).RootElement;

        // the template as it is: valid, its whole tree with a weight input per node
        Assert.Contains("id=\"scheme-valid\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"scheme-problems\"", html, StringComparison.Ordinal);
        foreach (var node in T1.Schemes[0].AllNodes())
            Assert.Contains($"data-weight=\"{node.Code}\"", html, StringComparison.Ordinal);
        // the weight error through the API: not valid, the message as 'scheme validate' words it, the group's sum beside its weight
        Assert.False(check.GetProperty("valid").GetBoolean());
        var problem = Assert.Single(check.GetProperty("problems").EnumerateArray());
        var expected = Assert.Single(SchemeCheck.Run(WeightError(), "scheme").Problems);
        Assert.Equal(expected.Where.ToString(), problem.GetProperty("where").GetString());
        Assert.Equal(expected.Message.En, problem.GetProperty("message").GetString());
        var unbalanced = Assert.Single(check.GetProperty("tree").EnumerateArray(), l => !l.GetProperty("balanced").GetBoolean());
        Assert.Equal(unbalanced.GetProperty("weight").GetDecimal() + 0.05m, unbalanced.GetProperty("childrenSum").GetDecimal());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Editor_T1_ADetailRowPerIndicatorWithItsFieldsAndValues_AddAndRemoveButtons_LabelsInBothLanguages(string provider)
    {
        var browser = await hosts.SignInAsync(provider, "hr@industrial.demo");

        await browser.GetAsync("/culture/en?returnUrl=%2F");
        var en = await Pages.OkAsync(browser, "/schemes/edit?template=industrial-value");
        await browser.GetAsync("/culture/zh-CN?returnUrl=%2F");
        var zh = await Pages.OkAsync(browser, "/schemes/edit?template=industrial-value");

        var indicators = T1.Schemes[0].Indicators().ToList();
        Assert.Equal(indicators.Select(i => i.Code), System.Text.RegularExpressions.Regex.Matches(en, "<tr data-detail=\"([a-z_]+)\"").Select(m => m.Groups[1].Value));
        foreach (var indicator in indicators)
        {
            var detail = Detail(en, indicator.Code);
            foreach (var field in SchemeCheck.IndicatorFields)
                Assert.Contains($"data-field=\"{indicator.Code}.{field}\"", detail, StringComparison.Ordinal);
            // the values as the scheme file writes them: a number in its field, each choice selected
            Assert.Contains($"value=\"{SchemeCheck.FieldText(indicator, "cap")}\" data-field=\"{indicator.Code}.cap\"", detail, StringComparison.Ordinal);
            Assert.Contains($"value=\"{SchemeCheck.FieldText(indicator, "floor")}\" data-field=\"{indicator.Code}.floor\"", detail, StringComparison.Ordinal);
            foreach (var field in new[] { "unit", "direction", "rule", "source" })
            {
                var select = Select(detail, $"{indicator.Code}.{field}");
                Assert.Equal([SchemeCheck.FieldText(indicator, field)], SelectedOptions(select));
                Assert.Equal(SchemeCheck.Choices(field).Count, OptionCount(select));
            }

            Assert.Contains($"data-remove=\"{indicator.Code}\"", en, StringComparison.Ordinal);
        }

        Assert.Equal(["percent", "rating", "percent", "percent", "count", "percent", "percent", "percent", "rating", "percent", "rating"],
            indicators.Select(i => SelectedOptions(Select(Detail(en, i.Code), $"{i.Code}.unit")).Single()));
        Assert.Equal(["manual"], SelectedOptions(Select(en, "innovation_reserve.source")));
        foreach (var group in T1.Schemes[0].AllNodes().OfType<Group>())
            Assert.Contains($"data-add-to=\"{group.Code}\"", en, StringComparison.Ordinal);
        foreach (var label in new[] { "Name (English)", "Cap", "Floor", "Source", "Add indicator", "Details" })
            Assert.Contains(label, en, StringComparison.Ordinal);
        foreach (var label in new[] { "英文名称", "上限（cap）", "下限（floor）", "数据来源", "添加指标", "详情" })
            Assert.Contains(label, zh, StringComparison.Ordinal);
    }

    private static string Detail(string html, string code) =>
        System.Text.RegularExpressions.Regex.Match(html, $"<tr data-detail=\"{code}\".*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;

    private static string Select(string html, string field)
    {
        var start = html.IndexOf($"data-field=\"{field}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, field);
        return html[start..html.IndexOf("</select>", start, StringComparison.Ordinal)];
    }

    private static List<string> SelectedOptions(string select) =>
        [.. System.Text.RegularExpressions.Regex.Matches(select, "<option value=\"([a-z_]+)\" selected").Select(m => m.Groups[1].Value)];

    private static int OptionCount(string select) => System.Text.RegularExpressions.Regex.Count(select, "<option ");

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Library_ProductManagerAndManager_RefusedOnPagesAndApi(string provider)
    {
        foreach (var email in new[] { "zhang_wei@industrial.demo", "li_ming@industrial.demo" })
        {
            var browser = await hosts.SignInAsync(provider, email);
            using var api = await (await hosts.HostAsync(provider)).ApiAsync(email, LoadDemo.Password);

            Assert.Contains("id=\"schemes-refused\"", await Pages.OkAsync(browser, "/schemes"), StringComparison.Ordinal);
            var editor = await Pages.OkAsync(browser, "/schemes/edit?template=industrial-value");
            Assert.Contains("id=\"editor-refused\"", editor, StringComparison.Ordinal);
            Assert.DoesNotContain("data-weight", editor, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/schemes")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/schemes/templates/industrial-value")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/api/v1/schemes/validate", Json(WeightError()))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/api/v1/schemes", Json(SchemeJson.Write(T1)))).StatusCode);
        }
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Save_ErrorRefusedThenFixedStoredAndAPeriodOpensOnIt(string provider)
    {
        await using var host = await hosts.OwnAsync(provider);
        using var api = await host.ApiAsync("hr@industrial.demo", LoadDemo.Password);
        var indicators = T1.Schemes[0].Indicators().Take(2).ToList();
        var fixedJson = SchemeJson.Write(SchemeCheck.With(SchemeCheck.With(T1, "industrial-value", indicators[0].Code, weight: indicators[0].Weight + 0.05m),
            "industrial-value", indicators[1].Code, weight: indicators[1].Weight - 0.05m));
        var before = JsonDocument.Parse(await api.GetStringAsync("/api/v1/schemes")).RootElement.GetProperty("saved").GetArrayLength();

        var refused = await api.PostAsync("/api/v1/schemes?lang=en", Json(WeightError()));
        var stored = await api.PostAsync("/api/v1/schemes", Json(fixedJson));
        var again = await api.PostAsync("/api/v1/schemes", Json(fixedJson));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("must be equal", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        var saved = JsonDocument.Parse(await stored.Content.ReadAsStringAsync()).RootElement;
        var version = saved.GetProperty("version").GetInt32();
        Assert.Equal($"/api/v1/schemes/industrial-value/versions/{version}", stored.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("unchanged", JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("outcome").GetString());
        Assert.Equal(before + 1, JsonDocument.Parse(await api.GetStringAsync("/api/v1/schemes")).RootElement.GetProperty("saved").GetArrayLength());
        var read = await api.GetStringAsync(stored.Headers.Location!.ToString());
        Assert.True(SchemeCheck.Run(read, "read").IsValid);

        var opened = await api.PostAsync("/api/v1/periods/2026-12/open", Json($$"""{"scheme":"industrial-value","version":{{version}}}"""));
        var unknown = await api.PostAsync("/api/v1/periods/2027-01/open", Json("""{"scheme":"industrial-value","version":99}"""));

        var body = await opened.Content.ReadAsStringAsync();
        Assert.True(opened.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("Collecting", JsonDocument.Parse(body).RootElement.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/periods/2027-01")).StatusCode);
    }
}
