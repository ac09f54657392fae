using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>Decodes a trades notification's <c>data</c> (an array of trades) in one pass.</summary>
internal static class TradeReader
{
    public static Trade[] ReadList(ReadOnlySpan<byte> utf8, string? instrument)
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

    public static Trade Read(ref Utf8JsonReader reader, string? instrument)
    {
        WireReader.Expect(ref reader, JsonTokenType.StartObject, "A trade");
        string tradeId = string.Empty, name = instrument ?? string.Empty, direction = string.Empty;
        string? liquidation = null, blockTradeId = null;
        long tradeSeq = 0, timestamp = 0;
        decimal price = 0, amount = 0;
        decimal? mark = null, index = null, iv = null;
        int? tick = null;
        Span<char> buffer = stackalloc char[WireReader.LongestName];
        while (WireReader.NextMember(ref reader, buffer, out var length))
        {
            switch (buffer[..length])
            {
                case "trade_id": tradeId = WireReader.Text(ref reader) ?? string.Empty; break;
                case "trade_seq": tradeSeq = WireReader.Integer(ref reader); break;
                case "timestamp": timestamp = WireReader.Integer(ref reader); break;
                case "instrument_name": name = WireReader.Instrument(ref reader, instrument); break;
                case "price": price = WireReader.Number(ref reader); break;
                case "amount": amount = WireReader.Number(ref reader); break;
                case "direction": direction = WireReader.Text(ref reader) ?? string.Empty; break;
                case "mark_price": mark = WireReader.NumberOrNone(ref reader); break;
                case "index_price": index = WireReader.NumberOrNone(ref reader); break;
                case "iv": iv = WireReader.NumberOrNone(ref reader); break;
                case "tick_direction": tick = (int?)WireReader.IntegerOrNone(ref reader); break;
                case "liquidation": liquidation = WireReader.Text(ref reader); break;
                case "block_trade_id": blockTradeId = WireReader.Text(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new Trade
        {
            TradeId = tradeId,
            TradeSeq = tradeSeq,
            Timestamp = timestamp,
            InstrumentName = name,
            Price = price,
            Amount = amount,
            Direction = direction,
            MarkPrice = mark,
            IndexPrice = index,
            Iv = iv,
            TickDirection = tick,
            Liquidation = liquidation,
            BlockTradeId = blockTradeId,
        };
    }
}
