using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Yardstick.App.Users;
using Yardstick.Core.Common;
using Yardstick.Data;

using static Yardstick.Cli.Commands.Database.DatabaseCommand;

namespace Yardstick.Cli.Commands.Database;

/// <summary><c>users add|list|remove</c>: the logins of the organisation (review.md R1); a password is read from stdin, never from the command line, and never printed.</summary>
internal static class UsersCommands
{
    // the fields of the users' problems as this command names them
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["email"] = "EMAIL",
        ["employee"] = "--employee",
        ["role"] = "--role",
        ["password"] = "--password-stdin",
    };

    public static Command Build(Io io)
    {
        var command = new Command("users", "The users (logins) of the organisation, with their roles admin and finance.");
        command.Subcommands.Add(Add(io));
        command.Subcommands.Add(List(io));
        command.Subcommands.Add(Remove(io));
        return command;
    }

    private static Command Add(Io io)
    {
        var db = DbOption();
        var email = new Argument<string>("email") { Description = "The user's email, their login; unique in the database." };
        var employee = new Option<string?>("--employee") { HelpName = "ID", Description = "The employee of the organisation this user is." };
        var role = new Option<string[]>("--role") { HelpName = "ROLE", Description = "A stored role: admin (HR / compensation admin) or finance; repeat for both." };
        role.AcceptOnlyFromAmong([.. RoleNames.All]);
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (at least 12 characters with a digit, a lower-case and an upper-case letter); without it the user has no password yet." };
        var add = new Command("add", "Add a user to the organisation (audited; the password never is).") { email, employee, role, passwordStdin, db };
        add.SetAction((r, ct) =>
        {
            string? password = null;
            if (r.GetValue(passwordStdin))
            {
                password = io.In.ReadLine();
                if (string.IsNullOrEmpty(password))
                    return Task.FromResult(Fail(io, [Problem.Invalid("--password-stdin", "标准输入中没有密码", "no password on standard input; write it as the first line")]));
            }

            return WithServices(io, r, migrateFirst: true, async (services, _) =>
            {
                var result = await services.GetRequiredService<AddUser>().RunAsync(r.GetValue(email)!, r.GetValue(employee), r.GetValue(role) ?? [], password, ct);
                if (!result.IsSuccess)
                    return Fail(io, result.Problems, Fields);
                io.Out.WriteLine($"user {Describe(result.Value)}: added{(password is null ? "; no password yet" : "; password set")}");
                return Program.Ok;
            });
        });
        return add;
    }

    private static Command List(Io io)
    {
        var db = DbOption();
        var list = new Command("list", "The users of the organisation: email, employee, roles, and whether they are locked out.") { db };
        list.SetAction((r, ct) => WithServices(io, r, migrateFirst: true, async (services, _) =>
        {
            var result = await services.GetRequiredService<ListUsers>().RunAsync(ct);
            if (!result.IsSuccess)
                return Fail(io, result.Problems, Fields);
            foreach (var user in result.Value)
                io.Out.WriteLine(Describe(user));
            return Program.Ok;
        }));
        return list;
    }

    private static Command Remove(Io io)
    {
        var db = DbOption();
        var email = new Argument<string>("email") { Description = "The email of the user to remove." };
        var remove = new Command("remove", "Remove a user of the organisation with their roles (audited).") { email, db };
        remove.SetAction((r, ct) => WithServices(io, r, migrateFirst: true, async (services, _) =>
        {
            var result = await services.GetRequiredService<RemoveUser>().RunAsync(r.GetValue(email)!, ct);
            if (!result.IsSuccess)
                return Fail(io, result.Problems, Fields);
            io.Out.WriteLine($"user {Describe(result.Value)}: removed");
            return Program.Ok;
        }));
        return remove;
    }

    private static string Describe(UserSummary user) =>
        $"{user.Email}: employee {user.EmployeeId ?? "-"}, roles {(user.Roles.Count == 0 ? "none" : string.Join(", ", user.Roles))}{(user.Locked ? ", locked" : "")}";
}
