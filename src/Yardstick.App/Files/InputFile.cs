using System.Globalization;
using System.Security.Cryptography;
using Yardstick.Core.Common;

namespace Yardstick.App.Files;

/// <summary>
/// A file given to a use case: its <see cref="Name"/> as problems show it (the path on the command line, the file
/// name of a web upload) and its content, seekable so that it can be hashed and then read. The caller owns it.
/// </summary>
public sealed class InputFile : IDisposable
{
    private InputFile(string name, Stream content) => (Name, Content) = (name, content);

    public string Name { get; }

    public Stream Content { get; }

    /// <summary>The name without its directory (what an import records).</summary>
    public string FileName => Path.GetFileName(Name);

    /// <summary>Opens a file by path; a problem at <c>PATH:1:1</c> when it cannot be read.</summary>
    public static Result<InputFile> Open(string path)
    {
        try
        {
            if (Directory.Exists(path))
                return Problem.Invalid(Location.At(path, 1, 1), "无法读取文件：这是一个目录", "cannot read the file: it is a directory");
            return new InputFile(path, new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Problem.Invalid(Location.At(path, 1, 1), "无法读取文件：文件不存在", "cannot read the file: it does not exist");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Problem.Invalid(Location.At(path, 1, 1), "无法读取文件：" + ex.Message, "cannot read the file: " + ex.Message);
        }
    }

    /// <summary>A stream (a web upload) under <paramref name="name"/>; a stream that cannot seek is copied to a temporary file first.</summary>
    public static InputFile FromStream(Stream content, string name)
    {
        if (content.CanSeek)
            return new InputFile(name, content);
        var copy = TemporaryCopy();
        content.CopyTo(copy);
        copy.Position = 0;
        return new InputFile(name, copy);
    }

    /// <summary>The largest upload accepted from the web (as the largest workbook): larger files are refused before they are read.</summary>
    public const long MaxUploadBytes = XlsxLimits.MaxFileBytes;

    /// <summary>
    /// A web upload under its file name (no directory of the client's). A seekable stream (a form file the server has
    /// buffered) is read as it is; any other (a browser's, over the circuit, readable only asynchronously and once) is copied
    /// asynchronously to a temporary file deleted on dispose.
    /// </summary>
    public static async Task<InputFile> UploadAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        if (content.CanSeek)
            return new InputFile(name, content);
        var copy = TemporaryCopy();
        await content.CopyToAsync(copy, ct);
        copy.Position = 0;
        return new InputFile(name, copy);
    }

    /// <summary>The refusal of an upload over <see cref="MaxUploadBytes"/>, at the file's first cell.</summary>
    public static Problem TooLarge(string fileName, long bytes) => Problem.Invalid(Location.At(Path.GetFileName(fileName), 1, 1),
        string.Create(CultureInfo.InvariantCulture, $"文件有 {bytes:N0} 字节，超过上传上限 {MaxUploadBytes:N0} 字节；请拆分文件"),
        string.Create(CultureInfo.InvariantCulture, $"the file has {bytes:N0} bytes, more than the upload limit of {MaxUploadBytes:N0}; split it"));

    /// <summary>An empty temporary file, deleted when closed.</summary>
    private static FileStream TemporaryCopy() =>
        new(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>Back to the start of the content.</summary>
    public void Rewind() => Content.Position = 0;

    /// <summary>The SHA-256 of the content (lower-case hex); the content is rewound afterwards.</summary>
    public string Hash()
    {
        Rewind();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Content));
        Rewind();
        return hash;
    }

    public void Dispose() => Content.Dispose();
}
