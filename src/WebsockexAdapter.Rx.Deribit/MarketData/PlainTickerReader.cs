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
        var i = After(utf8, 0, (byte)'{');
        if (i < 0)
        {
            return false;
        }

        var fields = new TickerFields(instrument);
        var previous = TickerFields.Names.ObjectStart;
        while (true)
        {
            i = MemberEnd(utf8, i, TickerFields.Names, ref previous, out var member);
            if (i < 0)
            {
                return false;
            }

            i = member switch
            {
                TickerMember.Timestamp => IntegerEnd(utf8, i, out fields.Timestamp),
                TickerMember.InstrumentName => InstrumentEnd(utf8, i, instrument, out fields.InstrumentName),
                TickerMember.State => TextEnd(utf8, i, out fields.State),
                TickerMember.UnderlyingIndex => TextEnd(utf8, i, out fields.UnderlyingIndex),
                TickerMember.Greeks => GreeksEnd(utf8, i, out fields.Greeks),
                TickerMember.Stats => StatsEnd(utf8, i, out fields.Stats),
                >= TickerMember.BestBidPrice => NumberOrNoneEnd(utf8, i, out fields.Numbers[TickerFields.NumberAt(member)]),
                _ => ScalarEnd(utf8, i),
            };
            if (At(utf8, i) != ',')
            {
                break;
            }

            i++;
        }

        if (i < 0 || After(utf8, i, (byte)'}') != utf8.Length)
        {
            return false;
        }

        ticker = fields.ToTicker();
        return true;
    }

    private static int GreeksEnd(ReadOnlySpan<byte> utf8, int i, out Greeks? greeks)
    {
        greeks = null;
        var end = NullEnd(utf8, i);
        if (end >= 0)
        {
            return end;
        }

        var numbers = default(FiveNumbers);
        end = NumbersEnd(utf8, i, TickerFields.GreeksNames, ref numbers);
        if (end < 0)
        {
            return NotRead;
        }

        greeks = TickerFields.ToGreeks(numbers);
        return end;
    }

    private static int StatsEnd(ReadOnlySpan<byte> utf8, int i, out TickerStats stats)
    {
        stats = TickerStats.None;
        var end = NullEnd(utf8, i);
        if (end >= 0)
        {
            return end;
        }

        var numbers = default(FiveNumbers);
        end = NumbersEnd(utf8, i, TickerFields.StatsNames, ref numbers);
        if (end < 0)
        {
            return NotRead;
        }

        stats = TickerFields.ToStats(numbers);
        return end;
    }

    /// <summary>An object of numbers (<c>greeks</c>, <c>stats</c>), each member in its slot; members not named are skipped if plain.</summary>
    private static int NumbersEnd(ReadOnlySpan<byte> utf8, int i, MemberNames<int> names, ref FiveNumbers numbers)
    {
        i = After(utf8, i, (byte)'{');
        if (i < 0 || At(utf8, i) == '}')
        {
            return i < 0 ? NotRead : i + 1;
        }

        var previous = names.ObjectStart;
        while (true)
        {
            i = MemberEnd(utf8, i, names, ref previous, out var slot);
            if (i < 0)
            {
                return NotRead;
            }

            i = slot > 0 ? NumberOrNoneEnd(utf8, i, out numbers[slot - 1]) : ScalarEnd(utf8, i);
            if (At(utf8, i) != ',')
            {
                break;
            }

            i++;
        }

        return After(utf8, i, (byte)'}');
    }
}
