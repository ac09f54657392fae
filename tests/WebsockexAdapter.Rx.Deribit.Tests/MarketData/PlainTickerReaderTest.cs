using System.Globalization;
using System.Text;
using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.MarketData;

/// <summary>
/// The ticker data's shortcut reads what the exchange writes to exactly what the reader reads, and declines the rest:
/// whatever it accepts, however the bytes were edited, the reader accepts too, with the same ticker; and the decode as a
/// whole gives the reader's ticker or the reader's refusal.
/// </summary>
public sealed class PlainTickerReaderTest
{
    /// <summary>Ticker data as the exchange (and the simulator, and the benchmarks' feeds) writes it, with the channel's instrument.</summary>
    public static TheoryData<string, string> Plain => new()
    {
        { """{"underlying_price":97180.03,"underlying_index":"BTC-27DEC24","timestamp":1735113600123,"stats":{"volume":null,"price_change":null,"low":null,"high":null},"state":"open","settlement_price":0.0285,"open_interest":12.5,"min_price":0.0001,"max_price":0.069,"mark_price":0.0264,"mark_iv":51.03,"last_price":"undefined","interest_rate":0.0,"instrument_name":"BTC-27DEC24-100000-C","index_price":97152.34,"greeks":{"vega":72.15461,"theta":-141.9937,"rho":5.55421,"gamma":0.00002,"delta":0.3582},"estimated_delivery_price":"expired","bid_iv":49.5,"best_bid_price":0.0255,"best_bid_amount":3.1,"best_ask_price":0.0275,"best_ask_amount":"undefined","ask_iv":53.12}""", "BTC-27DEC24-100000-C" },
        { """{"timestamp":1735689600123,"stats":{"volume_usd":1.2E9,"volume":12000.5,"price_change":-1.25,"low":96000,"high":9.85e4},"state":"open","settlement_price":97000.12,"open_interest":1234567890,"min_price":95463.5,"max_price":99356.5,"mark_price":97412.75,"last_price":97413.0,"interest_value":1.5,"instrument_name":"BTC-PERPETUAL","index_price":97400.12,"funding_8h":0.00003123,"estimated_delivery_price":97400.12,"current_funding":1.23e-5,"best_bid_price":97412.5,"best_bid_amount":18230.0,"best_ask_price":97413.0,"best_ask_amount":5000}""", "BTC-PERPETUAL" },
        { """{"timestamp":1735689600000,"stats":{"volume_usd":1.2E9,"volume":12000.5,"price_change":1.2,"low":96000.0,"high":98500.0},"state":"open","settlement_price":97000.12,"open_interest":1234567890,"min_price":96000.0,"max_price":99000.0,"mark_price":97412.75,"last_price":97413.0,"interest_value":1.5,"instrument_name":"BTC-PERPETUAL","index_price":97400.12,"funding_8h":0.0001,"estimated_delivery_price":97400.12,"current_funding":0.0,"best_bid_price":97412.5,"best_bid_amount":18230.0,"best_ask_price":97413.0,"best_ask_amount":5000.0}""", "BTC-PERPETUAL" },
        { """{"timestamp":1700000000000,"instrument_name":"BTC-PERPETUAL","state":"open","best_bid_price":49999.5,"best_bid_amount":310,"best_ask_price":50000.5,"best_ask_amount":90,"last_price":49999.5,"mark_price":50000.0,"index_price":50000.0,"open_interest":100000000,"min_price":47500.00,"max_price":52500.00,"current_funding":0,"funding_8h":0.0001,"stats":{"high":50002.5,"low":49991.0,"volume":12345,"price_change":0.0025}}""", "BTC-PERPETUAL" },
        { """{"timestamp":5,"instrument_name":"BTC-PERPETUAL","best_bid_price":99.5,"best_bid_amount":10,"best_ask_price":100.5,"best_ask_amount":20,"last_price":null,"mark_price":100,"stats":{"high":1}}""", "BTC-PERPETUAL" },
        { """{"timestamp":5,"instrument_name":"BTC-PERPETUAL","mark_price":100}""", "BTC-PERPETUAL" },
        { """{"timestamp":1,"instrument_name":"ETH-PERPETUAL","state":"closed","delivery_price":-0.0,"greeks":null,"stats":null,"extra":true,"more":"x","none":null,"mark_price":-1.5E-2}""", "BTC-PERPETUAL" },
        { """{"timestamp":2,"greeks":{},"stats":{},"underlying_index":"index_price","state":null}""", "BTC-PERPETUAL" },
    };

    [Theory]
    [MemberData(nameof(Plain))]
    public void TryRead_ThePlainForm_IsReadToTheReadersTicker(string json, string instrument)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);

        Assert.True(PlainTickerReader.TryRead(utf8, instrument, out var ticker));
        Assert.Equal(DecodedText.Of(TickerReader.ReadTokens(utf8, instrument)), DecodedText.Of(ticker));
    }

    [Fact]
    public void TryRead_TheChannelsInstrument_IsTheTickersString()
    {
        const string Instrument = "BTC-PERPETUAL";

        Assert.True(PlainTickerReader.TryRead("""{"timestamp":1,"instrument_name":"BTC-PERPETUAL"}"""u8, Instrument, out var ticker));
        Assert.Same(Instrument, ticker.InstrumentName);
    }

    [Fact]
    public void Read_EveryNumber_IsReadFromItsOwnName()
    {
        string[] names =
        [
            "best_bid_price", "best_bid_amount", "best_ask_price", "best_ask_amount", "last_price", "mark_price", "index_price",
            "open_interest", "min_price", "max_price", "settlement_price", "delivery_price", "estimated_delivery_price",
            "current_funding", "funding_8h", "interest_value", "interest_rate", "mark_iv", "bid_iv", "ask_iv", "underlying_price",
        ];
        string[] greeks = ["delta", "gamma", "vega", "theta", "rho"];
        string[] stats = ["volume", "volume_usd", "high", "low", "price_change"];
        var json = "{" + string.Join(",", names.Select((n, k) => $"\"{n}\":{k + 1}"))
            + ",\"greeks\":{" + string.Join(",", greeks.Select((n, k) => $"\"{n}\":{k + 101}"))
            + "},\"stats\":{" + string.Join(",", stats.Select((n, k) => $"\"{n}\":{k + 201}")) + "}}";

        var ticker = TickerReader.Read(Encoding.UTF8.GetBytes(json), "BTC-PERPETUAL");

        decimal?[] expected = [.. Enumerable.Range(1, names.Length).Select(k => (decimal?)k)];
        Assert.Equal(expected, [ticker.BestBidPrice, ticker.BestBidAmount, ticker.BestAskPrice, ticker.BestAskAmount, ticker.LastPrice, ticker.MarkPrice, ticker.IndexPrice, ticker.OpenInterest, ticker.MinPrice, ticker.MaxPrice, ticker.SettlementPrice, ticker.DeliveryPrice, ticker.EstimatedDeliveryPrice, ticker.CurrentFunding, ticker.Funding8h, ticker.InterestValue, ticker.InterestRate, ticker.MarkIv, ticker.BidIv, ticker.AskIv, ticker.UnderlyingPrice]);
        Assert.Equal(new Greeks { Delta = 101, Gamma = 102, Vega = 103, Theta = 104, Rho = 105 }, ticker.Greeks);
        Assert.Equal(new TickerStats { Volume = 201, VolumeUsd = 202, High = 203, Low = 204, PriceChange = 205 }, ticker.Stats);
        Assert.Equal(DecodedText.Of(TickerReader.ReadTokens(Encoding.UTF8.GetBytes(json), "BTC-PERPETUAL")), DecodedText.Of(ticker));
    }

    [Theory]
    [InlineData("""{ "timestamp":1}""")]
    [InlineData("""{"timestamp":1} """)]
    [InlineData("""{"state":"op\u0065n"}""")]
    [InlineData("""{"timestamp":1,"instrument_name":"BTC\u002dPERPETUAL"}""")]
    [InlineData("""{"last_price":"und\u0065fined"}""")]
    [InlineData("""{"extra":{"a":1}}""")]
    [InlineData("""{"stats":{"volume":1,"by_hour":[1,2]}}""")]
    [InlineData("""{"greeks":{"delta":true}}""")]
    [InlineData("""{"timestamp":1.0}""")]
    [InlineData("""{"mark_price":true}""")]
    [InlineData("""{"timestamp":1,}""")]
    [InlineData("""{}""")]
    public void TryRead_AnythingElse_IsLeftToTheReader(string json) =>
        Assert.False(PlainTickerReader.TryRead(Encoding.UTF8.GetBytes(json), "BTC-PERPETUAL", out _));

    [Theory]
    [MemberData(nameof(Plain))]
    public void Read_EverySystematicEdit_GivesTheReadersTickerOrItsRefusal(string json, string instrument)
    {
        var (shortcuts, variants) = Comparison(instrument).CompareVariants(json);

        // Removed, reordered and repeated members, and words in numbers, are the shortcut's to read.
        Assert.True(shortcuts > variants / 5, string.Create(CultureInfo.InvariantCulture, $"only {shortcuts} of {variants} variants were read by the shortcut"));
    }

    [Theory]
    [MemberData(nameof(Plain))]
    public void Read_EveryOneByteEdit_GivesTheReadersTickerOrItsRefusal(string json, string instrument)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var shortcuts = Comparison(instrument).CompareOneByteEdits(utf8);

        // Edits that keep the form (another digit, a deleted digit) are read: the comparison did run.
        Assert.True(shortcuts > utf8.Length, string.Create(CultureInfo.InvariantCulture, $"only {shortcuts} edits were read by the shortcut"));
    }

    [Theory]
    [MemberData(nameof(Plain))]
    public void Read_EveryTruncation_IsRefusedWithAJsonException(string json, string instrument)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        for (var length = 0; length < utf8.Length; length++)
        {
            var truncated = utf8[..length];

            Assert.False(PlainTickerReader.TryRead(truncated, instrument, out _));
            Assert.Equal("refused", DecodedText.Of(() => TickerReader.Read(truncated, instrument)));
        }
    }

    private static ShortcutComparison<Ticker> Comparison(string instrument) => new(
        utf8 => TickerReader.ReadTokens(utf8, instrument),
        utf8 => TickerReader.Read(utf8, instrument),
        (byte[] utf8, out Ticker value) => PlainTickerReader.TryRead(utf8, instrument, out value));
}
