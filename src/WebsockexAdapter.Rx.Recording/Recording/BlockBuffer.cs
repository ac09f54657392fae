using System.Buffers;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// The records of the block being collected: an <see cref="IBufferWriter{T}"/> over an array rented from the shared
/// pool and given back on <see cref="Dispose"/>. A recorder's two block buffers grow to megabytes on a fast feed; with
/// fresh arrays every recorder would grow them again on the receive loop (a copy each time the size doubles) and fault
/// their new pages in there, while rented ones come back warm to the next recorder.
/// </summary>
internal sealed class BlockBuffer(int capacity) : IBufferWriter<byte>, IDisposable
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(capacity);

    public int WrittenCount { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, WrittenCount);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _array.Length - WrittenCount);
        WrittenCount += count;
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        // Reserve first: it may replace the array.
        var start = Reserve(sizeHint);
        return _array.AsSpan(start);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        var start = Reserve(sizeHint);
        return _array.AsMemory(start);
    }

    public void ResetWrittenCount() => WrittenCount = 0;

    /// <summary>Gives the array back; the buffer is empty and holds nothing afterwards.</summary>
    public void Dispose()
    {
        var array = _array;
        _array = [];
        WrittenCount = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    /// <summary>Makes room for <paramref name="sizeHint"/> bytes (at least one) and returns where they start.</summary>
    private int Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_array.Length - WrittenCount < needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, WrittenCount + needed));
            WrittenSpan.CopyTo(larger);
            var old = _array;
            _array = larger;
            if (old.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(old);
            }
        }

        return WrittenCount;
    }
}
