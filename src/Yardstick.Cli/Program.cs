using System.CommandLine;
using System.Text;
using Yardstick.Cli.Commands;

namespace Yardstick.Cli;

/// <summary>
/// The <c>yardstick</c> command line. Exit codes: 0 success, 2 bad input (problems on stderr,
/// nothing on stdout), 1 unexpected error.
/// </summary>
public static class Program
{
    /// <summary>Exit code of a success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code of an unexpected error (a bug or an environment failure).</summary>
    public const int Unexpected = 1;

    /// <summary>Exit code of bad input: a bad option, file, row or value.</summary>
    public const int BadInput = 2;

    /// <summary>The process entry point.</summary>
    public static int Main(string[] args)
    {
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
        var terminal = !Console.IsOutputRedirected;
        var code = Run(args, Console.In, stdout, Console.Error, terminal);
        stdout.Flush();
        return code;
    }

    /// <summary>Runs one command line with the given writers; returns the exit code. Tests call this.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, TextReader.Null, stdout, stderr, terminal: false);

    /// <summary>Runs one command line reading <paramref name="stdin"/> (such as <c>users add --password-stdin</c>); returns the exit code.</summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr) => Run(args, stdin, stdout, stderr, terminal: false);

    /// <summary>Runs one command line with its own environment variables (falling back to the process's); returns the exit code.</summary>
    public static int Run(string[] args, IReadOnlyDictionary<string, string> environment, TextWriter stdout, TextWriter stderr) =>
        Run(args, TextReader.Null, stdout, stderr, terminal: false, name => environment.TryGetValue(name, out var v) ? v : System.Environment.GetEnvironmentVariable(name));

    internal static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, bool terminal, Func<string, string?>? environment = null)
    {
        var io = new Io(stdout, stderr, terminal) { In = stdin, Environment = environment ?? System.Environment.GetEnvironmentVariable };
        try
        {
            var root = BuildRoot(io);
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                foreach (var error in parsed.Errors)
                    stderr.WriteLine("yardstick: " + error.Message);
                stderr.WriteLine("Run 'yardstick --help' (or 'yardstick COMMAND --help') for usage.");
                return BadInput;
            }

            var code = parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
            stdout.Flush();
            return code;
        }
        catch (Exception ex)
        {
            stderr.WriteLine("yardstick: unexpected error: " + ex.Message);
            if (Environment.GetEnvironmentVariable("YARDSTICK_DEBUG") == "1")
                stderr.WriteLine(ex.ToString());
            return Unexpected;
        }
    }

    private static RootCommand BuildRoot(Io io)
    {
        var root = new RootCommand("Yardstick: performance scorecards for B2B product managers. See docs/cli.md.");
        root.Subcommands.Add(TemplatesCommands.Build(io));
        root.Subcommands.Add(SchemeCommands.Build(io));
        root.Subcommands.Add(EvaluateCommand.Build(io));
        root.Subcommands.Add(StatementCommand.Build(io));
        root.Subcommands.Add(WhatIfCommand.Build(io));
        root.Subcommands.Add(DevCommands.Build(io));
        foreach (var command in Commands.Database.DatabaseCommand.Build(io))
            root.Subcommands.Add(command);
        return root;
    }
}

/// <summary>Where a command writes: stdout for results, stderr for problems; and what it may read (stdin).</summary>
internal sealed record Io(TextWriter Out, TextWriter Error, bool Terminal)
{
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Reads an environment variable (the process's; a test gives its own, such as <c>YARDSTICK_ACTOR</c>).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}
