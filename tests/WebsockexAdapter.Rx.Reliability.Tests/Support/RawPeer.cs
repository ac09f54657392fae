using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace WebsockexAdapter.Rx.Reliability.Tests.Support;

/// <summary>One accepted TCP connection of a <see cref="RawWebSocketServer"/>: the handshake and frames, written by hand.</summary>
internal sealed class RawPeer(TcpClient client, int number, CancellationToken lifetime)
{
    public const byte Continuation = 0x0;
    public const byte Text = 0x1;
    public const byte Binary = 0x2;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;
    public const byte Pong = 0xA;

    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(15);

    private readonly NetworkStream _stream = client.GetStream();

    /// <summary>1 for the first connection the server accepted, 2 for the next, ...</summary>
    public int Number => number;

    public CancellationToken Lifetime => lifetime;

    /// <summary>Reads the client's opening handshake (up to the blank line) and returns it.</summary>
    public async Task<string> ReadRequestAsync()
    {
        var request = new StringBuilder();
        var one = new byte[1];
        while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            await ReadExactlyAsync(one);
            request.Append((char)one[0]);
        }

        return request.ToString();
    }

    /// <summary>Reads the handshake and answers 101 with the right Sec-WebSocket-Accept.</summary>
    public async Task UpgradeAsync()
    {
        var request = await ReadRequestAsync();
        await WriteRawAsync(Encoding.ASCII.GetBytes(UpgradeResponse(request)));
    }

    public static string UpgradeResponse(string request)
    {
        var key = request.Split("\r\n").First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))["Sec-WebSocket-Key:".Length..].Trim();
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for Sec-WebSocket-Accept; it is a handshake check, not security.
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350
        return $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n";
    }

    public Task WriteRawAsync(ReadOnlyMemory<byte> bytes) => _stream.WriteAsync(bytes, lifetime).AsTask();

    /// <summary>Writes one unmasked frame, as a server does.</summary>
    public Task SendFrameAsync(byte opcode, ReadOnlyMemory<byte> payload, bool fin = true) => WriteRawAsync(FrameBytes(opcode, payload.Span, fin));

    public Task SendTextAsync(string text) => SendFrameAsync(Text, Encoding.UTF8.GetBytes(text));

    /// <summary>A close frame with any code at all, valid or not.</summary>
    public Task SendCloseAsync(int code, string reason = "")
    {
        var payload = new byte[2 + Encoding.UTF8.GetByteCount(reason)];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)code);
        Encoding.UTF8.GetBytes(reason, payload.AsSpan(2));
        return SendFrameAsync(Close, payload);
    }

    public static byte[] FrameBytes(byte opcode, ReadOnlySpan<byte> payload, bool fin = true)
    {
        var header = payload.Length < 126 ? 2 : payload.Length <= ushort.MaxValue ? 4 : 10;
        var frame = new byte[header + payload.Length];
        frame[0] = (byte)((fin ? 0x80 : 0) | opcode);
        if (payload.Length < 126)
        {
            frame[1] = (byte)payload.Length;
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            frame[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }
        else
        {
            frame[1] = 127;
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
        }

        payload.CopyTo(frame.AsSpan(header));
        return frame;
    }

    /// <summary>Reads one frame from the client and unmasks it.</summary>
    public async Task<(byte Opcode, bool Fin, byte[] Payload)> ReadFrameAsync()
    {
        var head = new byte[2];
        await ReadExactlyAsync(head);
        var fin = (head[0] & 0x80) != 0;
        var opcode = (byte)(head[0] & 0x0F);
        var masked = (head[1] & 0x80) != 0;
        long length = head[1] & 0x7F;
        if (length == 126)
        {
            var ext = new byte[2];
            await ReadExactlyAsync(ext);
            length = BinaryPrimitives.ReadUInt16BigEndian(ext);
        }
        else if (length == 127)
        {
            var ext = new byte[8];
            await ReadExactlyAsync(ext);
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(ext);
        }

        var mask = new byte[4];
        if (masked)
        {
            await ReadExactlyAsync(mask);
        }

        var payload = new byte[length];
        await ReadExactlyAsync(payload);
        if (masked)
        {
            for (var i = 0; i < payload.Length; i++)
            {
                payload[i] ^= mask[i % 4];
            }
        }

        return (opcode, fin, payload);
    }

    /// <summary>Reads whole messages (fragments joined) until the client's close frame or hang-up; returns them.</summary>
    public async Task<List<(byte Opcode, byte[] Payload)>> ReadUntilCloseAsync()
    {
        var messages = new List<(byte, byte[])>();
        var partial = new List<byte>();
        byte partialOpcode = 0;
        try
        {
            while (true)
            {
                var (opcode, fin, payload) = await ReadFrameAsync();
                if (opcode == Close)
                {
                    messages.Add((Close, payload));
                    return messages;
                }

                if (opcode is Ping or Pong)
                {
                    continue;
                }

                if (opcode != Continuation)
                {
                    partialOpcode = opcode;
                }

                partial.AddRange(payload);
                if (fin)
                {
                    messages.Add((partialOpcode, [.. partial]));
                    partial.Clear();
                }
            }
        }
        catch (Exception error) when (error is EndOfStreamException or IOException)
        {
            return messages;
        }
    }

    /// <summary>Completes when the client closes its side of the TCP connection (reads and discards until then).</summary>
    public async Task WaitForHangUpAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (await ReadSomeAsync(buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset is a hang-up too.
        }
    }

    private async Task<int> ReadSomeAsync(byte[] buffer)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
        limit.CancelAfter(ReadLimit);
        return await _stream.ReadAsync(buffer, limit.Token);
    }

    private async Task ReadExactlyAsync(byte[] buffer)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
        limit.CancelAfter(ReadLimit);
        await _stream.ReadExactlyAsync(buffer, limit.Token);
    }
}
