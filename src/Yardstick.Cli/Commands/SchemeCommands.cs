using System.CommandLine;
using System.Globalization;
using Yardstick.App.Schemes;

namespace Yardstick.Cli.Commands;

/// <summary><c>yardstick scheme validate FILE</c>.</summary>
internal static class SchemeCommands
{
    public static Command Build(Io io)
    {
        var file = new Argument<string>("file") { Description = "Scheme JSON file (one scheme or a lifecycle bundle)." };
        var validate = new Command("validate", "Check a scheme file: syntax, weights, codes, rules, formulas.") { file };
        validate.SetAction(r => Validate(io, r.GetValue(file)!));
        return new Command("scheme", "Scheme files.") { validate };
    }

    private static int Validate(Io io, string path)
    {
        var problems = new Problems();
        var lines = new List<string>();
        if (SchemeSource.ReadText(path, problems) is { } text)
        {
            var checkedScheme = SchemeCheck.Run(text, path);
            problems.AddRange(checkedScheme.Problems);
            foreach (var compiled in checkedScheme.Schemes)
            {
                var scheme = compiled.Scheme;
                var groups = compiled.GroupNodes().Count();
                var stage = scheme.Stage is null ? "" : $", stage {scheme.Stage}";
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"OK: {path}: scheme {scheme.Id} v{scheme.Version} ({scheme.PeriodKind.ToString().ToLowerInvariant()}{stage}): {compiled.Indicators.Length} indicators in {groups} groups"));
            }
        }

        if (problems.Any)
        {
            Output.Errors.Fail(io, problems);
            return Program.BadInput;
        }

        foreach (var line in lines)
            io.Out.WriteLine(line);
        return Program.Ok;
    }
}
