using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// Shares one adapter session with many consumer processes through NATS. Consumers ask for channels (request/reply on
/// <see cref="GatewaySubjects.Subscribe"/>) and renew a lease; a channel is subscribed at the exchange while at least
/// one consumer with a live lease wants it, and the last one leaving (or expiring) unsubscribes it. Each channel's
/// messages are numbered and published on <see cref="GatewaySubjects.Data"/>; for a book the gateway keeps the current
/// book, which a subscribe's reply carries, so a consumer starting at any moment gets snapshot + every change after it.
/// </summary>
public sealed partial class MarketDataGateway
{
    private readonly IDeribitMarketData _adapter;
    private readonly GatewayOptions _options;
    private readonly GatewaySubjects _subjects;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly DemandTable _demand;
    private readonly Dictionary<string, ChannelFeed> _feeds = new(StringComparer.Ordinal);
    private readonly OutboundQueue _outbound;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GatewayStatus _status;

    /// <summary>Raised (outside the gate) after demand was applied; tests await conditions on it instead of polling.</summary>
    internal event Action? DemandApplied;

    /// <summary>Raised after <see cref="Role"/> changed.</summary>
    internal event Action? RoleChanged;
    private int _generation;
    private int _role = (int)GatewayRole.Standby;

    /// <summary>Creates a gateway over an adapter (or anything with its streams); nothing runs until <see cref="RunAsync"/>.</summary>
    /// <param name="adapter">The one exchange session to share.</param>
    /// <param name="options">The options; a copy is taken.</param>
    /// <exception cref="InvalidOptionsException">The options break one or more rules (all are listed).</exception>
    public MarketDataGateway(IDeribitMarketData adapter, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _adapter = adapter;
        _options = options.Copy();
        _subjects = new GatewaySubjects(_options.SubjectPrefix);
        _logger = _options.LoggerFactory.CreateLogger<MarketDataGateway>();
        _demand = new DemandTable(_options.LeaseTimeout);
        GatewayId = $"gw-{Guid.NewGuid():N}"[..15];
        _outbound = new OutboundQueue(_options.OutboundCapacity, _options.TimeProvider, GatewayId, _logger);
        _status = new GatewayStatus(GatewayId, AdapterStatus.Stopped, 0, "starting", _options.TimeProvider.GetUtcNow());
    }

    /// <summary>This gateway instance's id, in every message it publishes and every log line.</summary>
    public string GatewayId { get; }

    /// <summary>The subjects it serves.</summary>
    public GatewaySubjects Subjects => _subjects;

    /// <summary>Completes once the gateway is connected to NATS (active or standby).</summary>
    public Task Ready => _ready.Task;

    /// <summary>Whether it serves consumers now.</summary>
    public GatewayRole Role => (GatewayRole)Volatile.Read(ref _role);

    /// <summary>The channels subscribed at the exchange now, because some consumer wants them.</summary>
    public IReadOnlyCollection<string> ActiveChannels
    {
        get
        {
            lock (_gate)
            {
                return [.. _feeds.Keys];
            }
        }
    }

    /// <summary>How many consumers hold a lease now.</summary>
    public int ConsumerCount
    {
        get
        {
            lock (_gate)
            {
                return _demand.ConsumerCount;
            }
        }
    }

    /// <summary>Messages dropped at the gateway (queue full or publish failed); consumers resynchronise after each.</summary>
    public long DroppedMessages => _outbound.Dropped;

    /// <summary>Messages handed to NATS.</summary>
    public long PublishedMessages => _outbound.Published;

    /// <summary>
    /// Connects to NATS (retrying until it is there) and, once active (at once without election, else when it holds the
    /// leader key), serves consumers and publishes until cancelled or until it loses the key; then it unsubscribes
    /// every channel it held and waits to lead again. NATS connection losses are ridden out by the NATS client's own
    /// reconnect.
    /// </summary>
    /// <param name="cancellationToken">Stops the gateway.</param>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var nats = new NatsConnection(new NatsOpts
        {
            Url = _options.NatsUrl,
            Name = GatewayId,
            RetryOnInitialConnect = true,
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(100),
            ReconnectWaitMax = TimeSpan.FromSeconds(1),
            LoggerFactory = _options.LoggerFactory,
        });
        await using (nats.ConfigureAwait(false))
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var states = _adapter.States.Subscribe(OnAdapterState);
            try
            {
                await nats.ConnectAsync().ConfigureAwait(false);
                GatewayLog.Started(_logger, GatewayId, _options.NatsUrl, _subjects.Prefix);
                _ready.TrySetResult();
                var outbound = _outbound.RunAsync(nats, stop.Token);
                var lead = _options.LeaderTtl is { } ttl ? ElectAsync(nats, ttl, stop.Token) : TermAsync(nats, stop.Token);
                // Either loop ending is the end of the gateway: stop the other and report why.
                var first = await Task.WhenAny(outbound, lead).ConfigureAwait(false);
                await stop.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(outbound, lead).ConfigureAwait(false);
                await first.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped by the caller.
            }
        }
    }

    /// <summary>One period as the active gateway: serve until <paramref name="cancellationToken"/> ends it, then let go of everything.</summary>
    private async Task TermAsync(NatsConnection nats, CancellationToken cancellationToken)
    {
        using var term = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loops = new List<Task>();
        try
        {
            loops.Add(await ServeAsync(nats, _subjects.Subscribe, HandleSubscribe, term.Token).ConfigureAwait(false));
            loops.Add(await ServeAsync(nats, _subjects.Unsubscribe, HandleUnsubscribe, term.Token).ConfigureAwait(false));
            loops.Add(await ServeAsync(nats, _subjects.Lease, HandleLease, term.Token).ConfigureAwait(false));
            loops.Add(await ServeAsync(nats, _subjects.StatusRequest, HandleStatusRequest, term.Token).ConfigureAwait(false));
            loops.Add(SweepAsync(term.Token));
            // A round trip, so the server has registered every subscription above before anyone is told to ask.
            await nats.PingAsync(term.Token).ConfigureAwait(false);
            SetRole(GatewayRole.Active);
            var first = await Task.WhenAny(loops).ConfigureAwait(false);
            await first.ConfigureAwait(false);
        }
        finally
        {
            await term.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(loops).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The loops end by cancellation.
            }

            EndTerm();
        }
    }

    private async Task<Task> ServeAsync(NatsConnection nats, string subject, Func<byte[], byte[]?> handle, CancellationToken cancellationToken)
    {
        // Subscribed here, before the gateway says it is ready; the loop that reads it runs on.
        var subscription = await nats.SubscribeCoreAsync<byte[]>(subject, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ReadAsync();

        async Task ReadAsync()
        {
            await using (subscription.ConfigureAwait(false))
            {
                await foreach (var message in subscription.Msgs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    byte[]? reply;
                    try
                    {
                        reply = handle(message.Data ?? []);
                    }
                    catch (System.Text.Json.JsonException error)
                    {
                        GatewayLog.BadRequest(_logger, GatewayId, subject, error.Message);
                        reply = GatewayJson.Write(new SubscribeReply { Ok = false, GatewayId = GatewayId, Error = "the request is not valid JSON of the expected shape" });
                    }

                    if (reply is not null && message.ReplyTo is not null)
                    {
                        await message.ReplyAsync(reply, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    private byte[] HandleSubscribe(byte[] data)
    {
        var request = GatewayJson.Read<DemandRequest>(data);
        if (Refusal(request) is { } refusal)
        {
            GatewayLog.BadRequest(_logger, GatewayId, _subjects.Subscribe, refusal);
            return GatewayJson.Write(new SubscribeReply { Ok = false, GatewayId = GatewayId, Error = refusal });
        }

        SubscribeReply reply;
        lock (_gate)
        {
            Apply(_demand.Add(request.ConsumerId, request.Channel, _options.TimeProvider.GetUtcNow()));
            reply = _feeds[request.Channel].Snapshot();
        }

        DemandApplied?.Invoke();

        return GatewayJson.Write(reply);
    }

    private byte[] HandleUnsubscribe(byte[] data)
    {
        var request = GatewayJson.Read<DemandRequest>(data);
        lock (_gate)
        {
            Apply(_demand.Remove(request.ConsumerId, request.Channel, _options.TimeProvider.GetUtcNow()));
        }

        DemandApplied?.Invoke();

        return GatewayJson.Write(new SubscribeReply { Ok = true, GatewayId = GatewayId });
    }

    private byte[]? HandleLease(byte[] data)
    {
        var lease = GatewayJson.Read<LeaseRenewal>(data);
        if (string.IsNullOrEmpty(lease.ConsumerId))
        {
            return null;
        }

        // A channel that is not one the gateway carries was refused at subscribe; it is ignored here.
        var channels = (lease.Channels ?? []).Where(static c => ChannelName.TryParse(c, out _)).ToList();
        lock (_gate)
        {
            Apply(_demand.Renew(lease.ConsumerId, channels, _options.TimeProvider.GetUtcNow()));
        }

        DemandApplied?.Invoke();

        return null;
    }

    private byte[] HandleStatusRequest(byte[] data) => GatewayJson.Write(Volatile.Read(ref _status));

    private static string? Refusal(DemandRequest request) =>
        string.IsNullOrEmpty(request.ConsumerId) ? "consumerId is required"
        : !ChannelName.TryParse(request.Channel, out _) ? $"'{request.Channel}' is not a channel the gateway carries (book.I.N, ticker.I.N or trades.I.N)"
        : null;

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var every = _options.LeaseTimeout / 4;
        while (true)
        {
            await Task.Delay(every, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                Apply(_demand.Expire(_options.TimeProvider.GetUtcNow()));
            }

            DemandApplied?.Invoke();
        }
    }

    /// <summary>Subscribes and unsubscribes at the exchange as demand crossed zero; called under the gate.</summary>
    private void Apply(DemandChange change)
    {
        foreach (var channel in change.Stopped)
        {
            if (_feeds.Remove(channel, out var feed))
            {
                GatewayLog.ChannelStopped(_logger, GatewayId, channel);
                feed.Dispose();
            }
        }

        foreach (var channel in change.Started)
        {
            if (!ChannelName.TryParse(channel, out var name))
            {
                continue; // Requests are checked before they reach the table; this keeps a bad name from ever subscribing.
            }

            var source = $"{GatewayId}/{++_generation}";
            GatewayLog.ChannelStarted(_logger, GatewayId, channel);
            _feeds[channel] = new ChannelFeed(name, _subjects.Data(channel), GatewayId, source, _outbound, _adapter, _logger);
        }
    }

    /// <summary>Stepping down: every channel is released at the exchange and demand is forgotten (the next active gateway learns it from leases).</summary>
    private void EndTerm()
    {
        lock (_gate)
        {
            foreach (var feed in _feeds.Values)
            {
                feed.Dispose();
            }

            _feeds.Clear();
            _demand.Clear();
        }

        SetRole(GatewayRole.Standby);
        DemandApplied?.Invoke();
    }

    private void OnAdapterState(AdapterState state)
    {
        var status = new GatewayStatus(GatewayId, state.Status, state.Epoch, state.Reason, state.Timestamp);
        Volatile.Write(ref _status, status);
        if (Role == GatewayRole.Active)
        {
            _outbound.Enqueue(_subjects.Status, GatewayJson.Write(status));
        }
    }

    private void SetRole(GatewayRole role)
    {
        if (Interlocked.Exchange(ref _role, (int)role) == (int)role)
        {
            return;
        }

        GatewayLog.RoleChanged(_logger, GatewayId, role);
        if (role == GatewayRole.Active)
        {
            // Consumers that see a new gateway's status renew their leases at once: demand arrives without waiting an interval.
            _outbound.Enqueue(_subjects.Status, GatewayJson.Write(Volatile.Read(ref _status)));
        }

        RoleChanged?.Invoke();
    }
}
