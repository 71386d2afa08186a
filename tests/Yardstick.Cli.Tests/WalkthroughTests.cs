namespace Yardstick.Cli.Tests;

/// <summary>The "session, start to end" of docs/cli.md runs exactly as written, on the files of examples/.</summary>
public sealed class WalkthroughTests : IDisposable
{
    private readonly CliHarness _h = new();

    [Fact]
    public void DocsSession_RunsAsWritten_E1FiguresInResults()
    {
        var docs = File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "cli.md"));
        var start = docs.IndexOf("A session, start to end", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/cli.md has no session");
        var open = docs.IndexOf("```\n", start, StringComparison.Ordinal) + 4;
        var lines = docs[open..docs.IndexOf("```", open, StringComparison.Ordinal)].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 10, string.Join("\n", lines));

        var db = _h.PathOf("y.db");
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // a line may name who runs it, as a shell does: YARDSTICK_ACTOR=wang_fang yardstick period approve …
            var actor = words[0].StartsWith("YARDSTICK_ACTOR=", StringComparison.Ordinal) ? words[0]["YARDSTICK_ACTOR=".Length..] : null;
            if (actor is not null)
                words = words[1..];
            Assert.Equal("yardstick", words[0]);
            // as from the repository root, with the database in a temporary directory
            var args = words.Skip(1).Select(w => w == "y.db" ? db : w.StartsWith("examples/", StringComparison.Ordinal) ? Path.Combine(RepoRoot.Path, w) : w).ToArray();
            var run = actor is null ? CliHarness.Run(args) : CliHarness.RunAs(actor, args);
            Assert.True(run.Code == 0, $"{line}\n{run}");
            outputs[string.Join(' ', words.Skip(1).Take(2))] = run.Out;
        }

        var results = outputs["results --period"];
        Assert.Contains("zhang_wei", results, StringComparison.Ordinal);
        Assert.Contains("100.77", results, StringComparison.Ordinal);
        Assert.Contains("20,760.38 CNY", results, StringComparison.Ordinal);
        Assert.Equal("period 2026-10: Locked\n", outputs["period lock"].Replace("\r", "", StringComparison.Ordinal));
    }

    public void Dispose() => _h.Dispose();
}
