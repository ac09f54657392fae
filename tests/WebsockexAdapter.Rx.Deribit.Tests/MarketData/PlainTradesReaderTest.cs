using System.Text;
using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.MarketData;

/// <summary>
/// The trades data's shortcut reads what the exchange writes to exactly what the reader reads, and declines the rest:
/// whatever it accepts, however the bytes were edited, the reader accepts too, with the same trades; and the decode as
/// a whole gives the reader's trades or the reader's refusal.
/// </summary>
public sealed class PlainTradesReaderTest
{
    private const string Instrument = "BTC-PERPETUAL";

    /// <summary>Trades data as the exchange (and the simulator, and the benchmark's feed) writes it: channel instrument, or none for a kind-wide channel.</summary>
    public static TheoryData<string, string?> Plain => new()
    {
        { """[{"trade_seq":1735689600000,"trade_id":"BTC-300000","timestamp":1735689600123,"tick_direction":0,"price":97413.0,"mark_price":97412.75,"instrument_name":"BTC-PERPETUAL","index_price":97400.12,"direction":"buy","amount":10.0}]""", Instrument },
        { """[{"trade_seq":1001,"trade_id":"BTC-1001","timestamp":1735689600123,"tick_direction":0,"price":97413.0,"mark_price":97412.75,"instrument_name":"BTC-PERPETUAL","index_price":97400.12,"direction":"buy","amount":100.0},{"trade_seq":1002,"trade_id":"BTC-1002","timestamp":1735689600124,"tick_direction":1,"price":97413.0,"mark_price":97412.75,"instrument_name":"BTC-PERPETUAL","index_price":97400.12,"direction":"buy","amount":250.0},{"trade_seq":1003,"trade_id":"BTC-1003","timestamp":1735689600125,"tick_direction":2,"price":97412.5,"mark_price":97412.75,"instrument_name":"BTC-PERPETUAL","index_price":97400.12,"direction":"sell","amount":50.0}]""", Instrument },
        { """[{"trade_seq":12,"trade_id":"BTC-3101","timestamp":1735113600123,"tick_direction":3,"price":0.0265,"mark_price":0.02641,"iv":51.2,"instrument_name":"BTC-27DEC24-100000-C","index_price":97152.34,"direction":"buy","contracts":1.5,"amount":1.5},{"trade_seq":13,"trade_id":"BTC-3102","timestamp":1735113600124,"tick_direction":2,"price":0.026,"mark_price":0.02641,"iv":50.9,"liquidation":"T","instrument_name":"BTC-27DEC24-100000-C","index_price":97152.34,"direction":"sell","amount":0.3}]""", "BTC-27DEC24-100000-C" },
        { """[{"trade_seq":7,"trade_id":"BTC-1","timestamp":5,"tick_direction":0,"price":97413.5,"instrument_name":"BTC-PERPETUAL","direction":"buy","amount":10},{"trade_seq":3,"trade_id":"BTC-2","timestamp":5,"tick_direction":1,"price":97500,"instrument_name":"BTC-27DEC24","direction":"sell","amount":20}]""", null },
        { """[{"trade_id":"BTC-1","trade_seq":7,"timestamp":5,"price":100,"amount":30,"direction":"sell","instrument_name":"BTC-PERPETUAL"}]""", Instrument },
        { """[{"trade_seq":301,"trade_id":"BTC-301","timestamp":1700000000000,"tick_direction":1,"price":50000.5,"mark_price":50000.5,"index_price":50000.5,"instrument_name":"BTC-PERPETUAL","direction":"sell","amount":120}]""", Instrument },
        { """[{"trade_seq":9,"trade_id":"ETH-9","timestamp":1,"tick_direction":null,"price":-1.5E-2,"mark_price":"undefined","index_price":null,"iv":null,"block_trade_id":"BLOCK-1","liquidation":null,"instrument_name":"ETH-PERPETUAL","direction":"sell","amount":-0.0,"extra":true,"more":"x","none":null}]""", Instrument },
        { """[]""", Instrument },
    };

    [Theory]
    [MemberData(nameof(Plain))]
    public void TryRead_ThePlainForm_IsReadToTheReadersTrades(string json, string? instrument)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);

        Assert.True(PlainTradesReader.TryRead(utf8, instrument, out var trades));
        Assert.Equal(DecodedText.Of(TradeReader.ReadTokens(utf8, instrument)), DecodedText.Of(trades));
    }

    [Fact]
    public void TryRead_TheChannelsInstrument_IsSharedByEveryTrade()
    {
        var utf8 = """[{"trade_id":"a","price":1,"amount":1,"instrument_name":"BTC-PERPETUAL"},{"trade_id":"b","price":1,"amount":1,"instrument_name":"BTC-PERPETUAL"}]"""u8;

        Assert.True(PlainTradesReader.TryRead(utf8, Instrument, out var trades));
        Assert.All(trades, t => Assert.Same(Instrument, t.InstrumentName));
    }

    [Theory]
    [InlineData("""[ {"trade_id":"a","price":1,"amount":1}]""")]
    [InlineData("""[{"trade_id":"a","price":1,"amount":1}] """)]
    [InlineData("""[{"trade_id":"\u0061","price":1,"amount":1}]""")]
    [InlineData("""[{"trade_id":"a","price":"undefined","amount":1}]""")]
    [InlineData("""[{"trade_id":"a","price":1,"amount":1,"legs":[1]}]""")]
    [InlineData("""[{"trade_id":"a","trade_seq":1234567890123456789,"price":1,"amount":1}]""")]
    [InlineData("""[{"trade_id":"a","timestamp":1.0,"price":1,"amount":1}]""")]
    [InlineData("""[{}]""")]
    [InlineData("""{"trade_id":"a"}""")]
    [InlineData("""[{"trade_id":"a","price":1,"amount":1},]""")]
    public void TryRead_AnythingElse_IsLeftToTheReader(string json) =>
        Assert.False(PlainTradesReader.TryRead(Encoding.UTF8.GetBytes(json), Instrument, out _));

    [Theory]
    [MemberData(nameof(Plain))]
    public void ReadList_EverySystematicEdit_GivesTheReadersTradesOrItsRefusal(string json, string? instrument)
    {
        var (shortcuts, variants) = Comparison(instrument).CompareVariants(json);

        // Removed, reordered and repeated members, and words in the optional numbers, are the shortcut's to read.
        Assert.True(json == "[]" || shortcuts > variants / 5, $"only {shortcuts} of {variants} variants were read by the shortcut");
    }

    [Theory]
    [MemberData(nameof(Plain))]
    public void ReadList_EveryOneByteEdit_GivesTheReadersTradesOrItsRefusal(string json, string? instrument)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var shortcuts = Comparison(instrument).CompareOneByteEdits(utf8);

        // Edits that keep the form (another digit, a deleted digit) are read: the comparison did run.
        Assert.True(json == "[]" || shortcuts > utf8.Length, $"only {shortcuts} edits were read by the shortcut");
    }

    [Theory]
    [MemberData(nameof(Plain))]
    public void ReadList_EveryTruncation_IsRefusedWithAJsonException(string json, string? instrument)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        for (var length = 0; length < utf8.Length; length++)
        {
            var truncated = utf8[..length];

            Assert.False(PlainTradesReader.TryRead(truncated, instrument, out _));
            Assert.Equal("refused", DecodedText.Of(() => TradeReader.ReadList(truncated, instrument)));
        }
    }

    private static ShortcutComparison<Trade[]> Comparison(string? instrument) => new(
        utf8 => TradeReader.ReadTokens(utf8, instrument),
        utf8 => TradeReader.ReadList(utf8, instrument),
        (byte[] utf8, out Trade[] value) => PlainTradesReader.TryRead(utf8, instrument, out value));
}
