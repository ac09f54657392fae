using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Decodes a ticker's <c>data</c> in one pass; members it does not know are skipped. Data in the exchange's own plain
/// bytes takes <see cref="PlainTickerReader"/>'s scan; the rest this reader's tokens.
/// </summary>
internal static class TickerReader
{
    /// <param name="utf8">The data's UTF-8.</param>
    /// <param name="instrument">The channel's instrument, whose string the ticker shares.</param>
    public static Ticker Read(ReadOnlySpan<byte> utf8, string? instrument) =>
        PlainTickerReader.TryRead(utf8, instrument, out var ticker) ? ticker : ReadTokens(utf8, instrument);

    /// <summary>The reader's pass, for every form of the data (and the judge of what is malformed).</summary>
    /// <param name="utf8">The data's UTF-8.</param>
    /// <param name="instrument">The channel's instrument, whose string the ticker shares.</param>
    internal static Ticker ReadTokens(ReadOnlySpan<byte> utf8, string? instrument)
    {
        var reader = WireReader.Start(utf8);
        WireReader.Expect(ref reader, JsonTokenType.StartObject, "A ticker");
        var ticker = new TickerFields(instrument);
        Span<char> chars = stackalloc char[WireReader.LongestName];
        Span<byte> bytes = stackalloc byte[WireReader.LongestName];
        while (WireReader.NextMember(ref reader, chars, bytes, out var length))
        {
            var member = TickerFields.Names.Of(bytes[..length]);
            switch (member)
            {
                case TickerMember.Timestamp: ticker.Timestamp = WireReader.Integer(ref reader); break;
                case TickerMember.InstrumentName: ticker.InstrumentName = WireReader.Instrument(ref reader, instrument); break;
                case TickerMember.State: ticker.State = WireReader.Text(ref reader); break;
                case TickerMember.UnderlyingIndex: ticker.UnderlyingIndex = WireReader.Text(ref reader); break;
                case TickerMember.Greeks: ticker.Greeks = ReadGreeks(ref reader); break;
                case TickerMember.Stats: ticker.Stats = ReadStats(ref reader); break;
                case >= TickerMember.BestBidPrice: ticker.Numbers[TickerFields.NumberAt(member)] = WireReader.NumberOrNone(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        WireReader.End(ref reader);
        return ticker.ToTicker();
    }

    private static Greeks? ReadGreeks(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var numbers = default(FiveNumbers);
        ReadNumbers(ref reader, TickerFields.GreeksNames, "greeks", ref numbers);
        return TickerFields.ToGreeks(numbers);
    }

    private static TickerStats ReadStats(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return TickerStats.None;
        }

        var numbers = default(FiveNumbers);
        ReadNumbers(ref reader, TickerFields.StatsNames, "stats", ref numbers);
        return TickerFields.ToStats(numbers);
    }

    /// <summary>An object of numbers (<c>greeks</c>, <c>stats</c>), each member in its slot; members not named are skipped.</summary>
    private static void ReadNumbers(ref Utf8JsonReader reader, MemberNames<int> names, string what, ref FiveNumbers numbers)
    {
        WireReader.Expect(ref reader, JsonTokenType.StartObject, what);
        Span<char> chars = stackalloc char[WireReader.LongestName];
        Span<byte> bytes = stackalloc byte[WireReader.LongestName];
        while (WireReader.NextMember(ref reader, chars, bytes, out var length))
        {
            var slot = names.Of(bytes[..length]);
            if (slot > 0)
            {
                numbers[slot - 1] = WireReader.NumberOrNone(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
    }
}
