using System.Text;
using Yardstick.Core.Incentives;

namespace Yardstick.Cli.Input;

/// <summary>The <c>--ledger</c> JSON: read when it exists (else empty), written back atomically after a successful run.</summary>
internal static class LedgerFile
{
    public static Ledger? Read(string path, Problems problems)
    {
        if (Directory.Exists(path))
        {
            problems.In("--ledger", $"{path} is a directory; give a file name");
            return null;
        }

        if (!File.Exists(path))
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null && !Directory.Exists(dir))
            {
                problems.In("--ledger", $"cannot write {path}: the directory {dir} does not exist");
                return null;
            }

            return Ledger.Empty;
        }

        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.At(path, 1, 1, "cannot read the file: " + ex.Message);
            return null;
        }

        var parsed = Ledger.Parse(text, path);
        if (parsed.IsSuccess)
            return parsed.Value;
        foreach (var p in parsed.Problems)
            problems.Add(p.ToString());
        return null;
    }

    /// <summary>Writes through a temporary file in the same directory, so the ledger is never half written.</summary>
    public static void Write(string path, Ledger ledger)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temp, ledger.Write() + "\n", new UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
