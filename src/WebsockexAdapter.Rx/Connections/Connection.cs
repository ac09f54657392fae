using System.Net.WebSockets;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Subjects;
using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx;

/// <summary>
/// One open socket and its receive loop. Only the receive loop ever emits on <see cref="Frames"/>, so the Rx grammar
/// holds without a lock on the hot path: timers that declare the connection dead record why and abort the socket, and
/// the loop, woken by the abort, ends the stream with that reason. Over a transport that lends its buffer
/// (<see cref="ILendingTransport"/>) a message is copied into a <see cref="Frame"/> only while <see cref="Frames"/>
/// has a subscriber; the view observers (<see cref="SubscribeViews"/>) read it where it lies.
/// </summary>
#pragma warning disable CA1001 // Not IDisposable on purpose: every path ends in the receive loop's Finish, which releases the socket and timers.
internal sealed class Connection : IConnection
#pragma warning restore CA1001
{
    private const int Open = 0;
    private const int ClosingLocally = 1;
    private const int Ended = 2;

    private readonly IWebSocketTransport _transport;
    private readonly ClientOptions _options;
    private readonly IScheduler _scheduler;
    private readonly ILogger _logger;
    private readonly Subject<Frame> _frames = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _receiveCancellation = new();
    private readonly TaskCompletionSource<ConnectionEnd> _ended = new();
    private readonly SerialDisposable _pingTimer = new();
    private readonly SerialDisposable _pongDeadline = new();
    private readonly SerialDisposable _idleTimer = new();
    private readonly SerialDisposable _closeTimer = new();
    private readonly DeliveryBatch _deliveries = new();
    private readonly bool _trackIdle;
    private readonly FrameViewObservers _views = new();

    private int _state = Open;
    private Exception? _failure;
    private long _lastFrameTicks;
    private volatile bool _awaitingPong;

    // Counted on the receive loop (an add, no clock read): a pong that is late behind frames still arriving is no dead
    // peer. The two after it belong to the pong checks, which run on the scheduler.
    private long _framesReceived;
    private long _framesAtPongCheck;
    private long _aliveAtTicks;
    private Task? _receiveLoop;
    private Task? _closing;
    private Task? _pendingPing;

    public Connection(string id, Uri uri, IWebSocketTransport transport, ClientOptions options, ILogger logger)
    {
        Id = id;
        Uri = uri;
        _transport = transport;
        _options = options;
        _scheduler = options.Scheduler;
        _logger = logger;
        _trackIdle = options.IdleTimeout != Timeout.InfiniteTimeSpan;
        ConnectedAt = _scheduler.Now;
        _lastFrameTicks = ConnectedAt.UtcTicks;
        SubProtocol = transport.SubProtocol;
    }

    public string Id { get; }

    public Uri Uri { get; }

    public DateTimeOffset ConnectedAt { get; }

    public string? SubProtocol { get; }

    public bool IsOpen => Volatile.Read(ref _state) == Open;

    public IObservable<Frame> Frames => _frames;

    public IDisposable SubscribeViews(IFrameViewObserver observer) => _views.Subscribe(observer);

    /// <summary>Whether anyone subscribes to <see cref="Frames"/> (and so has each message copied into a frame), for tests.</summary>
    internal bool HasFrameSubscribers => _frames.HasObservers;

    /// <summary>The receive loop, for tests that check nothing is left running; it never faults.</summary>
    internal Task? ReceiveLoop => _receiveLoop;

    /// <summary>The close handshake under way, if any; it never faults.</summary>
    internal Task? Closing => _closing;

    /// <summary>The last keep-alive ping still being sent, if any; it never faults.</summary>
    internal Task? PendingPing => _pendingPing;

    /// <summary>Completes once the receive loop has stopped and the socket is released.</summary>
    public Task<ConnectionEnd> Completion => _ended.Task;

    /// <summary>Starts the receive loop and the liveness timers. Called after the connection was handed out, so that
    /// observers that subscribe on arrival see every frame.</summary>
    public void Start()
    {
        if (!_transport.HandlesKeepAlive && _options.KeepAlive.IsEnabled)
        {
            SchedulePing();
        }

        if (_trackIdle)
        {
            ScheduleIdleCheck(_options.IdleTimeout);
        }

        _receiveLoop = ReceiveLoopAsync();
    }

    public async ValueTask SendAsync(Frame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Kind == FrameKind.Close)
        {
            throw new ArgumentException("Use CloseAsync to close a connection.", nameof(frame));
        }

        ThrowIfNotOpen();
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Checked again under the lock: the connection may have ended while this send waited its turn.
            ThrowIfNotOpen();
            await _transport.SendAsync(frame, cancellationToken).ConfigureAwait(false);
            ClientMetrics.FramesSent.Add(1);
            ClientMetrics.BytesSent.Add(frame.Payload.Length);
        }
        catch (WebSocketClientException error)
        {
            // As on the read side: the transport's own typed errors know no connection id.
            error.NameConnection(Id);
            throw;
        }
        catch (Exception error) when (!(error is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // A cancellation nobody asked for is the socket being torn down under the send.
            throw new ConnectionLostException("The send failed: the connection is broken.", error) { ConnectionId = Id };
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public ValueTask SendTextAsync(string text, CancellationToken cancellationToken = default) =>
        SendAsync(Frame.FromText(text), cancellationToken);

    public Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string? description = null)
    {
        BeginClose(status, description);
        return _ended.Task;
    }

    /// <summary>Starts a closing handshake and does not wait for it; used when the last subscriber leaves.</summary>
    public void BeginClose(WebSocketCloseStatus status, string? description)
    {
        if (Interlocked.CompareExchange(ref _state, ClosingLocally, Open) != Open)
        {
            return;
        }

        Log.Closing(_logger, Id, status);
        _closeTimer.Disposable = _scheduler.Schedule(this, _options.CloseTimeout, static (_, connection) =>
        {
            Log.CloseTimedOut(connection._logger, connection.Id, connection._options.CloseTimeout.TotalMilliseconds);
            connection.Abort();
            return Disposable.Empty;
        });
        _closing = CloseTransportAsync(status, description);
    }

    private async Task CloseTransportAsync(WebSocketCloseStatus status, string? description)
    {
        try
        {
            await _transport.CloseAsync(status, description, _receiveCancellation.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed close handshake only means the socket goes down the hard way.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Log.TeardownFailed(_logger, Id, error.Message);
            Abort();
        }
    }

    public void Abort(Exception reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Fail(reason);
    }

    /// <summary>Declares the connection dead for <paramref name="reason"/>; the receive loop ends the stream with it.</summary>
    private void Fail(Exception reason)
    {
        Interlocked.CompareExchange(ref _failure, reason, null);
        Abort();
    }

    private void Abort()
    {
        try
        {
            _receiveCancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already ended.
        }

        _transport.Abort();
    }

    private async Task ReceiveLoopAsync()
    {
        var lending = _transport as ILendingTransport;
        ConnectionEnd end;
        try
        {
            while (true)
            {
                ReceivedMessage message;
                if (lending is not null)
                {
                    var receive = lending.ReceiveLentAsync(_receiveCancellation.Token);
                    if (!receive.IsCompleted)
                    {
                        // Everything that had arrived is handed out: the subscribers' drains start before the wait, not after it.
                        _deliveries.Flush();
                    }

                    message = await receive.ConfigureAwait(false);
                }
                else
                {
                    var receive = _transport.ReceiveAsync(_receiveCancellation.Token);
                    if (!receive.IsCompleted)
                    {
                        _deliveries.Flush();
                    }

                    message = new ReceivedMessage(await receive.ConfigureAwait(false));
                }

                if (_trackIdle)
                {
                    Volatile.Write(ref _lastFrameTicks, _scheduler.Now.UtcTicks);
                }

                Volatile.Write(ref _framesReceived, _framesReceived + 1);

                ClientMetrics.FramesReceived.Add(1);
                ClientMetrics.BytesReceived.Add(message.Payload.Length);
                if (message.Kind == FrameKind.Close)
                {
                    Deliver(message);
                    end = EndOfClose(message.Frame!);
                    break;
                }

                if (message.Kind == FrameKind.Ping && !_transport.HandlesKeepAlive)
                {
                    _deliveries.Flush();
                    await AnswerPingAsync(message.Frame!).ConfigureAwait(false);
                }
                else if (message.Kind == FrameKind.Pong)
                {
                    _awaitingPong = false;
                    _pongDeadline.Disposable = null;
                }

                Deliver(message);
            }
        }
#pragma warning disable CA1031 // Whatever broke the loop ends this connection with a typed error; the client decides what next.
        catch (Exception error)
#pragma warning restore CA1031
        {
            end = EndOfFailure(error);
        }

        Finish(end);
    }

    /// <summary>
    /// The message to the view observers, then to <see cref="Frames"/>; a lent message is copied into a frame only for
    /// the latter, and only if it has a subscriber. Before the next receive, which may reuse the lent bytes.
    /// </summary>
    private void Deliver(in ReceivedMessage message)
    {
        var outer = _deliveries.Open();
        try
        {
            _views.OnNext(message);
            if (message.Frame is { } frame)
            {
                _frames.OnNext(frame);
            }
            else if (_frames.HasObservers)
            {
                _frames.OnNext(message.ToFrame());
            }
        }
        finally
        {
            _deliveries.Close(outer);
        }
    }

    private async ValueTask AnswerPingAsync(Frame ping)
    {
        try
        {
            await SendAsync(Frame.Pong(ping.Payload)).ConfigureAwait(false);
        }
        catch (NotConnectedException)
        {
            // Closing anyway.
        }
    }

    private ConnectionEnd EndOfClose(Frame close)
    {
        if (Volatile.Read(ref _state) == ClosingLocally || close.CloseStatus == WebSocketCloseStatus.NormalClosure)
        {
            return new ConnectionEnd(null, Volatile.Read(ref _state) == ClosingLocally ? null : close);
        }

        var error = new ConnectionClosedException(close.CloseStatus ?? WebSocketCloseStatus.Empty, close.CloseDescription) { ConnectionId = Id };
        return new ConnectionEnd(error, close);
    }

    private ConnectionEnd EndOfFailure(Exception error)
    {
        if (Volatile.Read(ref _failure) is { } reason)
        {
            return new ConnectionEnd(reason, null);
        }

        if (Volatile.Read(ref _state) == ClosingLocally)
        {
            // We asked for the close; an abort after the close timeout is the end we wanted.
            return new ConnectionEnd(null, null);
        }

        if (error is WebSocketClientException typed)
        {
            // The transport's own typed errors know no connection id.
            typed.NameConnection(Id);
            return new ConnectionEnd(typed, null);
        }

        return new ConnectionEnd(new ConnectionLostException($"The connection broke: {error.Message}", error) { ConnectionId = Id }, null);
    }

    private void Finish(ConnectionEnd end)
    {
        _deliveries.Flush();
        Volatile.Write(ref _state, Ended);
        _pingTimer.Dispose();
        _pongDeadline.Dispose();
        _idleTimer.Dispose();
        _closeTimer.Dispose();
        _receiveCancellation.Cancel();
        _transport.Dispose();

        if (end.Error is null)
        {
            Log.ConnectionClosed(_logger, Id, end.ServerClose is { CloseStatus: { } status } ? $"by the server with {(int)status} ({status})" : "by this side");
            _views.End(null);
            _frames.OnCompleted();
        }
        else
        {
            Log.ConnectionEnded(_logger, Id, end.Error.Message);
            _views.End(end.Error);
            _frames.OnError(end.Error);
        }

        _ended.TrySetResult(end);
    }

    private void ThrowIfNotOpen()
    {
        if (Volatile.Read(ref _state) != Open)
        {
            throw new NotConnectedException($"Connection {Id} has closed; the message was not sent.") { ConnectionId = Id };
        }
    }

    private void SchedulePing() =>
        _pingTimer.Disposable = _scheduler.Schedule(this, _options.KeepAlive.Interval, static (_, connection) =>
        {
            connection.SendPing();
            return Disposable.Empty;
        });

    private void SendPing()
    {
        if (!IsOpen)
        {
            return;
        }

        if (!_awaitingPong)
        {
            _awaitingPong = true;
            _framesAtPongCheck = Volatile.Read(ref _framesReceived);
            _aliveAtTicks = _scheduler.Now.UtcTicks;
            SchedulePongCheck();
        }

        Log.PingSent(_logger, Id);
        var send = SendAsync(Frame.Ping());
        if (!send.IsCompletedSuccessfully)
        {
            _pendingPing = ObservePingAsync(send);
        }

        SchedulePing();
    }

    /// <summary>
    /// Checks four times per <see cref="KeepAliveOptions.PongTimeout"/> while a pong is awaited: the connection is dead
    /// when neither the pong nor any other frame arrived for that long. A busy feed can hold the pong behind megabytes
    /// in the socket; the frames before it prove the peer alive, and ending such a connection would cost the session.
    /// </summary>
    private void SchedulePongCheck() =>
        _pongDeadline.Disposable = _scheduler.Schedule(this, PongCheckPeriod, static (_, connection) =>
        {
            connection.CheckPong();
            return Disposable.Empty;
        });

    // At least a tick: a check due at once would queue itself again at once (on some virtual clocks at the same time, for ever).
    private TimeSpan PongCheckPeriod => TimeSpan.FromTicks(Math.Max(1, _options.KeepAlive.PongTimeout.Ticks / 4));

    private void CheckPong()
    {
        if (!_awaitingPong)
        {
            return;
        }

        var now = _scheduler.Now.UtcTicks;
        var frames = Volatile.Read(ref _framesReceived);
        if (frames != _framesAtPongCheck)
        {
            _framesAtPongCheck = frames;
            _aliveAtTicks = now;
        }

        if (now - _aliveAtTicks >= _options.KeepAlive.PongTimeout.Ticks)
        {
            Fail(new KeepAliveTimeoutException(_options.KeepAlive.PongTimeout) { ConnectionId = Id });
        }
        else
        {
            SchedulePongCheck();
        }
    }

    private static async Task ObservePingAsync(ValueTask send)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A ping that cannot be sent is covered by the pong deadline and the receive loop.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private void ScheduleIdleCheck(TimeSpan due) =>
        _idleTimer.Disposable = _scheduler.Schedule(this, due, static (_, connection) =>
        {
            connection.CheckIdle();
            return Disposable.Empty;
        });

    private void CheckIdle()
    {
        var idleFor = TimeSpan.FromTicks(_scheduler.Now.UtcTicks - Volatile.Read(ref _lastFrameTicks));
        if (idleFor >= _options.IdleTimeout)
        {
            Fail(new IdleTimeoutException(_options.IdleTimeout) { ConnectionId = Id });
        }
        else
        {
            ScheduleIdleCheck(_options.IdleTimeout - idleFor);
        }
    }
}
