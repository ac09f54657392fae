using System.Reactive.Linq;
using System.Text.Json;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// One underlying connection, from arrival to end: it reads the connection's frames from the first (created as the
/// connection arrives, before its receive loop starts, so nothing is missed), restores the state the exchange forgot
/// (heartbeat, authentication, cancel-on-disconnect, subscriptions, in that order), emits the live
/// <see cref="DeribitSession"/>, and errors when the connection ends. It is the restore <c>Supervise</c> runs per
/// connection: a failed step ends it with the step's error, which aborts the connection, and the supervised connection
/// stream's retry brings the next one.
/// Notifications are routed from the first frame on, so data that arrives while the restore is still running is kept.
/// </summary>
internal sealed class SessionRunner : IChannelSink, IDisposable
{
    private readonly AdapterContext _context;
    private readonly JsonRpcSession _rpc;
    private readonly IDisposable _notifications;
    private readonly HeartbeatWatchdog _heartbeat;
    private readonly SessionAuth? _auth;
    private readonly SubscriptionSync _sync;
    private readonly TaskCompletionSource<Exception> _end = new();
    private readonly SupervisedConnection _supervised;
    private volatile bool _subscriptionsRestoring;
    private Task? _testAnswer;
    private Task? _liveSync;

    public SessionRunner(AdapterContext context, SupervisedConnection supervised)
    {
        _context = context;
        _supervised = supervised;
        Connection = supervised.Connection;
        Epoch = supervised.Epoch;
        Attempt = supervised.Attempt;
        var connection = supervised.Connection;
        _rpc = new JsonRpcSession(connection, context.Rpc, channels: this);
        _heartbeat = new HeartbeatWatchdog(connection, context.Scheduler, context.Options.HeartbeatInterval, context.Logger);
        _auth = context.Options.Credentials is { } credentials ? new SessionAuth(this, credentials, context) : null;
        _sync = new SubscriptionSync(this, context);
        _notifications = _rpc.Notifications.Subscribe(OnNotification, error => _end.TrySetResult(error), OnClosed);
    }

    public IConnection Connection { get; }

    public int Epoch { get; }

    /// <summary>The attempt that opened the connection, for the states.</summary>
    public int Attempt { get; }

    /// <summary>The session, once live.</summary>
    public DeribitSession? Session { get; private set; }

    public int PendingCalls => _rpc.PendingCount;

    public long SkippedMessages => _rpc.SkippedMessages;

    /// <summary>The last answer to a test_request, for tests; it never faults.</summary>
    internal Task? LastTestAnswer => _testAnswer;

    /// <summary>The last live subscription change being watched, for tests; it never faults.</summary>
    internal Task? LastLiveSync => _liveSync;

    internal SessionAuth? Auth => _auth;

    /// <summary>The restore, then the live session until the connection ends (as an error, always: the adapter reconnects).</summary>
    public IObservable<DeribitSession> Run() => ObservableAsync.Create<DeribitSession>(RunAsync);

    /// <summary>
    /// A call on this connection, paid for under the rate limit. A 10028 backs off (every credit spent, so what follows
    /// waits for the refill) and retries once; a 13009 on a private method authenticates again and retries once.
    /// </summary>
    public async Task<JsonElement> CallAsync(string method, object? parameters, CancellationToken cancellationToken)
    {
        await _context.Limiter.AcquireAsync(method, cancellationToken).ConfigureAwait(false);
        try
        {
            return await _rpc.CallAsync(method, parameters, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonRpcException limited) when (limited.Code == DeribitErrorCodes.TooManyRequests)
        {
            DeribitLog.RateLimited(_context.Logger, Connection.Id, method);
            _context.Limiter.BackOff();
        }
        catch (JsonRpcException unauthorized) when (unauthorized.Code == DeribitErrorCodes.Unauthorized && _auth is not null
            && method.StartsWith("private/", StringComparison.Ordinal))
        {
            DeribitLog.Reauthenticating(_context.Logger, Connection.Id, method);
            await _auth.ReauthenticateAsync(cancellationToken).ConfigureAwait(false);
        }

        await _context.Limiter.AcquireAsync(method, cancellationToken).ConfigureAwait(false);
        return await _rpc.CallAsync(method, parameters, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The wanted channels changed: bring this connection up to date, once its restore has reached the subscriptions.</summary>
    public void OnWantedChanged()
    {
        if (_subscriptionsRestoring)
        {
            Observe(_sync.SyncAsync());
        }
    }

    /// <summary>Unsubscribes and subscribes <paramref name="channel"/> again, for a fresh book snapshot.</summary>
    public void Resync(string channel) => Observe(_sync.ResyncAsync(channel));

    public void Dispose()
    {
        _notifications.Dispose();
        _heartbeat.Dispose();
        _auth?.Dispose();
        _rpc.Dispose();
        _context.End(this);

        // Lets a RunAsync that still waits for the end finish, after Rx has stopped listening.
        _end.TrySetResult(new ObjectDisposedException(nameof(SessionRunner)));
    }

    private async Task RunAsync(IObserver<DeribitSession> observer, CancellationToken cancellation)
    {
        _context.Begin(this);
        _context.States.MoveTo(AdapterStatus.Restoring, s => s with
        {
            Epoch = Epoch,
            ConnectionId = Connection.Id,
            Attempt = Attempt,
            Reason = $"connected; restoring {RestoreSteps()}",
        });
        DeribitLog.Restoring(_context.Logger, Connection.Id, Epoch);

        await StepAsync("heartbeat", "public/set_heartbeat", () => CallAsync(
            "public/set_heartbeat",
            DeribitJson.Params(new HeartbeatParams(_context.Options.HeartbeatInterval.TotalSeconds), DeribitJson.Default.HeartbeatParams),
            cancellation)).ConfigureAwait(false);
        _heartbeat.Start();

        if (_auth is not null)
        {
            await StepAsync("auth", "public/auth", () => _auth.AuthenticateAsync(cancellation)).ConfigureAwait(false);
        }

        var scope = _context.Options.CancelOnDisconnect;
        if (scope != CancelOnDisconnectScope.Off)
        {
            await StepAsync("cancel-on-disconnect", "private/enable_cancel_on_disconnect", () => CallAsync(
                "private/enable_cancel_on_disconnect",
                DeribitJson.Params(new CancelOnDisconnectParams(scope == CancelOnDisconnectScope.Account ? "account" : "connection"), DeribitJson.Default.CancelOnDisconnectParams),
                cancellation)).ConfigureAwait(false);
        }

        _subscriptionsRestoring = true;
        await StepAsync("subscribe", "subscribe", _sync.SyncAsync).ConfigureAwait(false);

        Session = new DeribitSession
        {
            Epoch = Epoch,
            ConnectionId = Connection.Id,
            ConnectedAt = Connection.ConnectedAt,
            LiveAt = _context.Scheduler.Now,
            IsAuthenticated = _auth?.IsAuthenticated ?? false,
            CancelOnDisconnect = scope,
            Channels = _sync.OnServer,
        };
        _context.States.MoveTo(AdapterStatus.Live, s => s with
        {
            Epoch = Epoch,
            ConnectionId = Connection.Id,
            Attempt = Attempt,
            Reason = $"restored in {Session.RestoreDuration.TotalMilliseconds:0.#} ms with {Session.Channels.Count} channels",
        });
        DeribitLog.Live(_context.Logger, Connection.Id, Epoch, Session.Channels.Count, Session.RestoreDuration.TotalMilliseconds);
        observer.OnNext(Session);

        throw await _end.Task.ConfigureAwait(false);
    }

    /// <summary>What this restore will do, for the state's reason.</summary>
    private string RestoreSteps()
    {
        var steps = new List<string> { "heartbeat" };
        if (_auth is not null)
        {
            steps.Add("authentication");
        }

        if (_context.Options.CancelOnDisconnect != CancelOnDisconnectScope.Off)
        {
            steps.Add("cancel-on-disconnect");
        }

        steps.Add("subscriptions");
        return string.Join(", ", steps);
    }

    /// <summary>One restore step, in its span (named <paramref name="trace"/>) and logged as <paramref name="step"/>.</summary>
    private async Task StepAsync(string trace, string step, Func<Task> run)
    {
        try
        {
            await _supervised.RunRestoreStepAsync(trace, run).ConfigureAwait(false);
            DeribitLog.StepDone(_context.Logger, Connection.Id, step);
        }
        catch (Exception error)
        {
            DeribitLog.StepFailed(_context.Logger, Connection.Id, step, error.Message);
            throw;
        }
    }

    /// <summary>A channel message's data as bytes: typed subscribers decode them, raw ones get a checked copy (see <see cref="ChannelData"/>).</summary>
    bool IChannelSink.TryTakeChannelMessage(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> data) =>
        _context.Subscriptions.TryDeliver(channel, data, Epoch, Connection.Id, _context.Scheduler);

    /// <summary>A channel message of the usual shape, which the session hands over without a document of its envelope.</summary>
    void IChannelSink.OnChannelMessage(ReadOnlySpan<byte> channel, JsonElement data) =>
        _context.Subscriptions.Deliver(channel, data, Epoch, Connection.Id, _context.Scheduler.Now);

    private void OnNotification(JsonRpcNotification notification)
    {
        switch (notification.Method)
        {
            // Every subscription notification the channel sink above declined: the same delivery, from the document.
            case "subscription":
                if (notification.Params.ValueKind == JsonValueKind.Object
                    && notification.Params.TryGetProperty("channel"u8, out var channel) && channel.ValueKind == JsonValueKind.String
                    && notification.Params.TryGetProperty("data"u8, out var data))
                {
                    _context.Subscriptions.Deliver(channel, data, Epoch, Connection.Id, _context.Scheduler.Now);
                }

                break;

            case "heartbeat":
                _heartbeat.Beat();
                if (notification.Params.ValueKind == JsonValueKind.Object
                    && notification.Params.TryGetProperty("type"u8, out var type) && type.ValueEquals("test_request"u8))
                {
                    _testAnswer = AnswerTestRequestAsync();
                }

                break;
        }
    }

    /// <summary>Proves life with <c>public/test</c>, past the rate limit: a late answer would end the connection.</summary>
    private async Task AnswerTestRequestAsync()
    {
        try
        {
            await _rpc.CallAsync("public/test").ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed answer is the heartbeat's problem: the exchange closes the connection, and the adapter reconnects.
        catch (Exception error)
#pragma warning restore CA1031
        {
            DeribitLog.TestRequestFailed(_context.Logger, Connection.Id, error.Message);
        }
    }

    private void OnClosed() =>
        _end.TrySetResult(new ConnectionClosedException(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "the exchange closed the connection") { ConnectionId = Connection.Id });

    private void Observe(Task sync)
    {
        if (!sync.IsCompletedSuccessfully)
        {
            _liveSync = ObserveAsync(sync);
        }
    }

    /// <summary>A live subscription change that failed for any reason but a refusal leaves the connection out of step: end it, and the restore replays every channel.</summary>
    private async Task ObserveAsync(Task sync)
    {
        try
        {
            await sync.ConfigureAwait(false);
        }
        catch (Exception ended) when (ended is ConnectionLostException or NotConnectedException)
        {
            // The connection is gone already; the next one restores everything.
        }
#pragma warning disable CA1031 // See the summary.
        catch (Exception error)
#pragma warning restore CA1031
        {
            DeribitLog.SyncFailed(_context.Logger, Connection.Id, error.Message);
            Connection.Abort(new ConnectionLostException($"A subscription change failed: {error.Message}", error) { ConnectionId = Connection.Id });
        }
    }
}
