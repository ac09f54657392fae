using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace WebsockexAdapter.Rx.Tests.Loopback;

/// <summary>
/// The server's end of a WebSocket spoken frame by frame (RFC 6455, section 5), for what a managed WebSocket will
/// not do on request: send a ping, or never answer one. Server frames are unmasked; client frames arrive masked.
/// </summary>
internal sealed class RawSocket(Stream stream)
{
    public const byte Text = 0x1;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;
    public const byte Pong = 0xA;

    /// <summary>Answers the upgrade by hand and returns the stream under it.</summary>
    public static async Task<Stream> AcceptAsync(HttpContext context)
    {
        var key = context.Request.Headers["Sec-WebSocket-Key"].ToString();
#pragma warning disable CA5350 // RFC 6455 defines the accept key with SHA-1; it is a handshake checksum, not security.
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350
        context.Response.Headers["Upgrade"] = "websocket";
        context.Response.Headers["Sec-WebSocket-Accept"] = accept;
        return await context.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync();
    }

    /// <summary>Writes one unfragmented frame (payloads up to 125 bytes, enough for control frames and short texts).</summary>
    public async Task WriteAsync(byte opcode, byte[] payload)
    {
        if (payload.Length > 125)
        {
            throw new ArgumentException("RawSocket writes short frames only.", nameof(payload));
        }

        await stream.WriteAsync(new byte[] { (byte)(0x80 | opcode), (byte)payload.Length });
        await stream.WriteAsync(payload);
        await stream.FlushAsync();
    }

    /// <summary>Reads one client frame and unmasks it.</summary>
    public async Task<(byte Opcode, byte[] Payload)> ReadAsync()
    {
        var header = await ReadExactlyAsync(2);
        var opcode = (byte)(header[0] & 0x0F);
        long length = header[1] & 0x7F;
        if (length == 126)
        {
            var extended = await ReadExactlyAsync(2);
            length = (extended[0] << 8) | extended[1];
        }
        else if (length == 127)
        {
            var extended = await ReadExactlyAsync(8);
            length = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(extended);
        }

        var mask = await ReadExactlyAsync(4);
        var payload = await ReadExactlyAsync((int)length);
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] ^= mask[i % 4];
        }

        return (opcode, payload);
    }

    /// <summary>Reads and drops frames until the client's close frame, then answers it with the same status.</summary>
    public async Task AnswerCloseAsync()
    {
        while (true)
        {
            var (opcode, payload) = await ReadAsync();
            if (opcode == Close)
            {
                await WriteAsync(Close, payload);
                return;
            }
        }
    }

    /// <summary>Completes when the client closes its end of the TCP connection (reading and dropping everything until then, answering nothing).</summary>
    public async Task WaitForEndOfStreamAsync()
    {
        var buffer = new byte[4096];
        while (await stream.ReadAsync(buffer) > 0)
        {
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer);
        return buffer;
    }
}
