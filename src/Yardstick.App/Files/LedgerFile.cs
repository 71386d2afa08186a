using System.Text;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;

namespace Yardstick.App.Files;

/// <summary>The ledger format (JSON): milestones and profit shares paid, profit baselines, each person's past grades.</summary>
public static class LedgerFile
{
    /// <summary>Reads a ledger; its problems name the file and the place in it.</summary>
    public static Result<Ledger> Read(InputFile file)
    {
        string text;
        try
        {
            file.Rewind();
            using var reader = new StreamReader(file.Content, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            text = reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return Problem.Invalid(Location.At(file.Name, 1, 1), "无法读取文件：" + ex.Message, "cannot read the file: " + ex.Message);
        }

        return Ledger.Parse(text, file.Name);
    }
}
