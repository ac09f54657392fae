using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// A strategy process's view of a <see cref="MarketDataGateway"/>: the same streams as a <see cref="DeribitAdapter"/>
/// (<see cref="IDeribitMarketData"/>), delivered through NATS from the one exchange session the gateway holds. The
/// first local subscriber of a channel asks the gateway for it and the last one to leave releases it; a lease renewed
/// every <see cref="GatewayConsumerOptions.LeaseInterval"/> keeps the interest alive, so a process that dies without
/// saying so stops costing the exchange a subscription once its lease runs out.
/// </summary>
/// <example>
/// <code>
/// await using var market = new GatewayMarketData(new GatewayConsumerOptions { NatsUrl = "nats://10.0.0.5:4222" });
/// IDeribitMarketData source = market; // or a DeribitAdapter: the strategy below does not change
/// using var mids = source.SubscribeBook("BTC-PERPETUAL")
///     .Scan(new OrderBook(), (book, update) => book.Apply(update.Data))
///     .Where(book => book.IsReady)
///     .Subscribe(book => Console.WriteLine(book.Top().Mid));
/// </code>
/// </example>
public sealed partial class GatewayMarketData : IDeribitMarketData, IAsyncDisposable
{
    private readonly GatewayConsumerOptions _options;
    private readonly GatewaySubjects _subjects;
    private readonly ILogger _logger;
    private readonly NatsConnection _nats;
    private readonly EpochMap _epochs = new();
    private readonly ConsumerDemand _demand = new();
    private readonly BehaviorSubject<AdapterState> _states;
    private readonly Channel<StateInput> _stateInputs = Channel.CreateUnbounded<StateInput>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _background;
    private Task _statusAsks = Task.CompletedTask;
    private TaskCompletionSource _renewNow = NewSignal();
    private int _disposed;

    /// <summary>Creates a consumer and starts reaching NATS and the gateway; streams start when subscribed.</summary>
    /// <param name="options">The options; a copy is taken.</param>
    /// <exception cref="InvalidOptionsException">The options break one or more rules (all are listed).</exception>
    public GatewayMarketData(GatewayConsumerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Copy();
        _subjects = new GatewaySubjects(_options.SubjectPrefix);
        _logger = _options.LoggerFactory.CreateLogger<GatewayMarketData>();
        _states = new BehaviorSubject<AdapterState>(new AdapterState(AdapterStatus.Connecting, _options.TimeProvider.GetUtcNow()) { Reason = "waiting for NATS and a gateway" });
        _nats = new NatsConnection(new NatsOpts
        {
            Url = _options.NatsUrl,
            Name = _options.ConsumerId,
            RetryOnInitialConnect = true,
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(100),
            ReconnectWaitMax = TimeSpan.FromSeconds(1),
            SubPendingChannelCapacity = _options.PendingCapacity,
            LoggerFactory = _options.LoggerFactory,
            SocketConnectionFactory = ReaderThreadConnectionFactory.For(_options.NatsUrl),
        });
        _nats.ConnectionDisconnected += OnNatsDisconnected;
        _nats.ConnectionOpened += OnNatsOpened;
        _background = Task.WhenAll(RenewLeasesAsync(_stop.Token), FollowStatusAsync(_stop.Token), PublishStatesAsync(_stop.Token));
    }

    /// <summary>This consumer's id at the gateway.</summary>
    public string ConsumerId => _options.ConsumerId;

    /// <summary>
    /// The gateway's adapter state as this process sees it, replaying the current one: the gateway's own status with
    /// epochs made local, or <see cref="AdapterStatus.Reconnecting"/> while NATS is unreachable.
    /// </summary>
    public IObservable<AdapterState> States => _states.AsObservable();

    /// <summary>The current state.</summary>
    public AdapterState CurrentState => _states.Value;

    /// <inheritdoc/>
    public IObservable<ChannelMessage<BookUpdate>> SubscribeBook(string instrument, string interval = "100ms")
    {
        var channel = ChannelName.Of(ChannelKind.Book, instrument, interval);
        return Stream(channel, BookUpdateCodec.Instance, () => new BookTracker(channel, instrument, _epochs));
    }

    /// <inheritdoc/>
    /// <remarks>Through the gateway each subscriber builds its own book from <see cref="SubscribeBook"/>; the gateway carries the channel once.</remarks>
    public IObservable<ChannelMessage<OrderBookView>> SubscribeOrderBook(string instrument, int depth = 10, string interval = "100ms")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        var updates = SubscribeBook(instrument, interval);
        return Observable.Defer(() =>
        {
            var book = new OrderBook();
            return updates.Select(m => m.With(book.Apply(m.Data).View(depth, instrument)));
        });
    }

    /// <inheritdoc/>
    /// <remarks>Through the gateway each subscriber keeps its own book from <see cref="SubscribeBook"/>, as <see cref="SubscribeOrderBook"/> does.</remarks>
    public IObservable<ChannelMessage<TopOfBook>> SubscribeTopOfBook(string instrument, string interval = "100ms")
    {
        var updates = SubscribeBook(instrument, interval);
        return Observable.Defer(() =>
        {
            var book = new OrderBook();
            return updates
                .Select(m => book.Apply(m.Data).TryGetTop(out var top) ? m.With<TopOfBook?>(top) : m.With<TopOfBook?>(null))
                .Where(static m => m.Data.HasValue)
                .Select(static m => m.With(m.Data!.Value))
                .DistinctUntilChanged(SameTop.Instance);
        });
    }

    /// <inheritdoc/>
    public IObservable<ChannelMessage<Ticker>> SubscribeTicker(string instrument, string interval = "100ms")
    {
        var channel = ChannelName.Of(ChannelKind.Ticker, instrument, interval);
        return Stream(channel, JsonPayloadCodec<Ticker>.Instance, () => new MessageTracker<Ticker>(channel, _epochs));
    }

    /// <inheritdoc/>
    public IObservable<ChannelMessage<IReadOnlyList<Trade>>> SubscribeTrades(string instrument, string interval = "100ms")
    {
        var channel = ChannelName.Of(ChannelKind.Trades, instrument, interval);
        return Stream(channel, JsonPayloadCodec<IReadOnlyList<Trade>>.Instance, () => new MessageTracker<IReadOnlyList<Trade>>(channel, _epochs));
    }

    /// <summary>Releases every channel at the gateway, completes <see cref="States"/> and closes the NATS connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _background.ConfigureAwait(false);
            await _statusAsks.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _nats.ConnectionDisconnected -= OnNatsDisconnected;
        _nats.ConnectionOpened -= OnNatsOpened;
        await _nats.DisposeAsync().ConfigureAwait(false);
        _states.OnNext(new AdapterState(AdapterStatus.Stopped, _options.TimeProvider.GetUtcNow()) { Epoch = _epochs.Current, Reason = "disposed" });
        _states.OnCompleted();
        _states.Dispose();
        _stop.Dispose();
    }

    private IObservable<ChannelMessage<T>> Stream<T>(string channel, IPayloadCodec<T> codec, Func<IStreamTracker<T>> tracker) =>
        Observable.Create<ChannelMessage<T>>((observer, cancellationToken) => RunStreamAsync(channel, codec, tracker(), observer, cancellationToken));

    /// <summary>
    /// One subscriber's stream: subscribe to the channel's subject first (so nothing published after the gateway's
    /// answer is missed), then ask the gateway, then read; messages that arrive while asking wait in the subscription.
    /// </summary>
    private async Task RunStreamAsync<T>(string channel, IPayloadCodec<T> codec, IStreamTracker<T> tracker, IObserver<ChannelMessage<T>> observer, CancellationToken cancellationToken)
    {
        _demand.Acquire(channel);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            var token = linked.Token;
            var subscription = new ChannelSubscription(_nats, _subjects.Data(channel), _options.PendingCapacity);
            try
            {
                await _nats.AddSubAsync(subscription, token).ConfigureAwait(false);
                using var ending = token.UnsafeRegister(static (s, t) => ((ChannelSubscription)s!).End(new OperationCanceledException(t)), subscription);
                var output = new List<ChannelMessage<T>>();
                var records = new List<GatewayEnvelope<T>>();
                while (true)
                {
                    if (tracker.NeedsSubscribe)
                    {
                        tracker.OnSubscribed(await SubscribeAtGatewayAsync(channel, token).ConfigureAwait(false), output);
                        Emit(output, observer);
                        continue;
                    }

                    var data = await subscription.NextAsync().ConfigureAwait(false);
                    if (ReaderThreadConnection.InReadLoop)
                    {
                        // Resumed inside NATS.Net's read loop (not by a delivery): the observer must not hold the connection.
                        await Task.Yield();
                    }

                    records.Clear();
                    if (TryDecode(data, codec, channel, records))
                    {
                        // Record by record, so what came before an error record is delivered before the error ends the
                        // stream; a hole in the middle of a batch makes the tracker ignore the rest until it has asked again.
                        foreach (var record in records)
                        {
                            tracker.OnMessage(record, output);
                            Emit(output, observer);
                        }
                    }
                }
            }
            finally
            {
                await subscription.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The consumer was disposed under a live subscriber: its stream completes, as a disposed adapter's does.
        }
        finally
        {
            if (_demand.Release(channel))
            {
                await ReleaseAtGatewayAsync(channel).ConfigureAwait(false);
            }
        }
    }

    private static void Emit<T>(List<ChannelMessage<T>> output, IObserver<ChannelMessage<T>> observer)
    {
        foreach (var item in output)
        {
            observer.OnNext(item);
        }

        output.Clear();
    }

    /// <summary>Asks until a gateway answers; a refusal ends the stream with <see cref="GatewayStreamException"/>.</summary>
    private async Task<SubscribeReply> SubscribeAtGatewayAsync(string channel, CancellationToken cancellationToken)
    {
        var request = GatewayJson.Write(new DemandRequest(_options.ConsumerId, channel));
        while (true)
        {
            try
            {
                var answer = await _nats.RequestAsync<byte[], byte[]>(
                    _subjects.Subscribe, request, replyOpts: new NatsSubOpts { Timeout = _options.RequestTimeout }, cancellationToken: cancellationToken).ConfigureAwait(false);
                var reply = GatewayJson.Read<SubscribeReply>(answer.Data ?? []);
                return reply.Ok ? reply : throw new GatewayStreamException(channel, reply.Error ?? "refused");
            }
            catch (NatsException error)
            {
                // No gateway yet, or it did not answer in time (e.g. it is taking over): ask again.
                GatewayConsumerLog.NoAnswer(_logger, _options.ConsumerId, channel, error.Message);
            }

            await Task.Delay(_options.RetryDelay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReleaseAtGatewayAsync(string channel)
    {
        if (Volatile.Read(ref _disposed) == 1 && _nats.ConnectionState != NatsConnectionState.Open)
        {
            return;
        }

        try
        {
            // Best effort: if it is lost, the lease runs out instead.
            await _nats.PublishAsync(_subjects.Unsubscribe, GatewayJson.Write(new DemandRequest(_options.ConsumerId, channel))).ConfigureAwait(false);
        }
        catch (Exception error) when (error is NatsException or ObjectDisposedException or OperationCanceledException)
        {
            GatewayConsumerLog.NoAnswer(_logger, _options.ConsumerId, channel, error.Message);
        }
    }

    /// <summary>A message that does not decode is logged and skipped; for a book the next one shows the hole and resynchronises.</summary>
    private T? TryRead<T>(byte[] data, string subject)
        where T : class
    {
        try
        {
            return GatewayJson.Read<T>(data);
        }
        catch (System.Text.Json.JsonException error)
        {
            GatewayConsumerLog.Undecodable(_logger, _options.ConsumerId, subject, error.Message);
            return null;
        }
    }

    /// <summary>A message that does not decode is logged and skipped; for a book the next one shows the hole and resynchronises.</summary>
    private bool TryDecode<T>(byte[] data, IPayloadCodec<T> codec, string channel, List<GatewayEnvelope<T>> records)
    {
        try
        {
            GatewayRecords.Decode(data, codec, records);
            return true;
        }
        catch (FormatException error)
        {
            GatewayConsumerLog.Undecodable(_logger, _options.ConsumerId, channel, error.Message);
            records.Clear();
            return false;
        }
    }

    private async Task RenewLeasesAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var channels = _demand.Channels();
            if (channels.Count > 0)
            {
                try
                {
                    await _nats.PublishAsync(_subjects.Lease, GatewayJson.Write(new LeaseRenewal(_options.ConsumerId, channels)), cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (NatsException error)
                {
                    GatewayConsumerLog.NoAnswer(_logger, _options.ConsumerId, "lease", error.Message);
                }
            }

            // The interval, or sooner when another gateway has taken over: it learns this consumer's demand at once.
            var renewNow = Volatile.Read(ref _renewNow).Task;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(_options.LeaseInterval, _options.TimeProvider, wait.Token);
            if (await Task.WhenAny(delay, renewNow).ConfigureAwait(false) == renewNow)
            {
                Interlocked.Exchange(ref _renewNow, NewSignal());
            }

            await wait.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
