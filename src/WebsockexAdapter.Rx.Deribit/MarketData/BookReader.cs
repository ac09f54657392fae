using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Decodes a <c>book.*</c> notification's <c>data</c> in one pass: <c>[action, price, amount]</c> entries of the
/// ungrouped book, or the <c>[price, amount]</c> entries of a grouped book's snapshots (read as <see cref="BookAction.New"/>).
/// Data in the exchange's own plain bytes takes <see cref="PlainBookReader"/>'s scan; the rest this reader's tokens.
/// </summary>
internal static class BookReader
{
    [ThreadStatic]
    private static List<BookLevelChange>? t_levels;

    /// <param name="utf8">The data's UTF-8.</param>
    /// <param name="instrument">The channel's instrument, whose string the decoded data shares.</param>
    /// <param name="grouped">A grouped book's channel: every message is a snapshot.</param>
    public static BookData Read(ReadOnlySpan<byte> utf8, string? instrument, bool grouped) =>
        PlainBookReader.TryRead(utf8, instrument, grouped, out var data) ? data : ReadTokens(utf8, instrument, grouped);

    /// <summary>The reader's pass, for every form of the data (and the judge of what is malformed).</summary>
    /// <param name="utf8">The data's UTF-8.</param>
    /// <param name="instrument">The channel's instrument, whose string the decoded data shares.</param>
    /// <param name="grouped">A grouped book's channel: every message is a snapshot.</param>
    internal static BookData ReadTokens(ReadOnlySpan<byte> utf8, string? instrument, bool grouped)
    {
        var reader = WireReader.Start(utf8);
        WireReader.Expect(ref reader, JsonTokenType.StartObject, "A book notification");
        var snapshot = grouped;
        long timestamp = 0, changeId = 0;
        long? previous = null;
        string name = instrument ?? string.Empty;
        BookLevelChange[] bids = [], asks = [];
        Span<char> buffer = stackalloc char[WireReader.LongestName];
        while (WireReader.NextMember(ref reader, buffer, out var length))
        {
            switch (buffer[..length])
            {
                case "type": snapshot = grouped || (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("snapshot"u8)); break;
                case "timestamp": timestamp = WireReader.Integer(ref reader); break;
                case "instrument_name": name = WireReader.Instrument(ref reader, instrument); break;
                case "change_id": changeId = WireReader.Integer(ref reader); break;
                case "prev_change_id": previous = WireReader.IntegerOrNone(ref reader); break;
                case "bids": bids = ReadLevels(ref reader); break;
                case "asks": asks = ReadLevels(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        WireReader.End(ref reader);
        return new BookData(snapshot, timestamp, name, changeId, previous, bids, asks);
    }

    private static BookLevelChange[] ReadLevels(ref Utf8JsonReader reader)
    {
        WireReader.Expect(ref reader, JsonTokenType.StartArray, "A book side");
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            return [];
        }

        // A change usually moves one level: that one goes straight into its array, without the list.
        var first = ReadLevel(ref reader);
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            return [first];
        }

        var levels = t_levels ??= new List<BookLevelChange>(64);
        levels.Clear();
        levels.Add(first);
        do
        {
            levels.Add(ReadLevel(ref reader));
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);

        return [.. levels];
    }

    private static BookLevelChange ReadLevel(ref Utf8JsonReader reader)
    {
        WireReader.Expect(ref reader, JsonTokenType.StartArray, "A book entry");
        reader.Read();
        var action = BookAction.New;
        if (reader.TokenType == JsonTokenType.String)
        {
            action = reader.ValueTextEquals("new"u8) ? BookAction.New
                : reader.ValueTextEquals("change"u8) ? BookAction.Change
                : reader.ValueTextEquals("delete"u8) ? BookAction.Delete
                : throw new JsonException("A book entry's action must be new, change or delete.");
            reader.Read();
        }

        var price = WireReader.Number(ref reader);
        reader.Read();
        var amount = WireReader.Number(ref reader);
        reader.Read();
        WireReader.Expect(ref reader, JsonTokenType.EndArray, "A book entry ([action, price, amount] or [price, amount])");
        return new BookLevelChange(action, price, amount);
    }
}
