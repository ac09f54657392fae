using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace WebsockexAdapter.Rx.Benchmarks.Loopback;

/// <summary>
/// The server's end of one WebSocket: the HTTP upgrade, then whole frames read (masked, from the client) and written
/// (unmasked). Minimal on purpose: no fragmentation from the client, no extensions.
/// </summary>
internal sealed class ServerConnection(Socket socket) : IDisposable
{
    private const int MaxHandshake = 8 * 1024;
    private const int MaxClientFrame = 64 * 1024;
    private static readonly byte[] EndOfHeaders = "\r\n\r\n"u8.ToArray();

    // Small to start: a thousand idle connections should measure the client, not this buffer. It grows for a large frame.
    private byte[] _buffer = new byte[1024];
    private int _start;
    private int _end;

    /// <summary>What the server is doing with this connection, for a suite that reports why the server did not go idle.</summary>
    public string Stage { get; set; } = "upgrade";

    /// <summary>A client frame; <see cref="Payload"/> is unmasked and valid until the next read.</summary>
    public readonly record struct ClientFrame(byte Opcode, ReadOnlyMemory<byte> Payload);

    /// <summary>Reads the upgrade request, answers 101 and returns the request target (path and query).</summary>
    public async Task<string> AcceptUpgradeAsync(CancellationToken cancellationToken)
    {
        int headerEnd;
        while ((headerEnd = _buffer.AsSpan(_start, _end - _start).IndexOf(EndOfHeaders)) < 0)
        {
            if (_end - _start >= MaxHandshake)
            {
                throw new IOException("The upgrade request is larger than the loopback server reads.");
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                // A client that gave up on its handshake (an attempt cancelled by a closing client, say).
                throw new EndOfStreamException("The client left before its upgrade request was complete.");
            }
        }

        var request = Encoding.ASCII.GetString(_buffer, _start, headerEnd);
        _start += headerEnd + EndOfHeaders.Length;
        var lines = request.Split("\r\n");
        var target = lines[0].Split(' ')[1];
        var key = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .FirstOrDefault(parts => parts.Length == 2 && parts[0].Trim().Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))?[1].Trim()
            ?? throw new IOException("The upgrade request has no Sec-WebSocket-Key.");
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for Sec-WebSocket-Accept; it is a handshake checksum, not security.
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350
        var response = $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n";
        await SendAsync(Encoding.ASCII.GetBytes(response), cancellationToken).ConfigureAwait(false);
        return target;
    }

    /// <summary>Reads the next whole frame from the client; <see langword="null"/> when the client has gone.</summary>
    public async ValueTask<ClientFrame?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        if (!await EnsureAsync(2, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var first = _buffer[_start];
        var second = _buffer[_start + 1];
        if ((first & 0x80) == 0 || (second & 0x80) == 0)
        {
            throw new IOException("The loopback server reads only whole, masked client frames.");
        }

        var length = second & 0x7F;
        var header = 2;
        if (length >= 126)
        {
            header = length == 126 ? 4 : 10;
            if (!await EnsureAsync(header, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var extended = _buffer.AsSpan(_start + 2);
            length = length == 126 ? BinaryPrimitives.ReadUInt16BigEndian(extended) : checked((int)BinaryPrimitives.ReadUInt64BigEndian(extended));
        }

        if (length > MaxClientFrame)
        {
            throw new IOException($"A client frame of {length} bytes is more than the loopback server reads.");
        }

        if (!await EnsureAsync(header + 4 + length, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var mask = _buffer.AsSpan(_start + header, 4);
        var payload = _buffer.AsMemory(_start + header + 4, length);
        var bytes = payload.Span;
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] ^= mask[i & 3];
        }

        _start += header + 4 + length;
        return new ClientFrame((byte)(first & 0x0F), payload);
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }

    public ValueTask SendFrameAsync(byte opcode, ReadOnlySpan<byte> payload, CancellationToken cancellationToken) =>
        SendAsync(ServerFrames.Encode(opcode, payload), cancellationToken);

    /// <summary>Drops the connection without a closing handshake, after what was sent has been delivered.</summary>
    public void Drop()
    {
        socket.Shutdown(SocketShutdown.Both);
        socket.Close();
    }

    public void Dispose() => socket.Dispose();

    private async ValueTask<bool> EnsureAsync(int count, CancellationToken cancellationToken)
    {
        if (count > _buffer.Length)
        {
            Array.Resize(ref _buffer, count);
        }

        while (_end - _start < count)
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }
}
