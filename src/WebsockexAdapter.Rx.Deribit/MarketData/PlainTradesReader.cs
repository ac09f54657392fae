using static WebsockexAdapter.Rx.Deribit.PlainJson;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// <see cref="TradeReader"/>'s shortcut for a trades notification's data in the bytes the exchange writes (see
/// <see cref="PlainJson"/>): an array of trades whose members are strings, numbers and literals. One scan reads them
/// without a <c>Utf8JsonReader</c>, whose per-token cost was most of a trade's decode. Anything else is declined and the
/// reader decides, exactly as before: what this accepts is one well-formed JSON value that the reader reads to the same trades.
/// </summary>
internal static class PlainTradesReader
{
    [ThreadStatic]
    private static List<Trade>? t_trades;

    /// <summary>The trades, if <paramref name="utf8"/> is in the plain form; false leaves it to the reader.</summary>
    /// <param name="utf8">The data's UTF-8.</param>
    /// <param name="instrument">The channel's instrument, whose string the trades share; null for a kind-wide channel.</param>
    /// <param name="trades">What the reader would have decoded.</param>
    public static bool TryRead(ReadOnlySpan<byte> utf8, string? instrument, out Trade[] trades)
    {
        trades = [];
        var i = 0;
        if (!Take(utf8, ref i, (byte)'['))
        {
            return false;
        }

        if (Take(utf8, ref i, (byte)']'))
        {
            return i == utf8.Length;
        }

        // One trade per notification is the usual case, and its array is then the only one made.
        if (!TryTrade(utf8, ref i, instrument, out var first))
        {
            return false;
        }

        if (Take(utf8, ref i, (byte)']'))
        {
            trades = [first];
            return i == utf8.Length;
        }

        var list = t_trades ??= new List<Trade>(16);
        list.Clear();
        list.Add(first);
        while (Take(utf8, ref i, (byte)','))
        {
            if (!TryTrade(utf8, ref i, instrument, out var trade))
            {
                list.Clear();
                return false;
            }

            list.Add(trade);
        }

        var read = Take(utf8, ref i, (byte)']') && i == utf8.Length;
        trades = read ? [.. list] : [];
        list.Clear();
        return read;
    }

    private static bool TryTrade(ReadOnlySpan<byte> utf8, ref int i, string? instrument, out Trade trade)
    {
        trade = null!;
        if (!Take(utf8, ref i, (byte)'{') || At(utf8, i) == '}')
        {
            return false;
        }

        var fields = new TradeFields(instrument);
        var previous = TradeFields.Names.ObjectStart;
        do
        {
            if (!TryMember(utf8, ref i, TradeFields.Names, ref previous, out var member))
            {
                return false;
            }

            bool read;
            switch (member)
            {
                case TradeMember.TradeId: read = TryText(utf8, ref i, out var id); fields.TradeId = id ?? string.Empty; break;
                case TradeMember.TradeSeq: read = TryInteger(utf8, ref i, out fields.TradeSeq); break;
                case TradeMember.Timestamp: read = TryInteger(utf8, ref i, out fields.Timestamp); break;
                case TradeMember.InstrumentName: read = TryInstrument(utf8, ref i, instrument, out fields.InstrumentName); break;
                case TradeMember.Price: read = TryDecimal(utf8, ref i, out fields.Price); break;
                case TradeMember.Amount: read = TryDecimal(utf8, ref i, out fields.Amount); break;
                case TradeMember.Direction: read = TryText(utf8, ref i, out var direction); fields.Direction = direction ?? string.Empty; break;
                case TradeMember.MarkPrice: read = TryNumberOrNone(utf8, ref i, out fields.MarkPrice); break;
                case TradeMember.IndexPrice: read = TryNumberOrNone(utf8, ref i, out fields.IndexPrice); break;
                case TradeMember.Iv: read = TryNumberOrNone(utf8, ref i, out fields.Iv); break;
                case TradeMember.TickDirection: read = TryIntegerOrNull(utf8, ref i, out var tick); fields.TickDirection = (int?)tick; break;
                case TradeMember.Liquidation: read = TryText(utf8, ref i, out fields.Liquidation); break;
                case TradeMember.BlockTradeId: read = TryText(utf8, ref i, out fields.BlockTradeId); break;
                default: read = TrySkipScalar(utf8, ref i); break;
            }

            if (!read)
            {
                return false;
            }
        }
        while (Take(utf8, ref i, (byte)','));

        if (!Take(utf8, ref i, (byte)'}'))
        {
            return false;
        }

        trade = fields.ToTrade();
        return true;
    }
}
