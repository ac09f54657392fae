using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace WebsockexAdapter.Rx.Tests.Transport.Rfc6455;

/// <summary>
/// The server's side of RFC 6455 written by hand, over any stream, so a test can send exactly the bytes it means,
/// valid or not: the handshake's answer, frames with any bits, and the client's frames read back as they arrived.
/// </summary>
internal static class ServerWire
{
    public const byte Continuation = 0x0;
    public const byte Text = 0x1;
    public const byte Binary = 0x2;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;
    public const byte Pong = 0xA;

    /// <summary>Reads the client's request up to its blank line.</summary>
    public static async Task<string> ReadRequestAsync(Stream stream)
    {
        var request = new StringBuilder();
        var one = new byte[1];
        while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            await stream.ReadExactlyAsync(one);
            request.Append((char)one[0]);
        }

        return request.ToString();
    }

    /// <summary>The value of a request header, or null.</summary>
    public static string? Header(string request, string name) =>
        request.Split("\r\n").FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();

    public static string AcceptFor(string key)
    {
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for Sec-WebSocket-Accept; it is a handshake checksum, not security.
        return Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350
    }

    /// <summary>A correct 101 for <paramref name="request"/>, with any extra header lines.</summary>
    public static string Upgrade(string request, string extraHeaders = "") =>
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        $"Sec-WebSocket-Accept: {AcceptFor(Header(request, "Sec-WebSocket-Key")!)}\r\n{extraHeaders}\r\n";

    /// <summary>Reads the request and answers it with a correct 101.</summary>
    public static async Task<string> AcceptAsync(Stream stream, string extraHeaders = "")
    {
        var request = await ReadRequestAsync(stream);
        await WriteAsync(stream, Encoding.ASCII.GetBytes(Upgrade(request, extraHeaders)));
        return request;
    }

    public static async Task WriteAsync(Stream stream, byte[] bytes)
    {
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    /// <summary>One frame as a server would write it (unmasked unless asked), with any FIN, reserved bits and opcode.</summary>
    public static byte[] Frame(byte opcode, ReadOnlySpan<byte> payload, bool fin = true, byte reserved = 0, bool masked = false)
    {
        var lengthBytes = payload.Length < 126 ? 0 : payload.Length <= ushort.MaxValue ? 2 : 8;
        var frame = new byte[2 + lengthBytes + (masked ? 4 : 0) + payload.Length];
        frame[0] = (byte)((fin ? 0x80 : 0) | (reserved << 4) | opcode);
        frame[1] = (byte)((masked ? 0x80 : 0) | (lengthBytes == 0 ? payload.Length : lengthBytes == 2 ? 126 : 127));
        if (lengthBytes == 2)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }
        else if (lengthBytes == 8)
        {
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
        }

        var at = 2 + lengthBytes;
        if (masked)
        {
            byte[] key = [0x11, 0x22, 0x33, 0x44];
            key.CopyTo(frame, at);
            at += 4;
            for (var i = 0; i < payload.Length; i++)
            {
                frame[at + i] = (byte)(payload[i] ^ key[i % 4]);
            }
        }
        else
        {
            payload.CopyTo(frame.AsSpan(at));
        }

        return frame;
    }

    public static byte[] CloseFrame(int code, string reason = "")
    {
        var payload = new byte[2 + Encoding.UTF8.GetByteCount(reason)];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)code);
        Encoding.UTF8.GetBytes(reason, payload.AsSpan(2));
        return Frame(Close, payload);
    }

    /// <summary>Reads one client frame as it arrived: its first byte, how its length was encoded, its key, and the unmasked payload.</summary>
    public static async Task<ClientFrame> ReadFrameAsync(Stream stream)
    {
        var head = await ReadExactlyAsync(stream, 2);
        long length = head[1] & 0x7F;
        var lengthBytes = length switch { 126 => 2, 127 => 8, _ => 0 };
        if (lengthBytes > 0)
        {
            var extended = await ReadExactlyAsync(stream, lengthBytes);
            length = lengthBytes == 2 ? BinaryPrimitives.ReadUInt16BigEndian(extended) : (long)BinaryPrimitives.ReadUInt64BigEndian(extended);
        }

        var masked = (head[1] & 0x80) != 0;
        var key = masked ? await ReadExactlyAsync(stream, 4) : [];
        var payload = await ReadExactlyAsync(stream, (int)length);
        var wire = payload.ToArray();
        if (masked)
        {
            for (var i = 0; i < payload.Length; i++)
            {
                payload[i] ^= key[i % 4];
            }
        }

        return new ClientFrame(head[0], masked, lengthBytes, key, wire, payload);
    }

    /// <summary>Reads client frames until a close frame (returned) or the end of the stream (null).</summary>
    public static async Task<ClientFrame?> ReadUntilCloseAsync(Stream stream)
    {
        try
        {
            while (true)
            {
                var frame = await ReadFrameAsync(stream);
                if (frame.Opcode == Close)
                {
                    return frame;
                }
            }
        }
        catch (Exception error) when (error is EndOfStreamException or IOException)
        {
            return null;
        }
    }

    /// <summary>Reads and drops everything until the client closes its end of the connection (a reset counts).</summary>
    public static async Task WaitForHangUpAsync(Stream stream)
    {
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
        }
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer);
        return buffer;
    }
}

/// <summary>A frame the client wrote, as the server read it.</summary>
internal sealed record ClientFrame(byte First, bool Masked, int LengthBytes, byte[] Key, byte[] Wire, byte[] Payload)
{
    public byte Opcode => (byte)(First & 0x0F);

    public bool Fin => (First & 0x80) != 0;

    /// <summary>The close status of a close frame, or null when it carries none.</summary>
    public int? CloseCode => Payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(Payload) : null;

    public string CloseReason => Encoding.UTF8.GetString(Payload.AsSpan(Math.Min(2, Payload.Length)));
}
