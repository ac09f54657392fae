using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>Channel streams: raw, typed, and the continuity-checked book.</summary>
public sealed partial class DeribitAdapter
{
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
        return Delivered(RawChannel(channel), channel, _options.Delivery.Channels);
    }

    /// <summary>A channel's notifications as the receive loop hands them over: what every public stream builds on.</summary>
    private IObservable<ChannelMessage<JsonElement>> RawChannel(string channel) =>
        Observable.Create<ChannelMessage<JsonElement>>(observer =>
        {
            // One guard for every signal: an observer that throws on completion (Dispose) or error is logged, not rethrown.
            var subscriber = new ChannelObserver(observer, _logger);
            var wanted = _context.Subscriptions.Add(channel, subscriber);
            var pipeline = _sessions.Subscribe(static _ => { }, subscriber.OnError, subscriber.OnCompleted);
            return new CompositeDisposable(wanted, pipeline);
        });

    /// <summary><c>ticker.{instrument}.{interval}</c>, decoded.</summary>
    /// <param name="instrument">The instrument, e.g. <c>BTC-PERPETUAL</c>.</param>
    /// <param name="interval"><c>100ms</c> (the default), <c>agg2</c> or <c>raw</c> (raw needs credentials).</param>
    public IObservable<ChannelMessage<Ticker>> SubscribeTicker(string instrument, string interval = "100ms")
    {
        var channel = Channel("ticker", instrument, interval);
        return Delivered(Decoded(channel, DeribitJson.Default.Ticker), channel, _options.Delivery.Ticker);
    }

    /// <summary><c>trades.{instrument}.{interval}</c>, decoded: each message is the trades of one notification.</summary>
    /// <param name="instrument">The instrument, e.g. <c>BTC-PERPETUAL</c>.</param>
    /// <param name="interval"><c>100ms</c> (the default), <c>agg2</c> or <c>raw</c> (raw needs credentials).</param>
    public IObservable<ChannelMessage<IReadOnlyList<Trade>>> SubscribeTrades(string instrument, string interval = "100ms")
    {
        var channel = Channel("trades", instrument, interval);
        var trades = Decoded(channel, DeribitJson.Default.ListTrade).Select(static m => m.With<IReadOnlyList<Trade>>(m.Data));
        return Delivered(trades, channel, _options.Delivery.Trades);
    }

    /// <summary>
    /// <c>user.orders.{instrument}.{interval}</c>, decoded: one message per order update (the aggregated intervals'
    /// arrays are flattened). Needs credentials.
    /// </summary>
    /// <param name="instrument">The instrument, e.g. <c>BTC-PERPETUAL</c>.</param>
    /// <param name="interval"><c>raw</c> (the default) or <c>100ms</c>.</param>
    public IObservable<ChannelMessage<Order>> SubscribeUserOrders(string instrument, string interval = "raw")
    {
        var channel = Channel("user.orders", instrument, interval);
        var orders = Observable.Create<ChannelMessage<Order>>(observer => RawChannel(channel).Subscribe(
            message =>
            {
                List<Order> orders;
                try
                {
                    orders = message.Data.ValueKind == JsonValueKind.Array
                        ? message.Data.Deserialize(DeribitJson.Default.ListOrder) ?? []
                        : [message.Data.Deserialize(DeribitJson.Default.Order)!];
                }
                catch (JsonException error)
                {
                    DecodeFailed(message, error);
                    return;
                }

                foreach (var order in orders)
                {
                    observer.OnNext(message.With(order));
                }
            },
            observer.OnError,
            observer.OnCompleted));
        return Delivered(orders, channel, _options.Delivery.Orders);
    }

    /// <summary>
    /// <c>book.{instrument}.{interval}</c>, decoded and checked for continuity: a change is delivered only when its
    /// <c>prev_change_id</c> is the last <c>change_id</c> delivered on the same connection. A lost connection or a gap
    /// delivers a <see cref="BookUpdateKind.Reset"/>, then (after a resubscribe, for a gap) a fresh
    /// <see cref="BookUpdateKind.Snapshot"/>: a consumer that follows Reset, Snapshot, Change never applies a change to a
    /// stale book.
    /// </summary>
    /// <param name="instrument">The instrument, e.g. <c>BTC-PERPETUAL</c>.</param>
    /// <param name="interval"><c>100ms</c> (the default), <c>agg2</c> or <c>raw</c> (raw needs credentials).</param>
    public IObservable<ChannelMessage<BookUpdate>> SubscribeBook(string instrument, string interval = "100ms")
    {
        var channel = Channel("book", instrument, interval);
        var book = Observable.Create<ChannelMessage<BookUpdate>>(observer =>
        {
            var gate = new object();
            var sequencer = new BookSequencer(channel, instrument, (epoch, reason) => RequestSnapshot(channel, epoch, reason));
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
            var updates = Decoded(channel, DeribitJson.Default.BookData).Subscribe(
                message =>
                {
                    lock (gate)
                    {
                        foreach (var update in sequencer.Next(message))
                        {
                            observer.OnNext(update);
                        }
                    }
                },
                observer.OnError,
                observer.OnCompleted);
            return new CompositeDisposable(updates, lost);
        });
        return Delivered(book, channel, _options.Delivery.Book);
    }

    private static string Channel(string kind, string instrument, string interval)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instrument);
        ArgumentException.ThrowIfNullOrWhiteSpace(interval);
        return $"{kind}.{instrument}.{interval}";
    }

    /// <summary>A channel's notifications decoded to <typeparamref name="T"/>; one that does not decode is skipped with a log line.</summary>
    private IObservable<ChannelMessage<T>> Decoded<T>(string channel, JsonTypeInfo<T> type) =>
        Observable.Create<ChannelMessage<T>>(observer => RawChannel(channel).Subscribe(
            message =>
            {
                T? value;
                try
                {
                    value = message.Data.Deserialize(type);
                }
                catch (JsonException error)
                {
                    DecodeFailed(message, error);
                    return;
                }

                if (value is not null)
                {
                    observer.OnNext(message.With(value));
                }
            },
            observer.OnError,
            observer.OnCompleted));

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

    private void DecodeFailed(in ChannelMessage<JsonElement> message, JsonException error)
    {
        _context.CountDecodeFailure();
        DeribitLog.DecodeFailed(_logger, message.ConnectionId, message.Channel, error.Message);
    }

    private void RequestSnapshot(string channel, int epoch, string reason)
    {
        if (_context.Current is { } runner && runner.Epoch == epoch)
        {
            DeribitLog.BookResync(_logger, runner.Connection.Id, channel, reason);
            runner.Resync(channel);
        }
    }
}
