using System.Buffers.Binary;

namespace WebsockexAdapter.Rx;

/// <summary>
/// The fixed part of one frame as it arrived (RFC 6455, section 5.2): FIN, the reserved bits, the opcode, the mask bit
/// and the 7, 16 or 64-bit payload length. Parsing checks only that the bytes are there; what the values may be is
/// <see cref="FrameRules"/>' business.
/// </summary>
internal readonly record struct FrameHeader(bool Fin, byte ReservedBits, byte RawOpcode, bool Masked, ulong PayloadLength, int Length)
{
    /// <summary>The longest header: 2 bytes, a 64-bit length and a 4-byte mask.</summary>
    public const int MaxLength = 14;

    public Opcode Opcode => (Opcode)RawOpcode;

    public bool IsControl => (RawOpcode & 0x8) != 0;

    /// <summary>Reads a header from the start of <paramref name="data"/>; <see langword="false"/> when more bytes are needed.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out FrameHeader header)
    {
        header = default;
        if (data.Length < 2)
        {
            return false;
        }

        var first = data[0];
        var second = data[1];
        var masked = (second & 0x80) != 0;
        ulong length = (uint)(second & 0x7F);
        var headerLength = 2;
        if (length == 126)
        {
            if (data.Length < 4)
            {
                return false;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            headerLength = 4;
        }
        else if (length == 127)
        {
            if (data.Length < 10)
            {
                return false;
            }

            length = BinaryPrimitives.ReadUInt64BigEndian(data[2..]);
            headerLength = 10;
        }

        if (masked)
        {
            // A server must not mask (the rules refuse it), but the header's length must still be right to say so.
            headerLength += 4;
            if (data.Length < headerLength)
            {
                return false;
            }
        }

        header = new FrameHeader((first & 0x80) != 0, (byte)((first >> 4) & 0x7), (byte)(first & 0x0F), masked, length, headerLength);
        return true;
    }

    /// <summary>Writes a client header (always masked) for a frame with FIN set, and returns its length.</summary>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    /// <param name="opcode">The frame's opcode.</param>
    /// <param name="payloadLength">The payload's length.</param>
    /// <param name="mask">The 4-byte masking key.</param>
    public static int WriteClient(Span<byte> destination, Opcode opcode, int payloadLength, ReadOnlySpan<byte> mask)
    {
        destination[0] = (byte)(0x80 | (byte)opcode);
        int length;
        if (payloadLength < 126)
        {
            destination[1] = (byte)(0x80 | payloadLength);
            length = 2;
        }
        else if (payloadLength <= ushort.MaxValue)
        {
            destination[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payloadLength);
            length = 4;
        }
        else
        {
            destination[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)payloadLength);
            length = 10;
        }

        mask.CopyTo(destination[length..]);
        return length + 4;
    }
}
