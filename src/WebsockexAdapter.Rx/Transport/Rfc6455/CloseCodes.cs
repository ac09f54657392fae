using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using System.Text.Unicode;

namespace WebsockexAdapter.Rx;

/// <summary>
/// The close frame's payload (RFC 6455, sections 5.5.1 and 7.4): an optional 2-byte status and a UTF-8 reason of at
/// most 123 bytes. Valid statuses are the defined ones that may travel on the wire (1000-1003, 1007-1014) and the
/// ranges left to libraries and applications (3000-4999); 1004-1006, 1015 and everything below 1000 or from 5000 up
/// are refused, as the IANA registry and the RFC say.
/// </summary>
internal static class CloseCodes
{
    /// <summary>The longest reason that fits a control frame beside the status.</summary>
    public const int MaxReasonBytes = FrameRules.MaxControlPayload - 2;

    public static bool IsValidOnTheWire(int code) => code switch
    {
        >= 1000 and <= 1003 => true,
        >= 1007 and <= 1014 => true,
        >= 3000 and <= 4999 => true,
        _ => false,
    };

    /// <summary>Reads a close payload; what is wrong with it, or <see langword="null"/>.</summary>
    /// <param name="payload">The payload of the server's close frame.</param>
    /// <param name="status">The status, <see cref="WebSocketCloseStatus.Empty"/> when the frame had none.</param>
    /// <param name="reason">The reason, empty when there was none.</param>
    /// <param name="invalidUtf8">Whether the problem is a reason that is not UTF-8 (close with 1007 rather than 1002).</param>
    public static string? TryRead(ReadOnlySpan<byte> payload, out WebSocketCloseStatus status, out string reason, out bool invalidUtf8)
    {
        status = WebSocketCloseStatus.Empty;
        reason = string.Empty;
        invalidUtf8 = false;
        if (payload.IsEmpty)
        {
            return null;
        }

        if (payload.Length == 1)
        {
            return "a close frame with a 1-byte payload (a status takes 2)";
        }

        int code = BinaryPrimitives.ReadUInt16BigEndian(payload);
        if (!IsValidOnTheWire(code))
        {
            return $"a close frame with the invalid status {code}";
        }

        if (!Utf8.IsValid(payload[2..]))
        {
            invalidUtf8 = true;
            return "a close frame whose reason is not UTF-8";
        }

        status = (WebSocketCloseStatus)code;
        reason = Encoding.UTF8.GetString(payload[2..]);
        return null;
    }

    /// <summary>
    /// Writes the payload of a close frame this side sends and returns its length: nothing for
    /// <see cref="WebSocketCloseStatus.Empty"/>, else the status and the reason, cut at a character boundary to fit.
    /// </summary>
    /// <param name="destination">At least 125 bytes.</param>
    /// <param name="status">A status valid on the wire, or <see cref="WebSocketCloseStatus.Empty"/>.</param>
    /// <param name="reason">The reason, if any.</param>
    /// <exception cref="ArgumentOutOfRangeException">The status may not be sent (1005, 1006, 999, ...).</exception>
    public static int Write(Span<byte> destination, WebSocketCloseStatus status, string? reason)
    {
        if (status == WebSocketCloseStatus.Empty)
        {
            return 0;
        }

        if (!IsValidOnTheWire((int)status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), (int)status, "This close status may not be sent on the wire (RFC 6455, section 7.4).");
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)status);
        var written = 0;
        if (!string.IsNullOrEmpty(reason))
        {
            // A reason longer than the frame allows is cut rather than refused: the status is what the peer acts on.
            Utf8.FromUtf16(reason, destination.Slice(2, MaxReasonBytes), out _, out written, replaceInvalidSequences: true, isFinalBlock: true);
        }

        return 2 + written;
    }
}
