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
    /// view with <see cref="OrderBookView.HasSnapshot"/> false and no levels comes first, then the fresh book.
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
    /// after a reset. Reading it allocates nothing per update.
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
        return Shared(channel, () => new SharedStream<SharedOrderBook>(
            Observable.Create<ChannelMessage<SharedOrderBook>>(observer =>
            {
                var book = new SharedOrderBook(instrument);
                var updates = BookStream(channel, instrument, interval);
                // Joining a book stream that already runs: its last snapshot has gone by, so ask for a fresh one.
                var joinedLate = updates.IsConnected;
                var subscription = new FromNextSnapshotOrReset(updates)
                    .Subscribe(
                        m =>
                        {
                            book.Apply(m.Data);
                            observer.OnNext(m.With(book));
                        },
                        observer.OnError,
                        observer.OnCompleted);
                if (joinedLate && _context.Current is { } runner)
                {
                    DeribitLog.BookResync(_logger, runner.Connection.Id, channel, "a shared book joined the running stream");
                    runner.Resync(channel);
                }

                return subscription;
            }),
            _logger));
    }
}
