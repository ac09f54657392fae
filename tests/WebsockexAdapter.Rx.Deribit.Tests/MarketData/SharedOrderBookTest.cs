using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.MarketData;

public sealed class SharedOrderBookTest : AdapterTest
{
    private const string Channel = "book.BTC-PERPETUAL.100ms";

    private static string Snapshot(long changeId) =>
        $$"""{"type":"snapshot","timestamp":1,"instrument_name":"BTC-PERPETUAL","change_id":{{changeId}},"bids":[["new",100.5,10],["new",100,5]],"asks":[["new",101,7],["new",102,1]]}""";

    private static string Change(long previous, long changeId, string bids, string asks = "[]") =>
        $$"""{"type":"change","timestamp":2,"instrument_name":"BTC-PERPETUAL","prev_change_id":{{previous}},"change_id":{{changeId}},"bids":{{bids}},"asks":{{asks}}}""";

    [Fact]
    public void SubscribeOrderBook_TwoSubscribers_ShareOneBookAndOneViewPerUpdate()
    {
        var adapter = Adapter();
        var first = new List<OrderBookView>();
        var second = new List<OrderBookView>();
        Keep(adapter.SubscribeOrderBook("BTC-PERPETUAL", depth: 1).Subscribe(m => first.Add(m.Data)));
        Keep(adapter.SubscribeOrderBook("BTC-PERPETUAL", depth: 1).Subscribe(m => second.Add(m.Data)));
        Advance(10);

        Now(() => Exchange.Notify(Channel, Snapshot(10)));
        Now(() => Exchange.Notify(Channel, Change(10, 11, """[["new",100.75,3]]""")));

        Assert.Equal(2, first.Count);
        Assert.Same(first[1], second[1]);
        Assert.Equal(new TopOfBook(100.75m, 3, 101, 7, 11), first[1].Top);
        Assert.Equal([new BookLevel(100.75m, 3)], first[1].Bids);
        Assert.Single(Exchange.CallsOf("public/subscribe"));
    }

    [Fact]
    public void SubscribeTopOfBook_FiresOnlyWhenTheBestPriceOrAmountChanges()
    {
        var adapter = Adapter();
        var tops = new List<TopOfBook>();
        Keep(adapter.SubscribeTopOfBook("BTC-PERPETUAL").Subscribe(m => tops.Add(m.Data)));
        Advance(10);

        Now(() => Exchange.Notify(Channel, Snapshot(10)));
        Now(() => Exchange.Notify(Channel, Change(10, 11, """[["change",100,9]]""")));
        Now(() => Exchange.Notify(Channel, Change(11, 12, "[]", """[["change",101,8]]""")));
        Now(() => Exchange.Notify(Channel, Change(12, 13, """[["new",99,1]]""")));
        Now(() => Exchange.Notify(Channel, Change(13, 14, """[["delete",100.5,0]]""")));

        Assert.Equal(
            [new TopOfBook(100.5m, 10, 101, 7, 10), new TopOfBook(100.5m, 10, 101, 8, 12), new TopOfBook(100, 9, 101, 8, 14)],
            tops);
    }

    [Fact]
    public void SubscribeOrderBook_AGap_ShowsAnEmptyViewThenTheFreshBook()
    {
        var adapter = Adapter();
        var views = new List<OrderBookView>();
        Keep(adapter.SubscribeOrderBook("BTC-PERPETUAL", depth: 5).Subscribe(m => views.Add(m.Data)));
        Advance(10);

        Now(() => Exchange.Notify(Channel, Snapshot(10)));
        Now(() => Exchange.Notify(Channel, Change(12, 13, """[["new",100.75,3]]""")));
        Advance(10);
        Now(() => Exchange.Notify(Channel, Snapshot(20)));

        Assert.Equal([true, false, true], views.Select(v => v.HasSnapshot));
        Assert.Empty(views[1].Bids);
        Assert.Null(views[1].Top);
        Assert.Equal(20, views[2].ChangeId);
        Assert.Equal(2, Exchange.CallsOf("public/subscribe").Count);
    }

    [Fact]
    public void SubscribeOrderBook_JoiningARunningBookStream_AsksForAFreshSnapshot()
    {
        var adapter = Adapter();
        var updates = new List<BookUpdate>();
        var views = new List<OrderBookView>();
        Keep(adapter.SubscribeBook("BTC-PERPETUAL").Subscribe(m => updates.Add(m.Data)));
        Advance(10);
        Now(() => Exchange.Notify(Channel, Snapshot(10)));

        Keep(adapter.SubscribeOrderBook("BTC-PERPETUAL").Subscribe(m => views.Add(m.Data)));
        Advance(10);
        Now(() => Exchange.Notify(Channel, Change(10, 11, """[["new",100.75,3]]""")));
        Now(() => Exchange.Notify(Channel, Snapshot(30)));

        Assert.Equal([Channel], Assert.Single(Exchange.CallsOf("public/unsubscribe")).Channels);
        Assert.Equal(30, Assert.Single(views).ChangeId);
        Assert.Equal([BookUpdateKind.Snapshot, BookUpdateKind.Change, BookUpdateKind.Snapshot], updates.Select(u => u.Kind));
    }

    [Fact]
    public void SubscribeBook_ALateSubscriber_StartsAtTheNextSnapshot_NeverWithAChange()
    {
        var adapter = Adapter();
        var late = new List<BookUpdate>();
        Keep(adapter.SubscribeBook("BTC-PERPETUAL").Subscribe(_ => { }));
        Advance(10);
        Now(() => Exchange.Notify(Channel, Snapshot(10)));

        Keep(adapter.SubscribeBook("BTC-PERPETUAL").Subscribe(m => late.Add(m.Data)));
        Now(() => Exchange.Notify(Channel, Change(10, 11, """[["new",100.75,3]]""")));
        Now(() => Exchange.Notify(Channel, Change(12, 13, "[]")));
        Now(() => Exchange.Notify(Channel, Snapshot(20)));

        Assert.Equal([BookUpdateKind.Reset, BookUpdateKind.Snapshot], late.Select(u => u.Kind));
    }
    [Fact]
    public void SubscribeTopOfBook_ALateSubscriber_GetsTheCurrentTopAtOnce_ThenOnlyItsChanges()
    {
        var adapter = Adapter();
        var late = new List<TopOfBook>();
        Keep(adapter.SubscribeTopOfBook("BTC-PERPETUAL").Subscribe(_ => { }));
        Advance(10);
        Now(() => Exchange.Notify(Channel, Snapshot(10)));
        Now(() => Exchange.Notify(Channel, Change(10, 11, """[["new",100.75,3]]""")));

        Keep(adapter.SubscribeTopOfBook("BTC-PERPETUAL").Subscribe(m => late.Add(m.Data)));
        Advance(1);
        Assert.Equal([new TopOfBook(100.75m, 3, 101, 7, 11)], late);

        Now(() => Exchange.Notify(Channel, Change(11, 12, """[["new",99,1]]""")));
        Now(() => Exchange.Notify(Channel, Change(12, 13, "[]", """[["change",101,8]]""")));
        Assert.Equal([new TopOfBook(100.75m, 3, 101, 7, 11), new TopOfBook(100.75m, 3, 101, 8, 13)], late);
        Assert.Single(Exchange.CallsOf("public/subscribe"));
    }

    [Fact]
    public void SubscribeOrderBook_ALateSubscriber_GetsTheBookAsItStandsAtOnce()
    {
        var adapter = Adapter();
        var late = new List<OrderBookView>();
        Keep(adapter.SubscribeOrderBook("BTC-PERPETUAL", depth: 2).Subscribe(_ => { }));
        Advance(10);
        Now(() => Exchange.Notify(Channel, Snapshot(10)));
        Now(() => Exchange.Notify(Channel, Change(10, 11, """[["new",100.75,3]]""")));

        Keep(adapter.SubscribeOrderBook("BTC-PERPETUAL", depth: 1).Subscribe(m => late.Add(m.Data)));
        Advance(1);

        var view = Assert.Single(late);
        Assert.Equal(11, view.ChangeId);
        Assert.Equal([new BookLevel(100.75m, 3)], view.Bids);
        Assert.Equal([new BookLevel(101, 7)], view.Asks);
    }

    [Fact]
    public void SubscribeTopOfBook_ALateSubscriberWhileTheBookIsRebuilt_GetsNothingUntilTheFreshBook()
    {
        var adapter = Adapter();
        var late = new List<TopOfBook>();
        Keep(adapter.SubscribeTopOfBook("BTC-PERPETUAL").Subscribe(_ => { }));
        Advance(10);
        Now(() => Exchange.Notify(Channel, Snapshot(10)));
        Now(() => Exchange.Notify(Channel, Change(12, 13, """[["new",100.75,3]]""")));

        Keep(adapter.SubscribeTopOfBook("BTC-PERPETUAL").Subscribe(m => late.Add(m.Data)));
        Advance(10);
        Assert.Empty(late);

        Now(() => Exchange.Notify(Channel, Snapshot(20)));
        Assert.Equal([new TopOfBook(100.5m, 10, 101, 7, 20)], late);
    }
}
