using Spectre.Console;

namespace Yardstick.Cli.Output;

/// <summary>A Spectre.Console console over a writer: colours only on a terminal, wide tables in files.</summary>
internal static class SpectreConsole
{
    public static IAnsiConsole Over(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = terminal ? Math.Max(80, SafeWindowWidth()) : 200;
        return console;
    }

    private static int SafeWindowWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}
