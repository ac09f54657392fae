using System.Reactive.Concurrency;
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
    private int _disposed;
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
    /// One connection attempt, for a layer above that supervises: subscribing opens a new socket, the connection is the
    /// one element, and the sequence ends when the connection does: an error for every end this side did not ask for
    /// (a refused handshake, a drop, any close from the server, 1000 included), completion after disposal closed it
    /// with 1000. Nothing is retried: <see cref="SuperviseExtensions.Supervise{TSession}(IObservable{IConnection}, Func{SupervisedConnection, IObservable{TSession}}, SupervisionOptions, IScheduler)"/>
    /// is the one layer that retries. It shares nothing with <see cref="Connections"/>, <see cref="Frames"/> or
    /// <see cref="States"/>, which are the client's own supervised pipeline.
    /// </summary>
    /// <returns>A cold observable: each subscription is one attempt.</returns>
    public IObservable<IConnection> ConnectOnce() => Attempt(serverNormalCloseCompletes: false, onAttempt: null);

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
    private string ConnectionIdForLog() => CurrentConnection?.Id ?? _states.Current.ConnectionId ?? _clientId;

    /// <summary>The shared pipeline: one <see cref="Run"/> per subscription, so nothing of an old one meets a new one.</summary>
    private IObservable<IConnection> BuildPipeline() => Observable.Defer(() => new Run(this).Pipeline());

    /// <summary>One connection attempt with the next connection id, for <see cref="ConnectOnce"/> and the client's own pipeline.</summary>
    private IObservable<IConnection> Attempt(bool serverNormalCloseCompletes, Action<string>? onAttempt) => Observable.Defer(() =>
    {
        var id = $"{_clientId}-{Interlocked.Increment(ref _connectionCount)}";
        onAttempt?.Invoke(id);
        return ConnectionAttempt.Create(Uri, Options, id, _logger, serverNormalCloseCompletes);
    });

    /// <summary>
    /// The state of one subscription to the client's own pipeline: <c>ConnectOnce().Supervise(...)</c> whose session is
    /// the connection itself, retried only when <see cref="ClientOptions.ReconnectOnError"/> is on.
    /// </summary>
    private sealed class Run(WebSocketClient client)
    {
        private int _attempt = 1;
        private string? _attemptId;
        private bool _ended;

        public IObservable<IConnection> Pipeline()
        {
            var options = client.Options;
            var supervision = new SupervisionOptions
            {
                // With retry off the first failure is the stream's error: MaxAttempts 0 passes it straight on.
                Backoff = options.ReconnectOnError ? options.Backoff : options.Backoff with { MaxAttempts = 0 },
                OnConnecting = attempt => _attempt = attempt.Attempt,
                OnConnected = OnConnected,
                OnRetry = OnRetry,
            };

            var attempt = Observable.Defer(() =>
            {
                var connected = false;
                return client
                    .Attempt(serverNormalCloseCompletes: !options.ReconnectOnError, OnAttempt)
                    .Do(_ => connected = true, error => OnAttemptFailed(connected, error));
            });

            return attempt
                .Supervise(c => UntilEnded(c.Connection), supervision, options.Scheduler)
                .Do(static _ => { }, OnGaveUp, OnEnded)
                .Finally(OnUnsubscribed);
        }

        /// <summary>
        /// The session of a client that restores nothing: the connection, then nothing until it ends. When it ends the
        /// connection stops being the client's current one.
        /// </summary>
        private IObservable<IConnection> UntilEnded(IConnection connection) => Observable.Create<IConnection>(observer =>
        {
            observer.OnNext(connection);
            // Through the views, which cost nothing per message: a Frames subscriber would have every message copied.
            var ended = connection.SubscribeViews(new EndObserver(observer));
            return () =>
            {
                ended.Dispose();
                client.Forget(connection);
            };
        });

        private void OnAttemptFailed(bool connected, Exception error)
        {
            if (!connected)
            {
                Log.ConnectFailed(client._logger, _attemptId ?? "-", _attempt, client._endpoint, error.Message);
            }
        }

        private void OnAttempt(string id)
        {
            _attemptId = id;
            var attempt = _attempt;
            client._states.MoveTo(ConnectionStatus.Connecting, s => s with { ConnectionId = id, Attempt = attempt, Reason = $"opening handshake (attempt {attempt})" });
            Log.Connecting(client._logger, id, client._endpoint, attempt);
        }

        private void OnConnected(SupervisedConnection supervised)
        {
            var connection = supervised.Connection;
            Log.Connected(client._logger, connection.Id, client._endpoint);
            // Current before the state says Connected: an observer of that state may send at once.
            Volatile.Write(ref client._current, connection);
            client._states.MoveTo(ConnectionStatus.Connected, s => s with
            {
                ConnectionId = connection.Id,
                Attempt = supervised.Attempt,
                Reason = $"connected to {client._endpoint}",
            });
        }

        private void OnRetry(SupervisionRetry retry)
        {
            ClientMetrics.Reconnects.Add(1);
            var failed = retry.ConnectionId ?? _attemptId;
            var r = retry.Retry;
            Log.Reconnecting(client._logger, failed, r.Delay.TotalMilliseconds, r.Attempt, r.CircuitOpen ? ", circuit open" : "", r.Error.Message);
            client._states.MoveTo(ConnectionStatus.Reconnecting, s => s with
            {
                ConnectionId = failed,
                Attempt = retry.NextAttempt,
                NextAttemptIn = r.Delay,
                Error = r.Error,
                Reason = RetryReason.Describe(r),
            });
        }

        private void OnGaveUp(Exception error)
        {
            _ended = true;
            Log.GaveUp(client._logger, _attemptId, client._endpoint, error.Message);
            client._states.TryMoveTo(ConnectionStatus.Faulted, s => s with { ConnectionId = _attemptId, Error = error, Reason = error.Message });
        }

        private void OnEnded()
        {
            _ended = true;
            client._states.TryMoveTo(ConnectionStatus.Disconnected, s => s with { ConnectionId = _attemptId, Reason = "the connection was closed normally" });
        }

        /// <summary>
        /// Runs when this subscription's pipeline is torn down. The shared observable starts no new pipeline before this
        /// one's teardown has finished, so this move cannot land after a new subscriber's first state.
        /// </summary>
        private void OnUnsubscribed()
        {
            if (!_ended)
            {
                var reason = Volatile.Read(ref client._disposed) == 1 ? "disposed" : "no subscribers";
                client._states.TryMoveTo(ConnectionStatus.Disconnected, s => s with { ConnectionId = _attemptId, Reason = reason });
            }
        }
    }

    /// <summary>Completes <paramref name="observer"/> when the connection ends, however it ends; reads nothing of its messages.</summary>
    private sealed class EndObserver(IObserver<IConnection> observer) : IFrameViewObserver
    {
        public void OnNext(FrameView frame)
        {
        }

        public void OnError(Exception error) => observer.OnCompleted();

        public void OnCompleted() => observer.OnCompleted();
    }

    /// <summary>Forgets <paramref name="connection"/> if it is still the current one; an old connection never clears a newer one.</summary>
    private void Forget(IConnection connection) => Interlocked.CompareExchange(ref _current, null, connection);
}
