using System.Text;
using Yardstick.Core.Incentives;

namespace Yardstick.Cli.Output;

/// <summary>Writes the <c>--ledger</c> JSON back after a successful run, through a temporary file, so it is never half written.</summary>
internal static class LedgerOutput
{
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
