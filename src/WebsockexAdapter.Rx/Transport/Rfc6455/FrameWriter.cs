using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Writes client frames: always whole (FIN set), always masked with a fresh random key (RFC 6455, section 5.3), one
/// frame at a time. Data sends, pongs answered by the receive loop and close frames come from different places, so
/// writes take a lock; a close frame is sent at most once, and nothing is sent after it.
/// </summary>
#pragma warning disable CA1001 // The lock's SemaphoreSlim holds no OS handle (AvailableWaitHandle is never used), and a send still running when the stream is torn down must be able to release it.
internal sealed class FrameWriter(Stream stream)
#pragma warning restore CA1001
{
    /// <summary>A multiple of 4, so each chunk of a long payload starts at key byte 0.</summary>
    private const int ChunkSize = 16 * 1024;

    private const int KeysPerRefill = 64;

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly byte[] _keys = new byte[4 * KeysPerRefill];
    private int _nextKey = KeysPerRefill;
    private bool _closeSent;

    /// <summary>Whether a close frame has been sent (or is being sent).</summary>
    public bool CloseSent => Volatile.Read(ref _closeSent);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendAsync(Opcode opcode, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closeSent)
            {
                throw new InvalidOperationException("A close frame has been sent; RFC 6455 allows no frame after it.");
            }

            await WriteAsync(opcode, payload, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Sends a close frame unless one was sent already; <see langword="false"/> if one was.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The status may not be sent on the wire.</exception>
    public async ValueTask<bool> SendCloseAsync(WebSocketCloseStatus status, string? reason, CancellationToken cancellationToken)
    {
        var payload = new byte[FrameRules.MaxControlPayload];
        var length = CloseCodes.Write(payload, status, reason);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closeSent)
            {
                return false;
            }

            Volatile.Write(ref _closeSent, true);
            await WriteAsync(Opcode.Close, payload.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async ValueTask WriteAsync(Opcode opcode, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var key = NextKey();
        var first = Math.Min(payload.Length, ChunkSize);
        var buffer = ArrayPool<byte>.Shared.Rent(FrameHeader.MaxLength + first);
        try
        {
            var header = FrameHeader.WriteClient(buffer, opcode, payload.Length, key.Span);
            PayloadMask.Apply(payload.Span[..first], buffer.AsSpan(header), key.Span);
            await stream.WriteAsync(buffer.AsMemory(0, header + first), cancellationToken).ConfigureAwait(false);
            for (var offset = first; offset < payload.Length; offset += ChunkSize)
            {
                var chunk = payload.Slice(offset, Math.Min(ChunkSize, payload.Length - offset));
                PayloadMask.Apply(chunk.Span, buffer, key.Span);
                await stream.WriteAsync(buffer.AsMemory(0, chunk.Length), cancellationToken).ConfigureAwait(false);
            }

            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A key no one can predict, drawn from a batch so that the random source is asked once per 64 frames.</summary>
    private ReadOnlyMemory<byte> NextKey()
    {
        if (_nextKey == KeysPerRefill)
        {
            RandomNumberGenerator.Fill(_keys);
            _nextKey = 0;
        }

        return _keys.AsMemory(4 * _nextKey++, 4);
    }
}
