using System.Globalization;
using System.Text.Json;

namespace Yardstick.Cli.Tests;

/// <summary>
/// File-based <c>evaluate</c> and the system of record's <c>calc</c> + <c>results</c> run one pipeline: on the same
/// inputs (the examples, loaded into a database through the imports) every result object is the same, field by field.
/// </summary>
public sealed class EvaluateVsCalcTests : IDisposable
{
    private static readonly string Examples = Path.Combine(RepoRoot.Path, "examples");

    private readonly CliHarness _h = new();

    public static TheoryData<string, string> Cases => new()
    {
        { "sqlite", "e1" },
        { "postgres", "e1" },
        { "sqlite", "team" },
        { "postgres", "team" },
        { "sqlite", "t2" },
        { "postgres", "t2" },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task EvaluateAndCalc_SameInputs_SameResultsFieldByField(string provider, string example)
    {
        var (template, period, actuals, people, more) = example switch
        {
            "e1" => ("industrial-value", "2026-10", "e1-actuals.csv", "people.csv", new Dictionary<string, string>()),
            "team" => ("industrial-value", "2026-10", "team-actuals.csv", "team-people.csv", new() { ["--waivers"] = "team-waivers.csv" }),
            _ => ("crossborder-lifecycle", "2026-Q2", "t2-actuals.csv", "t2-people.csv", new Dictionary<string, string> { ["--stages"] = "t2-stages.csv", ["--events"] = "t2-events.csv", ["--measures"] = "t2-measures.csv" }),
        };
        string[] files = ["--actuals", Ex(actuals), "--people", Ex(people), .. more.SelectMany(kv => new[] { kv.Key, Ex(kv.Value) })];
        var evaluated = CliHarness.Run(["evaluate", "--template", template, "--period", period, "--format", "json", .. files]);
        Assert.True(evaluated.Code == 0, evaluated.ToString());

        await using var db = await CliDb.CreateAsync(provider);
        string[] Db(params string[] args) => [.. args, "--db", db.Argument];
        void Ok(params string[] args)
        {
            var run = CliHarness.Run(Db(args));
            Assert.True(run.Code == 0, $"{string.Join(' ', args)}\n{run}");
        }

        var rows = Rows(Ex(people));
        Ok("db", "migrate");
        Ok("period", "open", period, "--template", template);
        Ok("import", "employees", _h.Write("e.csv", "person,name,team,product\n" + string.Concat(rows.Select(r => $"{r["person"]},{r["name"]},{r["team"]},{r["product"]}\n"))));
        Ok("import", "salaries", _h.Write("s.csv", "person,base_salary,effective_from\n" + string.Concat(rows.Select(r => $"{r["person"]},{r["base_salary"]},2020-01-01\n"))));
        var measures = more.TryGetValue("--measures", out var m) ? Rows(Ex(m)).Select(r => $"{r["scope"]},{r["measure"]},{r["value"]}\n") : [];
        Ok("import", "actuals", _h.Write("a.csv", File.ReadAllText(Ex(actuals)).TrimEnd() + "\n" + string.Concat(measures)), "--period", period);
        if (more.TryGetValue("--stages", out var stages))
            Ok("import", "stages", Ex(stages));
        if (more.TryGetValue("--events", out var events))
        {
            // the system of record takes a period's events only; the file's later event pays nothing in evaluate either
            var p = Core.Common.Period.Parse(period).Value;
            var inside = Rows(Ex(events)).Where(r => DateOnly.Parse(r["date"], CultureInfo.InvariantCulture) <= p.LastDay);
            Ok("import", "events", _h.Write("ev.csv", "product,event,date\n" + string.Concat(inside.Select(r => $"{r["product"]},{r["event"]},{r["date"]}\n"))), "--period", period);
        }

        if (more.TryGetValue("--waivers", out var waivers))
            foreach (var w in Rows(Ex(waivers)))
                Ok("waive", w["person"], w["indicator"], "--period", period, "--reason", w["reason"]);
        Ok("calc", "--period", period);
        var stored = CliHarness.Run(Db("results", "--period", period, "--format", "json"));
        Assert.True(stored.Code == 0, stored.ToString());

        using var a = JsonDocument.Parse(evaluated.Out);
        using var b = JsonDocument.Parse(stored.Out);
        foreach (var field in new[] { "scheme", "version", "period", "currency" })
            Assert.True(JsonElement.DeepEquals(a.RootElement.GetProperty(field), b.RootElement.GetProperty(field)), field);
        var left = a.RootElement.GetProperty("results").EnumerateArray().ToList();
        var right = b.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(left.Select(r => r.GetProperty("person").GetString()), right.Select(r => r.GetProperty("person").GetString()));
        Assert.True(left.Count > 0);
        for (var i = 0; i < left.Count; i++)
            foreach (var property in left[i].EnumerateObject())
                Assert.True(JsonElement.DeepEquals(property.Value, right[i].GetProperty(property.Name)),
                    $"{left[i].GetProperty("person").GetString()}.{property.Name}: evaluate {property.Value} vs calc {right[i].GetProperty(property.Name)}");
        Assert.Equal(left.Select(r => r.EnumerateObject().Select(p => p.Name).ToList()), right.Select(r => r.EnumerateObject().Select(p => p.Name).ToList()));

        // not only the same values: the same text of every number (scoring.md §10 writes them in one canonical form)
        Assert.Equal(left.Select(r => JsonSerializer.Serialize(r)), right.Select(r => JsonSerializer.Serialize(r)));
    }

    public void Dispose() => _h.Dispose();

    private static string Ex(string name) => Path.Combine(Examples, name);

    /// <summary>The rows of a small CSV example without quoting, by column name.</summary>
    private static List<Dictionary<string, string>> Rows(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => l.Split(',', header.Length)).Select(f => header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i < f.Length ? f[x.i] : "", StringComparer.Ordinal))];
    }
}
