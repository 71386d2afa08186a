using System.Text;

namespace Yardstick.Cli.Tests;

/// <summary>A temporary directory with input files, and the CLI run in-process against it.</summary>
public sealed class CliHarness : IDisposable
{
    public const string E1Actuals = """
        person,indicator,value
        zhang_wei,renewal_rate,0.88
        zhang_wei,csat,4.5
        zhang_wei,issue_closure_rate,0.93
        zhang_wei,revenue_yoy_growth,0.25
        zhang_wei,new_industry_cases,2
        zhang_wei,defect_rate,0.008
        zhang_wei,core_feature_usage,0.55
        zhang_wei,rd_utilization,0.80
        zhang_wei,sales_support_rating,4.2
        zhang_wei,roadmap_completion,0.70
        zhang_wei,innovation_reserve,3.5

        """;

    public const string People = "person,base_salary,name,team,product,share\nzhang_wei,30000.00,张伟,mes,mes_platform,\n";

    public CliHarness()
    {
        Dir = Path.Combine(Path.GetTempPath(), "yardstick-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }

    /// <summary>Writes <paramref name="content"/> as UTF-8 without BOM, exactly as given (LF unless the text has CRLF).</summary>
    public string Write(string name, string content) => WriteBytes(name, new UTF8Encoding(false).GetBytes(content));

    public string WriteBytes(string name, byte[] content)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string PathOf(string name) => Path.Combine(Dir, name);

    public static CliRun Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Run(args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs as <paramref name="actor"/> (<c>$YARDSTICK_ACTOR</c>), such as a second administrator approving (review.md R6).</summary>
    public static CliRun RunAs(string actor, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Run(args, new Dictionary<string, string> { ["YARDSTICK_ACTOR"] = actor }, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs with <paramref name="stdin"/> as standard input.</summary>
    public static CliRun RunWithInput(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Run(args, new StringReader(stdin), stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Evaluates E1-shaped input with the industrial-value template for 2026-10.</summary>
    public CliRun Evaluate(string actualsPath, params string[] more) =>
        Run(["evaluate", "--template", "industrial-value", "--period", "2026-10", "--actuals", actualsPath, .. more]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }
    }
}

/// <summary>What a database command's test expects of a run.</summary>
public static class CliAssert
{
    /// <summary>Exit 0 with exactly <paramref name="expectedOut"/> on stdout (trailing line ends aside).</summary>
    public static void Ok(CliRun run, string expectedOut)
    {
        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal(expectedOut, run.Out.TrimEnd('\n', '\r').ReplaceLineEndings("\n"));
    }

    /// <summary>Exit 2 with exactly <paramref name="errLines"/> on stderr and nothing on stdout.</summary>
    public static void Refused(CliRun run, params string[] errLines)
    {
        Assert.True(run.Code == 2, run.ToString());
        Assert.Equal(string.Join("\n", errLines), string.Join("\n", run.ErrLines));
        Assert.Equal("", run.Out);
    }
}

public sealed record CliRun(int Code, string Out, string Err)
{
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public override string ToString() => $"exit {Code}\nstdout:\n{Out}\nstderr:\n{Err}";
}
