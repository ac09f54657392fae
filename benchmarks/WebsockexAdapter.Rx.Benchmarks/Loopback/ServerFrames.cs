using System.Buffers.Binary;

namespace WebsockexAdapter.Rx.Benchmarks.Loopback;

/// <summary>RFC 6455 framing on the server side: frames it writes are unmasked, frames it reads are masked.</summary>
internal static class ServerFrames
{
    public const byte Text = 0x1;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;
    public const byte Pong = 0xA;

    /// <summary>The header of an unmasked, final frame with a payload of <paramref name="length"/> bytes.</summary>
    public static int HeaderLength(int length) => length < 126 ? 2 : length <= ushort.MaxValue ? 4 : 10;

    /// <summary>Writes one whole unmasked frame into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, byte opcode, ReadOnlySpan<byte> payload)
    {
        destination[0] = (byte)(0x80 | opcode);
        var header = HeaderLength(payload.Length);
        switch (header)
        {
            case 2:
                destination[1] = (byte)payload.Length;
                break;
            case 4:
                destination[1] = 126;
                BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payload.Length);
                break;
            default:
                destination[1] = 127;
                BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)payload.Length);
                break;
        }

        payload.CopyTo(destination[header..]);
        return header + payload.Length;
    }

    /// <summary>One whole unmasked frame as a new array.</summary>
    public static byte[] Encode(byte opcode, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[HeaderLength(payload.Length) + payload.Length];
        Write(frame, opcode, payload);
        return frame;
    }
}
