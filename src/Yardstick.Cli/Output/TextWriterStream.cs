using System.Text;

namespace Yardstick.Cli.Output;

/// <summary>
/// A write-only UTF-8 stream over a <see cref="TextWriter"/>, so that <c>Utf8JsonWriter</c> can stream
/// into whatever writer <see cref="Program.Run(string[], TextWriter, TextWriter)"/> was given.
/// </summary>
internal sealed class TextWriterStream(TextWriter writer) : Stream
{
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private readonly char[] _chars = new char[16384];

    /// <summary>The stream to write UTF-8 to: the writer's own stream when it has one.</summary>
    public static Stream Over(TextWriter writer)
    {
        if (writer is StreamWriter { Encoding: UTF8Encoding } sw)
        {
            sw.Flush();
            return new NonClosing(sw.BaseStream);
        }

        return new TextWriterStream(writer);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            _decoder.Convert(buffer, _chars, flush: false, out var bytesUsed, out var charsUsed, out _);
            writer.Write(_chars, 0, charsUsed);
            buffer = buffer[bytesUsed..];
        }
    }

    public override void Flush() => writer.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private sealed class NonClosing(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
