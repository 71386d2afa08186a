namespace Yardstick.Cli.Tests;

internal static class RepoRoot
{
    /// <summary>The repository root: the nearest ancestor of the test binaries holding Yardstick.slnx.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Yardstick.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Yardstick.slnx not found above " + AppContext.BaseDirectory);
    }
}
