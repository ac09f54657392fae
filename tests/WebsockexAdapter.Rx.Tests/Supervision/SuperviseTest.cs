using System.Net;
using System.Reactive.Linq;

namespace WebsockexAdapter.Rx.Tests.Supervision;

public sealed class SuperviseTest : ReactiveTest, IDisposable
{
    private static readonly Uri Address = new("wss://exchange.test/ws");
    private static readonly long Second = TimeSpan.FromSeconds(1).Ticks;

    private readonly TestScheduler _scheduler = new();
    private readonly ScriptedTransport _server;
    private readonly WebSocketClient _client;

    public SuperviseTest()
    {
        _server = new ScriptedTransport(_scheduler);
        _client = new WebSocketClient(Address, new ClientOptions
        {
            Scheduler = _scheduler,
            TransportFactory = _server,
            KeepAlive = KeepAliveOptions.Disabled,
        });
    }

    public void Dispose() => _client.Dispose();

    private static SupervisionOptions Options(Action<SupervisionRetry>? onRetry = null, Action<SupervisionAttempt>? onConnecting = null) => new()
    {
        Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromSeconds(1), UseJitter = false, CircuitBreaker = null },
        OnRetry = onRetry,
        OnConnecting = onConnecting,
    };

    /// <summary>A session that is the connection's text frames, tagged with its epoch.</summary>
    private static IObservable<string> Texts(SupervisedConnection c) =>
        c.Connection.Frames.Where(f => f.Kind == FrameKind.Text).Select(f => $"{c.Epoch}:{f.Text}");

    private void At(long ticks, Action action) => _scheduler.ScheduleAbsolute(0, ticks, (_, _) =>
    {
        action();
        return System.Reactive.Disposables.Disposable.Empty;
    });

    [Fact]
    public void Supervise_EachNewConnection_SwitchesTheOneSubscriptionToItsSession()
    {
        var received = new List<string>();
        var completed = false;
        Exception? error = null;

        using var subscription = _client.ConnectOnce().Supervise(Texts, Options(), _scheduler)
            .Subscribe(received.Add, e => error = e, () => completed = true);
        At(10, () => _server.Sockets[0].SendText("a"));
        At(20, () => _server.Sockets[0].Drop());
        At(30, () => _server.Sockets[1].SendText("b"));
        At(40, () => _server.Sockets[1].Close((System.Net.WebSockets.WebSocketCloseStatus)4000, "maintenance"));
        At(2 * Second, () => _server.Sockets[2].SendText("c"));
        _scheduler.AdvanceTo(3 * Second);

        Assert.Equal(["1:a", "2:b", "3:c"], received);
        Assert.Equal(3, _server.Sockets.Count);
        Assert.Null(error);
        Assert.False(completed);
    }

    [Fact]
    public void Supervise_ARestoreThatFails_AbortsThatConnection_AndTheNextConnectionIsRestored()
    {
        var failure = new InvalidOperationException("login refused for now");
        var received = new List<string>();
        var retries = new List<SupervisionRetry>();
        Exception? error = null;

        string? firstId = null;
        using var subscription = _client.ConnectOnce()
            .Supervise(
                c =>
                {
                    firstId ??= c.Connection.Id;
                    return c.Epoch == 1 ? Observable.Throw<string>(failure) : Texts(c);
                },
                Options(retries.Add),
                _scheduler)
            .Subscribe(received.Add, e => error = e);
        _scheduler.AdvanceTo(10);
        At(2 * Second, () => _server.Sockets[1].SendText("restored"));
        _scheduler.AdvanceTo(3 * Second);

        Assert.Equal(ScriptedSocketState.Broken, _server.Sockets[0].State);
        var retry = Assert.Single(retries);
        Assert.Same(failure, retry.Retry.Error);
        Assert.Equal(2, _server.Sockets.Count);
        Assert.Equal(firstId, retry.ConnectionId);
        Assert.Equal(TimeSpan.FromSeconds(1), retry.Retry.Delay); // the session never came up: not a healthy drop
        Assert.Equal(["2:restored"], received);
        Assert.Null(error);
    }

    [Fact]
    public void Supervise_ASessionThatEnds_AbortsItsConnection_AndReconnects()
    {
        var received = new List<string>();

        using var subscription = _client.ConnectOnce()
            .Supervise(c => c.Epoch == 1 ? Observable.Return("short") : Texts(c), Options(), _scheduler)
            .Subscribe(received.Add);
        At(Second / 2, () => _server.Last.SendText("long"));
        _scheduler.AdvanceTo(Second);

        Assert.Equal(ScriptedSocketState.Broken, _server.Sockets[0].State);
        Assert.Equal(2, _server.Sockets.Count);
        Assert.Equal(["short", "2:long"], received);
    }

    [Fact]
    public void Supervise_AfterAHealthySession_RetriesAtOnce_ThenBacksOff()
    {
        _server.OnConnect = socket =>
        {
            if (socket.Index == 0)
            {
                socket.Accept();
            }
            else
            {
                socket.Reject(HttpStatusCode.ServiceUnavailable);
            }
        };
        var retries = new List<SupervisionRetry>();
        var attempts = new List<SupervisionAttempt>();

        using var subscription = _client.ConnectOnce()
            .Supervise(c => Observable.Return("up").Concat(Observable.Never<string>()), Options(retries.Add, attempts.Add), _scheduler)
            .Subscribe(_ => { });
        At(Second, () => _server.Sockets[0].Drop());
        _scheduler.AdvanceTo(5 * Second);

        // Attempts at 1 s (at once), 2 s, 4 s; the fourth retry is scheduled for 8 s.
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], retries.Select(r => r.Retry.Delay));
        Assert.Equal([1, 2, 3, 4], attempts.Select(a => a.Attempt));
        Assert.Equal([1, 2, 2, 2], attempts.Select(a => a.Epoch));
        Assert.Equal(1, retries[0].Epoch);
        Assert.NotNull(retries[0].ConnectionId);
    }

    [Fact]
    public void Supervise_AnErrorShouldRetryRefuses_EndsTheStreamWithIt()
    {
        _server.OnConnect = socket => socket.Reject(HttpStatusCode.Unauthorized);
        Exception? error = null;

        using var subscription = _client.ConnectOnce().Supervise(Texts, Options(), _scheduler).Subscribe(_ => { }, e => error = e);
        _scheduler.AdvanceTo(10 * Second);

        Assert.IsType<HandshakeRejectedException>(error);
        Assert.Single(_server.Sockets);
    }

    [Fact]
    public void Supervise_TwoSubscriptions_ShareNoAttemptOrEpoch()
    {
        var first = new List<SupervisedConnection>();
        var second = new List<SupervisedConnection>();
        var supervised = _client.ConnectOnce().Supervise(c => Observable.Return(c).Concat(Observable.Never<SupervisedConnection>()), Options(), _scheduler);

        using var one = supervised.Subscribe(first.Add);
        At(10, () => _server.Sockets[0].Drop());
        _scheduler.AdvanceTo(20);
        using var two = supervised.Subscribe(second.Add);
        _scheduler.AdvanceTo(30);

        Assert.Equal([1, 2], first.Select(c => c.Epoch));
        Assert.Equal([1], second.Select(c => c.Epoch));
        Assert.Equal(1, second[0].Attempt);
        Assert.Equal(3, _server.Sockets.Count);
    }

    [Fact]
    public void Supervise_Disposed_ClosesTheConnectionWith1000()
    {
        var subscription = _client.ConnectOnce().Supervise(Texts, Options(), _scheduler).Subscribe(_ => { });
        _scheduler.AdvanceTo(10);

        subscription.Dispose();
        _scheduler.AdvanceTo(20);

        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, _server.Sockets[0].ClientCloseStatus);
        Assert.Single(_server.Sockets);
    }

    [Fact]
    public void Supervise_NullArguments_AreRefused()
    {
        var connect = _client.ConnectOnce();

        Assert.Throws<ArgumentNullException>(() => ((IObservable<IConnection>)null!).Supervise(Texts, Options(), _scheduler));
        Assert.Throws<ArgumentNullException>(() => connect.Supervise<string>(null!, Options(), _scheduler));
        Assert.Throws<ArgumentNullException>(() => connect.Supervise(Texts, null!, _scheduler));
        Assert.Throws<ArgumentNullException>(() => connect.Supervise(Texts, Options(), null!));
    }
}
