using System.Net.WebSockets;

namespace WebsockexAdapter.Rx.Tests.Client;

/// <summary>
/// One connection's own promises, seen through the <see cref="IConnection"/> a client hands out: sends that fail say
/// why and which connection, a close ends even when the server never answers, and each way a connection ends reaches
/// <see cref="IConnection.Frames"/> as the right typed error (or none).
/// </summary>
public sealed class ConnectionTest
{
    private static readonly long Second = TimeSpan.FromSeconds(1).Ticks;

    private readonly TestScheduler _scheduler = new();
    private readonly ScriptedTransport _server;
    private readonly FaultyTransport _faulty;

    public ConnectionTest()
    {
        _server = new ScriptedTransport(_scheduler);
        _faulty = new FaultyTransport(_server);
    }

    private (WebSocketClient Client, IConnection Connection, List<Exception?> Ends) Open(Func<ClientOptions, ClientOptions>? configure = null)
    {
        var options = new ClientOptions
        {
            Scheduler = _scheduler,
            TransportFactory = _faulty,
            KeepAlive = KeepAliveOptions.Disabled,
            ReconnectOnError = false,
        };
        var client = new WebSocketClient(new Uri("wss://exchange.test/ws"), configure is null ? options : configure(options));
        IConnection? connection = null;
        var ends = new List<Exception?>();
        client.Connections.Subscribe(c =>
        {
            connection = c;
            c.Frames.Subscribe(_ => { }, e => ends.Add(e), () => ends.Add(null));
        }, _ => { });
        _scheduler.AdvanceBy(1);
        return (client, connection!, ends);
    }

    private void At(long ticks, Action action) => _scheduler.ScheduleAbsolute(0, ticks, (_, _) =>
    {
        action();
        return System.Reactive.Disposables.Disposable.Empty;
    });

    [Fact]
    public async Task SendAsync_RefusesNoFrameAndACloseFrame()
    {
        var (client, connection, _) = Open();
        using var _ = client;

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await connection.SendAsync(null!));
        var close = await Assert.ThrowsAsync<ArgumentException>(async () => await connection.SendAsync(Frame.Close(WebSocketCloseStatus.NormalClosure, null)));

        Assert.Equal("frame", close.ParamName);
        Assert.StartsWith("Use CloseAsync to close a connection.", close.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Last.Sent);
    }

    [Fact]
    public async Task SendAsync_AfterTheConnectionEnded_FailsWithNotConnectedNamingIt()
    {
        var (client, connection, _) = Open();
        using var _ = client;
        _server.Last.Drop();

        var error = await Assert.ThrowsAsync<NotConnectedException>(async () => await connection.SendTextAsync("order"));

        Assert.Equal(connection.Id, error.ConnectionId);
        Assert.Equal($"Connection {connection.Id} has closed; the message was not sent.", error.Message);
    }

    [Fact]
    public void SendAsync_OnAnEndedConnection_FailsAtOnce_EvenWhileAnEarlierSendIsStuck()
    {
        var (client, connection, _) = Open();
        using var _ = client;
        _faulty.SendGate = new TaskCompletionSource();
        var stuck = connection.SendTextAsync("first").AsTask();

        _server.Last.Drop();
        var late = connection.SendTextAsync("second").AsTask();

        Assert.False(stuck.IsCompleted);
        Assert.IsType<NotConnectedException>(late.Exception?.InnerException);
    }

    [Fact]
    public async Task SendAsync_WaitingBehindAnotherSend_IsNotSentIfTheConnectionEndsMeanwhile()
    {
        var (client, connection, _) = Open();
        using var _ = client;
        var gate = new TaskCompletionSource();
        _faulty.SendGate = gate;
        var first = connection.SendTextAsync("first").AsTask();
        var second = connection.SendTextAsync("second").AsTask();

        _server.Last.Drop();
        gate.SetResult();

        // The waiting send resumes on the thread pool (SemaphoreSlim never resumes a waiter inline).
        await Assert.ThrowsAsync<ConnectionLostException>(() => first.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<NotConnectedException>(() => second.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["first"], _faulty.Attempted.Select(f => f.Text));
    }

    [Fact]
    public async Task SendAsync_ASocketFailure_IsAConnectionLossNamingTheConnection()
    {
        var (client, connection, _) = Open();
        using var _ = client;
        var broken = new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "reset by peer");
        _faulty.SendError = (_, _) => broken;

        var error = await Assert.ThrowsAsync<ConnectionLostException>(async () => await connection.SendTextAsync("order"));

        Assert.Equal("The send failed: the connection is broken.", error.Message);
        Assert.Same(broken, error.InnerException);
        Assert.Equal(connection.Id, error.ConnectionId);
    }

    [Fact]
    public async Task SendAsync_ATypedFailureOfTheSocket_IsPassedOnAsItIs()
    {
        var (client, connection, _) = Open();
        using var _ = client;
        var violation = new ProtocolViolationException("frame too large");
        _faulty.SendError = (_, _) => violation;

        var error = await Assert.ThrowsAsync<ProtocolViolationException>(async () => await connection.SendTextAsync("order"));

        Assert.Same(violation, error);
        Assert.Equal(connection.Id, error.ConnectionId);
    }

    [Fact]
    public async Task SendAsync_TheCallersCancellationStaysACancellation_ButOneNobodyAskedForIsAConnectionLoss()
    {
        var (client, connection, _) = Open();
        using var _ = client;
        _faulty.SendError = static (_, token) => new OperationCanceledException(token);
        using var cancelled = new CancellationTokenSource();

        var lost = await Assert.ThrowsAsync<ConnectionLostException>(async () => await connection.SendTextAsync("order"));
        await cancelled.CancelAsync();
        var cancellation = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await connection.SendTextAsync("order", cancelled.Token));

        Assert.IsType<OperationCanceledException>(lost.InnerException);
        Assert.Equal(cancelled.Token, cancellation.CancellationToken);
    }

    [Fact]
    public void CloseAsync_AServerThatNeverAnswers_IsLeftAfterTheCloseTimeout_AndTheStreamCompletes()
    {
        _server.EchoClose = false;
        var (client, connection, ends) = Open(o => o with { CloseTimeout = TimeSpan.FromSeconds(2) });
        using var _ = client;

        Task? closed = null;
        At(Second, () => closed = connection.CloseAsync());
        _scheduler.AdvanceTo((3 * Second) - 1);
        Assert.False(closed!.IsCompleted);
        Assert.Empty(ends);

        _scheduler.AdvanceTo(3 * Second);
        Assert.True(closed.IsCompletedSuccessfully);
        Assert.Equal([null], ends);
        Assert.Equal(ScriptedSocketState.Broken, _server.Last.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, _server.Last.ClientCloseStatus);
    }

    [Fact]
    public void CloseAsync_Twice_StartsOneClosingHandshake()
    {
        _server.EchoClose = false;
        var (client, connection, _) = Open();
        using var _ = client;

        At(10, () => connection.CloseAsync(WebSocketCloseStatus.NormalClosure));
        At(20, () => connection.CloseAsync(WebSocketCloseStatus.PolicyViolation));
        _scheduler.AdvanceTo(30);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, _server.Last.ClientCloseStatus);
        Assert.False(connection.IsOpen);
    }

    [Fact]
    public void CloseAsync_ACloseTheSocketCannotSend_EndsTheConnectionAtOnce()
    {
        var (client, connection, ends) = Open();
        using var _ = client;
        _faulty.CloseError = new WebSocketException(WebSocketError.InvalidState, "already broken");

        Task? closed = null;
        At(10, () => closed = connection.CloseAsync());
        _scheduler.AdvanceTo(20);

        Assert.True(closed!.IsCompletedSuccessfully);
        Assert.Equal([null], ends);
    }

    [Fact]
    public void WhileClosing_NoPingIsSent_AndNoMissingPongTurnsTheCloseIntoAFailure()
    {
        _server.EchoClose = false;
        var (client, connection, ends) = Open(o => o with
        {
            CloseTimeout = TimeSpan.FromSeconds(5),
            KeepAlive = new KeepAliveOptions { Interval = TimeSpan.FromSeconds(1), PongTimeout = TimeSpan.FromSeconds(1) },
        });
        using var _ = client;

        At(Second + 10, () => connection.CloseAsync());
        _scheduler.AdvanceTo(10 * Second);

        Assert.Single(_server.Last.Sent, f => f.Kind == FrameKind.Ping);
        Assert.Equal([null], ends);
    }

    [Fact]
    public void Abort_NeedsAReason()
    {
        var (client, connection, ends) = Open();
        using var _ = client;

        Assert.Throws<ArgumentNullException>(() => connection.Abort(null!));
        Assert.True(connection.IsOpen);
        Assert.Empty(ends);
    }

    [Fact]
    public void AServerCloseWithAnErrorCode_EndsTheStreamWithTheCodeAndTheConnection()
    {
        var (client, connection, ends) = Open();
        using var _ = client;

        At(10, () => _server.Last.Close(WebSocketCloseStatus.PolicyViolation, "heartbeat missed"));
        _scheduler.AdvanceTo(20);

        var error = Assert.IsType<ConnectionClosedException>(Assert.Single(ends));
        Assert.Equal((WebSocketCloseStatus.PolicyViolation, "heartbeat missed"), (error.CloseStatus, error.CloseDescription));
        Assert.Equal(connection.Id, error.ConnectionId);
    }

    [Fact]
    public void ADroppedSocket_EndsTheStreamWithAConnectionLossNamingTheConnection()
    {
        var (client, connection, ends) = Open();
        using var _ = client;

        At(10, () => _server.Last.Drop());
        _scheduler.AdvanceTo(20);

        var error = Assert.IsType<ConnectionLostException>(Assert.Single(ends));
        Assert.StartsWith("The connection broke: The remote party closed the connection", error.Message, StringComparison.Ordinal);
        Assert.IsType<WebSocketException>(error.InnerException);
        Assert.Equal(connection.Id, error.ConnectionId);
    }

    [Fact]
    public void ATypedFailureOfTheSocketsRead_EndsTheStreamAsItIs()
    {
        var (client, connection, ends) = Open();
        using var _ = client;
        var violation = new ProtocolViolationException("masked frame from the server");

        At(10, () => _faulty.FailReceive(violation));
        _scheduler.AdvanceTo(20);

        Assert.Same(violation, Assert.Single(ends));
        Assert.Equal(connection.Id, violation.ConnectionId);
    }

    [Fact]
    public void AnEndedConnection_LeavesNoTimerBehind()
    {
        var (client, _, ends) = Open(o => o with
        {
            IdleTimeout = TimeSpan.FromSeconds(30),
            KeepAlive = new KeepAliveOptions { Interval = TimeSpan.FromSeconds(10), PongTimeout = TimeSpan.FromSeconds(5) },
        });
        using var _ = client;

        At(Second, () => _server.Last.Drop());
        _scheduler.Start();

        Assert.Single(ends);
        Assert.Equal(Second, _scheduler.Clock);
    }

    [Fact]
    public void KeepAlive_AMissingPong_EndsTheStreamNamingTheConnection()
    {
        var (client, connection, ends) = Open(o => o with { KeepAlive = new KeepAliveOptions { Interval = TimeSpan.FromSeconds(5), PongTimeout = TimeSpan.FromSeconds(2) } });
        using var _ = client;
        _server.Last.Stalled = true;

        long? endedAt = null;
        connection.Frames.Subscribe(_ => { }, _ => endedAt = _scheduler.Clock);

        _scheduler.AdvanceTo(8 * Second);

        var error = Assert.IsType<KeepAliveTimeoutException>(Assert.Single(ends));
        Assert.Equal(connection.Id, error.ConnectionId);
        Assert.Equal(7 * Second, endedAt);
    }

    [Fact]
    public void KeepAlive_APongLateBehindFramesStillArriving_IsNoDeadConnection_UntilTheFramesStopToo()
    {
        var (client, connection, ends) = Open(o => o with { KeepAlive = new KeepAliveOptions { Interval = TimeSpan.FromSeconds(5), PongTimeout = TimeSpan.FromSeconds(2) } });
        using var _ = client;
        long? endedAt = null;
        connection.Frames.Subscribe(_ => { }, _ => endedAt = _scheduler.Clock);
        // The peer answers no ping (its pongs sit behind a backlog) but its feed keeps coming, a frame every 0.5 s.
        _server.Last.Stalled = true;
        for (var at = Second / 2; at <= 30 * Second; at += Second / 2)
        {
            At(at, () => _server.Last.SendText("tick"));
        }

        _scheduler.AdvanceTo(30 * Second);
        Assert.Empty(ends);

        _scheduler.AdvanceTo(40 * Second);
        Assert.IsType<KeepAliveTimeoutException>(Assert.Single(ends));
        // Within a quarter of the timeout after the last frame's two seconds.
        Assert.InRange(endedAt!.Value, 32 * Second, (32 * Second) + (Second / 2));
    }

    [Fact]
    public async Task KeepAlive_APongTimeoutOfATick_EndsTheConnection_OnAClockThatRunsWorkDueNowAtOnce()
    {
        // Rx's HistoricalScheduler runs work due at its current time at once (the Testing kit's moves it a tick on): a
        // pong check due in zero ticks would queue itself again at the same time for ever.
        var clock = new System.Reactive.Concurrency.HistoricalScheduler();
        var server = new ScriptedTransport(clock);
        using var client = new WebSocketClient(new Uri("wss://exchange.test/ws"), new ClientOptions
        {
            Scheduler = clock,
            TransportFactory = server,
            ReconnectOnError = false,
            KeepAlive = new KeepAliveOptions { Interval = TimeSpan.FromSeconds(5), PongTimeout = TimeSpan.FromTicks(1) },
        });
        var ends = new List<Exception?>();
        client.Connections.Subscribe(c => c.Frames.Subscribe(_ => { }, e => ends.Add(e), () => ends.Add(null)), _ => { });
        clock.AdvanceBy(TimeSpan.FromTicks(1));
        server.Last.Stalled = true;

        await Task.Run(() => clock.AdvanceBy(TimeSpan.FromSeconds(6))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsType<KeepAliveTimeoutException>(Assert.Single(ends));
    }

    [Fact]
    public void IdleTimeout_EndsTheStreamExactlyThatLongAfterTheLastFrame_NamingTheConnection()
    {
        var (client, connection, ends) = Open(o => o with { IdleTimeout = TimeSpan.FromSeconds(10) });
        using var _ = client;
        long? endedAt = null;
        connection.Frames.Subscribe(_ => { }, _ => endedAt = _scheduler.Clock);

        At(4 * Second, () => _server.Last.SendText("tick"));
        _scheduler.AdvanceTo(20 * Second);

        Assert.Equal(14 * Second, endedAt);
        var error = Assert.IsType<IdleTimeoutException>(Assert.Single(ends));
        Assert.Equal(connection.Id, error.ConnectionId);
    }

    /// <summary>The scripted transport, with sends, closes and reads that fail on demand.</summary>
    private sealed class FaultyTransport(ScriptedTransport inner) : IWebSocketTransportFactory
    {
        private Action<Exception>? _failLastReceive;

        public Func<Frame, CancellationToken, Exception>? SendError { get; set; }

        public Exception? CloseError { get; set; }

        /// <summary>When set, a send waits for it before it reaches the socket.</summary>
        public TaskCompletionSource? SendGate { get; set; }

        public List<Frame> Attempted { get; } = [];

        public IWebSocketTransport Create(ClientOptions options)
        {
            var socket = new FaultySocket(this, inner.Create(options));
            _failLastReceive = socket.FailReceive;
            return socket;
        }

        public void FailReceive(Exception error) => _failLastReceive!(error);

        private sealed class FaultySocket(FaultyTransport owner, IWebSocketTransport socket) : IWebSocketTransport
        {
            private readonly TaskCompletionSource<Frame> _receiveFailure = new();

            public bool HandlesKeepAlive => socket.HandlesKeepAlive;

            public string? SubProtocol => socket.SubProtocol;

            public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) => socket.ConnectAsync(uri, cancellationToken);

            public async ValueTask<Frame> ReceiveAsync(CancellationToken cancellationToken)
            {
                var received = socket.ReceiveAsync(cancellationToken).AsTask();
                return await await Task.WhenAny(received, _receiveFailure.Task).ConfigureAwait(false);
            }

            public async ValueTask SendAsync(Frame frame, CancellationToken cancellationToken)
            {
                owner.Attempted.Add(frame);
                if (owner.SendGate is { } gate)
                {
                    await gate.Task.ConfigureAwait(false);
                }

                if (owner.SendError is { } error)
                {
                    throw error(frame, cancellationToken);
                }

                await socket.SendAsync(frame, cancellationToken).ConfigureAwait(false);
            }

            public Task CloseAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken) =>
                owner.CloseError is { } error ? Task.FromException(error) : socket.CloseAsync(status, description, cancellationToken);

            public void Abort() => socket.Abort();

            public void Dispose() => socket.Dispose();

            public void FailReceive(Exception error) => _receiveFailure.TrySetException(error);
        }
    }
}
