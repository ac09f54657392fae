using System.Collections.Concurrent;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>Channel streams: raw, typed, and the continuity-checked book.</summary>
public sealed partial class DeribitAdapter
{
    // One typed stream per channel and type, shared by its subscribers: a message is decoded once however many read it.
    private readonly ConcurrentDictionary<(string Channel, Type Type), object> _shared = new();

    /// <summary>
    /// The notifications of any channel, as raw <see cref="JsonElement"/> data, across reconnects. Reference-counted:
    /// the first subscriber subscribes on the exchange, the last one to leave unsubscribes, and every restore
    /// subscribes the channels wanted at that moment. Subscribing connects the adapter if it is not yet.
    /// The stream errors only when the adapter gives up, with <see cref="SubscriptionRejectedException"/> when the
    /// exchange refuses the channel, or with <see cref="SlowConsumerException"/> when this subscriber falls
    /// <see cref="DeribitDeliveryOptions.Channels"/> behind.
    /// </summary>
    /// <param name="channel">The channel name, e.g. <c>deribit_price_index.btc_usd</c>.</param>
    public IObservable<ChannelMessage<JsonElement>> Subscribe(string channel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        // The receive loop parses each message once, into the document every subscriber shares (ChannelData): parsing
        // on each subscriber's drain instead measured several times slower on the e2e blast (benchmarks/README.md).
        return Delivered(RawChannel(channel), channel, _options.Delivery.Channels).Select(static message => message.With(message.Data.Element));
    }

    /// <summary>A channel's notifications as the receive loop hands them over, their data not yet parsed.</summary>
    private IObservable<ChannelMessage<ChannelData>> RawChannel(string channel) =>
        Observable.Create<ChannelMessage<ChannelData>>(observer =>
        {
            // One guard for every signal: an observer that throws on completion (Dispose) or error is logged, not rethrown.
            var subscriber = new ChannelObserver(observer, _logger);
            var wanted = _context.Subscriptions.Add(channel, subscriber);
            var pipeline = _sessions.Subscribe(static _ => { }, subscriber.OnError, subscriber.OnCompleted);
            return new CompositeDisposable(wanted, pipeline);
        });

    /// <summary>
    /// <c>ticker.{instrument}.{interval}</c>, decoded once for all its subscribers. A number the exchange sends as a
    /// word (<c>"undefined"</c>) reads as none; a ticker that does not decode at all is skipped, logged and counted in
    /// <see cref="AdapterHealth.DecodeFailures"/>.
    /// </summary>
    /// <param name="instrument">The instrument, e.g. <c>BTC-PERPETUAL</c>.</param>
    /// <param name="interval"><c>100ms</c> (the default), <c>agg2</c> or <c>raw</c> (raw needs credentials).</param>
    public IObservable<ChannelMessage<Ticker>> SubscribeTicker(string instrument, string interval = "100ms")
    {
        var channel = Channel("ticker", instrument, interval);
        return Delivered(Decoded(channel, utf8 => TickerReader.Read(utf8, instrument)), channel, _options.Delivery.Ticker);
    }

    /// <summary><c>trades.{instrument}.{interval}</c>, decoded once for all its subscribers: each message is the trades of one notification.</summary>
    /// <param name="instrument">The instrument, e.g. <c>BTC-PERPETUAL</c>.</param>
    /// <param name="interval"><c>100ms</c> (the default), <c>agg2</c> or <c>raw</c> (raw needs credentials).</param>
    public IObservable<ChannelMessage<IReadOnlyList<Trade>>> SubscribeTrades(string instrument, string interval = "100ms")
    {
        var channel = Channel("trades", instrument, interval);
        return Delivered(Decoded<IReadOnlyList<Trade>>(channel, utf8 => TradeReader.ReadList(utf8, instrument)), channel, _options.Delivery.Trades);
    }

    /// <summary><c>trades.{kind}.{currency}.{interval}</c>: the trades of every instrument of one kind and currency.</summary>
    /// <param name="kind">The instruments' kind, e.g. <see cref="InstrumentKind.Future"/>.</param>
    /// <param name="currency">The currency, e.g. <c>BTC</c>, or <c>any</c>.</param>
    /// <param name="interval"><c>100ms</c> (the default), <c>agg2</c> or <c>raw</c> (raw needs credentials).</param>
    public IObservable<ChannelMessage<IReadOnlyList<Trade>>> SubscribeTrades(InstrumentKind kind, string currency, string interval = "100ms")
    {
        var channel = Channel("trades", KindAndCurrency(kind, currency), interval);
        return Delivered(Decoded<IReadOnlyList<Trade>>(channel, static utf8 => TradeReader.ReadList(utf8, null)), channel, _options.Delivery.Trades);
    }

    /// <summary>
    /// <c>user.orders.{instrument}.{interval}</c>, decoded: one message per order update (the aggregated intervals'
    /// arrays are flattened). Needs credentials.
    /// </summary>
    /// <param name="instrument">The instrument, e.g. <c>BTC-PERPETUAL</c>.</param>
    /// <param name="interval"><c>raw</c> (the default) or <c>100ms</c>.</param>
    public IObservable<ChannelMessage<Order>> SubscribeUserOrders(string instrument, string interval = "raw") =>
        Orders(Channel("user.orders", instrument, interval));

    /// <summary>
    /// <c>user.orders.{kind}.{currency}.{interval}</c>: the account's order updates on every instrument of one kind
    /// and currency, one message per order. Needs credentials.
    /// </summary>
    /// <param name="kind">The instruments' kind, e.g. <see cref="InstrumentKind.Future"/>.</param>
    /// <param name="currency">The currency, e.g. <c>BTC</c>, or <c>any</c>.</param>
    /// <param name="interval"><c>raw</c> (the default) or <c>100ms</c>.</param>
    public IObservable<ChannelMessage<Order>> SubscribeUserOrders(InstrumentKind kind, string currency, string interval = "raw") =>
        Orders(Channel("user.orders", KindAndCurrency(kind, currency), interval));

    /// <summary><c>user.portfolio.{currency}</c>: the account's summary in one currency, on every change. Needs credentials.</summary>
    /// <param name="currency">The currency, e.g. <c>btc</c>.</param>
    public IObservable<ChannelMessage<Portfolio>> SubscribePortfolio(string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        var channel = $"user.portfolio.{currency}";
        return Delivered(Decoded(channel, static utf8 => AccountReader.ReadPortfolio(utf8)), channel, _options.Delivery.Channels);
    }

    /// <summary>
    /// <c>book.{instrument}.{interval}</c>, decoded and checked for continuity: a change is delivered only when its
    /// <c>prev_change_id</c> is the last <c>change_id</c> delivered on the same connection. A lost connection or a gap
    /// delivers a <see cref="BookUpdateKind.Reset"/>, then (after a resubscribe, for a gap) a fresh
    /// <see cref="BookUpdateKind.Snapshot"/>: a consumer that follows Reset, Snapshot, Change never applies a change to a
    /// stale book. The grouped book, <c>book.{instrument}.{group}.{depth}.{interval}</c> (an interval such as
    /// <c>none.10.100ms</c>), sends a whole snapshot of its top levels every time: each of its messages is a
    /// <see cref="BookUpdateKind.Snapshot"/>. Decoded and checked once for all subscribers; a subscriber that comes
    /// while the stream runs starts with a fresh snapshot, which it asks the exchange for (the others see it too).
    /// </summary>
    /// <param name="instrument">The instrument, e.g. <c>BTC-PERPETUAL</c>.</param>
    /// <param name="interval"><c>100ms</c> (the default), <c>agg2</c> or <c>raw</c> (raw needs credentials), or a grouped book's <c>{group}.{depth}.{interval}</c>.</param>
    public IObservable<ChannelMessage<BookUpdate>> SubscribeBook(string instrument, string interval = "100ms")
    {
        var channel = Channel("book", instrument, interval);
        var updates = BookStream(channel, instrument, interval);
        return Delivered(new FromNextSnapshotOrReset(updates, AskForSnapshot(channel, interval, "a subscriber joined the running stream")), channel, _options.Delivery.Book);
    }

    /// <summary>
    /// What a subscriber that joins a running book stream calls to get a fresh snapshot: a resubscribe on the current
    /// connection. None for a grouped book, whose every message is a snapshot.
    /// </summary>
    private Action? AskForSnapshot(string channel, string interval, string reason) =>
        IsGrouped(interval) ? null : () =>
        {
            if (_context.Current is { } runner)
            {
                DeribitLog.BookResync(_logger, runner.Connection.Id, channel, reason);
                runner.Resync(channel);
            }
        };

    /// <summary>Whether a book interval names a grouped book (<c>{group}.{depth}.{interval}</c>).</summary>
    private static bool IsGrouped(string interval) => interval.Contains('.', StringComparison.Ordinal);

    /// <summary>A book channel's updates, sequenced under the stream's <see cref="SharedStream{T}.SourceGate"/>.</summary>
    private SharedStream<BookUpdate> BookStream(string channel, string instrument, string interval) =>
        Shared(channel, () =>
        {
            var gate = new Lock();
            var grouped = IsGrouped(interval);
            return new SharedStream<BookUpdate>(BookUpdates(channel, instrument, grouped, gate), _logger, gate);
        });

    private IObservable<ChannelMessage<BookUpdate>> BookUpdates(string channel, string instrument, bool grouped, Lock gate) =>
        Observable.Create<ChannelMessage<BookUpdate>>(observer =>
        {
            var sequencer = new BookSequencer(channel, instrument, epoch => RequestSnapshot(channel, epoch), observer.OnNext);
            var lost = _states.States
                .Where(static s => s.Status == AdapterStatus.Reconnecting)
                .Subscribe(state =>
                {
                    lock (gate)
                    {
                        if (sequencer.OnConnectionLost(state.Timestamp, state.ConnectionId ?? string.Empty) is { } reset)
                        {
                            observer.OnNext(reset);
                        }
                    }
                });
            // Attached without Raw's observable: a message reaches the sequencer through no wrapper of Rx's.
            var updates = Attach(channel, utf8 => BookReader.Read(utf8, instrument, grouped), new SequencingObserver(gate, sequencer, observer));
            return new CompositeDisposable(updates, lost);
        });

    private static string Channel(string kind, string instrument, string interval)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instrument);
        ArgumentException.ThrowIfNullOrWhiteSpace(interval);
        return $"{kind}.{instrument}.{interval}";
    }

    private static string KindAndCurrency(InstrumentKind kind, string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        return $"{kind.WireName()}.{currency}";
    }

    private IObservable<ChannelMessage<Order>> Orders(string channel) =>
        Delivered(
            Decoded<Order[]>(channel, static utf8 => OrderReader.ReadOneOrMany(utf8)).SelectMany(static message => message.Data.Select(order => message.With(order))),
            channel,
            _options.Delivery.Orders);

    /// <summary>A channel's notifications decoded to <typeparamref name="T"/>, once for all subscribers.</summary>
    private SharedStream<T> Decoded<T>(string channel, Func<ReadOnlySpan<byte>, T> decode) =>
        Shared(channel, () => new SharedStream<T>(Raw(channel, decode), _logger));

    private SharedStream<T> Shared<T>(string channel, Func<SharedStream<T>> create) =>
        (SharedStream<T>)_shared.GetOrAdd((channel, typeof(T)), static (_, create) => create(), create);

    /// <summary>
    /// A channel's notifications decoded to <typeparamref name="T"/> straight from their UTF-8; one that does not
    /// decode is skipped with a log line and counted.
    /// </summary>
    private IObservable<ChannelMessage<T>> Raw<T>(string channel, Func<ReadOnlySpan<byte>, T> decode) =>
        Observable.Create<ChannelMessage<T>>(observer => Attach(channel, decode, observer));

    /// <summary>Subscribes <paramref name="observer"/> to a channel's notifications decoded to <typeparamref name="T"/> (see <see cref="Raw{T}"/>).</summary>
    private CompositeDisposable Attach<T>(string channel, Func<ReadOnlySpan<byte>, T> decode, IObserver<ChannelMessage<T>> observer)
    {
        var decoder = new ChannelDecoder<T>(decode, observer, DecodeFailed);
        var subscriber = new ChannelObserver(decoder, _logger, decoder);
        var wanted = _context.Subscriptions.Add(channel, subscriber);
        var pipeline = _sessions.Subscribe(static _ => { }, subscriber.OnError, subscriber.OnCompleted);
        return new CompositeDisposable(wanted, pipeline);
    }

    /// <summary>
    /// The stream as each subscriber gets it: from its own queue, drained on the scheduler, so the receive loop never
    /// runs a strategy's code; a subscriber that throws or falls behind is ended alone, its channel kept for the grace.
    /// </summary>
    private IObservable<T> Delivered<T>(IObservable<T> stream, string channel, SlowConsumerPolicy policy) =>
        stream.DeliverOn(
            new DeliveryOptions
            {
                Name = channel,
                Policy = policy,
                FailedSubscriberGrace = _options.Delivery.FailedSubscriberGrace,
                Logger = _logger,
                ConnectionId = _connectionIdForLog,
            },
            _options.Scheduler);

    private void DecodeFailed(string channel, string connectionId, JsonException error)
    {
        _context.CountDecodeFailure();
        DeribitLog.DecodeFailed(_logger, connectionId, channel, error.Message);
    }

    private void RequestSnapshot(string channel, int epoch)
    {
        if (_context.Current is { } runner && runner.Epoch == epoch)
        {
            DeribitLog.BookResync(_logger, runner.Connection.Id, channel, "prev_change_id gap");
            runner.Resync(channel);
        }
    }
}
