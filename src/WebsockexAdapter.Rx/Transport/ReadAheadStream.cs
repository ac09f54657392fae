using System.Buffers;
using System.Runtime.CompilerServices;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Reads the connection in large chunks. <see cref="System.Net.WebSockets.ClientWebSocket"/> reads every frame header
/// into a 125-byte buffer and then the payload straight into the caller's buffer, so without this each message of a
/// busy feed costs two socket reads; with it, one read serves every message that has already arrived.
/// While the connection is idle it waits with a zero-byte read and holds no buffer.
/// Only one read is ever in flight (the WebSocket's receive loop), so the buffer state needs no lock.
/// </summary>
internal sealed class ReadAheadStream(Stream inner, int bufferSize) : Stream
{
    private byte[]? _buffer;
    private int _offset;
    private int _end;
    private volatile bool _filling;
    private bool _moreWaiting;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default) =>
        _offset < _end
            ? new ValueTask<int>(CopyBuffered(destination.Span))
            : FillAndReadAsync(destination, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_offset == _end)
        {
            return inner.Read(buffer, offset, count);
        }

        return CopyBuffered(buffer.AsSpan(offset, count));
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(source, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    // The slow path, taken once per chunk: everything buffered has been handed out. On a quiet feed that is once per
    // message, and the wait usually suspends, so its state is pooled rather than allocated each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> FillAndReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (destination.Length >= bufferSize || destination.IsEmpty)
        {
            return await inner.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
        }

        // Wait for data without holding a buffer, then take everything that has arrived in one read. After a read
        // that filled the buffer more is most likely waiting, so the wait (one more system call) is skipped.
        if (!_moreWaiting)
        {
            await inner.ReadAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        }

        var buffer = _buffer ??= ArrayPool<byte>.Shared.Rent(bufferSize);
        int read;
        _filling = true;
        try
        {
            read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _filling = false;
        }

        if (read == 0)
        {
            return 0;
        }

        _offset = 0;
        _end = read;
        _moreWaiting = read == buffer.Length;
        return CopyBuffered(destination.Span);
    }

    private int CopyBuffered(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _end - _offset);
        _buffer.AsSpan(_offset, count).CopyTo(destination);
        _offset += count;
        if (_offset == _end)
        {
            ReturnBuffer();
        }

        return count;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            ReturnBufferUnlessFilling();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        ReturnBufferUnlessFilling();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    // A read still landing in the buffer (the socket was aborted from another thread) leaves it to the garbage collector.
    private void ReturnBufferUnlessFilling()
    {
        if (!_filling)
        {
            ReturnBuffer();
        }
    }

    private void ReturnBuffer()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _offset = _end = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
