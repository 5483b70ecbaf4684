using System.Text.Json;
using MassTransit.Serialization;

namespace Workflows.Api;

/// <summary>How many bytes a message takes on the bus, counted by serializing it as MassTransit does, without keeping the bytes.</summary>
internal static class BusMessageSize
{
    public static long Of<T>(T message)
    {
        using var counter = new CountingStream();
        JsonSerializer.Serialize(counter, message, SystemTextJsonMessageSerializer.Options);
        return counter.Length;
    }

    /// <summary>A write-only stream that only counts.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
