using System.Text;

namespace WebsockexAdapter.Rx.Deribit.Tests.MarketData;

/// <summary>A ticker keeps each number as a decimal and a bit saying it was sent: none, zero and a value stay apart.</summary>
public sealed class TickerTest
{
    private const string PerpetualTicker = """{"timestamp":1735689600123,"stats":{"volume_usd":1.2E9,"volume":12000.5,"price_change":-1.25,"low":96000,"high":9.85e4},"state":"open","settlement_price":97000.12,"open_interest":1234567890,"min_price":95463.5,"max_price":99356.5,"mark_price":97412.75,"last_price":97413.0,"interest_value":1.5,"instrument_name":"BTC-PERPETUAL","index_price":97400.12,"funding_8h":0.00003123,"estimated_delivery_price":97400.12,"current_funding":1.23e-5,"best_bid_price":97412.5,"best_bid_amount":18230.0,"best_ask_price":97413.0,"best_ask_amount":5000}""";

    [Fact]
    public void Numbers_NoneZeroAndAValue_StayApartThroughWithAndEquality()
    {
        var ticker = new Ticker { BestBidPrice = 0m, BestAskPrice = 97413.5m, Stats = new TickerStats { Low = 0m } };

        var cleared = ticker with { BestBidPrice = null, Stats = ticker.Stats with { Low = null } };

        Assert.Equal((0m, 97413.5m, (decimal?)null), (ticker.BestBidPrice, ticker.BestAskPrice, ticker.LastPrice));
        Assert.Equal(((decimal?)null, 97413.5m, (decimal?)null), (cleared.BestBidPrice, cleared.BestAskPrice, cleared.Stats.Low));
        Assert.NotEqual(ticker, cleared);
        Assert.NotEqual(new Ticker { LastPrice = 0m }, new Ticker());
        Assert.NotEqual(new Greeks { Rho = 0m }, new Greeks());
        Assert.Equal(new Ticker { LastPrice = 1.5m, Stats = new TickerStats { High = 2m } }, new Ticker { LastPrice = 1.5m, Stats = new TickerStats { High = 2m } });
        Assert.Equal(new Ticker { LastPrice = 1.5m }.GetHashCode(), new Ticker { LastPrice = 1.5m }.GetHashCode());
    }

    [Fact]
    public void Read_APerpetualTicker_AllocatesTheTickerAndItsStatsAtTheirPackedSize()
    {
        var utf8 = Encoding.ASCII.GetBytes(PerpetualTicker);
        var ticker = TickerReader.Read(utf8, "BTC-PERPETUAL");
        Assert.Equal(1.2E9m, ticker.Stats.VolumeUsd);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            ticker = TickerReader.Read(utf8, "BTC-PERPETUAL");
        }

        // 21 numbers at 16 bytes and a bit each, not 24 (a decimal? padded): 408 + 104 bytes, where it was 568 + 136.
        Assert.InRange((GC.GetAllocatedBytesForCurrentThread() - before) / 100, 1, 512);
        Assert.Equal(97412.75m, ticker.MarkPrice);
    }
}
