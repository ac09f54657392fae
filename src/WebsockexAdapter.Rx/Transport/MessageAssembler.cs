using System.Buffers;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Collects the fragments of one message in a pooled buffer that grows as needed, refusing to grow past the message
/// size limit (which ends the connection: docs/hostile-input.md). The finished message is copied once into an array of
/// exactly its size, which the frame then owns.
/// </summary>
internal sealed class MessageAssembler(int maxMessageSize) : IDisposable
{
    private byte[]? _buffer;
    private int _length;

    public int Length => _length;

    /// <summary>The bytes collected so far.</summary>
    public ReadOnlySpan<byte> Collected => _buffer.AsSpan(0, _length);

    public void Append(ReadOnlySpan<byte> fragment) => fragment.CopyTo(Extend(fragment.Length).Span);

    /// <summary>
    /// Adds <paramref name="count"/> bytes to the message and returns them, for the caller to fill (a fragment read
    /// straight from the socket). Refuses, before anything is buffered, a fragment that would pass the limit.
    /// </summary>
    public Memory<byte> Extend(int count)
    {
        long total = (long)_length + count;
        if (total > maxMessageSize)
        {
            throw new MessageTooLargeException(total, maxMessageSize);
        }

        if (_buffer is null || total > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(maxMessageSize, Math.Max(total, (_buffer?.Length ?? 0) * 2L)));
            _buffer?.AsSpan(0, _length).CopyTo(larger);
            Return();
            _buffer = larger;
        }

        var added = _buffer.AsMemory(_length, count);
        _length = (int)total;
        return added;
    }

    /// <summary>Hands out the message as a new array of exactly its size and starts over.</summary>
    public byte[] Take()
    {
        var message = _buffer is null ? [] : _buffer.AsSpan(0, _length).ToArray();
        _length = 0;
        return message;
    }

    public void Dispose() => Return();

    private void Return()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
