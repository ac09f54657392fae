using System.Reactive.Linq;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Deribit over one reconnecting WebSocket: the supervised pattern. The client's own retry is switched off, so this is
/// the one layer that reconnects; on every new connection the adapter restores what the exchange forgot (heartbeat,
/// authentication, cancel-on-disconnect, every wanted subscription, in that order) before its streams carry data again.
/// Every stream is a view of one shared pipeline: the first subscriber connects, the last one to leave disconnects.
/// </summary>
/// <example>
/// <code>
/// using var adapter = new DeribitAdapter(new DeribitOptions { Credentials = new() { ClientId = id, ClientSecret = secret } });
/// using var mid = adapter.SubscribeTicker("BTC-PERPETUAL")
///     .Select(t => (t.Data.BestBidPrice + t.Data.BestAskPrice) / 2)
///     .Subscribe(Console.WriteLine);
/// </code>
/// </example>
public sealed partial class DeribitAdapter : IDeribitMarketData, IDisposable
{
    private readonly DeribitOptions _options;
    private readonly ILogger _logger;
    private readonly string _endpoint;
    private readonly WebSocketClient _client;
    private readonly AdapterStateMachine _states;
    private readonly AdapterContext _context;
    private readonly SharedObservable<DeribitSession> _sessions;
    private readonly IObservable<DeribitSession> _liveSessions;
    private readonly IObservable<AdapterState> _deliveredStates;
    private readonly Func<string> _connectionIdForLog;
    private int _reconnects;
    private int _epochAtLastRetry;
    private int _disposed;
    private DeribitSession? _lastLive;

    /// <summary>Creates an adapter; nothing connects until something subscribes.</summary>
    /// <param name="options">The options; a copy is taken.</param>
    /// <exception cref="InvalidOptionsException">The options break one or more rules (all are listed).</exception>
    public DeribitAdapter(DeribitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Copy();
        var scheduler = _options.Scheduler;
        _logger = _options.LoggerFactory.CreateLogger<DeribitAdapter>();
        _endpoint = LogSafe.Endpoint(_options.Url);
        _states = new AdapterStateMachine(scheduler);
        _client = new WebSocketClient(_options.Url, _options.ToClientOptions());
        _context = new AdapterContext
        {
            Options = _options,
            Scheduler = scheduler,
            Logger = _logger,
            Subscriptions = new SubscriptionRegistry(() => _context?.Current?.OnWantedChanged()),
            Limiter = new CreditLimiter(_options.RateLimits, scheduler),
            States = _states,
            Rpc = new JsonRpcOptions { RequestTimeout = _options.RequestTimeout, Scheduler = scheduler, LoggerFactory = _options.LoggerFactory },
        };
        // The latest session is replayed so that a subscriber who joins while it is live still sees it; the filter
        // drops it once its connection has ended (a new session is always the current one when it is handed out).
        _sessions = new SharedObservable<DeribitSession>(BuildPipeline(), replayLatest: true);
        _liveSessions = _sessions.Where(session => ReferenceEquals(CurrentSession, session));
        _connectionIdForLog = () => _context.Current?.Connection.Id ?? "-";
        _deliveredStates = _states.States.DeliverOn(
            new DeliveryOptions { Name = "States", Policy = _options.Delivery.States, Logger = _logger, ConnectionId = _connectionIdForLog },
            scheduler);
    }

    /// <summary>The options the adapter runs with.</summary>
    public DeribitOptions Options => _options;

    /// <summary>
    /// Each element is one new underlying connection after its restore. Subscribing connects (like subscribing to any
    /// channel); a subscriber that joins while a session is live gets that one first, and one that joins while the
    /// adapter connects or restores gets the next. The sequence errors only when the adapter gives up (invalid
    /// credentials, attempts exhausted).
    /// </summary>
    public IObservable<DeribitSession> Connections => _liveSessions;

    /// <summary>
    /// The lifecycle, replaying the current state; subscribing does not connect. Each subscriber gets every transition
    /// in order from its own queue (<see cref="DeribitDeliveryOptions.States"/>), outside the adapter's locks; one that
    /// throws is logged with the connection id and cut off, and the adapter carries on.
    /// </summary>
    public IObservable<AdapterState> States => _deliveredStates;

    /// <summary>The current state.</summary>
    public AdapterState CurrentState => _states.Current;

    /// <summary>The live session, or <see langword="null"/> while connecting, restoring or reconnecting.</summary>
    public DeribitSession? CurrentSession => LiveRunner()?.Session;

    /// <summary>Figures for a dashboard, read now.</summary>
    public AdapterHealth Health
    {
        get
        {
            var runner = _context.Current;
            var session = runner?.Session;
            return new AdapterHealth
            {
                Epoch = session?.Epoch ?? 0,
                Reconnects = Volatile.Read(ref _reconnects),
                LastRestoreDuration = _lastLive?.RestoreDuration,
                LastLiveAt = _lastLive?.LiveAt,
                PendingCalls = runner?.PendingCalls ?? 0,
                SkippedMessages = _context.SkippedMessages,
                DecodeFailures = _context.DecodeFailures,
                WantedChannels = _context.Subscriptions.Count,
            };
        }
    }

    /// <summary>
    /// Calls any method on the live connection. The reply's <c>result</c> is returned; an error reply throws
    /// <see cref="JsonRpcException"/> with the exchange's code. Private methods answered 13009 authenticate again and
    /// are retried once; a 10028 backs off and is retried once.
    /// </summary>
    /// <param name="method">The method, e.g. <c>public/get_time</c>.</param>
    /// <param name="parameters">The params: an object (serialized as written), a <see cref="JsonElement"/>, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="NotConnectedException">The adapter is not live; nothing was sent (nothing is queued for the next connection).</exception>
    /// <exception cref="ConnectionLostException">The connection ended before the reply.</exception>
    /// <exception cref="JsonRpcTimeoutException">No reply within <see cref="DeribitOptions.RequestTimeout"/>.</exception>
    /// <exception cref="RateLimitExceededException">Too many requests are waiting for rate-limit credits.</exception>
    public Task<JsonElement> CallAsync(string method, object? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        return LiveRunner() is { } runner
            ? runner.CallAsync(method, parameters, cancellationToken)
            : Task.FromException<JsonElement>(new NotConnectedException($"The adapter is not live ({CurrentState.Status}); {method} was not sent."));
    }

    /// <summary>Closes the connection, completes every stream, and stops for good.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _sessions.Dispose();
        _context.Subscriptions.CompleteAll();
        _client.Dispose();
        _context.Limiter.Dispose();
        _states.TryMoveTo(AdapterStatus.Stopped, s => s with { Reason = "disposed" });
        _states.Dispose();
    }

    private SessionRunner? LiveRunner() => _context.Current is { Session: not null } runner ? runner : null;

    /// <summary>
    /// The shared pipeline: the client's single attempts, supervised. Each new connection gets a
    /// <see cref="SessionRunner"/> that restores it and then runs it; the operator owns attempt numbers and epochs, one
    /// set per subscription.
    /// </summary>
    private IObservable<DeribitSession> BuildPipeline() => Observable.Defer(() =>
    {
        // Whether this subscription's pipeline ended by itself (a fault); only a teardown from outside moves to Stopped.
        var ended = false;
        var supervision = new SupervisionOptions
        {
            Backoff = _options.Backoff,
            ShouldRetry = ShouldRetry,
            OnConnecting = OnConnecting,
            OnRetry = OnRetry,
        };

        return _client.ConnectOnce()
            .Supervise(c => Observable.Using(() => new SessionRunner(_context, c), runner => runner.Run()), supervision, _options.Scheduler)
            .Do(OnLive, error =>
            {
                ended = true;
                OnGaveUp(error);
            })
            .Finally(() =>
            {
                // The shared observable starts no new pipeline before this teardown has finished, so this move
                // cannot land after a new subscriber's first state.
                if (!ended)
                {
                    var reason = Volatile.Read(ref _disposed) == 1 ? "disposed" : "no subscribers";
                    _states.TryMoveTo(AdapterStatus.Stopped, s => s with { Reason = reason });
                }
            });
    });

    private static bool ShouldRetry(Exception error) => error is not DeribitAuthenticationException && TransientErrors.IsTransient(error);

    private void OnConnecting(SupervisionAttempt attempt)
    {
        _states.MoveTo(AdapterStatus.Connecting, s => s with { Epoch = attempt.Epoch, Attempt = attempt.Attempt, Reason = $"opening handshake (attempt {attempt.Attempt})" });
        DeribitLog.Connecting(_logger, _endpoint, attempt.Attempt);
    }

    private void OnLive(DeribitSession session) => _lastLive = session;

    private void OnRetry(SupervisionRetry supervised)
    {
        // A reconnect is counted once per connection lost: the refused handshakes that may follow it are the same reconnect.
        if (Interlocked.Exchange(ref _epochAtLastRetry, supervised.Epoch) != supervised.Epoch)
        {
            Interlocked.Increment(ref _reconnects);
        }

        var retry = supervised.Retry;
        DeribitLog.Reconnecting(_logger, supervised.ConnectionId ?? "-", retry.Delay.TotalMilliseconds, retry.Attempt, retry.Error.Message);
        _states.MoveTo(AdapterStatus.Reconnecting, s => s with
        {
            Epoch = supervised.Epoch,
            ConnectionId = supervised.ConnectionId,
            Attempt = supervised.NextAttempt,
            NextAttemptIn = retry.Delay,
            Error = retry.Error,
            Reason = RetryReason.Describe(retry),
        });
    }

    private void OnGaveUp(Exception error)
    {
        DeribitLog.GaveUp(_logger, error.Message);
        _states.TryMoveTo(AdapterStatus.Faulted, s => s with { Error = error, Reason = error.Message });
    }
}
