using System.Runtime.InteropServices;
using System.Text;
using Yardstick.Core.Common;

namespace Yardstick.Cli.Output;

/// <summary>
/// Writes results to stdout, or to <c>--out FILE</c>. A regular file (or a new one) is written through a temporary file
/// beside it that replaces it only when everything was written, so a failed run never leaves a partial file; a symbolic
/// link is followed, so the file it names is replaced, not the link. Anything else (a device such as <c>/dev/null</c>, a
/// FIFO, a socket) is written to directly: replacing it would put a regular file in its place.
/// </summary>
internal static class OutputFile
{
    /// <summary>
    /// Why FILE cannot be written (checked with the other input, before anything is computed); null when it can.
    /// <paramref name="inputs"/> are the command's input files (option, path): FILE may not be one of them, by any name.
    /// </summary>
    public static Problem? CheckWritable(string path, params IEnumerable<(string Option, string? Path)> inputs)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (Directory.Exists(path))
            return Problem.Invalid("--out", $"{path} 是目录；请给出文件名", $"{path} is a directory; give a file name");
        if (dir is not null && !Directory.Exists(dir))
            return Problem.Invalid("--out", $"无法写入 {path}：目录 {dir} 不存在", $"cannot write {path}: the directory {dir} does not exist");
        foreach (var (option, input) in inputs)
        {
            if (input is not null && SameFile(path, input))
                return Problem.Invalid("--out", $"{path} 是 {option} 读取的输入文件；写出会覆盖它，请写到另一个文件", $"{path} is the input file of {option}; writing there would overwrite it: write to another file");
        }

        return null;
    }

    public static void Write(Io io, string? path, Action<TextWriter> write) =>
        WriteAsync(io, path, Sync(write)).GetAwaiter().GetResult();

    /// <summary>
    /// Writes what <paramref name="write"/> writes to stdout or FILE; when it returns false (it found a problem before
    /// writing anything), a regular FILE is left as it was.
    /// </summary>
    public static async Task<bool> WriteAsync(Io io, string? path, Func<TextWriter, Task<bool>> write)
    {
        if (path is not null)
            return await WriteFileAsync(path, write);
        var written = await write(io.Out);
        await io.Out.FlushAsync();
        return written;
    }

    /// <summary>Writes <paramref name="path"/> as UTF-8 without BOM: replaced whole when it is a regular file, written through otherwise.</summary>
    public static void WriteFile(string path, Action<TextWriter> write) => WriteFileAsync(path, Sync(write)).GetAwaiter().GetResult();

    private static async Task<bool> WriteFileAsync(string path, Func<TextWriter, Task<bool>> write)
    {
        var full = Path.GetFullPath(path);
        if (Stat(full) is { IsRegular: false })
        {
            await using var through = new StreamWriter(new FileStream(full, FileMode.Open, FileAccess.Write), new UTF8Encoding(false), 1 << 16);
            return await write(through);
        }

        full = Resolve(full);
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

    private static Func<TextWriter, Task<bool>> Sync(Action<TextWriter> write) => w =>
    {
        write(w);
        return Task.FromResult(true);
    };

    /// <summary>True when both paths name one existing file (the same device and inode: symbolic and hard links included).</summary>
    private static bool SameFile(string a, string b)
    {
        if (Stat(a) is { } x && Stat(b) is { } y)
            return x.Device == y.Device && x.Inode == y.Inode;
        return File.Exists(a) && File.Exists(b) && string.Equals(Resolve(a), Resolve(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        return new FileInfo(full).LinkTarget is null ? full : File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
    }

    private readonly record struct FileStat(bool IsRegular, ulong Device, ulong Inode);

    /// <summary>The file's type and identity after following links (Linux' <c>statx</c>, whose layout is the same on every architecture); null when it does not exist or cannot be asked.</summary>
    private static FileStat? Stat(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        var buffer = new byte[256];
        try
        {
            if (Native.statx(AtCurrentDirectory, path, 0, StatxTypeAndInode, buffer) != 0)
                return null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        var mode = BitConverter.ToUInt16(buffer, 28);
        var inode = BitConverter.ToUInt64(buffer, 32);
        var device = ((ulong)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140);
        return new FileStat((mode & FileTypeMask) == RegularFile, device, inode);
    }

    private const int AtCurrentDirectory = -100;
    private const uint StatxTypeAndInode = 0x1 | 0x100;
    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // a plain DllImport: LibraryImport's generated code would need unsafe blocks in the CLI for one call
        public static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
#pragma warning restore SYSLIB1054
    }
}
