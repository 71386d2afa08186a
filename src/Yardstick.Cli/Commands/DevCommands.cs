using System.CommandLine;
using System.Globalization;
using System.Text;
using Yardstick.Core.Schemes;

namespace Yardstick.Cli.Commands;

/// <summary>
/// Hidden developer commands. <c>yardstick dev gen-actuals</c> writes a large, valid, reproducible
/// actuals file for measuring <c>evaluate</c> (docs/performance.md).
/// </summary>
internal static class DevCommands
{
    public static Command Build(Io io)
    {
        var rows = new Option<int>("--rows") { Description = "Number of actual rows.", DefaultValueFactory = _ => 1_000_000 };
        var template = new Option<string>("--template") { Description = "Template whose indicators to use.", DefaultValueFactory = _ => "industrial-value" };
        var output = new Option<string>("--out") { HelpName = "FILE", Description = "Actuals CSV to write.", Required = true };
        var peopleOut = new Option<string?>("--people-out") { HelpName = "FILE", Description = "Also write a people CSV for the generated people." };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var gen = new Command("gen-actuals", "Generate a valid actuals file: every person gets every indicator, in shuffled person order.")
        {
            rows, template, output, peopleOut, seed,
        };
        gen.SetAction(r => GenActuals(io, r.GetValue(rows), r.GetValue(template)!, r.GetValue(output)!, r.GetValue(peopleOut), r.GetValue(seed)));
        return new Command("dev", "Developer tools.") { Hidden = true, Subcommands = { gen } };
    }

    private static int GenActuals(Io io, int rows, string templateId, string path, string? peopleOut, int seed)
    {
        var problems = new Problems();
        var scheme = SchemeSource.Load(templateId, null, problems);
        if (scheme is null || rows < 1)
        {
            if (rows < 1)
                problems.In("--rows", "至少为 1", "must be at least 1");
            Output.Errors.Fail(io, problems);
            return Program.BadInput;
        }

        var indicators = scheme.Indicators.Where(i => i.Source != Source.Formula).ToArray();
        var people = (rows + indicators.Length - 1) / indicators.Length;
        var random = new Random(seed);
        // Person ids in a random order, so the reader cannot rely on sorted input.
        var order = Enumerable.Range(1, people).ToArray();
        random.Shuffle(order);
        using (var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
        {
            w.Write("person,indicator,value\n");
            var written = 0;
            foreach (var p in order)
            {
                foreach (var ind in indicators)
                {
                    if (written++ == rows)
                        break;
                    w.Write(PersonId(p));
                    w.Write(',');
                    w.Write(ind.Code);
                    w.Write(',');
                    w.Write(Value(ind, random).ToString(CultureInfo.InvariantCulture));
                    w.Write('\n');
                }
            }
        }

        if (peopleOut is not null)
        {
            using var w = new StreamWriter(peopleOut, false, new UTF8Encoding(false), 1 << 16);
            w.Write("person,base_salary,name,team,product,share\n");
            for (var p = 1; p <= people; p++)
                w.Write(string.Create(CultureInfo.InvariantCulture, $"{PersonId(p)},{20000 + random.Next(0, 300) * 100}.00,PM {p},team_{p % 100:D2},product_{p % 500:D3},\n"));
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {rows} rows for {people} people ({indicators.Length} indicators of {scheme.Scheme.Id}) to {path}"));
        return Program.Ok;
    }

    private static string PersonId(int p) => string.Create(CultureInfo.InvariantCulture, $"pm{p:D7}");

    private static decimal Value(Indicator ind, Random random)
    {
        var factor = 0.5m + (decimal)random.Next(0, 8001) / 10000m; // 0.5 to 1.3 times the target
        var value = ind.Unit switch
        {
            Unit.Count => Math.Round(ind.Target * factor),
            Unit.Rating => 1m + random.Next(0, 41) / 10m,
            _ => Math.Round(ind.Target * factor, 4),
        };
        if (ind.EffectiveMin is { } min && value < min)
            value = min;
        if (ind.EffectiveMax is { } max && value > max)
            value = max;
        return value;
    }
}
