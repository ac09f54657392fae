using static WebsockexAdapter.Rx.Deribit.PlainJson;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// <see cref="TickerReader"/>'s shortcut for a ticker's data in the bytes the exchange writes (see <see cref="PlainJson"/>):
/// an object whose members are strings, numbers, literals, and the <c>greeks</c> and <c>stats</c> objects. One scan reads
/// it without a <c>Utf8JsonReader</c>, whose per-token cost was most of a ticker's decode (a ticker has about 30
/// members). Anything else is declined and the reader decides, exactly as before: what this accepts is one well-formed
/// JSON value that the reader reads to the same ticker.
/// </summary>
internal static class PlainTickerReader
{
    /// <summary>The ticker, if <paramref name="utf8"/> is in the plain form; false leaves it to the reader.</summary>
    /// <param name="utf8">The data's UTF-8.</param>
    /// <param name="instrument">The channel's instrument, whose string the ticker shares.</param>
    /// <param name="ticker">What the reader would have decoded.</param>
    public static bool TryRead(ReadOnlySpan<byte> utf8, string? instrument, out Ticker ticker)
    {
        ticker = null!;
        var i = 0;
        if (!Take(utf8, ref i, (byte)'{'))
        {
            return false;
        }

        var fields = new TickerFields(instrument);
        var previous = TickerFields.Names.ObjectStart;
        do
        {
            if (!TryMember(utf8, ref i, TickerFields.Names, ref previous, out var member))
            {
                return false;
            }

            var read = member switch
            {
                TickerMember.Timestamp => TryInteger(utf8, ref i, out fields.Timestamp),
                TickerMember.InstrumentName => TryInstrument(utf8, ref i, instrument, out fields.InstrumentName),
                TickerMember.State => TryText(utf8, ref i, out fields.State),
                TickerMember.UnderlyingIndex => TryText(utf8, ref i, out fields.UnderlyingIndex),
                TickerMember.Greeks => TryGreeks(utf8, ref i, out fields.Greeks),
                TickerMember.Stats => TryStats(utf8, ref i, out fields.Stats),
                >= TickerMember.BestBidPrice => TryNumberOrNone(utf8, ref i, out fields.Numbers[TickerFields.NumberAt(member)]),
                _ => TrySkipScalar(utf8, ref i),
            };
            if (!read)
            {
                return false;
            }
        }
        while (Take(utf8, ref i, (byte)','));

        if (!Take(utf8, ref i, (byte)'}') || i != utf8.Length)
        {
            return false;
        }

        ticker = fields.ToTicker();
        return true;
    }

    private static bool TryGreeks(ReadOnlySpan<byte> utf8, ref int i, out Greeks? greeks)
    {
        greeks = null;
        if (TryNull(utf8, ref i))
        {
            return true;
        }

        var numbers = default(FiveNumbers);
        if (!TryNumbers(utf8, ref i, TickerFields.GreeksNames, ref numbers))
        {
            return false;
        }

        greeks = TickerFields.ToGreeks(numbers);
        return true;
    }

    private static bool TryStats(ReadOnlySpan<byte> utf8, ref int i, out TickerStats stats)
    {
        stats = TickerStats.None;
        if (TryNull(utf8, ref i))
        {
            return true;
        }

        var numbers = default(FiveNumbers);
        if (!TryNumbers(utf8, ref i, TickerFields.StatsNames, ref numbers))
        {
            return false;
        }

        stats = TickerFields.ToStats(numbers);
        return true;
    }

    /// <summary>An object of numbers (<c>greeks</c>, <c>stats</c>), each member in its slot; members not named are skipped if plain.</summary>
    private static bool TryNumbers(ReadOnlySpan<byte> utf8, ref int i, MemberNames<int> names, ref FiveNumbers numbers)
    {
        if (!Take(utf8, ref i, (byte)'{'))
        {
            return false;
        }

        if (Take(utf8, ref i, (byte)'}'))
        {
            return true;
        }

        var previous = names.ObjectStart;
        do
        {
            if (!TryMember(utf8, ref i, names, ref previous, out var slot))
            {
                return false;
            }

            if (!(slot > 0 ? TryNumberOrNone(utf8, ref i, out numbers[slot - 1]) : TrySkipScalar(utf8, ref i)))
            {
                return false;
            }
        }
        while (Take(utf8, ref i, (byte)','));

        return Take(utf8, ref i, (byte)'}');
    }
}
