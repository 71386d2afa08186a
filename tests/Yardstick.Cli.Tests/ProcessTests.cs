using System.Diagnostics;
using System.Text.Json;

namespace Yardstick.Cli.Tests;

/// <summary>The built <c>yardstick</c> program, launched as a process: exit codes and streams as a shell sees them.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly CliHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static (int Code, string Out, string Err) Launch(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "yardstick.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    [Fact]
    public void Process_EvaluateE1Json_Exit0WithTotal()
    {
        var (code, stdout, stderr) = Launch("evaluate", "--template", "industrial-value", "--period", "2026-10",
            "--actuals", _h.Write("a.csv", CliHarness.E1Actuals), "--format", "json");

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(100.771884m, Math.Round(doc.RootElement.GetProperty("results")[0].GetProperty("total").GetDecimal(), 6));
        Assert.Equal("A", doc.RootElement.GetProperty("results")[0].GetProperty("grade").GetString());
    }

    [Fact]
    public void Process_BadValue_Exit2StderrOnly()
    {
        var a = _h.Write("a.csv", "person,indicator,value\nzhang_wei,csat,abc\n");

        var (code, stdout, stderr) = Launch("evaluate", "--template", "industrial-value", "--period", "2026-10", "--actuals", a);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith($"{a}:2:3: 'abc' is not a number", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_GenActualsThenEvaluate_EvaluatesEveryGeneratedPerson()
    {
        var a = _h.PathOf("gen.csv");
        var p = _h.PathOf("gen-people.csv");

        var gen = Launch("dev", "gen-actuals", "--rows", "1100", "--out", a, "--people-out", p);
        var (code, stdout, stderr) = Launch("evaluate", "--template", "industrial-value", "--period", "2026-10", "--actuals", a, "--people", p, "--format", "csv");

        Assert.True(gen.Code == 0, gen.Err);
        Assert.Equal(1101, File.ReadLines(a).Count());
        Assert.True(code == 0, stderr);
        var rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        Assert.Equal(100, rows.Length);
        Assert.All(rows, r => Assert.EndsWith(",true", string.Join(",", r.Split(',')[..4]), StringComparison.Ordinal));
    }
}
