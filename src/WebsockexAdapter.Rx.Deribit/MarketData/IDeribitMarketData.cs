namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// The market-data streams a strategy reads, whoever delivers them: a <see cref="DeribitAdapter"/> with its own
/// exchange session, or a consumer of a gateway that shares one session among many processes. Strategy code written
/// against this interface runs unchanged on either.
/// </summary>
public interface IDeribitMarketData
{
    /// <summary>The lifecycle, replaying the current state; subscribing does not connect.</summary>
    IObservable<AdapterState> States { get; }

    /// <summary>
    /// <c>book.{instrument}.{interval}</c>, checked for continuity: Reset, then Snapshot, then Changes that chain;
    /// a lost connection or a gap is a Reset followed by a fresh Snapshot.
    /// </summary>
    /// <param name="instrument">The instrument, e.g. <c>BTC-PERPETUAL</c>.</param>
    /// <param name="interval"><c>100ms</c> (the default), <c>agg2</c> or <c>raw</c>.</param>
    IObservable<ChannelMessage<BookUpdate>> SubscribeBook(string instrument, string interval = "100ms");

    /// <summary>
    /// The best <paramref name="depth"/> levels of an instrument's book after every update, built from
    /// <see cref="SubscribeBook"/>; after a reset a view with <see cref="OrderBookView.HasSnapshot"/> false comes first.
    /// </summary>
    /// <param name="instrument">The instrument, e.g. <c>BTC-PERPETUAL</c>.</param>
    /// <param name="depth">How many levels per side, at least 1. The default value is 10.</param>
    /// <param name="interval"><c>100ms</c> (the default), <c>agg2</c> or <c>raw</c>.</param>
    IObservable<ChannelMessage<OrderBookView>> SubscribeOrderBook(string instrument, int depth = 10, string interval = "100ms");

    /// <summary>
    /// The best bid and ask of an instrument's book: at once if the book is ready, then each time one of them, or its
    /// amount, changed, and once more on a new connection's book; nothing while the book is rebuilt after a reset.
    /// </summary>
    /// <param name="instrument">The instrument, e.g. <c>BTC-PERPETUAL</c>.</param>
    /// <param name="interval"><c>100ms</c> (the default), <c>agg2</c> or <c>raw</c>.</param>
    IObservable<ChannelMessage<TopOfBook>> SubscribeTopOfBook(string instrument, string interval = "100ms");

    /// <summary><c>ticker.{instrument}.{interval}</c>, decoded.</summary>
    /// <param name="instrument">The instrument, e.g. <c>BTC-PERPETUAL</c>.</param>
    /// <param name="interval"><c>100ms</c> (the default), <c>agg2</c> or <c>raw</c>.</param>
    IObservable<ChannelMessage<Ticker>> SubscribeTicker(string instrument, string interval = "100ms");

    /// <summary><c>trades.{instrument}.{interval}</c>, decoded: each message is the trades of one notification.</summary>
    /// <param name="instrument">The instrument, e.g. <c>BTC-PERPETUAL</c>.</param>
    /// <param name="interval"><c>100ms</c> (the default), <c>agg2</c> or <c>raw</c>.</param>
    IObservable<ChannelMessage<IReadOnlyList<Trade>>> SubscribeTrades(string instrument, string interval = "100ms");
}
