using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.Extensions.Logging.Abstractions;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Gateway.Tests.Publishing;

public sealed class ChannelFeedTests
{
    private const string Channel = "book.BTC-PERPETUAL.100ms";

    [Fact]
    public void GatewayBehindItsAdapter_SlowConsumerError_ResubscribesUnderANewSource_WithoutEndingTheChannel()
    {
        var adapter = new FakeMarketData();
        using var feed = Feed(adapter);
        adapter.Books[0].OnNext(Message(Update(BookUpdateKind.Snapshot, 10)));
        adapter.Books[0].OnNext(Message(Update(BookUpdateKind.Change, 11, 10)));
        Assert.Equal(("gw/1", 2L), (feed.Snapshot().Source, feed.Snapshot().Seq));

        adapter.Books[0].OnError(new SlowConsumerException(Channel, 10_000, TimeSpan.FromSeconds(2)));

        var restarted = feed.Snapshot();
        Assert.Equal(("gw/1.1", 0L), (restarted.Source, restarted.Seq));
        Assert.Null(restarted.Book);
        Assert.Equal(2, adapter.Books.Count);
        Assert.False(adapter.Books[0].HasObservers);

        adapter.Books[1].OnNext(Message(Update(BookUpdateKind.Snapshot, 20)));
        var resumed = feed.Snapshot();
        Assert.Equal(("gw/1.1", 1L, 20L), (resumed.Source, resumed.Seq, resumed.Book?.ChangeId));
    }

    [Fact]
    public void OtherErrors_EndTheChannel_NoResubscribe()
    {
        var adapter = new FakeMarketData();
        using var feed = Feed(adapter);

        adapter.Books[0].OnError(new InvalidOperationException("refused by the exchange"));

        Assert.Single(adapter.Books);
        Assert.Equal(("gw/1", 1L), (feed.Snapshot().Source, feed.Snapshot().Seq));
    }

    [Fact]
    public void Dispose_AfterARestart_ReleasesTheNewSubscription()
    {
        var adapter = new FakeMarketData();
        var feed = Feed(adapter);
        adapter.Books[0].OnError(new SlowConsumerException(Channel, 10_000, TimeSpan.FromSeconds(2)));

        feed.Dispose();

        Assert.All(adapter.Books, static book => Assert.False(book.HasObservers));
    }

    private static ChannelFeed Feed(FakeMarketData adapter)
    {
        Assert.True(ChannelName.TryParse(Channel, out var name));
        return new ChannelFeed(name, $"test.md.{Channel}", "gw", "gw/1", new OutboundQueue(100, TimeProvider.System, "gw", NullLogger.Instance), adapter, NullLogger.Instance);
    }

    private static ChannelMessage<BookUpdate> Message(BookUpdate update) => new(Channel, update, 1, "conn-1", DateTimeOffset.UnixEpoch);

    private static BookUpdate Update(BookUpdateKind kind, long changeId, long? previous = null) => new()
    {
        Kind = kind,
        InstrumentName = "BTC-PERPETUAL",
        ChangeId = changeId,
        PrevChangeId = previous,
        Bids = [new BookLevelChange(kind == BookUpdateKind.Snapshot ? BookAction.New : BookAction.Change, 100m, changeId)],
    };

    /// <summary>An adapter whose book streams the test drives by hand; each subscribe gets its own.</summary>
    private sealed class FakeMarketData : IDeribitMarketData
    {
        public List<Subject<ChannelMessage<BookUpdate>>> Books { get; } = [];

        public IObservable<AdapterState> States => Observable.Never<AdapterState>();

        public IObservable<ChannelMessage<BookUpdate>> SubscribeBook(string instrument, string interval = "100ms")
        {
            var book = new Subject<ChannelMessage<BookUpdate>>();
            Books.Add(book);
            return book;
        }

        public IObservable<ChannelMessage<OrderBookView>> SubscribeOrderBook(string instrument, int depth = 10, string interval = "100ms") => Observable.Never<ChannelMessage<OrderBookView>>();

        public IObservable<ChannelMessage<TopOfBook>> SubscribeTopOfBook(string instrument, string interval = "100ms") => Observable.Never<ChannelMessage<TopOfBook>>();

        public IObservable<ChannelMessage<Ticker>> SubscribeTicker(string instrument, string interval = "100ms") => Observable.Never<ChannelMessage<Ticker>>();

        public IObservable<ChannelMessage<IReadOnlyList<Trade>>> SubscribeTrades(string instrument, string interval = "100ms") => Observable.Never<ChannelMessage<IReadOnlyList<Trade>>>();
    }
}
