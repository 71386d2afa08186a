using System.Text.Json;
using Yardstick.App.Evaluation;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;

namespace Yardstick.App.Tests.Evaluation;

/// <summary>A run's inputs written down and read back evaluate to the very same results (review.md R6).</summary>
public sealed class InputsSnapshotTests
{
    private static readonly string Examples = Path.Combine(FindRoot(), "examples");

    public static TheoryData<string> Cases => ["e1", "team", "e3", "t2"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void WriteThenRead_Examples_SameResultsJson(string example)
    {
        var inputs = Load(example);

        var snapshot = InputsSnapshot.Write(inputs);
        var read = InputsSnapshot.Read(snapshot, inputs.Document, inputs.Calculators);

        Assert.Equal(Json(inputs), Json(read));
        Assert.Equal(InputsSnapshot.Fingerprint(inputs), InputsSnapshot.Fingerprint(read));
        Assert.Equal(inputs.People, read.People);
    }

    [Fact]
    public void Fingerprint_OneActualChanged_OnlyActualsSectionDiffers()
    {
        var inputs = Load("e1");
        var before = InputsSnapshot.Fingerprint(inputs);
        var changed = inputs.Actuals.ToDictionary(kv => kv.Key, kv => (decimal?[])kv.Value.Clone(), StringComparer.Ordinal);
        changed["zhang_wei"][inputs.Space.IndexOf("csat")] = 4.4m;

        var after = InputsSnapshot.Fingerprint(new EvaluationInputs
        {
            Period = inputs.Period, Document = inputs.Document, Calculators = inputs.Calculators, Space = inputs.Space, People = inputs.People,
            Info = inputs.Info, Actuals = changed, TeamActuals = inputs.TeamActuals, Waivers = inputs.Waivers, Measures = inputs.Measures,
            Events = inputs.Events, Awards = inputs.Awards, Ledger = inputs.Ledger, Stages = inputs.Stages, ProRata = inputs.ProRata,
        });

        Assert.Equal(["actuals"], InputsSnapshot.Sections.Where(s => before[s] != after[s]));
    }

    [Fact]
    public void Fingerprint_SameValueWrittenDifferently_Equal()
    {
        var a = Load("e1");
        var actuals = a.Actuals.ToDictionary(kv => kv.Key, kv => (decimal?[])kv.Value.Clone(), StringComparer.Ordinal);
        var i = a.Space.IndexOf("rd_utilization");
        actuals["zhang_wei"][i] = 0.800m; // as PostgreSQL returns a numeric(…, 3)
        var b = new EvaluationInputs
        {
            Period = a.Period, Document = a.Document, Calculators = a.Calculators, Space = a.Space, People = a.People,
            Info = a.Info, Actuals = actuals, TeamActuals = a.TeamActuals, Waivers = a.Waivers, Measures = a.Measures,
            Events = a.Events, Awards = a.Awards, Ledger = a.Ledger, Stages = a.Stages, ProRata = a.ProRata,
        };

        Assert.Equal(InputsSnapshot.Fingerprint(a)["actuals"], InputsSnapshot.Fingerprint(b)["actuals"]);
    }

    private static EvaluationInputs Load(string example)
    {
        var (template, period, files) = example switch
        {
            "e1" => ("industrial-value", "2026-10", new[] { "e1-actuals.csv", "people.csv" }),
            "team" => ("industrial-value", "2026-10", ["team-actuals.csv", "team-people.csv", "team-waivers.csv"]),
            "e3" => ("saas-team-individual", "2026", ["e3-actuals.csv", "e3-people.csv", null, "e3-measures.csv"]),
            _ => ("crossborder-lifecycle", "2026-Q2", ["t2-actuals.csv", "t2-people.csv", null, "t2-measures.csv", "t2-events.csv", "t2-stages.csv"]),
        };
        var compiled = PeriodScheme.Compile(SchemeJson.Write(TemplateCatalog.Find(template).Value.Document), template).Value;
        var calculators = EvaluationInputs.CalculatorsFor(compiled.Schemes, Period.Parse(period).Value).Value;
        InputFile? F(int k) => k < files.Length && files[k] is { } name ? Input.File(Path.Combine(Examples, name)) : null;
        var problems = new Problems();
        var inputs = FileInputs.Load(compiled.Document, calculators, new EvaluationFiles(F(0)!, F(1), F(2), F(3), F(4), F(5)), Ledger.Empty, proRata: false, problems);
        Assert.True(inputs is not null, string.Join("\n", problems.ToList()));
        return inputs!;
    }

    private static string Json(EvaluationInputs inputs)
    {
        var result = Evaluator.Evaluate(inputs);
        Assert.True(result.IsSuccess, string.Join("\n", result.Problems));
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
            ResultsJson.Write(w, inputs, result.Value, Language.ZhCN);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yardstick.slnx")))
            dir = dir.Parent;
        return dir!.FullName;
    }
}
