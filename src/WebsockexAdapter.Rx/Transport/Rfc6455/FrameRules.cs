namespace WebsockexAdapter.Rx;

/// <summary>
/// What a frame from a server may look like (RFC 6455, section 5): no reserved bits (no extension is ever negotiated),
/// a known opcode, no mask, a 64-bit length below 2^63, control frames whole and at most 125 bytes, continuations only
/// inside a message and no new message inside one. Each check answers with what is wrong, or <see langword="null"/>.
/// </summary>
internal static class FrameRules
{
    /// <summary>The largest payload of a ping, pong or close frame.</summary>
    public const int MaxControlPayload = 125;

    /// <param name="header">The frame's header.</param>
    /// <param name="inMessage">Whether the fragments of a message are being received.</param>
    public static string? Check(in FrameHeader header, bool inMessage)
    {
        if (header.ReservedBits != 0)
        {
            return $"a frame with reserved bits set (RSV {header.ReservedBits:X}) when no extension was negotiated";
        }

        if (header.Masked)
        {
            return "a masked frame (a server must not mask its frames)";
        }

        if (header.PayloadLength > long.MaxValue)
        {
            // RFC 6455, section 5.2: the 64-bit length's most significant bit must be 0. Refused here, it is also
            // never added to the bytes already assembled, where it would wrap around.
            return $"a frame whose 64-bit length {header.PayloadLength} has its most significant bit set";
        }

        switch (header.Opcode)
        {
            case Opcode.Ping or Opcode.Pong or Opcode.Close:
                if (!header.Fin)
                {
                    return $"a fragmented {header.Opcode} frame (control frames must not be fragmented)";
                }

                return header.PayloadLength > MaxControlPayload
                    ? $"a {header.Opcode} frame of {header.PayloadLength} bytes (control frames carry at most 125)"
                    : null;
            case Opcode.Continuation:
                return inMessage ? null : "a continuation frame outside a fragmented message";
            case Opcode.Text or Opcode.Binary:
                return inMessage ? $"a new {header.Opcode} frame before the fragmented message in progress ended" : null;
            default:
                return $"a frame with the unknown opcode 0x{header.RawOpcode:X}";
        }
    }
}
