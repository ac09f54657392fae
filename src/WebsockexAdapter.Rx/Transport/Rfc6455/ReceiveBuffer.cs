using System.Buffers;
using System.Runtime.CompilerServices;

namespace WebsockexAdapter.Rx;

/// <summary>
/// The one buffer a connection is read into: each socket read takes everything that has arrived, up to
/// <see cref="Capacity"/>, so one system call serves every message of a busy feed that is already waiting. While the
/// connection is idle it waits with a zero-byte read and holds no buffer. Only the receive path reads, one read at a
/// time, so the state needs no lock.
/// </summary>
internal sealed class ReceiveBuffer(Stream stream, int capacity) : IDisposable
{
    private byte[]? _array;
    private int _start;
    private int _end;
    private bool _moreWaiting;
    private volatile bool _reading;

    public int Capacity => capacity;

    /// <summary>The bytes received and not yet consumed.</summary>
    public ReadOnlySpan<byte> Data => _array is null ? default : _array.AsSpan(_start, _end - _start);

    /// <summary>The same bytes as <see cref="Data"/>, for a message lent out until it is consumed.</summary>
    public ReadOnlyMemory<byte> Memory => _array is null ? default : _array.AsMemory(_start, _end - _start);

    public int Length => _end - _start;

    /// <summary>Marks the first <paramref name="count"/> bytes of <see cref="Data"/> as used; an emptied buffer goes back to the pool.</summary>
    public void Consume(int count)
    {
        _start += count;
        if (_start == _end)
        {
            Return();
        }
    }

    /// <summary>
    /// Reads more bytes after those already held (moving them to the front first). Waits while nothing arrives;
    /// <see langword="false"/> at the end of the stream.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        _reading = true;
        try
        {
            if (_array is null)
            {
                // After a read that filled the buffer, more is most likely waiting: then the wait (a system call) is skipped.
                if (!_moreWaiting)
                {
                    await stream.ReadAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
                }

                _array = ArrayPool<byte>.Shared.Rent(capacity);
                _start = _end = 0;
            }
            else if (_start > 0)
            {
                _array.AsSpan(_start, _end - _start).CopyTo(_array);
                _end -= _start;
                _start = 0;
            }

            if (_end == _array.Length)
            {
                throw new InvalidOperationException("The receive buffer is full; a frame this large is read past it.");
            }

            var read = await stream.ReadAsync(_array.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            _end += read;
            _moreWaiting = _end == _array.Length;
            if (read == 0 && _start == _end)
            {
                Return();
            }

            return read > 0;
        }
        finally
        {
            _reading = false;
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/>: first from the bytes held, then straight from the stream, so a payload
    /// larger than the buffer is copied once, into its own array. Throws at the end of the stream.
    /// </summary>
    public async ValueTask ReadExactlyAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var held = Math.Min(Length, destination.Length);
        Data[..held].CopyTo(destination.Span);
        Consume(held);
        if (held == destination.Length)
        {
            return;
        }

        _reading = true;
        try
        {
            await stream.ReadExactlyAsync(destination[held..], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _reading = false;
        }
    }

    /// <summary>Returns the buffer to the pool. Call once the stream is closed; a read still landing in it leaves it to the collector.</summary>
    public void Dispose()
    {
        if (!_reading)
        {
            Return();
        }
    }

    private void Return()
    {
        if (_array is { } array)
        {
            _array = null;
            _start = _end = 0;
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
