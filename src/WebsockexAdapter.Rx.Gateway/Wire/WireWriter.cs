using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>Writes the fixed-width little-endian fields and length-prefixed strings of the gateway's binary records.</summary>
internal ref struct WireWriter(IBufferWriter<byte> output)
{
    private readonly IBufferWriter<byte> _output = output;

    public readonly void Byte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    public readonly void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_output.GetSpan(4), value);
        _output.Advance(4);
    }

    public readonly void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_output.GetSpan(8), value);
        _output.Advance(8);
    }

    /// <summary>A decimal as its four 32-bit parts, so it comes back exactly (scale and trailing zeros included).</summary>
    public readonly void Decimal(decimal value)
    {
        var span = _output.GetSpan(16);
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[(i * 4)..], parts[i]);
        }

        _output.Advance(16);
    }

    /// <summary>The UTF-8 byte count (-1 for null), then the bytes.</summary>
    public readonly void String(string? value)
    {
        if (value is null)
        {
            Int32(-1);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        Int32(length);
        Encoding.UTF8.GetBytes(value, _output.GetSpan(length));
        _output.Advance(length);
    }

    public readonly void Bytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_output.GetSpan(value.Length));
        _output.Advance(value.Length);
    }
}
