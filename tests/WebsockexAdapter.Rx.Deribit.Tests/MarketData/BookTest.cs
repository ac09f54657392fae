using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.MarketData;

public sealed class BookTest : AdapterTest
{
    private const string Channel = "book.BTC-PERPETUAL.100ms";

    private static string Snapshot(long changeId) =>
        $$"""{"type":"snapshot","timestamp":1,"instrument_name":"BTC-PERPETUAL","change_id":{{changeId}},"bids":[["new",100.5,10],["new",100,5]],"asks":[["new",101,7]]}""";

    private static string Change(long previous, long changeId) =>
        $$"""{"type":"change","timestamp":2,"instrument_name":"BTC-PERPETUAL","prev_change_id":{{previous}},"change_id":{{changeId}},"bids":[["change",100.5,12]],"asks":[["delete",101,0]]}""";

    private (DeribitAdapter Adapter, List<ChannelMessage<BookUpdate>> Updates) Book()
    {
        var adapter = Adapter();
        var updates = new List<ChannelMessage<BookUpdate>>();
        Keep(adapter.SubscribeBook("BTC-PERPETUAL").Subscribe(updates.Add));
        Advance(10);
        return (adapter, updates);
    }

    [Fact]
    public void Book_DeliversTheSnapshotThenChangesThatChain()
    {
        var (_, updates) = Book();

        Now(() => Exchange.Notify(Channel, Snapshot(10)));
        Now(() => Exchange.Notify(Channel, Change(10, 11)));
        Now(() => Exchange.Notify(Channel, Change(11, 12)));

        Assert.Equal([BookUpdateKind.Snapshot, BookUpdateKind.Change, BookUpdateKind.Change], updates.Select(u => u.Data.Kind));
        var snapshot = updates[0].Data;
        Assert.Equal(new BookLevelChange(BookAction.New, 100.5m, 10), snapshot.Bids[0]);
        Assert.Equal(2, snapshot.Bids.Count);
        Assert.Equal(new BookLevelChange(BookAction.Delete, 101m, 0), updates[1].Data.Asks[0]);
        Assert.Equal(10, updates[1].Data.PrevChangeId);
        Assert.Equal(12, updates[2].Data.ChangeId);
    }

    [Fact]
    public void Book_AGap_ResetsAndResubscribesForAFreshSnapshot_AndDropsChangesUntilThen()
    {
        var (_, updates) = Book();
        Now(() => Exchange.Notify(Channel, Snapshot(10)));

        Now(() => Exchange.Notify(Channel, Change(12, 13)));
        Advance(10);
        Now(() => Exchange.Notify(Channel, Change(13, 14)));
        Now(() => Exchange.Notify(Channel, Snapshot(20)));
        Now(() => Exchange.Notify(Channel, Change(20, 21)));

        Assert.Equal(
            [BookUpdateKind.Snapshot, BookUpdateKind.Reset, BookUpdateKind.Snapshot, BookUpdateKind.Change],
            updates.Select(u => u.Data.Kind));
        Assert.StartsWith("gap: prev_change_id 12 after change_id 10", updates[1].Data.ResetReason, StringComparison.Ordinal);
        Assert.Equal([Channel], Assert.Single(Exchange.CallsOf("public/unsubscribe")).Channels);
        Assert.Equal(2, Exchange.CallsOf("public/subscribe").Count);
        Assert.True(Exchange.Calls.IndexOf(Exchange.CallsOf("public/unsubscribe")[0]) < Exchange.Calls.IndexOf(Exchange.CallsOf("public/subscribe")[1]));
    }

    [Fact]
    public void Book_AReconnect_ResetsAtOnce_AndTheNewConnectionsSnapshotFollows()
    {
        var (_, updates) = Book();
        Now(() => Exchange.Notify(Channel, Snapshot(10)));
        Now(() => Exchange.Notify(Channel, Change(10, 11)));

        var firstConnection = updates[^1].ConnectionId;
        Now(() => Exchange.Socket(0).Drop());
        Assert.Equal(BookUpdateKind.Reset, updates[^1].Data.Kind);
        Assert.StartsWith("reconnect", updates[^1].Data.ResetReason, StringComparison.Ordinal);

        // The reset names the connection it was lost with, though none is open while the adapter reconnects.
        Assert.False(string.IsNullOrEmpty(firstConnection));
        Assert.Equal(firstConnection, updates[^1].ConnectionId);

        Advance(Second + 10);
        Now(() => Exchange.Notify(Channel, Change(11, 12)));
        Now(() => Exchange.Notify(Channel, Snapshot(500)));
        Now(() => Exchange.Notify(Channel, Change(500, 501)));

        Assert.Equal(
            [BookUpdateKind.Snapshot, BookUpdateKind.Change, BookUpdateKind.Reset, BookUpdateKind.Snapshot, BookUpdateKind.Change],
            updates.Select(u => u.Data.Kind));
        Assert.Equal([1, 1, 1, 2, 2], updates.Select(u => u.Epoch));
    }

    [Fact]
    public void Book_ASecondSubscriberWhileTheBookRuns_AsksForAFreshSnapshot_AndStartsWithIt()
    {
        var (adapter, first) = Book();
        Now(() => Exchange.Notify(Channel, Snapshot(10)));
        Now(() => Exchange.Notify(Channel, Change(10, 11)));

        // The exchange sends a book's snapshot only when it is subscribed: without asking, the second strategy would
        // wait for the next gap or reconnect.
        var late = new List<ChannelMessage<BookUpdate>>();
        Keep(adapter.SubscribeBook("BTC-PERPETUAL").Subscribe(late.Add));
        Advance(10);
        Assert.Equal([Channel], Assert.Single(Exchange.CallsOf("public/unsubscribe")).Channels);
        Assert.Equal(2, Exchange.CallsOf("public/subscribe").Count);

        Now(() => Exchange.Notify(Channel, Snapshot(30)));
        Now(() => Exchange.Notify(Channel, Change(30, 31)));
        Assert.Equal([BookUpdateKind.Snapshot, BookUpdateKind.Change], late.Select(u => u.Data.Kind));
        Assert.Equal(30, late[0].Data.ChangeId);
        Assert.Equal(
            [BookUpdateKind.Snapshot, BookUpdateKind.Change, BookUpdateKind.Snapshot, BookUpdateKind.Change],
            first.Select(u => u.Data.Kind));
    }

    [Fact]
    public void Book_AChangeWithoutPrevChangeId_IsAGap()
    {
        var (_, updates) = Book();
        Now(() => Exchange.Notify(Channel, Snapshot(10)));

        Now(() => Exchange.Notify(Channel, """{"type":"change","timestamp":2,"instrument_name":"BTC-PERPETUAL","change_id":11,"bids":[],"asks":[]}"""));

        Assert.Equal([BookUpdateKind.Snapshot, BookUpdateKind.Reset], updates.Select(u => u.Data.Kind));
        Assert.Equal("gap: prev_change_id missing after change_id 10", updates[1].Data.ResetReason);
    }

    [Fact]
    public void Book_ASnapshot_HasNoPrevChangeId_EvenIfTheExchangeSentOne()
    {
        var (_, updates) = Book();

        Now(() => Exchange.Notify(Channel, """{"type":"snapshot","timestamp":1,"instrument_name":"BTC-PERPETUAL","prev_change_id":9,"change_id":10,"bids":[],"asks":[]}"""));

        var snapshot = Assert.Single(updates).Data;
        Assert.Equal(BookUpdateKind.Snapshot, snapshot.Kind);
        Assert.Null(snapshot.PrevChangeId);
    }

    [Fact]
    public void Book_AReconnectBeforeAnySnapshot_DeliversNoReset()
    {
        var (_, updates) = Book();

        Now(() => Exchange.Socket(0).Drop());
        Advance(Second + 10);
        Now(() => Exchange.Notify(Channel, Snapshot(500)));

        Assert.Equal(2, Exchange.Transport.Sockets.Count);
        var snapshot = Assert.Single(updates);
        Assert.Equal((BookUpdateKind.Snapshot, 2), (snapshot.Data.Kind, snapshot.Epoch));
    }

    [Fact]
    public void Book_AChangeBeforeAnySnapshot_IsDropped()
    {
        var (_, updates) = Book();

        Now(() => Exchange.Notify(Channel, Change(1, 2)));

        Assert.Empty(updates);
    }

    [Fact]
    public void TypedStreams_DecodeTickerTradesAndOrders()
    {
        var adapter = Adapter();
        var tickers = new List<Ticker>();
        var trades = new List<IReadOnlyList<Trade>>();
        var orders = new List<Order>();
        Keep(adapter.SubscribeTicker("BTC-PERPETUAL").Subscribe(m => tickers.Add(m.Data)));
        Keep(adapter.SubscribeTrades("BTC-PERPETUAL").Subscribe(m => trades.Add(m.Data)));
        Keep(adapter.SubscribeUserOrders("BTC-PERPETUAL", "100ms").Subscribe(m => orders.Add(m.Data)));
        Advance(10);

        Now(() => Exchange.Notify("ticker.BTC-PERPETUAL.100ms", """{"timestamp":5,"instrument_name":"BTC-PERPETUAL","best_bid_price":99.5,"best_bid_amount":10,"best_ask_price":100.5,"best_ask_amount":20,"last_price":null,"mark_price":100,"stats":{"high":1}}"""));
        Now(() => Exchange.Notify("trades.BTC-PERPETUAL.100ms", """[{"trade_id":"BTC-1","trade_seq":7,"timestamp":5,"price":100,"amount":30,"direction":"sell","instrument_name":"BTC-PERPETUAL"}]"""));
        Now(() => Exchange.Notify("user.orders.BTC-PERPETUAL.100ms", """[{"order_id":"a","order_state":"open","instrument_name":"BTC-PERPETUAL","direction":"buy","price":1,"amount":1},{"order_id":"b","order_state":"cancelled","cancel_reason":"cancel_on_disconnect","instrument_name":"BTC-PERPETUAL","direction":"buy","price":1,"amount":1}]"""));

        var ticker = Assert.Single(tickers);
        Assert.Equal(99.5m, ticker.BestBidPrice);
        Assert.Equal(100.5m, ticker.BestAskPrice);
        Assert.Null(ticker.LastPrice);
        var trade = Assert.Single(Assert.Single(trades));
        Assert.Equal(("BTC-1", 7L, "sell", 30m), (trade.TradeId, trade.TradeSeq, trade.Direction, trade.Amount));
        Assert.Equal(["a", "b"], orders.Select(o => o.OrderId));
        Assert.Equal("cancel_on_disconnect", orders[1].CancelReason);
    }

    [Fact]
    public void TypedStreams_ANotificationThatDoesNotDecode_IsSkippedCountedAndLosesNothingElse()
    {
        var adapter = Adapter();
        var tickers = new List<Ticker>();
        Keep(adapter.SubscribeTicker("BTC-PERPETUAL").Subscribe(m => tickers.Add(m.Data)));
        Advance(10);

        Now(() => Exchange.Notify("ticker.BTC-PERPETUAL.100ms", """{"timestamp":"not a number"}"""));
        Now(() => Exchange.Notify("ticker.BTC-PERPETUAL.100ms", """{"timestamp":6,"instrument_name":"BTC-PERPETUAL"}"""));

        Assert.Equal([6L], tickers.Select(t => t.Timestamp));
        Assert.Equal(1, adapter.Health.DecodeFailures);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }
}
