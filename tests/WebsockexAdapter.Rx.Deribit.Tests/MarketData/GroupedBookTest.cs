using System.Globalization;
using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.MarketData;

public sealed class GroupedBookTest : AdapterTest
{
    private const string Channel = "book.BTC-PERPETUAL.none.10.100ms";

    private static string Grouped(long changeId, decimal bestBid) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"timestamp":1735689600123,"instrument_name":"BTC-PERPETUAL","change_id":{{changeId}},"bids":[[{{bestBid}},1000],[{{bestBid - 0.5m}},2500.0]],"asks":[[{{bestBid + 0.5m}},750]]}""");

    [Fact]
    public void GroupedBook_EveryMessageIsASnapshotOfPriceAndAmountEntries()
    {
        var adapter = Adapter();
        var updates = new List<BookUpdate>();
        Keep(adapter.SubscribeBook("BTC-PERPETUAL", "none.10.100ms").Subscribe(m => updates.Add(m.Data)));
        Advance(10);

        Now(() => Exchange.Notify(Channel, Grouped(100, 97412.5m)));
        Now(() => Exchange.Notify(Channel, Grouped(105, 97413.0m)));

        Assert.Equal([Channel], Assert.Single(Exchange.CallsOf("public/subscribe")).Channels);
        Assert.Equal([BookUpdateKind.Snapshot, BookUpdateKind.Snapshot], updates.Select(u => u.Kind));
        Assert.Equal([new BookLevelChange(BookAction.New, 97413.0m, 1000), new BookLevelChange(BookAction.New, 97412.5m, 2500)], updates[1].Bids);
        Assert.Equal(105, updates[1].ChangeId);
        Assert.Equal(0, adapter.Health.DecodeFailures);
    }

    [Fact]
    public void GroupedBook_FeedsTheSharedOrderBook()
    {
        var adapter = Adapter();
        var views = new List<OrderBookView>();
        Keep(adapter.SubscribeOrderBook("BTC-PERPETUAL", depth: 1, interval: "none.10.100ms").Subscribe(m => views.Add(m.Data)));
        Advance(10);

        Now(() => Exchange.Notify(Channel, Grouped(100, 97412.5m)));
        Now(() => Exchange.Notify(Channel, Grouped(105, 97413.0m)));

        Assert.Equal(new TopOfBook(97413.0m, 1000, 97413.5m, 750, 105), views[^1].Top);
        Assert.Single(views[^1].Bids);
    }
}
