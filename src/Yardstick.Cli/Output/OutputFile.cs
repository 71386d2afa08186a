using System.Text;

namespace Yardstick.Cli.Output;

/// <summary>
/// Writes results to stdout, or to <c>--out FILE</c> through a temporary file that replaces FILE only
/// when everything was written, so a failed run never leaves a partial file.
/// </summary>
internal static class OutputFile
{
    /// <summary>Whether FILE's directory exists (checked with the other input, before anything is computed).</summary>
    public static bool CanWrite(string path, out string why)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        why = Directory.Exists(path) ? $"{path} is a directory; give a file name"
            : dir is null || Directory.Exists(dir) ? ""
            : $"cannot write {path}: the directory {dir} does not exist";
        return why.Length == 0;
    }

    public static void Write(Io io, string? path, Action<TextWriter> write)
    {
        if (path is null)
        {
            write(io.Out);
            io.Out.Flush();
            return;
        }

        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 16))
                write(writer);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
