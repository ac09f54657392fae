using System.Buffers.Binary;
using System.Text;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>Reads what <see cref="WireWriter"/> wrote; a record cut short or a bad length is a <see cref="FormatException"/>.</summary>
internal ref struct WireReader(ReadOnlySpan<byte> input)
{
    private ReadOnlySpan<byte> _rest = input;

    public readonly ReadOnlySpan<byte> Rest => _rest;

    public byte Byte() => Take(1)[0];

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public decimal Decimal()
    {
        var bytes = Take(16);
        ReadOnlySpan<int> parts =
        [
            BinaryPrimitives.ReadInt32LittleEndian(bytes),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]),
        ];
        try
        {
            return new decimal(parts);
        }
        catch (ArgumentException error)
        {
            throw new FormatException("A gateway record holds an invalid decimal.", error);
        }
    }

    public string? String()
    {
        var length = Int32();
        return length switch
        {
            -1 => null,
            < -1 => throw new FormatException($"A gateway record holds a string of length {length}."),
            _ => Encoding.UTF8.GetString(Take(length)),
        };
    }

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _rest.Length)
        {
            throw new FormatException($"A gateway record is cut short: {count} bytes wanted, {_rest.Length} left.");
        }

        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}
