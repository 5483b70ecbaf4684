namespace Workflows.Api.Tests;

/// <summary>A prefix followed by <c>length</c> copies of one byte, produced as it is read.</summary>
internal sealed class RepeatingStream(byte[] prefix, byte fill, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var total = prefix.Length + length;
        var n = (int)Math.Min(count, total - _position);
        for (var i = 0; i < n; i++, _position++)
            buffer[offset + i] = _position < prefix.Length ? prefix[_position] : fill;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
