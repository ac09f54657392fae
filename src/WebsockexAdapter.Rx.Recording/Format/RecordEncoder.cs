using System.Buffers;
using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// Writes records into a block's raw bytes. Every record is: kind (u8), time (UTC ticks, i64), connection (7-bit
/// varint), then by kind: a string (address, sub-protocol, error), a frame (kind u8; a close's status u16 and
/// description; otherwise the payload length as a varint and the payload), or a status and a string.
/// </summary>
internal static class RecordEncoder
{
    /// <summary>Writes <paramref name="recorded"/> as the recorder did, its frame passed through <paramref name="frameAs"/>.</summary>
    public static void Write(IBufferWriter<byte> buffer, RecordedEvent recorded, Func<Frame, Frame> frameAs)
    {
        WriteHead(buffer, recorded.Kind, recorded.Time, recorded.Connection);
        switch (recorded.Kind)
        {
            case RecordedEventKind.Received or RecordedEventKind.Sent:
                WriteFrame(buffer, frameAs(recorded.Frame!));
                break;
            case RecordedEventKind.ConnectFailed:
                WriteStatus(buffer, recorded.HttpStatus ?? 0);
                WriteString(buffer, recorded.Detail);
                break;
            case RecordedEventKind.CloseRequested:
                WriteStatus(buffer, (int)recorded.CloseStatus!.Value);
                WriteString(buffer, recorded.Detail);
                break;
            case RecordedEventKind.Aborted or RecordedEventKind.Released:
                break;
            default:
                WriteString(buffer, recorded.Detail);
                break;
        }
    }

    public static void WriteHead(IBufferWriter<byte> buffer, RecordedEventKind kind, DateTimeOffset time, int connection)
    {
        var span = buffer.GetSpan(1 + 8 + 5);
        span[0] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], time.UtcTicks);
        var length = 9 + WriteVarint(span[9..], (uint)connection);
        buffer.Advance(length);
    }

    public static void WriteString(IBufferWriter<byte> buffer, string? text)
    {
        text ??= string.Empty;
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var span = buffer.GetSpan(5 + byteCount);
        var head = WriteVarint(span, (uint)byteCount);
        Encoding.UTF8.GetBytes(text, span[head..]);
        buffer.Advance(head + byteCount);
    }

    public static void WriteStatus(IBufferWriter<byte> buffer, int status)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.GetSpan(2), (ushort)status);
        buffer.Advance(2);
    }

    public static void WriteFrame(IBufferWriter<byte> buffer, Frame frame)
    {
        buffer.GetSpan(1)[0] = (byte)frame.Kind;
        buffer.Advance(1);
        if (frame.Kind == FrameKind.Close)
        {
            WriteStatus(buffer, (int)(frame.CloseStatus ?? WebSocketCloseStatus.Empty));
            WriteString(buffer, frame.CloseDescription);
            return;
        }

        WritePayload(buffer, frame.Payload.Span);
    }

    /// <summary>A text or binary message as <see cref="WriteFrame"/> writes it, from bytes that may be lent.</summary>
    public static void WriteMessage(IBufferWriter<byte> buffer, FrameKind kind, ReadOnlySpan<byte> payload)
    {
        buffer.GetSpan(1)[0] = (byte)kind;
        buffer.Advance(1);
        WritePayload(buffer, payload);
    }

    /// <summary>
    /// A received text or binary message's whole record (<see cref="WriteHead"/>, then <see cref="WriteMessage"/>), with
    /// one reservation: the receive loop's path. It takes the block itself, not an <see cref="IBufferWriter{T}"/>, so
    /// its calls are direct and inlined rather than dispatched through the interface, once per message.
    /// </summary>
    public static void WriteReceived(BlockBuffer buffer, DateTimeOffset time, int connection, FrameKind kind, ReadOnlySpan<byte> payload)
    {
        var span = buffer.GetSpan(1 + 8 + 5 + 1 + 5 + payload.Length);
        span[0] = (byte)RecordedEventKind.Received;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], time.UtcTicks);
        var length = 9 + WriteVarint(span[9..], (uint)connection);
        span[length++] = (byte)kind;
        length += WriteVarint(span[length..], (uint)payload.Length);
        payload.CopyTo(span[length..]);
        buffer.Advance(length + payload.Length);
    }

    private static void WritePayload(IBufferWriter<byte> buffer, ReadOnlySpan<byte> payload)
    {
        var span = buffer.GetSpan(5 + payload.Length);
        var head = WriteVarint(span, (uint)payload.Length);
        payload.CopyTo(span[head..]);
        buffer.Advance(head + payload.Length);
    }

    private static int WriteVarint(Span<byte> span, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        return i;
    }
}
