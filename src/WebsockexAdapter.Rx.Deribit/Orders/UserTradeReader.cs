using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>Decodes one of the account's fills in one pass.</summary>
internal static class UserTradeReader
{
    public static UserTrade Read(ref Utf8JsonReader reader)
    {
        WireReader.Expect(ref reader, JsonTokenType.StartObject, "A trade");
        string tradeId = string.Empty, orderId = string.Empty, instrument = string.Empty, direction = string.Empty;
        string? feeCurrency = null, liquidity = null, label = null, state = null, type = null;
        long seq = 0, timestamp = 0;
        decimal? price = null, amount = null, fee = null, mark = null, index = null, iv = null, profitLoss = null;
        int? tick = null;
        bool? postOnly = null, reduceOnly = null;
        Span<char> buffer = stackalloc char[WireReader.LongestName];
        while (WireReader.NextMember(ref reader, buffer, out var length))
        {
            switch (buffer[..length])
            {
                case "trade_id": tradeId = WireReader.Text(ref reader) ?? string.Empty; break;
                case "trade_seq": seq = WireReader.Integer(ref reader); break;
                case "order_id": orderId = WireReader.Text(ref reader) ?? string.Empty; break;
                case "instrument_name": instrument = WireReader.Instrument(ref reader, null); break;
                case "direction": direction = WireReader.Text(ref reader) ?? string.Empty; break;
                case "price": price = WireReader.NumberOrNone(ref reader); break;
                case "amount": amount = WireReader.NumberOrNone(ref reader); break;
                case "fee": fee = WireReader.NumberOrNone(ref reader); break;
                case "fee_currency": feeCurrency = WireReader.Text(ref reader); break;
                case "liquidity": liquidity = WireReader.Text(ref reader); break;
                case "timestamp": timestamp = WireReader.Integer(ref reader); break;
                case "label": label = WireReader.Text(ref reader); break;
                case "state": state = WireReader.Text(ref reader); break;
                case "order_type": type = WireReader.Text(ref reader); break;
                case "mark_price": mark = WireReader.NumberOrNone(ref reader); break;
                case "index_price": index = WireReader.NumberOrNone(ref reader); break;
                case "iv": iv = WireReader.NumberOrNone(ref reader); break;
                case "tick_direction": tick = (int?)WireReader.IntegerOrNone(ref reader); break;
                case "profit_loss": profitLoss = WireReader.NumberOrNone(ref reader); break;
                case "post_only": postOnly = WireReader.Flag(ref reader); break;
                case "reduce_only": reduceOnly = WireReader.Flag(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new UserTrade
        {
            TradeId = tradeId,
            TradeSeq = seq,
            OrderId = orderId,
            InstrumentName = instrument,
            Direction = direction,
            Price = price,
            Amount = amount,
            Fee = fee,
            FeeCurrency = feeCurrency,
            Liquidity = liquidity,
            Timestamp = timestamp,
            Label = label,
            State = state,
            OrderType = type,
            MarkPrice = mark,
            IndexPrice = index,
            Iv = iv,
            TickDirection = tick,
            ProfitLoss = profitLoss,
            PostOnly = postOnly,
            ReduceOnly = reduceOnly,
        };
    }
}
