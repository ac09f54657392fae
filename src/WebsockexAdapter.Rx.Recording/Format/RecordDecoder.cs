using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// Reads the records of one decompressed block. Frames point into the block's array (never copied: a frame owns its
/// payload and nobody writes to a loaded block). Anything that does not add up is a <see cref="RecordingFormatException"/>
/// naming the block's offset.
/// </summary>
internal ref struct RecordDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _block;
    private readonly string _path;
    private readonly long _blockOffset;
    private int _position;

    public RecordDecoder(byte[] block, int length, string path, long blockOffset)
    {
        _block = block;
        Length = length;
        _path = path;
        _blockOffset = blockOffset;
    }

    private int Length { get; }

    public bool TryRead(out RecordedEvent recorded)
    {
        if (_position >= Length)
        {
            recorded = null!;
            return false;
        }

        var kind = (RecordedEventKind)Byte();
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(Take(8));
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw Corrupt($"a time out of range ({ticks} ticks)");
        }

        var time = new DateTimeOffset(ticks, TimeSpan.Zero);
        var connection = (int)Varint(int.MaxValue);
        recorded = kind switch
        {
            RecordedEventKind.ConnectStarted or RecordedEventKind.Connected or RecordedEventKind.Dropped =>
                new RecordedEvent(kind, time, connection) { Detail = String() },
            RecordedEventKind.ConnectFailed => new RecordedEvent(kind, time, connection) { HttpStatus = Status() is var s and > 0 ? s : null, Detail = String() },
            RecordedEventKind.Received or RecordedEventKind.Sent => new RecordedEvent(kind, time, connection) { Frame = ReadFrame() },
            RecordedEventKind.CloseRequested => new RecordedEvent(kind, time, connection) { CloseStatus = (WebSocketCloseStatus)Status(), Detail = String() },
            RecordedEventKind.Aborted or RecordedEventKind.Released => new RecordedEvent(kind, time, connection),
            _ => throw Corrupt($"an unknown record kind {(byte)kind}"),
        };
        return true;
    }

    private Frame ReadFrame()
    {
        var kind = (FrameKind)Byte();
        if (kind == FrameKind.Close)
        {
            var status = (WebSocketCloseStatus)Status();
            return Frame.Close(status, String());
        }

        var length = (int)Varint(int.MaxValue);
        var payload = new ReadOnlyMemory<byte>(_block, _position, Math.Min(length, Length - _position));
        Take(length);
        return kind switch
        {
            FrameKind.Text => Frame.FromUtf8(payload),
            FrameKind.Binary => Frame.FromBinary(payload),
            FrameKind.Ping => Frame.Ping(payload),
            FrameKind.Pong => Frame.Pong(payload),
            _ => throw Corrupt($"an unknown frame kind {(byte)kind}"),
        };
    }

    private byte Byte() => Take(1)[0];

    private int Status() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    private string String()
    {
        var length = (int)Varint(int.MaxValue);
        try
        {
            return StrictUtf8.GetString(Take(length));
        }
        catch (DecoderFallbackException)
        {
            throw Corrupt("a string that is not UTF-8");
        }
    }

    private uint Varint(uint max)
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = Byte();
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value <= max ? value : throw Corrupt("a length out of range");
            }
        }

        throw Corrupt("a length longer than 5 bytes");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Length - _position)
        {
            throw Corrupt("a record that runs past the end of its block");
        }

        var span = new ReadOnlySpan<byte>(_block, _position, count);
        _position += count;
        return span;
    }

    private readonly RecordingFormatException Corrupt(string what) =>
        new(_path, _blockOffset, $"The block at offset {_blockOffset} holds {what} (record at byte {_position} of the block).");
}
