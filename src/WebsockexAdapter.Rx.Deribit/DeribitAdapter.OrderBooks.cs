using System.Reactive.Linq;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>One shared, continuity-checked order book per instrument, and the views strategies read from it.</summary>
public sealed partial class DeribitAdapter
{
    /// <summary>
    /// The best <paramref name="depth"/> levels of an instrument's book after every update: ONE book per instrument
    /// and interval for all subscribers, built from <see cref="SubscribeBook"/> (so it is never a stale book with a
    /// change applied to it) and edited in place. Each message is a copy that stays consistent however long it is kept;
    /// a view of one depth is made once per update for all who asked for it. After a reset (a reconnect or a gap) a
    /// view with <see cref="OrderBookView.HasSnapshot"/> false and no levels comes first, then the fresh book. A subscriber
    /// that comes while the book runs gets the book as it stands at once, then every update after it.
    /// </summary>
    /// <param name="instrument">The instrument, e.g. <c>BTC-PERPETUAL</c>.</param>
    /// <param name="depth">How many levels per side, at least 1. The default value is 10.</param>
    /// <param name="interval"><c>100ms</c> (the default), <c>agg2</c> or <c>raw</c> (raw needs credentials).</param>
    public IObservable<ChannelMessage<OrderBookView>> SubscribeOrderBook(string instrument, int depth = 10, string interval = "100ms")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        return Delivered(
            SharedBook(instrument, interval).Select(m => m.With(m.Data.View(depth))),
            Channel("book", instrument, interval),
            _options.Delivery.OrderBook);
    }

    /// <summary>
    /// The best bid and ask of an instrument's shared book (see <see cref="SubscribeOrderBook"/>), each time one of
    /// them, or its amount, changed, and once more on a new connection's book. Nothing while the book is being rebuilt
    /// after a reset. A subscriber that comes while the book runs gets the current best bid and ask at once, without
    /// waiting for them to change. Reading it allocates nothing per update.
    /// </summary>
    /// <param name="instrument">The instrument, e.g. <c>BTC-PERPETUAL</c>.</param>
    /// <param name="interval"><c>100ms</c> (the default), <c>agg2</c> or <c>raw</c> (raw needs credentials).</param>
    public IObservable<ChannelMessage<TopOfBook>> SubscribeTopOfBook(string instrument, string interval = "100ms") =>
        Delivered(
            new TopOfBookChanges(SharedBook(instrument, interval)),
            Channel("book", instrument, interval),
            _options.Delivery.OrderBook);

    /// <summary>The shared book itself, after each update (internal: the benchmarks count its updates).</summary>
    internal SharedStream<SharedOrderBook> SharedBook(string instrument, string interval)
    {
        var channel = Channel("book", instrument, interval);
        var updates = BookStream(channel, instrument, interval);
        // The book is applied and handed on under the book stream's gate: a subscriber that comes while it runs is
        // handed the book as it stands under that gate too, so it never waits for the next change to see it.
        return Shared(channel, () => new SharedStream<SharedOrderBook>(
            Observable.Create<ChannelMessage<SharedOrderBook>>(observer =>
            {
                var book = new SharedOrderBook(instrument);
                return new FromNextSnapshotOrReset(updates, AskForSnapshot(channel, interval, "a shared book joined the running stream"))
                    .Subscribe(
                        m =>
                        {
                            book.Apply(m.Data);
                            observer.OnNext(m.With(book));
                        },
                        observer.OnError,
                        observer.OnCompleted);
            }),
            _logger,
            updates.SourceGate,
            replayLatest: true));
    }
}
