using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Decodes a trades notification's <c>data</c> (an array of trades) in one pass. Data in the exchange's own plain bytes
/// takes <see cref="PlainTradesReader"/>'s scan; the rest this reader's tokens.
/// </summary>
internal static class TradeReader
{
    /// <param name="utf8">The data's UTF-8.</param>
    /// <param name="instrument">The channel's instrument, whose string the trades share; null for a kind-wide channel.</param>
    public static Trade[] ReadList(ReadOnlySpan<byte> utf8, string? instrument) =>
        PlainTradesReader.TryRead(utf8, instrument, out var trades) ? trades : ReadTokens(utf8, instrument);

    /// <summary>The reader's pass, for every form of the data (and the judge of what is malformed).</summary>
    /// <param name="utf8">The data's UTF-8.</param>
    /// <param name="instrument">The channel's instrument, whose string the trades share; null for a kind-wide channel.</param>
    internal static Trade[] ReadTokens(ReadOnlySpan<byte> utf8, string? instrument)
    {
        var reader = WireReader.Start(utf8);
        WireReader.Expect(ref reader, JsonTokenType.StartArray, "A trades notification");
        // One trade per notification is the usual case, and its array is then the only one made.
        Trade? first = null;
        List<Trade>? more = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var trade = Read(ref reader, instrument);
            if (first is null)
            {
                first = trade;
            }
            else
            {
                (more ??= [first]).Add(trade);
            }
        }

        WireReader.End(ref reader);
        return more is not null ? [.. more] : first is not null ? [first] : [];
    }

    private static Trade Read(ref Utf8JsonReader reader, string? instrument)
    {
        WireReader.Expect(ref reader, JsonTokenType.StartObject, "A trade");
        var trade = new TradeFields(instrument);
        Span<char> chars = stackalloc char[WireReader.LongestName];
        Span<byte> bytes = stackalloc byte[WireReader.LongestName];
        while (WireReader.NextMember(ref reader, chars, bytes, out var length))
        {
            switch (TradeFields.Names.Of(bytes[..length]))
            {
                case TradeMember.TradeId: trade.TradeId = WireReader.Text(ref reader) ?? string.Empty; break;
                case TradeMember.TradeSeq: trade.TradeSeq = WireReader.Integer(ref reader); break;
                case TradeMember.Timestamp: trade.Timestamp = WireReader.Integer(ref reader); break;
                case TradeMember.InstrumentName: trade.InstrumentName = WireReader.Instrument(ref reader, instrument); break;
                case TradeMember.Price: trade.Price = WireReader.Number(ref reader); break;
                case TradeMember.Amount: trade.Amount = WireReader.Number(ref reader); break;
                case TradeMember.Direction: trade.Direction = WireReader.Text(ref reader) ?? string.Empty; break;
                case TradeMember.MarkPrice: trade.MarkPrice = WireReader.NumberOrNone(ref reader); break;
                case TradeMember.IndexPrice: trade.IndexPrice = WireReader.NumberOrNone(ref reader); break;
                case TradeMember.Iv: trade.Iv = WireReader.NumberOrNone(ref reader); break;
                case TradeMember.TickDirection: trade.TickDirection = (int?)WireReader.IntegerOrNone(ref reader); break;
                case TradeMember.Liquidation: trade.Liquidation = WireReader.Text(ref reader); break;
                case TradeMember.BlockTradeId: trade.BlockTradeId = WireReader.Text(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return trade.ToTrade();
    }
}
