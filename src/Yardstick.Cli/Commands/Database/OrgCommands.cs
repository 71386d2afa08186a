using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Yardstick.App.Imports;
using Yardstick.App.Organisations;
using Yardstick.App.Ratings;
using Yardstick.Core.Common;
using Yardstick.Data;

using static Yardstick.Cli.Commands.Database.DatabaseCommand;

namespace Yardstick.Cli.Commands.Database;

/// <summary><c>org create|list</c>: the organisations of the installation (review.md R1); <c>org show|set</c>: the settings of the one a command acts in.</summary>
internal static class OrgCommands
{
    public static Command Build(Io io)
    {
        var command = new Command("org", "Organisations (companies) and their settings: request service levels and time zone (scoring.md §8), the lifecycle stage mode (§6).");
        command.Subcommands.Add(Create(io));
        command.Subcommands.Add(List(io));
        var showDb = DbOption();
        var show = new Command("show", "Print the settings of the organisation.") { showDb };
        show.SetAction((r, ct) => WithDb(io, r, migrateFirst: true, async (ctx, _) =>
        {
            PrintOrg(io, await ConfigureOrganisation.GetAsync(ctx, ct));
            return 0;
        }));

        var db = DbOption();
        var response = new Option<int?>("--response-hours") { HelpName = "HOURS", Description = "A request is answered on time within this many hours of its creation (default 24)." };
        var solution = new Option<int?>("--solution-hours") { HelpName = "HOURS", Description = "A request is solved on time within this many hours (default 72)." };
        var zone = new Option<string?>("--time-zone") { HelpName = "TZ", Description = "The company time zone, an IANA id such as Asia/Shanghai." };
        var stageMode = new Option<string?>("--stage-mode") { HelpName = "MODE", Description = "last-day (default): a PM is evaluated under the stage on the period's last day; pro-rata: each stage's total weighted by its days." };
        stageMode.AcceptOnlyFromAmong("last-day", "pro-rata");
        var maxPoints = new Option<decimal?>("--max-adjustment-points") { HelpName = "POINTS", Description = "review.md R3: the most points a reviewer's points adjustment may add or take away (default 10.00)." };
        var preliminary = new Option<string?>("--preliminary-to-self") { HelpName = "on|off", Description = "review.md R2: PMs see their scorecard from Calculated on, marked preliminary until Published (default off)." };
        preliminary.AcceptOnlyFromAmong("on", "off");
        var managersPay = new Option<string?>("--managers-see-pay") { HelpName = "on|off", Description = "review.md R2: managers see their reports' pay (default off)." };
        managersPay.AcceptOnlyFromAmong("on", "off");
        var minGroup = new Option<int?>("--min-group-size") { HelpName = "N", Description = "review.md R4: the smallest calibration group (default 10)." };
        var distribution = new Option<string?>("--distribution") { HelpName = "FILE|none", Description = "review.md R4: the grade distribution rule, a JSON file such as {\"mode\":\"enforce\",\"grades\":{\"S\":{\"max\":0.10}}}; none removes it." };
        var set = new Command("set", "Change the organisation's settings; options not given stay as they are (audited).") { response, solution, zone, stageMode, maxPoints, preliminary, managersPay, minGroup, distribution, db };
        set.SetAction((r, ct) => WithDb(io, r, migrateFirst: true, async (ctx, _) =>
        {
            var mode = r.GetValue(stageMode);
            string? rule = null;
            if (r.GetValue(distribution) is { } file)
            {
                if (file == "none")
                    rule = "";
                else if (!File.Exists(file))
                    return Fail(io, [Problem.Invalid("distribution", $"找不到文件 {file}", $"file {file} does not exist")], new Dictionary<string, string> { ["distribution"] = "--distribution" });
                else
                    rule = await File.ReadAllTextAsync(file, ct);
            }

            static bool? OnOff(string? v) => v is null ? null : v == "on";
            var change = new OrganisationChange(r.GetValue(response), r.GetValue(solution), r.GetValue(zone), mode is null ? null : mode == "pro-rata",
                r.GetValue(maxPoints), OnOff(r.GetValue(preliminary)), OnOff(r.GetValue(managersPay)), r.GetValue(minGroup), rule);
            var result = await new ConfigureOrganisation(ctx).RunAsync(change, ct);
            if (!result.IsSuccess)
                return Fail(io, result.Problems, new Dictionary<string, string>
                {
                    ["response_limit"] = "--response-hours", ["solution_limit"] = "--solution-hours", ["time_zone"] = "--time-zone",
                    ["max_adjustment_points"] = "--max-adjustment-points", ["min_group_size"] = "--min-group-size", ["distribution"] = "--distribution",
                });
            PrintOrg(io, result.Value);
            return 0;
        }));
        command.Subcommands.Add(show);
        command.Subcommands.Add(set);
        return command;
    }

    private static Command Create(Io io)
    {
        var db = DbOption();
        var code = new Argument<string>("id") { Description = "The organisation's code: lower-case letters, digits, '-' or '_', such as industrial." };
        var name = new Option<string>("--name") { Required = true, HelpName = "NAME", Description = "Its name in Chinese (also the English name unless --name-en is given)." };
        var nameEn = new Option<string?>("--name-en") { HelpName = "NAME", Description = "Its name in English." };
        var create = new Command("create", "Create an organisation with the default settings (audited in the organisation acting).") { code, name, nameEn, db };
        create.SetAction((r, ct) => WithServices(io, r, migrateFirst: true, async (services, _) =>
        {
            var result = await services.GetRequiredService<CreateOrganisation>().RunAsync(r.GetValue(code)!, r.GetValue(name), r.GetValue(nameEn), ct);
            if (!result.IsSuccess)
                return Fail(io, result.Problems, new Dictionary<string, string> { ["code"] = "ID", ["name"] = "--name", ["name_en"] = "--name-en" });
            io.Out.WriteLine($"organisation {result.Value.Code} ({result.Value.NameZh}, {result.Value.NameEn}): created; act in it with --org {result.Value.Code}");
            return Program.Ok;
        }));
        return create;
    }

    private static Command List(Io io)
    {
        var db = DbOption();
        var list = new Command("list", "The organisations of the database: code, Chinese and English name.") { db };
        list.SetAction((r, ct) => WithInstallation(io, r, migrateFirst: true, async (services, _) =>
        {
            foreach (var org in await services.GetRequiredService<ListOrganisations>().RunAsync(ct))
                io.Out.WriteLine($"{org.Code}: {org.NameZh} ({org.NameEn})");
            return Program.Ok;
        }));
        return list;
    }

    private static void PrintOrg(Io io, Organisation org) =>
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"requests: response within {org.ResponseLimitHours} h, solution within {org.SolutionLimitHours} h, time zone {org.TimeZone}; stage mode: {(org.ProRata ? "pro-rata" : "last-day")}\n"
            + $"review: points adjustments at most {org.MaxAdjustmentPoints:0.00}; preliminary to self: {(org.PreliminaryToSelf ? "on" : "off")}; managers see pay: {(org.ManagersSeePay ? "on" : "off")}; "
            + $"calibration groups of at least {org.MinGroupSize}; distribution: {(org.DistributionRule.Length == 0 ? "none" : org.DistributionRule)}"));
}
