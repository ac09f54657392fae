using System.Reactive.Disposables;
using System.Reactive.Linq;
using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx;

/// <summary>
/// A WebSocket endpoint as Rx streams: the standalone pattern. <see cref="Connections"/>, <see cref="Frames"/> and
/// <see cref="States"/> are views of one shared pipeline: the first subscription to any of them opens a socket, the
/// last disposal closes it with 1000, and there is never more than one socket at a time. With
/// <see cref="ClientOptions.ReconnectOnError"/> on, a failed or dropped connection is followed by a new one after the
/// backoff delay; every attempt opens a new socket, and nothing of a dead connection is reused.
/// </summary>
/// <example>
/// <code>
/// using var client = new WebSocketClient(new Uri("wss://test.deribit.com/ws/api/v2"));
/// using var feed = client.Frames.Where(f => f.Kind == FrameKind.Text).Subscribe(f => Console.WriteLine(f.Text));
/// </code>
/// </example>
public sealed class WebSocketClient : IDisposable
{
    private static int s_clientCount;

    private readonly ConnectionStateMachine _states;
    private readonly SharedObservable<IConnection> _connections;
    private readonly IObservable<IConnection> _openConnections;
    private readonly SharedObservable<Frame> _frames;
    private readonly GuardedObservable<Frame> _guardedFrames;
    private readonly ILogger _logger;
    private readonly string _clientId;
    private readonly string _endpoint;
    private int _connectionCount;
    private int _nextAttempt = 1;
    private int _disposed;
    private string? _attemptId;
    private IConnection? _current;

    /// <summary>Creates a client; nothing connects until something subscribes.</summary>
    /// <param name="uri">A ws:// or wss:// address.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The address is not ws:// or wss://.</exception>
    /// <exception cref="InvalidOptionsException">The options break one or more rules (all are listed).</exception>
    public WebSocketClient(Uri uri, ClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != "ws" && uri.Scheme != "wss"))
        {
            throw new ArgumentException($"A WebSocket address must be absolute and start with ws:// or wss:// (was '{uri}').", nameof(uri));
        }

        Options = options ?? new ClientOptions();
        Options.Validate();
        Uri = uri;
        _endpoint = LogSafe.Endpoint(uri);
        _logger = Options.LoggerFactory.CreateLogger<WebSocketClient>();
        _clientId = $"ws{Interlocked.Increment(ref s_clientCount)}";
        _states = new ConnectionStateMachine(Options.Scheduler);
        // The latest connection is replayed so that a stream subscribed after it opened still sees it; the filter
        // drops it once it has ended (a new connection is always open when it is handed out).
        _connections = new SharedObservable<IConnection>(BuildPipeline(), replayLatest: true);
        _openConnections = _connections.Where(static connection => connection.IsOpen);
        _frames = new SharedObservable<Frame>(new CurrentFrames(_openConnections));
        _guardedFrames = new GuardedObservable<Frame>(_frames, _logger, "Frames", ConnectionIdForLog);
    }

    /// <summary>The address connected to.</summary>
    public Uri Uri { get; }

    /// <summary>The validated options.</summary>
    public ClientOptions Options { get; }

    /// <summary>
    /// Each element is one new underlying connection. Subscribing connects; a subscriber that joins while a connection
    /// is open gets that one first. With retry on, the sequence runs until disposed or until an error no retry can fix;
    /// with retry off, it errors on the first failure after exactly one attempt, and completes when the server closes
    /// with 1000.
    /// </summary>
    public IObservable<IConnection> Connections => _openConnections;

    /// <summary>
    /// The frames of whichever connection is current, shared by all subscribers; a subscriber sees the frames that
    /// arrive after it subscribed. An exception thrown by an observer is logged; it neither ends the connection nor
    /// keeps the frame from the other subscribers.
    /// </summary>
    public IObservable<Frame> Frames => _guardedFrames;

    /// <summary>
    /// The lifecycle, replaying the current state to each new subscriber; it never errors (a final failure is the
    /// <see cref="ConnectionStatus.Faulted"/> state). Subscribing keeps the connection open like the other streams.
    /// Exceptions thrown by an observer are logged and do not affect the client.
    /// </summary>
    public IObservable<ConnectionState> States => Observable.Create<ConnectionState>(observer =>
    {
        var guarded = new GuardedObserver<ConnectionState>(observer, _logger, "States", ConnectionIdForLog);
        var states = _states.States.Subscribe(guarded);
        var pipeline = _connections.Subscribe(static _ => { }, static _ => { }, static () => { });
        return new CompositeDisposable(states, pipeline);
    });

    /// <summary>The current state.</summary>
    public ConnectionState CurrentState => _states.Current;

    /// <summary>The open connection, or <see langword="null"/> between connections.</summary>
    public IConnection? CurrentConnection => Volatile.Read(ref _current);

    /// <summary>Sends to the current connection.</summary>
    /// <param name="frame">A text, binary, ping or pong frame.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <exception cref="NotConnectedException">No connection is open; nothing is queued.</exception>
    public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken = default) =>
        CurrentConnection is { } connection
            ? connection.SendAsync(frame, cancellationToken)
            : ValueTask.FromException(new NotConnectedException());

    /// <summary>Sends a text message to the current connection.</summary>
    /// <param name="text">The message.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <exception cref="NotConnectedException">No connection is open; nothing is queued.</exception>
    public ValueTask SendTextAsync(string text, CancellationToken cancellationToken = default) =>
        SendAsync(Frame.FromText(text), cancellationToken);

    /// <summary>Closes the connection with 1000 and completes every stream. Safe to call more than once, from any thread.</summary>
    public void Dispose()
    {
        // Once only: a second caller racing the first would dispose the state machine before the pipeline's last
        // transition (Disconnected) was recorded.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _frames.Dispose();
        _connections.Dispose();
        _states.Dispose();
    }

    /// <summary>The connection a log line is about: the open one, else the last attempt's, else the client's own id.</summary>
    private string ConnectionIdForLog() => CurrentConnection?.Id ?? Volatile.Read(ref _attemptId) ?? _clientId;

    private IObservable<IConnection> BuildPipeline()
    {
        var attempts = Observable.Defer(() =>
        {
            var attempt = Volatile.Read(ref _nextAttempt);
            var id = $"{_clientId}-{Interlocked.Increment(ref _connectionCount)}";
            Volatile.Write(ref _attemptId, id);
            _states.MoveTo(ConnectionStatus.Connecting, s => s with { ConnectionId = id, Attempt = attempt, Reason = $"opening handshake (attempt {attempt})" });
            Log.Connecting(_logger, id, _endpoint, attempt);
            return ConnectionAttempt
                .Create(Uri, Options, id, _logger, serverNormalCloseCompletes: !Options.ReconnectOnError)
                .Do(OnConnected, error => OnAttemptError(id, attempt, error), OnAttemptCompleted);
        });

        var retried = Options.ReconnectOnError
            ? attempts.RetryWithBackoff(Options.Backoff, Options.Scheduler, onRetry: OnRetry)
            : attempts;

        return retried
            .Do(static _ => { }, OnGaveUp, OnEnded)
            .Finally(() =>
            {
                Volatile.Write(ref _current, null);
                Volatile.Write(ref _nextAttempt, 1);
                _states.TryMoveTo(ConnectionStatus.Disconnected, s => s with { ConnectionId = Volatile.Read(ref _attemptId), Reason = "no subscribers" });
            });
    }

    private void OnConnected(IConnection connection)
    {
        Log.Connected(_logger, connection.Id, _endpoint);
        Volatile.Write(ref _current, connection);
        _states.MoveTo(ConnectionStatus.Connected, s => s with
        {
            ConnectionId = connection.Id,
            Attempt = Volatile.Read(ref _nextAttempt),
            Reason = $"connected to {_endpoint}",
        });
    }

    private void OnAttemptError(string id, int attempt, Exception error)
    {
        var ended = Interlocked.Exchange(ref _current, null);
        if (ended is null)
        {
            Log.ConnectFailed(_logger, id, attempt, _endpoint, error.Message);
        }
    }

    private void OnAttemptCompleted() => Volatile.Write(ref _current, null);

    private void OnRetry(RetryEvent retry)
    {
        var failed = Volatile.Read(ref _attemptId);
        ClientMetrics.Reconnects.Add(1);
        Volatile.Write(ref _nextAttempt, retry.Attempt + 1);
        Log.Reconnecting(_logger, failed, retry.Delay.TotalMilliseconds, retry.Attempt, retry.CircuitOpen ? ", circuit open" : "", retry.Error.Message);
        _states.MoveTo(ConnectionStatus.Reconnecting, s => s with
        {
            ConnectionId = failed,
            Attempt = retry.Attempt + 1,
            NextAttemptIn = retry.Delay,
            Error = retry.Error,
            Reason = RetryReason.Describe(retry),
        });
    }

    private void OnGaveUp(Exception error)
    {
        var failed = Volatile.Read(ref _attemptId);
        Log.GaveUp(_logger, failed, _endpoint, error.Message);
        _states.TryMoveTo(ConnectionStatus.Faulted, s => s with { ConnectionId = failed, Error = error, Reason = error.Message });
    }

    private void OnEnded() =>
        _states.TryMoveTo(ConnectionStatus.Disconnected, s => s with
        {
            ConnectionId = Volatile.Read(ref _attemptId),
            Reason = "the connection was closed normally",
        });
}
