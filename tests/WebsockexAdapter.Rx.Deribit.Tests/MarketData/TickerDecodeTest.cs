using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.MarketData;

public sealed class TickerDecodeTest : AdapterTest
{
    // An option that never traded, after its expiry, as the exchange writes it: words in numeric fields.
    private const string OptionTicker = """{"underlying_price":97180.03,"underlying_index":"BTC-27DEC24","timestamp":1735113600123,"stats":{"volume":null,"price_change":null,"low":null,"high":null},"state":"open","settlement_price":0.0285,"open_interest":12.5,"min_price":0.0001,"max_price":0.069,"mark_price":0.0264,"mark_iv":51.03,"last_price":"undefined","interest_rate":0.0,"instrument_name":"BTC-27DEC24-100000-C","index_price":97152.34,"greeks":{"vega":72.15461,"theta":-141.9937,"rho":5.55421,"gamma":0.00002,"delta":0.3582},"estimated_delivery_price":"expired","bid_iv":49.5,"best_bid_price":0.0255,"best_bid_amount":3.1,"best_ask_price":0.0275,"best_ask_amount":"undefined","ask_iv":53.12}""";

    private const string PerpetualTicker = """{"timestamp":1735689600123,"stats":{"volume_usd":1.2E9,"volume":12000.5,"price_change":-1.25,"low":96000,"high":9.85e4},"state":"open","settlement_price":97000.12,"open_interest":1234567890,"min_price":95463.5,"max_price":99356.5,"mark_price":97412.75,"last_price":97413.0,"interest_value":1.5,"instrument_name":"BTC-PERPETUAL","index_price":97400.12,"funding_8h":0.00003123,"estimated_delivery_price":97400.12,"current_funding":1.23e-5,"best_bid_price":97412.5,"best_bid_amount":18230.0,"best_ask_price":97413.0,"best_ask_amount":5000}""";

    private List<Ticker> Tickers(string instrument)
    {
        var adapter = Adapter();
        var tickers = new List<Ticker>();
        Keep(adapter.SubscribeTicker(instrument).Subscribe(m => tickers.Add(m.Data)));
        Advance(10);
        return tickers;
    }

    [Fact]
    public void Ticker_AnOptionWithWordsInNumbers_DecodesEveryFieldAndReadsTheWordsAsNoValue()
    {
        var tickers = Tickers("BTC-27DEC24-100000-C");

        Now(() => Exchange.Notify("ticker.BTC-27DEC24-100000-C.100ms", OptionTicker));

        var ticker = Assert.Single(tickers);
        Assert.Null(ticker.LastPrice);
        Assert.Null(ticker.EstimatedDeliveryPrice);
        Assert.Null(ticker.BestAskAmount);
        Assert.Equal((0.0255m, 3.1m, 0.0275m), (ticker.BestBidPrice, ticker.BestBidAmount, ticker.BestAskPrice));
        Assert.Equal((51.03m, 49.5m, 53.12m), (ticker.MarkIv, ticker.BidIv, ticker.AskIv));
        Assert.Equal((97180.03m, "BTC-27DEC24", 0.0m), (ticker.UnderlyingPrice, ticker.UnderlyingIndex, ticker.InterestRate));
        Assert.Equal(new Greeks { Delta = 0.3582m, Gamma = 0.00002m, Vega = 72.15461m, Theta = -141.9937m, Rho = 5.55421m }, ticker.Greeks);
        Assert.Equal((0.0001m, 0.069m, 0.0285m), (ticker.MinPrice, ticker.MaxPrice, ticker.SettlementPrice));
        Assert.Equal(new TickerStats(), ticker.Stats);
        Assert.Equal(("BTC-27DEC24-100000-C", 1735113600123L, "open"), (ticker.InstrumentName, ticker.Timestamp, ticker.State));
    }

    [Fact]
    public void Ticker_APerpetual_DecodesFundingStatsAndExponents()
    {
        var tickers = Tickers("BTC-PERPETUAL");

        Now(() => Exchange.Notify("ticker.BTC-PERPETUAL.100ms", PerpetualTicker));

        var ticker = Assert.Single(tickers);
        Assert.Equal((0.0000123m, 0.00003123m, 1.5m), (ticker.CurrentFunding, ticker.Funding8h, ticker.InterestValue));
        Assert.Equal(new TickerStats { Volume = 12000.5m, VolumeUsd = 1_200_000_000m, High = 98500m, Low = 96000m, PriceChange = -1.25m }, ticker.Stats);
        Assert.Equal((95463.5m, 99356.5m), (ticker.MinPrice, ticker.MaxPrice));
        Assert.Equal((97400.12m, 97000.12m, 1234567890m), (ticker.EstimatedDeliveryPrice, ticker.SettlementPrice, ticker.OpenInterest));
        Assert.Equal(5000m, ticker.BestAskAmount);
        Assert.Null(ticker.Greeks);
        Assert.Null(ticker.MarkIv);
    }

    [Fact]
    public void Ticker_AnAbsentField_IsNoValue_NotZero()
    {
        var tickers = Tickers("BTC-PERPETUAL");

        Now(() => Exchange.Notify("ticker.BTC-PERPETUAL.100ms", """{"timestamp":5,"instrument_name":"BTC-PERPETUAL","mark_price":100}"""));

        var ticker = Assert.Single(tickers);
        Assert.Equal(100m, ticker.MarkPrice);
        Assert.Null(ticker.CurrentFunding);
        Assert.Null(ticker.MinPrice);
        Assert.Null(ticker.Stats.Volume);
    }

    [Fact]
    public void Ticker_ManySubscribers_ShareOneDecodedValue_AndOneThatThrowsIsCutOffAlone()
    {
        var adapter = Adapter();
        var first = new List<Ticker>();
        var second = new List<Ticker>();
        var calls = 0;
        Keep(adapter.SubscribeTicker("BTC-PERPETUAL").Subscribe(m => first.Add(m.Data)));
        Keep(adapter.SubscribeTicker("BTC-PERPETUAL").Subscribe(_ =>
        {
            calls++;
            throw new InvalidOperationException("strategy bug");
        }));
        Keep(adapter.SubscribeTicker("BTC-PERPETUAL").Subscribe(m => second.Add(m.Data)));
        Advance(10);

        Now(() => Exchange.Notify("ticker.BTC-PERPETUAL.100ms", PerpetualTicker));
        Now(() => Exchange.Notify("ticker.BTC-PERPETUAL.100ms", PerpetualTicker));

        Assert.Equal(2, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Same(first[0], second[0]);
        Assert.Equal(1, calls);
        Assert.Single(Exchange.CallsOf("public/subscribe"));
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void Ticker_TheLastSubscriberLeaving_Unsubscribes_AndANewOneSubscribesAgain()
    {
        var adapter = Adapter();
        var tickers = new List<Ticker>();
        var one = adapter.SubscribeTicker("BTC-PERPETUAL").Subscribe(_ => { });
        Advance(10);

        Now(one.Dispose);
        Advance(10);
        Keep(adapter.SubscribeTicker("BTC-PERPETUAL").Subscribe(m => tickers.Add(m.Data)));
        Advance(10);
        Now(() => Exchange.Notify("ticker.BTC-PERPETUAL.100ms", PerpetualTicker));

        Assert.Single(Exchange.CallsOf("public/unsubscribe"));
        Assert.Equal(2, Exchange.CallsOf("public/subscribe").Count);
        Assert.Single(tickers);
    }
}
