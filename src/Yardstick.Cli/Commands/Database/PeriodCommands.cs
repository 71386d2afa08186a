using System.CommandLine;
using Spectre.Console;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.App.Ratings;
using Yardstick.Core.Common;
using Yardstick.Core.Templates;
using Yardstick.Data;

using static Yardstick.Cli.Commands.Database.DatabaseCommand;

namespace Yardstick.Cli.Commands.Database;

/// <summary><c>period open|review|approve|publish|lock|reopen</c>: the moves of a review period (scoring.md §11).</summary>
internal static class PeriodCommands
{
    public static Command Build(Io io)
    {
        var command = new Command("period", "Move a period through Draft → Collecting → Calculated → InReview → Approved → Published → Locked.");
        foreach (var move in new[] { "open", "review", "approve", "publish", "lock", "reopen" })
        {
            var db = DbOption();
            var label = new Argument<string>("period") { Description = "The period, such as 2026-10." };
            var sub = new Command(move, move switch
            {
                "open" => "Create the period with its scheme (first time) and open it for data: Draft → Collecting.",
                "review" => "Calculated → InReview.",
                "approve" => "InReview → Approved; refused while a missing actual is not waived.",
                "publish" => "Approved → Published.",
                "lock" => "Published → Locked.",
                _ => "Calculated or InReview → Collecting, with --reason.",
            }) { label, db };
            var template = new Option<string?>("--template") { HelpName = "ID", Description = "The built-in scheme of a new period." };
            var scheme = new Option<string?>("--scheme") { HelpName = "FILE", Description = "A scheme file for a new period." };
            var reason = new Option<string?>("--reason") { HelpName = "TEXT", Description = "Why the period is reopened (required)." };
            if (move == "open")
            {
                sub.Options.Add(template);
                sub.Options.Add(scheme);
            }

            if (move == "reopen")
                sub.Options.Add(reason);
            sub.SetAction((r, ct) => WithDb(io, r, migrateFirst: true, async (ctx, _) =>
            {
                var p = r.GetValue(label)!;
                Result<ReviewPeriod> result;
                if (move == "open")
                {
                    var json = SchemeJsonOf(r.GetValue(template), r.GetValue(scheme), out var problem);
                    if (problem is not null)
                        return Fail(io, [problem]);
                    result = await new OpenPeriod(ctx).RunAsync(p, json, ct);
                }
                else
                {
                    result = move switch
                    {
                        "review" => await new StartReview(ctx).RunAsync(p, ct),
                        "approve" => await new ApprovePeriod(ctx).RunAsync(p, ct),
                        "publish" => await new PublishPeriod(ctx).RunAsync(p, ct),
                        "lock" => await new LockPeriod(ctx).RunAsync(p, ct),
                        _ => await new ReopenPeriod(ctx).RunAsync(p, r.GetValue(reason), ct),
                    };
                }

                if (!result.IsSuccess)
                    return Fail(io, result.Problems);
                io.Out.WriteLine($"period {result.Value.Label}: {result.Value.State}");
                return Program.Ok;
            }));
            command.Subcommands.Add(sub);
        }

        return command;
    }

    private static string? SchemeJsonOf(string? template, string? scheme, out Problem? problem)
    {
        problem = null;
        if (template is not null && scheme is not null)
            problem = Problem.Invalid("--template", "请给出 --template 或 --scheme，不要同时给出", "give --template or --scheme, not both");
        else if (template is not null)
        {
            var found = TemplateCatalog.Find(template);
            if (found.IsSuccess)
                return Core.Schemes.SchemeJson.Write(found.Value.Document);
            problem = found.Problems[0].At(Location.Of("--template"));
        }
        else if (scheme is not null)
        {
            try
            {
                return File.ReadAllText(scheme);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problem = Problem.Invalid(Location.At(scheme, 1, 1), "无法读取文件：" + ex.Message, "cannot read the file: " + ex.Message);
            }
        }

        return null;
    }
}
