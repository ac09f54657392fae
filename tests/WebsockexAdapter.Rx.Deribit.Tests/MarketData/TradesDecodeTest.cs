using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.MarketData;

public sealed class TradesDecodeTest : AdapterTest
{
    [Fact]
    public void Trades_OfAnOption_CarryIvAndTickDirection()
    {
        var adapter = Adapter();
        var trades = new List<IReadOnlyList<Trade>>();
        Keep(adapter.SubscribeTrades("BTC-27DEC24-100000-C").Subscribe(m => trades.Add(m.Data)));
        Advance(10);

        Now(() => Exchange.Notify("trades.BTC-27DEC24-100000-C.100ms", """[{"trade_seq":12,"trade_id":"BTC-3101","timestamp":1735113600123,"tick_direction":3,"price":0.0265,"mark_price":0.02641,"iv":51.2,"instrument_name":"BTC-27DEC24-100000-C","index_price":97152.34,"direction":"buy","contracts":1.5,"amount":1.5},{"trade_seq":13,"trade_id":"BTC-3102","timestamp":1735113600124,"tick_direction":2,"price":0.026,"mark_price":0.02641,"iv":50.9,"liquidation":"T","instrument_name":"BTC-27DEC24-100000-C","index_price":97152.34,"direction":"sell","amount":0.3}]"""));

        var batch = Assert.Single(trades);
        Assert.Equal(2, batch.Count);
        Assert.Equal((51.2m, 3, "buy", 1.5m), (batch[0].Iv, batch[0].TickDirection, batch[0].Direction, batch[0].Amount));
        Assert.Equal((50.9m, 2, "T", 0.026m), (batch[1].Iv, batch[1].TickDirection, batch[1].Liquidation, batch[1].Price));
        Assert.Equal(("BTC-3102", 13L), (batch[1].TradeId, batch[1].TradeSeq));
    }

    [Fact]
    public void Trades_ByKindAndCurrency_SubscribeTheKindWideChannel()
    {
        var adapter = Adapter();
        var trades = new List<Trade>();
        Keep(adapter.SubscribeTrades(InstrumentKind.Future, "BTC").Subscribe(m => trades.AddRange(m.Data)));
        Advance(10);

        Now(() => Exchange.Notify("trades.future.BTC.100ms", """[{"trade_seq":7,"trade_id":"BTC-1","timestamp":5,"tick_direction":0,"price":97413.5,"instrument_name":"BTC-PERPETUAL","direction":"buy","amount":10},{"trade_seq":3,"trade_id":"BTC-2","timestamp":5,"tick_direction":1,"price":97500,"instrument_name":"BTC-27DEC24","direction":"sell","amount":20}]"""));

        Assert.Equal(["trades.future.BTC.100ms"], Assert.Single(Exchange.CallsOf("public/subscribe")).Channels);
        Assert.Equal(["BTC-PERPETUAL", "BTC-27DEC24"], trades.Select(t => t.InstrumentName));
        Assert.Null(trades[0].Iv);
    }

    [Fact]
    public void Trades_APriceWrittenAsAWord_FailsThatNotificationOnly()
    {
        var adapter = Adapter();
        var trades = new List<IReadOnlyList<Trade>>();
        Keep(adapter.SubscribeTrades("BTC-PERPETUAL").Subscribe(m => trades.Add(m.Data)));
        Advance(10);

        Now(() => Exchange.Notify("trades.BTC-PERPETUAL.100ms", """[{"trade_id":"a","price":"undefined","amount":1}]"""));
        Now(() => Exchange.Notify("trades.BTC-PERPETUAL.100ms", """[{"trade_id":"b","price":1,"amount":1}]"""));

        Assert.Equal("b", Assert.Single(Assert.Single(trades)).TradeId);
        Assert.Equal(1, adapter.Health.DecodeFailures);
    }
}
