using Yardstick.Core.Incentives;

namespace Yardstick.Cli.Output;

/// <summary>Writes the <c>--ledger</c> JSON back after a successful run, as <c>--out</c> writes (never half written).</summary>
internal static class LedgerOutput
{
    public static void Write(string path, Ledger ledger) => OutputFile.WriteFile(path, w => w.Write(ledger.Write() + "\n"));
}
