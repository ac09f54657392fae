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
        var i = After(utf8, 0, (byte)'[');
        if (i < 0)
        {
            return false;
        }

        if (At(utf8, i) == ']')
        {
            return i + 1 == utf8.Length;
        }

        // One trade per notification is the usual case, and its array is then the only one made.
        i = TradeEnd(utf8, i, instrument, out var first);
        if (i < 0)
        {
            return false;
        }

        if (At(utf8, i) == ']')
        {
            trades = [first];
            return i + 1 == utf8.Length;
        }

        var list = t_trades ??= new List<Trade>(16);
        list.Clear();
        list.Add(first);
        while (At(utf8, i) == ',')
        {
            i = TradeEnd(utf8, i + 1, instrument, out var trade);
            if (i < 0)
            {
                list.Clear();
                return false;
            }

            list.Add(trade);
        }

        var read = After(utf8, i, (byte)']') == utf8.Length;
        trades = read ? [.. list] : [];
        list.Clear();
        return read;
    }

    private static int TradeEnd(ReadOnlySpan<byte> utf8, int i, string? instrument, out Trade trade)
    {
        trade = null!;
        i = After(utf8, i, (byte)'{');
        if (i < 0 || At(utf8, i) == '}')
        {
            return NotRead;
        }

        var fields = new TradeFields(instrument);
        var previous = TradeFields.Names.ObjectStart;
        while (true)
        {
            i = MemberEnd(utf8, i, TradeFields.Names, ref previous, out var member);
            if (i < 0)
            {
                return NotRead;
            }

            switch (member)
            {
                case TradeMember.TradeId: i = TextEnd(utf8, i, out var id); fields.TradeId = id ?? string.Empty; break;
                case TradeMember.TradeSeq: i = IntegerEnd(utf8, i, out fields.TradeSeq); break;
                case TradeMember.Timestamp: i = IntegerEnd(utf8, i, out fields.Timestamp); break;
                case TradeMember.InstrumentName: i = InstrumentEnd(utf8, i, instrument, out fields.InstrumentName); break;
                case TradeMember.Price: i = DecimalEnd(utf8, i, out fields.Price); break;
                case TradeMember.Amount: i = DecimalEnd(utf8, i, out fields.Amount); break;
                case TradeMember.Direction: i = TextEnd(utf8, i, out var direction); fields.Direction = direction ?? string.Empty; break;
                case TradeMember.MarkPrice: i = NumberOrNoneEnd(utf8, i, out fields.MarkPrice); break;
                case TradeMember.IndexPrice: i = NumberOrNoneEnd(utf8, i, out fields.IndexPrice); break;
                case TradeMember.Iv: i = NumberOrNoneEnd(utf8, i, out fields.Iv); break;
                case TradeMember.TickDirection: i = IntegerOrNullEnd(utf8, i, out var tick); fields.TickDirection = (int?)tick; break;
                case TradeMember.Liquidation: i = TextEnd(utf8, i, out fields.Liquidation); break;
                case TradeMember.BlockTradeId: i = TextEnd(utf8, i, out fields.BlockTradeId); break;
                default: i = ScalarEnd(utf8, i); break;
            }

            if (At(utf8, i) != ',')
            {
                break;
            }

            i++;
        }

        i = After(utf8, i, (byte)'}');
        if (i < 0)
        {
            return NotRead;
        }

        trade = fields.ToTrade();
        return i;
    }
}
