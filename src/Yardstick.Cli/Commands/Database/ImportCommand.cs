using System.CommandLine;
using System.Globalization;
using Yardstick.App.Files;
using Yardstick.App.Imports;
using Yardstick.App.Ratings;
using Yardstick.Core.Common;
using Yardstick.Data;

using static Yardstick.Cli.Commands.Database.DatabaseCommand;

namespace Yardstick.Cli.Commands.Database;

/// <summary><c>import KIND FILE</c>: every import of a CSV or XLSX file into the database, checked whole first, all or nothing.</summary>
internal static class ImportCommand
{
    public static Command Build(Io io)
    {
        var command = new Command("import", "Import a CSV or XLSX file into the database (checked whole first; all or nothing).");
        foreach (var kind in ImportFile.Kinds)
        {
            var db = DbOption();
            var file = new Argument<string>("file") { Description = "The CSV or .xlsx file." };
            var period = new Option<string?>("--period") { HelpName = "PERIOD", Description = "The period (required for actuals, requests, events, awards and ratings)." };
            var scope = new Option<string>("--scope") { HelpName = "SCOPE", DefaultValueFactory = _ => "all", Description = "Which part of the period's data this file holds; a re-import of the same (period, kind, scope) replaces it." };
            var replace = new Option<bool>("--replace") { Description = "The file becomes the whole set of the period's actuals (or of --scope): cells it does not give are removed; a header alone empties the set." };
            var sub = new Command(kind, $"Import {kind}; see docs/cli.md for the columns.") { file, period, db };
            if (ImportFile.ScopedKinds.Contains(kind))
                sub.Options.Add(scope);
            if (kind == ImportKinds.Actuals)
                sub.Options.Add(replace);
            sub.SetAction((r, ct) =>
            {
                var (path, label) = (r.GetValue(file)!, r.GetValue(period));
                if (label is null && ImportFile.PeriodKinds.Contains(kind))
                    return Task.FromResult(Fail(io, [Problem.Invalid("--period", $"导入 {kind} 需要 --period", $"importing {kind} needs --period")]));
                return WithDb(io, r, migrateFirst: true, async (ctx, _) =>
                {
                    var opened = InputFile.Open(path);
                    if (!opened.IsSuccess)
                        return Fail(io, opened.Problems);
                    using var input = opened.Value;
                    var result = await WithProgress(io, $"import {kind}", progress =>
                        new ImportFile(ctx).RunAsync(kind, input, label, ImportFile.ScopedKinds.Contains(kind) ? r.GetValue(scope)! : "all", kind == ImportKinds.Actuals && r.GetValue(replace), progress, ct));
                    if (!result.IsSuccess)
                        return Fail(io, result.Problems);
                    var s = result.Value;
                    io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"imported {s.Rows} {kind} row(s) from {s.Import.FileName} (sha256 {s.Import.FileHash[..12]}…){(s.Merge is { } m ? Merged(m) : s.Replaced > 0 ? $"; replaced {s.Replaced}" : "")}"));
                    return Program.Ok;
                });
            });
            command.Subcommands.Add(sub);
        }

        return command;
    }

    // "; 3 added, 1 changed, 7 unchanged, 2 removed; values changed of: a.csv (scope all, 2026-11-03 02:00 UTC by hr_admin): 3"
    private static string Merged(ImportMerge m) => string.Create(CultureInfo.InvariantCulture,
        $"; {m.Added} added, {m.Changed} changed, {m.Unchanged} unchanged{(m.Removed > 0 ? $", {m.Removed} removed" : "")}")
        + (m.Earlier.Count == 0 ? "" : "; values changed of: " + string.Join(", ", m.Earlier.Select(e => string.Create(CultureInfo.InvariantCulture,
            $"{e.Import.FileName} (scope {e.Import.Scope}, {e.Import.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC by {e.Import.Author}): {e.Values}"))));
}
