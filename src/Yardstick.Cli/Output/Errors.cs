using Yardstick.Core.Common;

namespace Yardstick.Cli.Output;

/// <summary>
/// The CLI's one error mapper: every expected failure (a typed <see cref="Problem"/> of any kind) becomes one line on
/// stderr, <c>FILE:LINE:COLUMN: message</c> or <c>OPTION: message</c>, in the command's language, with the CLI's own
/// hint (the command to run) where the problem's code has one; the exit code is <see cref="Program.BadInput"/>.
/// At most <see cref="Problems.MaxShown"/> lines, then a count of the rest. Below the CLI, messages name fields, not
/// options: here a field becomes the option or argument of the command (<c>period</c> → <c>--period</c>).
/// </summary>
internal static class Errors
{
    private static readonly Dictionary<string, string> Options = new(StringComparer.Ordinal)
    {
        ["period"] = "--period",
        ["reason"] = "--reason",
        ["template"] = "--template",
        ["scheme"] = "--scheme",
        ["people"] = "--people",
        ["stages"] = "--stages",
        ["db"] = "--db",
        ["campaign"] = "CAMPAIGN",
        ["person"] = "PERSON",
        ["indicator"] = "INDICATOR",
        ["organisation"] = "--org",
    };

    /// <summary>Writes the problems and returns the exit code. <paramref name="fields"/> maps this command's own fields (e.g. indicator → --indicator).</summary>
    public static int Fail(Io io, IReadOnlyList<Problem> problems, Language language = Language.En, IReadOnlyDictionary<string, string>? fields = null)
    {
        // a collector's list already ends with the count of the problems it did not keep
        var limit = problems is [.., { Code: "more" }] ? int.MaxValue : Problems.MaxShown;
        var shown = 0;
        foreach (var p in problems)
        {
            if (shown++ == limit)
            {
                io.Error.WriteLine(language == Language.ZhCN ? $"…另有 {problems.Count - Problems.MaxShown} 个问题" : $"… and {problems.Count - Problems.MaxShown} more problems");
                break;
            }

            io.Error.WriteLine(Problems.OneLine(Line(p, language, fields)));
        }

        return Program.BadInput;
    }

    /// <summary>Writes the problems of a collector (which already counts those it did not keep).</summary>
    public static int Fail(Io io, Problems problems, Language language = Language.En, IReadOnlyDictionary<string, string>? fields = null) =>
        Fail(io, problems.ToList(), language, fields);

    /// <summary>One problem as the CLI shows it.</summary>
    public static string Line(Problem p, Language language, IReadOnlyDictionary<string, string>? fields = null)
    {
        var where = p.Where.File is not null ? p.Where.ToString()
            : p.Where.Field is { } f ? fields?.GetValueOrDefault(f) ?? Options.GetValueOrDefault(f) ?? f
            : "";
        var text = p.Text(language) + Hint(p, language);
        return where.Length == 0 ? text : $"{where}: {text}";
    }

    /// <summary>What to run, for the problems whose remedy is a command.</summary>
    private static string Hint(Problem p, Language language)
    {
        var arg = p.Arg ?? "P";
        var command = p.Code switch
        {
            "period.unknown" => $"yardstick period open {arg} --template ID",
            "period.needs_scheme" => "--template ID | --scheme FILE",
            "period.closed.reopenable" => $"yardstick period reopen {arg} --reason TEXT",
            "results.none" or "run.stale" => $"yardstick calc --period {arg}",
            "run.stale.reopen" => $"yardstick period reopen {arg} --reason TEXT, then yardstick calc --period {arg}",
            "award.nominated" => $"yardstick import awards FILE --period P --scope {arg}",
            "db.pending" => "yardstick db migrate",
            "db.missing" => $"createdb {arg}, then yardstick db migrate --db DB",
            "employee.unknown" => "yardstick import employees FILE",
            "product.unknown" or "person.several_products" => "yardstick import products FILE",
            "person.no_product" => "the product column of yardstick import employees, or of --people",
            "product.no_stage" => "yardstick import stages FILE, or --stages FILE",
            "campaign.none" => $"yardstick ratings create NAME --indicator CODE --period {arg}",
            _ => null,
        };
        return command is null ? "" : language == Language.ZhCN ? $"（{command}）" : $" ({command})";
    }
}
