using System.Text;
using Yardstick.Core.Common;

namespace Yardstick.Cli.Output;

/// <summary>
/// Writes results to stdout, or to <c>--out FILE</c> through a temporary file that replaces FILE only
/// when everything was written, so a failed run never leaves a partial file.
/// </summary>
internal static class OutputFile
{
    /// <summary>Why FILE cannot be written (checked with the other input, before anything is computed); null when it can.</summary>
    public static Problem? CheckWritable(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        return Directory.Exists(path) ? Problem.Invalid("--out", $"{path} 是目录；请给出文件名", $"{path} is a directory; give a file name")
            : dir is null || Directory.Exists(dir) ? null
            : Problem.Invalid("--out", $"无法写入 {path}：目录 {dir} 不存在", $"cannot write {path}: the directory {dir} does not exist");
    }

    public static void Write(Io io, string? path, Action<TextWriter> write) =>
        WriteAsync(io, path, w =>
        {
            write(w);
            return Task.FromResult(true);
        }).GetAwaiter().GetResult();

    /// <summary>
    /// Writes what <paramref name="write"/> writes; when it returns false (it found a problem before writing), FILE is
    /// left as it was.
    /// </summary>
    public static async Task<bool> WriteAsync(Io io, string? path, Func<TextWriter, Task<bool>> write)
    {
        if (path is null)
        {
            var written = await write(io.Out);
            await io.Out.FlushAsync();
            return written;
        }

        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            bool written;
            await using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 16))
                written = await write(writer);
            if (written)
                File.Move(temp, full, overwrite: true);
            return written;
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
