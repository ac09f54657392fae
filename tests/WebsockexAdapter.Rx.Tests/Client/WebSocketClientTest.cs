using System.Net;
using System.Net.WebSockets;
using System.Reactive.Linq;

namespace WebsockexAdapter.Rx.Tests.Client;

public sealed class WebSocketClientTest : ReactiveTest
{
    private static readonly Uri Address = new("wss://exchange.test/ws");
    private static readonly long Second = TimeSpan.FromSeconds(1).Ticks;

    private readonly TestScheduler _scheduler = new();
    private readonly ScriptedTransport _server;

    public WebSocketClientTest() => _server = new ScriptedTransport(_scheduler);

    private WebSocketClient Client(Func<ClientOptions, ClientOptions>? configure = null)
    {
        var options = new ClientOptions
        {
            Scheduler = _scheduler,
            TransportFactory = _server,
            KeepAlive = KeepAliveOptions.Disabled,
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromSeconds(1), UseJitter = false, CircuitBreaker = null },
        };
        return new WebSocketClient(Address, configure is null ? options : configure(options));
    }

    private void At(long ticks, Action action) => _scheduler.ScheduleAbsolute(0, ticks, (_, _) =>
    {
        action();
        return System.Reactive.Disposables.Disposable.Empty;
    });

    [Fact]
    public void Frames_SubscribingOpensOneSocketAndDeliversItsFrames()
    {
        using var client = Client();
        var received = new List<string>();

        using var subscription = client.Frames.Subscribe(f => received.Add(f.Text));
        At(10, () => _server.Last.SendText("hello"));
        At(20, () => _server.Last.SendText("world"));
        _scheduler.AdvanceTo(100);

        Assert.Single(_server.Sockets);
        Assert.Equal(Address, _server.Last.Uri);
        Assert.Equal(["hello", "world"], received);
    }

    [Fact]
    public void Frames_LastDisposalClosesTheSocketWith1000AndReleasesIt()
    {
        using var client = Client();
        var subscription = client.Frames.Subscribe(_ => { });
        _scheduler.AdvanceTo(10);

        subscription.Dispose();
        _scheduler.AdvanceTo(20);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, _server.Last.ClientCloseStatus);
        Assert.True(_server.Last.IsDisposed);
        Assert.Equal(ConnectionStatus.Disconnected, client.CurrentState.Status);
    }

    [Fact]
    public void Streams_AllShareOneSocket()
    {
        using var client = Client();

        using var a = client.Frames.Subscribe(_ => { });
        using var b = client.Frames.Subscribe(_ => { });
        using var c = client.Connections.Subscribe(_ => { });
        using var d = client.States.Subscribe(_ => { });
        _scheduler.AdvanceTo(10);

        Assert.Single(_server.Sockets);
    }

    [Fact]
    public void Frames_SubscribedAfterTheConnectionOpened_SeeItsLaterFrames()
    {
        using var client = Client();
        using var states = client.States.Subscribe(_ => { });
        _scheduler.AdvanceTo(10);
        var received = new List<string>();

        using var frames = client.Frames.Subscribe(f => received.Add(f.Text));
        At(20, () => _server.Last.SendText("late but seen"));
        _scheduler.AdvanceTo(100);

        Assert.Equal(["late but seen"], received);
        Assert.Single(_server.Sockets);
    }

    [Fact]
    public void Connections_ALateSubscriberGetsTheOpenConnection_ButNotOneThatEnded()
    {
        using var client = Client(o => o with { Backoff = o.Backoff with { InitialDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(10), FirstRetryAfterDrop = TimeSpan.FromSeconds(10) } });
        using var states = client.States.Subscribe(_ => { });
        _scheduler.AdvanceTo(10);
        var whileOpen = new List<IConnection>();
        var afterDrop = new List<IConnection>();

        using (client.Connections.Subscribe(whileOpen.Add))
        {
        }

        Assert.True(Assert.Single(whileOpen).IsOpen);
        At(20, () => _server.Last.Drop());
        _scheduler.AdvanceTo(30);
        using (client.Connections.Subscribe(afterDrop.Add))
        {
        }

        Assert.Empty(afterDrop);
    }

    [Fact]
    public void Connections_AfterADrop_ReconnectsAtOnce_ThenAfterOneTwoFourSeconds()
    {
        using var client = Client();
        _server.OnConnect = socket =>
        {
            if (socket.Index == 0)
            {
                socket.Accept();
            }
            else
            {
                socket.Refuse();
            }
        };
        using var subscription = client.Connections.Subscribe(_ => { });
        At(5 * Second, () => _server.Last.Drop());
        _scheduler.AdvanceTo(13 * Second);

        // The dropped connection was healthy: the first retry is at once (one tick on the test scheduler).
        var starts = _server.Sockets.Select(s => s.ConnectStartedAt).ToList();
        Assert.InRange(starts[1], 5 * Second, (5 * Second) + 10);
        Assert.Equal(starts[1] + 1 * Second, starts[2]);
        Assert.Equal(starts[2] + 2 * Second, starts[3]);
        Assert.Equal(starts[3] + 4 * Second, starts[4]);
        Assert.Equal(5, starts.Count);
    }

    [Fact]
    public void Connections_EachElementIsANewSocket_NeverAReusedOne()
    {
        using var client = Client();
        var connections = new List<IConnection>();
        using var subscription = client.Connections.Subscribe(connections.Add);

        At(Second, () => _server.Last.Drop());
        At(3 * Second, () => _server.Last.Drop());
        _scheduler.AdvanceTo(10 * Second);

        Assert.Equal(3, connections.Count);
        Assert.Equal(3, connections.Select(c => c.Id).Distinct().Count());
        Assert.True(_server.Sockets[0].IsDisposed);
        Assert.True(_server.Sockets[1].IsDisposed);
        Assert.False(connections[0].IsOpen);
        Assert.True(connections[2].IsOpen);
    }

    [Fact]
    public void Connections_WithReconnectOff_MakesExactlyOneAttemptAndSurfacesTheError()
    {
        using var client = Client(o => o with { ReconnectOnError = false });
        _server.OnConnect = socket => socket.Refuse();
        Exception? error = null;

        using var subscription = client.Connections.Subscribe(_ => { }, e => error = e);
        _scheduler.AdvanceTo(60 * Second);

        Assert.Single(_server.Sockets);
        Assert.IsType<ConnectFailedException>(error);
        Assert.Equal(ConnectionStatus.Faulted, client.CurrentState.Status);
    }

    [Fact]
    public void Connections_WithReconnectOff_ErrorsWhenTheConnectionDrops()
    {
        using var client = Client(o => o with { ReconnectOnError = false });
        Exception? error = null;

        using var subscription = client.Connections.Subscribe(_ => { }, e => error = e);
        At(Second, () => _server.Last.Drop());
        _scheduler.AdvanceTo(60 * Second);

        Assert.Single(_server.Sockets);
        Assert.IsType<ConnectionLostException>(error);
    }

    [Fact]
    public void Connections_WithReconnectOff_CompletesOnANormalServerClose()
    {
        using var client = Client(o => o with { ReconnectOnError = false });
        var completed = false;

        using var subscription = client.Connections.Subscribe(_ => { }, () => completed = true);
        At(Second, () => _server.Last.Close(WebSocketCloseStatus.NormalClosure, "bye"));
        _scheduler.AdvanceTo(60 * Second);

        Assert.True(completed);
        Assert.Single(_server.Sockets);
        Assert.Equal(ConnectionStatus.Disconnected, client.CurrentState.Status);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public void Connections_RefusedUpgrade_StopsAtOnceWithoutRetrying(HttpStatusCode status)
    {
        using var client = Client();
        _server.OnConnect = socket => socket.Reject(status);
        Exception? error = null;

        using var subscription = client.Connections.Subscribe(_ => { }, e => error = e);
        _scheduler.AdvanceTo(60 * Second);

        Assert.Single(_server.Sockets);
        Assert.Equal(status, Assert.IsType<HandshakeRejectedException>(error).StatusCode);
        Assert.Equal(ConnectionStatus.Faulted, client.CurrentState.Status);
        Assert.NotNull(client.CurrentState.ConnectionId);
        Assert.Equal(client.CurrentState.ConnectionId, ((WebSocketClientException)error!).ConnectionId);
    }

    [Fact]
    public void Connections_ServiceUnavailable_IsRetried()
    {
        using var client = Client();
        _server.OnConnect = socket =>
        {
            if (socket.Index == 0)
            {
                socket.Reject(HttpStatusCode.ServiceUnavailable);
            }
            else
            {
                socket.Accept();
            }
        };

        using var subscription = client.Connections.Subscribe(_ => { });
        _scheduler.AdvanceTo(5 * Second);

        Assert.Equal(2, _server.Sockets.Count);
        Assert.Equal(ConnectionStatus.Connected, client.CurrentState.Status);
    }

    [Fact]
    public void Connections_HandshakeThatHangs_TimesOutAndIsRetried()
    {
        using var client = Client(o => o with { ConnectTimeout = TimeSpan.FromSeconds(3) });
        _server.OnConnect = socket =>
        {
            if (socket.Index > 0)
            {
                socket.Accept();
            }
        };
        var states = new List<ConnectionState>();

        using var subscription = client.States.Subscribe(states.Add);
        _scheduler.AdvanceTo(10 * Second);

        Assert.IsType<ConnectTimeoutException>(states.Single(s => s.Status == ConnectionStatus.Reconnecting).Error);
        Assert.Equal(_server.Sockets[0].ConnectStartedAt + 3 * Second + Second, _server.Sockets[1].ConnectStartedAt);
        Assert.Equal(ConnectionStatus.Connected, client.CurrentState.Status);
    }

    [Fact]
    public void States_TellTheWholeStoryWithReasons()
    {
        using var client = Client();
        var states = new List<ConnectionState>();

        var subscription = client.States.Subscribe(states.Add);
        At(Second, () => _server.Last.Close((WebSocketCloseStatus)4000, "maintenance"));
        _scheduler.AdvanceTo(5 * Second);
        subscription.Dispose();

        Assert.Equal(
            [ConnectionStatus.Disconnected, ConnectionStatus.Connecting, ConnectionStatus.Connected, ConnectionStatus.Reconnecting, ConnectionStatus.Connecting, ConnectionStatus.Connected],
            states.Select(s => s.Status));
        var reconnecting = states[3];
        Assert.Equal((WebSocketCloseStatus)4000, reconnecting.CloseStatus);
        Assert.Equal(TimeSpan.Zero, reconnecting.NextAttemptIn); // the connection was up: the first retry is at once
        Assert.Equal(2, reconnecting.Attempt);
        Assert.Contains("maintenance", reconnecting.Reason, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Disconnected, client.CurrentState.Status);
    }

    [Fact]
    public void States_AThrowingObserverDoesNotHurtTheClient()
    {
        using var client = Client();
        var frames = 0;

        using var bad = client.States.Subscribe(_ => throw new InvalidOperationException("observer bug"));
        using var good = client.Frames.Subscribe(_ => frames++);
        At(10, () => _server.Last.SendText("still here"));
        _scheduler.AdvanceTo(100);

        Assert.Equal(1, frames);
        Assert.Equal(ConnectionStatus.Connected, client.CurrentState.Status);
    }

    [Fact]
    public void Frames_AThrowingObserver_NeitherEndsTheConnectionNorStarvesTheOthers()
    {
        using var client = Client();
        var frames = 0;

        using var bad = client.Frames.Subscribe(_ => throw new InvalidOperationException("strategy bug"), _ => throw new InvalidOperationException("no handler"));
        using var good = client.Frames.Subscribe(_ => frames++);
        At(10, () => _server.Last.SendText("one"));
        At(20, () => _server.Last.SendText("two"));
        _scheduler.AdvanceTo(100);

        Assert.Equal(2, frames);
        Assert.Single(_server.Sockets);
        Assert.Equal(ConnectionStatus.Connected, client.CurrentState.Status);
    }

    [Fact]
    public void Frames_SurviveReconnects()
    {
        using var client = Client();
        var received = new List<string>();

        using var subscription = client.Frames.Subscribe(f => received.Add(f.Text));
        At(10, () => _server.Last.SendText("before"));
        At(20, () => _server.Last.Drop());
        At(2 * Second, () => _server.Last.SendText("after"));
        _scheduler.AdvanceTo(3 * Second);

        Assert.Equal(["before", "after"], received);
    }

    [Fact]
    public void SendAsync_WithNoConnection_FailsFastAndQueuesNothing()
    {
        using var client = Client();

        var send = client.SendTextAsync("order").AsTask();

        Assert.IsType<NotConnectedException>(send.Exception?.InnerException);
        Assert.Empty(_server.Sockets);
    }

    [Fact]
    public void SendAsync_GoesToTheCurrentConnection()
    {
        using var client = Client();
        using var subscription = client.Frames.Subscribe(_ => { });
        _scheduler.AdvanceTo(10);

        var send = client.SendTextAsync("ping").AsTask();

        Assert.True(send.IsCompletedSuccessfully);
        Assert.Equal(["ping"], _server.Last.SentTexts);
    }

    [Fact]
    public void SendAsync_AfterADrop_FailsInsteadOfReplayingIntoTheNextConnection()
    {
        // A second between the drop and the next connection, for the send that falls in between.
        using var client = Client(o => o with { Backoff = o.Backoff with { FirstRetryAfterDrop = TimeSpan.FromSeconds(1) } });
        using var subscription = client.Frames.Subscribe(_ => { });
        At(10, () => _server.Last.Drop());
        _scheduler.AdvanceTo(20);

        var stale = client.SendTextAsync("stale order").AsTask();
        Assert.IsType<NotConnectedException>(stale.Exception?.InnerException);
        _scheduler.AdvanceTo(5 * Second);

        Assert.Equal(2, _server.Sockets.Count);
        Assert.Empty(_server.Sockets[1].SentTexts);
    }

    [Fact]
    public void KeepAlive_MissingPong_ReconnectsWithATypedError()
    {
        using var client = Client(o => o with { KeepAlive = new KeepAliveOptions { Interval = TimeSpan.FromSeconds(5), PongTimeout = TimeSpan.FromSeconds(2) } });
        _server.OnConnect = socket =>
        {
            socket.Stalled = socket.Index == 0;
            socket.Accept();
        };
        var states = new List<ConnectionState>();

        using var subscription = client.States.Subscribe(states.Add);
        _scheduler.AdvanceTo(9 * Second);

        var reconnecting = states.First(s => s.Status == ConnectionStatus.Reconnecting);
        Assert.IsType<KeepAliveTimeoutException>(reconnecting.Error);
        Assert.Equal(7 * Second, reconnecting.Timestamp.UtcTicks, tolerance: 2);
        Assert.Equal(2, _server.Sockets.Count);
        Assert.Equal(ConnectionStatus.Connected, client.CurrentState.Status);
    }

    [Fact]
    public void KeepAlive_AnsweredPongs_KeepTheConnection()
    {
        using var client = Client(o => o with { KeepAlive = new KeepAliveOptions { Interval = TimeSpan.FromSeconds(5), PongTimeout = TimeSpan.FromSeconds(2) } });

        using var subscription = client.Frames.Subscribe(_ => { });
        _scheduler.AdvanceTo(60 * Second);

        Assert.Single(_server.Sockets);
        Assert.Equal(12, _server.Last.Sent.Count(f => f.Kind == FrameKind.Ping));
    }

    [Fact]
    public void ServerPing_IsAnsweredWithItsPayloadAndSurfaced()
    {
        using var client = Client();
        var kinds = new List<FrameKind>();

        using var subscription = client.Frames.Subscribe(f => kinds.Add(f.Kind));
        At(10, () => _server.Last.Send(Frame.Ping(new byte[] { 1, 2, 3 })));
        _scheduler.AdvanceTo(100);

        var pong = Assert.Single(_server.Last.Sent);
        Assert.Equal(FrameKind.Pong, pong.Kind);
        Assert.Equal(new byte[] { 1, 2, 3 }, pong.Payload.ToArray());
        Assert.Equal([FrameKind.Ping], kinds);
    }

    [Fact]
    public void IdleTimeout_NoFrames_ReconnectsWithATypedError()
    {
        using var client = Client(o => o with { IdleTimeout = TimeSpan.FromSeconds(10) });
        var states = new List<ConnectionState>();

        using var subscription = client.States.Subscribe(states.Add);
        At(4 * Second, () => _server.Last.SendText("tick"));
        _scheduler.AdvanceTo(15 * Second);

        // The frame at 4 s moved the deadline to 14 s.
        var reconnecting = states.First(s => s.Status == ConnectionStatus.Reconnecting);
        Assert.IsType<IdleTimeoutException>(reconnecting.Error);
        Assert.Equal(14 * Second, reconnecting.Timestamp.UtcTicks, tolerance: 2);
    }

    [Fact]
    public void Dispose_DuringTheBackoffDelay_CancelsTheAttemptAndLeavesNoTimer()
    {
        var client = Client(o => o with { Backoff = o.Backoff with { InitialDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromSeconds(30) } });
        _server.OnConnect = socket => socket.Refuse();
        using var subscription = client.Connections.Subscribe(_ => { }, _ => { });
        _scheduler.AdvanceTo(Second);

        client.Dispose();
        _scheduler.Start();

        Assert.Single(_server.Sockets);
        Assert.Equal(Second, _scheduler.Clock);
    }

    [Fact]
    public void Dispose_CompletesEveryStream()
    {
        var client = Client();
        var completed = 0;
        using var frames = client.Frames.Subscribe(_ => { }, () => completed++);
        using var connections = client.Connections.Subscribe(_ => { }, () => completed++);
        using var states = client.States.Subscribe(_ => { }, () => completed++);
        _scheduler.AdvanceTo(10);

        client.Dispose();
        _scheduler.AdvanceTo(100);

        Assert.Equal(3, completed);
        Assert.True(_server.Last.IsDisposed);
    }

    [Fact]
    public void Subscribe_AfterAFault_StartsAfresh()
    {
        using var client = Client(o => o with { ReconnectOnError = false });
        _server.OnConnect = socket =>
        {
            if (socket.Index == 0)
            {
                socket.Refuse();
            }
            else
            {
                socket.Accept();
            }
        };
        using (client.Connections.Subscribe(_ => { }, _ => { }))
        {
            _scheduler.AdvanceTo(10);
        }

        using var again = client.Connections.Subscribe(_ => { });
        _scheduler.AdvanceTo(20);

        Assert.Equal(ConnectionStatus.Connected, client.CurrentState.Status);
    }

    [Fact]
    public void Abort_EndsTheConnectionAtOnceWithTheGivenReason_AndTheClientReconnects()
    {
        using var client = Client();
        var connections = new List<IConnection>();
        Exception? frameError = null;
        using var subscription = client.Connections.Subscribe(c =>
        {
            connections.Add(c);
            c.Frames.Subscribe(_ => { }, e => frameError ??= e);
        });
        var reason = new TimeoutException("no heartbeat");
        At(10, () => connections[0].Abort(reason));
        _scheduler.AdvanceTo(2 * Second);

        Assert.Same(reason, frameError);
        Assert.Equal(ScriptedSocketState.Broken, _server.Sockets[0].State);
        Assert.Null(_server.Sockets[0].ClientCloseStatus);
        Assert.Equal(2, connections.Count);
    }

    [Fact]
    public void Constructor_RejectsANonWebSocketAddress()
    {
        var error = Assert.Throws<ArgumentException>(() => new WebSocketClient(new Uri("https://exchange.test/")));
        Assert.Contains("ws://", error.Message, StringComparison.Ordinal);
    }
}
