using System.Buffers;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// A book update in binary: the busiest channel kind, so neither side pays for JSON. Decimals travel as their four
/// 32-bit parts, so a consumer's book equals the gateway's to the last digit.
/// </summary>
internal sealed class BookUpdateCodec : IPayloadCodec<BookUpdate>
{
    public static readonly BookUpdateCodec Instance = new();

    /// <summary>A level's size on the wire: action, price, amount.</summary>
    private const int LevelBytes = 1 + 16 + 16;

    public void Write(IBufferWriter<byte> output, BookUpdate value)
    {
        var writer = new WireWriter(output);
        writer.Byte((byte)value.Kind);
        writer.String(value.InstrumentName);
        writer.Int64(value.Timestamp);
        writer.Int64(value.ChangeId);
        writer.Byte(value.PrevChangeId.HasValue ? (byte)1 : (byte)0);
        writer.Int64(value.PrevChangeId ?? 0);
        writer.String(value.ResetReason);
        WriteLevels(ref writer, value.Bids);
        WriteLevels(ref writer, value.Asks);
    }

    public BookUpdate Read(ReadOnlySpan<byte> bytes)
    {
        var reader = new WireReader(bytes);
        var kind = reader.Byte();
        if (kind > (byte)BookUpdateKind.Change)
        {
            throw new FormatException($"A gateway record holds book update kind {kind}.");
        }

        var instrument = reader.String() ?? throw new FormatException("A gateway book update has no instrument.");
        var timestamp = reader.Int64();
        var changeId = reader.Int64();
        var hasPrevious = reader.Byte() != 0;
        var previous = reader.Int64();
        return new BookUpdate
        {
            Kind = (BookUpdateKind)kind,
            InstrumentName = instrument,
            Timestamp = timestamp,
            ChangeId = changeId,
            PrevChangeId = hasPrevious ? previous : null,
            ResetReason = reader.String(),
            Bids = ReadLevels(ref reader),
            Asks = ReadLevels(ref reader),
        };
    }

    private static void WriteLevels(ref WireWriter writer, IReadOnlyList<BookLevelChange> levels)
    {
        writer.Int32(levels.Count);
        for (var i = 0; i < levels.Count; i++)
        {
            writer.Byte((byte)levels[i].Action);
            writer.Decimal(levels[i].Price);
            writer.Decimal(levels[i].Amount);
        }
    }

    private static BookLevelChange[] ReadLevels(ref WireReader reader)
    {
        var count = reader.Int32();
        if (count < 0 || (long)count * LevelBytes > reader.Rest.Length)
        {
            throw new FormatException($"A gateway book update claims {count} levels in {reader.Rest.Length} bytes.");
        }

        if (count == 0)
        {
            return [];
        }

        var levels = new BookLevelChange[count];
        for (var i = 0; i < count; i++)
        {
            var action = reader.Byte();
            if (action > (byte)BookAction.Delete)
            {
                throw new FormatException($"A gateway book level holds action {action}.");
            }

            levels[i] = new BookLevelChange((BookAction)action, reader.Decimal(), reader.Decimal());
        }

        return levels;
    }
}
