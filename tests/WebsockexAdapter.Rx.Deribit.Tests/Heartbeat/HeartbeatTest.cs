using System.Reactive.Disposables;
using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.Heartbeat;

public sealed class HeartbeatTest : AdapterTest
{
    [Fact]
    public void TestRequest_IsAnsweredWithPublicTest()
    {
        var adapter = Adapter();
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);

        Now(() => Exchange.Heartbeat("test_request"));
        Advance(10);

        Assert.Single(Exchange.CallsOf("public/test"));
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void Heartbeats_KeepTheConnection()
    {
        var adapter = Adapter(o => o.HeartbeatInterval = TimeSpan.FromSeconds(10));
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);

        for (var i = 0; i < 6; i++)
        {
            Advance(10 * Second);
            Now(() => Exchange.Heartbeat());
        }

        Assert.Single(Exchange.Transport.Sockets);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void NoHeartbeatForTwiceTheInterval_AbortsAndReconnectsAtOnce()
    {
        var adapter = Adapter(o => o.HeartbeatInterval = TimeSpan.FromSeconds(10));
        var states = new List<AdapterState>();
        Keep(adapter.States.Subscribe(states.Add));
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);

        Advance(20 * Second - 100);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
        Assert.DoesNotContain(states, s => s.Status == AdapterStatus.Reconnecting);

        // The session was live, so the first retry is at once: the new connection is live within the same 200 ticks.
        Advance(200);
        var reconnecting = Assert.Single(states, s => s.Status == AdapterStatus.Reconnecting);
        Assert.IsType<HeartbeatTimeoutException>(reconnecting.Error);
        Assert.Equal(TimeSpan.Zero, reconnecting.NextAttemptIn);
        Assert.Equal(ScriptedSocketState.Broken, Exchange.Socket(0).State);
        Assert.Equal(2, Exchange.Transport.Sockets.Count);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void NoHeartbeat_EndsTheConnectionExactlyTwiceTheIntervalAfterTheLastOne_AndSaysWhichConnection()
    {
        var logs = new CapturingLoggerFactory();
        var adapter = Adapter(o =>
        {
            o.HeartbeatInterval = TimeSpan.FromSeconds(10);
            o.LoggerFactory = logs;
        });
        var sessions = new List<DeribitSession>();
        Keep(adapter.Connections.Subscribe(sessions.Add));
        Advance(10);
        var lastBeat = 5 * Second;
        Scheduler.ScheduleAbsolute(Exchange, lastBeat, static (_, exchange) =>
        {
            exchange.Heartbeat();
            return Disposable.Empty;
        });

        Scheduler.AdvanceTo(lastBeat + (20 * Second) - 1);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);

        Scheduler.AdvanceTo(lastBeat + (20 * Second));
        Assert.Equal(AdapterStatus.Reconnecting, adapter.CurrentState.Status);
        var error = Assert.IsType<HeartbeatTimeoutException>(adapter.CurrentState.Error);
        var connectionId = Assert.Single(sessions).ConnectionId;
        Assert.Equal(connectionId, error.ConnectionId);
        Assert.Contains(logs.Lines, l => l.Contains($"[{connectionId}] No heartbeat for 20000 ms; aborting the connection", StringComparison.Ordinal));
    }

    [Fact]
    public void AStalledServer_IsDetectedByTheMissingHeartbeat()
    {
        var adapter = Adapter(o => o.HeartbeatInterval = TimeSpan.FromSeconds(10));
        var states = new List<AdapterState>();
        Keep(adapter.States.Subscribe(states.Add));
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);
        Advance(10 * Second);
        Now(() => Exchange.Heartbeat());

        // The socket stays open but nothing more arrives.
        Exchange.Socket(0).Stalled = true;
        Advance(20 * Second + 10);

        Assert.IsType<HeartbeatTimeoutException>(states.First(s => s.Status == AdapterStatus.Reconnecting).Error);
        Assert.Equal(ScriptedSocketState.Broken, Exchange.Socket(0).State);
    }

    [Fact]
    public void AStalledServer_WithTheDefaultKeepAlive_IsDetectedWithinTwoSeconds()
    {
        var adapter = Adapter(o => o.Client = new DeribitOptions().Client with { TransportFactory = Exchange.Transport });
        var states = new List<AdapterState>();
        Keep(adapter.States.Subscribe(states.Add));
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);
        var calls = Exchange.Calls.Count;

        // A minute of answered pings: the connection stays, and pings are not calls, so they cost no credits.
        Advance(60 * Second);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
        Assert.Equal(calls, Exchange.Calls.Count);
        Assert.Equal(120, Exchange.Socket(0).Sent.Count(f => f.Kind == FrameKind.Ping));

        // Stalled 10 ticks after a ping was answered: the next ping goes 500 ms later and its pong is 1.5 s overdue at 2 s.
        Exchange.Socket(0).Stalled = true;
        Advance(2 * Second - 20);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
        Assert.DoesNotContain(states, st => st.Status == AdapterStatus.Reconnecting);

        // The session was live, so the retry is at once: within the same 20 ticks the adapter gives the stalled
        // connection up and is live again on a new one.
        Advance(20);
        var reconnecting = Assert.Single(states, st => st.Status == AdapterStatus.Reconnecting);
        Assert.IsType<KeepAliveTimeoutException>(reconnecting.Error);
        Assert.Equal(ScriptedSocketState.Broken, Exchange.Socket(0).State);
        Assert.Equal(2, Exchange.Transport.Sockets.Count);
    }
}
