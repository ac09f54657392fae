using System.Text.Json;
using WebsockexAdapter.Rx.Deribit.Tests.Support;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Deribit.Tests.Restore;

public sealed class RestoreTest : AdapterTest
{
    private static readonly string[] RestoreOrder =
    [
        "public/set_heartbeat", "public/auth", "private/enable_cancel_on_disconnect", "public/subscribe", "private/subscribe",
    ];

    [Fact]
    public void Restore_OnTheFirstConnection_SetsHeartbeatAuthenticatesEnablesCancelOnDisconnectThenSubscribes()
    {
        var adapter = Adapter();
        var sessions = new List<DeribitSession>();
        Keep(adapter.Subscribe("ticker.BTC-PERPETUAL.100ms").Subscribe(_ => { }));
        Keep(adapter.Subscribe("user.orders.BTC-PERPETUAL.raw").Subscribe(_ => { }));
        Keep(adapter.Connections.Subscribe(sessions.Add));
        Advance(10);

        Assert.Equal(RestoreOrder, Exchange.Methods(0));
        Assert.Equal(["ticker.BTC-PERPETUAL.100ms"], Exchange.CallsOf("public/subscribe")[0].Channels);
        Assert.Equal(["user.orders.BTC-PERPETUAL.raw"], Exchange.CallsOf("private/subscribe")[0].Channels);
        Assert.Equal("3600", Exchange.CallsOf("public/set_heartbeat")[0].Text("interval"));
        Assert.Equal("connection", Exchange.CallsOf("private/enable_cancel_on_disconnect")[0].Text("scope"));
        var session = Assert.Single(sessions);
        Assert.Equal(1, session.Epoch);
        Assert.True(session.IsAuthenticated);
        Assert.Equal(CancelOnDisconnectScope.Connection, session.CancelOnDisconnect);
        Assert.Equal(2, session.Channels.Count);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void Restore_OnEveryLaterConnection_RepeatsInTheSameOrderWithTheSameChannels()
    {
        var adapter = Adapter();
        var sessions = new List<DeribitSession>();
        Keep(adapter.Subscribe("ticker.BTC-PERPETUAL.100ms").Subscribe(_ => { }));
        Keep(adapter.Subscribe("user.orders.BTC-PERPETUAL.raw").Subscribe(_ => { }));
        Keep(adapter.Connections.Subscribe(sessions.Add));
        Advance(10);

        Now(() => Exchange.Socket(0).Drop());
        Advance(Second + 10);
        Now(() => Exchange.Socket(1).Drop());
        Advance(2 * Second + 10);

        Assert.Equal(3, Exchange.Transport.Sockets.Count);
        Assert.Equal(RestoreOrder, Exchange.Methods(1));
        Assert.Equal(RestoreOrder, Exchange.Methods(2));
        Assert.Equal(["ticker.BTC-PERPETUAL.100ms"], Exchange.CallsOf("public/subscribe", socket: 2)[0].Channels);
        Assert.Equal(["user.orders.BTC-PERPETUAL.raw"], Exchange.CallsOf("private/subscribe", socket: 2)[0].Channels);
        Assert.Equal([1, 2, 3], sessions.Select(s => s.Epoch));
        Assert.Equal(2, adapter.Health.Reconnects);
    }

    [Fact]
    public void Restore_WithoutCredentials_OnlySetsTheHeartbeatAndSubscribesPublicChannels()
    {
        var adapter = Adapter(o =>
        {
            o.Credentials = null;
            o.CancelOnDisconnect = CancelOnDisconnectScope.Off;
        });
        var states = new List<AdapterState>();
        Keep(adapter.States.Subscribe(states.Add));
        Keep(adapter.Subscribe("book.BTC-PERPETUAL.100ms").Subscribe(_ => { }));
        Advance(10);

        Assert.Equal(["public/set_heartbeat", "public/subscribe"], Exchange.Methods(0));
        Assert.Equal("connected; restoring heartbeat, subscriptions", states.Single(st => st.Status == AdapterStatus.Restoring).Reason);
        Assert.False(adapter.CurrentSession!.IsAuthenticated);
    }

    [Fact]
    public void Reconnect_MakesExactlyOneConnectionAttemptPerFailure_AtTheBackoffDelays()
    {
        var adapter = Adapter();
        RefuseHandshakes(index => index != 0);
        Keep(adapter.Connections.Subscribe(_ => { }, _ => { }));
        Advance(10);

        var droppedAt = 0L;
        Now(() =>
        {
            droppedAt = Scheduler.Clock;
            Exchange.Socket(0).Drop();
        });
        Advance(7 * Second + 100);

        // The dropped session was live: the first retry is at once, then 1 s, 2 s, 4 s.
        var starts = Exchange.Transport.Sockets.Skip(1).Select(s => s.ConnectStartedAt - droppedAt).ToList();
        Assert.Equal(4, starts.Count);
        Assert.InRange(starts[0], 0, 10);
        Assert.InRange(starts[1] - starts[0], Second, Second + 10);
        Assert.InRange(starts[2] - starts[1], 2 * Second, (2 * Second) + 10);
        Assert.InRange(starts[3] - starts[2], 4 * Second, (4 * Second) + 10);
    }

    [Fact]
    public void Reconnect_TheClientsOwnRetryIsOff_SoOnlyTheAdapterReconnects()
    {
        var adapter = Adapter(o => o.Client = o.Client with { ReconnectOnError = true });

        Assert.False(adapter.Options.ToClientOptions().ReconnectOnError);
    }

    [Fact]
    public void Restore_AFailedStep_AbortsTheConnectionAndRetriesAfterTheBackoff()
    {
        var adapter = Adapter();
        Exchange.Handlers["private/enable_cancel_on_disconnect"] = call => call.Socket == 0 ? Answer.Error(11000, "internal_error") : Answer.Result("\"ok\"");
        var states = new List<AdapterState>();
        Keep(adapter.States.Subscribe(states.Add));
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);

        // Supervise aborts the connection with the step's error, which is what its retry reports; the session never
        // went live, so the retry waits the initial delay.
        Assert.Equal(ScriptedSocketState.Broken, Exchange.Socket(0).State);
        var reconnecting = states.Single(s => s.Status == AdapterStatus.Reconnecting);
        Assert.IsType<JsonRpcException>(reconnecting.Error);
        Assert.Equal(TimeSpan.FromSeconds(1), reconnecting.NextAttemptIn);

        Advance(Second + 10);

        Assert.Equal(2, Exchange.Transport.Sockets.Count);
        Assert.Equal(["public/set_heartbeat", "public/auth", "private/enable_cancel_on_disconnect"], Exchange.Methods(1));
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void Restore_AStepThatIsNeverAnswered_TimesOutIntoTheBackoff()
    {
        var adapter = Adapter(o => o.RequestTimeout = TimeSpan.FromSeconds(3));
        Exchange.Handlers["public/set_heartbeat"] = call => call.Socket == 0 ? Answer.None : Answer.Result("\"ok\"");
        Keep(adapter.Connections.Subscribe(_ => { }));

        Advance(3 * Second - 10);
        Assert.Single(Exchange.Transport.Sockets);
        Assert.Equal(AdapterStatus.Restoring, adapter.CurrentState.Status);

        Advance(20);
        Assert.Equal(AdapterStatus.Reconnecting, adapter.CurrentState.Status);
        Assert.IsType<JsonRpcTimeoutException>(adapter.CurrentState.Error);

        Advance(Second + 10);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void InvalidCredentials_StopEverythingWithAClearErrorAndNoRetry()
    {
        var adapter = Adapter();
        Exchange.Handlers["public/auth"] = _ => Answer.Error(13004, "invalid_credentials");
        Exception? channelError = null;
        Keep(adapter.Subscribe("ticker.BTC-PERPETUAL.100ms").Subscribe(_ => { }, e => channelError = e));
        Advance(10);
        Advance(60 * Second);

        Assert.Single(Exchange.Transport.Sockets);
        var error = Assert.IsType<DeribitAuthenticationException>(channelError);
        Assert.Equal(13004, error.Code);
        Assert.Contains("test-client", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.Equal(AdapterStatus.Faulted, adapter.CurrentState.Status);
    }

    [Fact]
    public void NotificationsThatArriveWhileTheRestoreIsRunning_AreDelivered()
    {
        var adapter = Adapter();
        Exchange.Handlers["public/subscribe"] = call =>
        {
            // The exchange starts the channel before the private subscribe has even been answered.
            Exchange.Socket(call.Socket).SendAfter(TimeSpan.Zero, Frame.FromText("""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"ticker.BTC-PERPETUAL.100ms","data":{"timestamp":1}}}"""));
            return Answer.Result("""["ticker.BTC-PERPETUAL.100ms"]""");
        };
        Exchange.Handlers["private/subscribe"] = _ => null;
        var received = new List<ChannelMessage<JsonElement>>();
        Keep(adapter.Subscribe("ticker.BTC-PERPETUAL.100ms").Subscribe(received.Add));
        Keep(adapter.Subscribe("user.orders.BTC-PERPETUAL.raw").Subscribe(_ => { }));
        Advance(10);

        Assert.Equal(AdapterStatus.Restoring, adapter.CurrentState.Status);
        var message = Assert.Single(received);
        Assert.Equal(1, message.Epoch);
        Assert.Equal(1, message.Data.GetProperty("timestamp").GetInt32());
    }

    [Fact]
    public void States_TellTheStoryOfAReconnectWithReasons()
    {
        var adapter = Adapter();
        var states = new List<AdapterState>();
        Keep(adapter.States.Subscribe(states.Add));
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);
        Now(() => Exchange.Socket(0).Drop());
        Advance(Second + 10);

        Assert.Equal(
            [AdapterStatus.Stopped, AdapterStatus.Connecting, AdapterStatus.Restoring, AdapterStatus.Live, AdapterStatus.Reconnecting, AdapterStatus.Connecting, AdapterStatus.Restoring, AdapterStatus.Live],
            states.Select(s => s.Status));
        Assert.All(states, s => Assert.False(string.IsNullOrEmpty(s.Reason)));
        Assert.Equal(2, states[^1].Epoch);
        Assert.Equal([1, 2], states.Where(st => st.Status == AdapterStatus.Connecting).Select(st => st.Epoch));
        Assert.Equal("connected; restoring heartbeat, authentication, cancel-on-disconnect, subscriptions", states[2].Reason);
        Assert.IsType<ConnectionLostException>(states[4].Error);
    }

    [Fact]
    public void LastSubscriberLeaving_ClosesTheSocketAndStops()
    {
        var adapter = Adapter();
        var subscription = adapter.Subscribe("ticker.BTC-PERPETUAL.100ms").Subscribe(_ => { });
        Advance(10);

        Now(subscription.Dispose);
        Advance(10);

        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, Exchange.Socket(0).ClientCloseStatus);
        Assert.True(Exchange.Socket(0).IsDisposed);
        Assert.Equal(AdapterStatus.Stopped, adapter.CurrentState.Status);
    }

    [Fact]
    public void Dispose_CompletesEveryStreamAndLeavesNoTimerBehind()
    {
        var adapter = new DeribitAdapter(Options());
        var completed = 0;
        using var channel = adapter.Subscribe("ticker.BTC-PERPETUAL.100ms").Subscribe(_ => { }, () => completed++);
        using var connections = adapter.Connections.Subscribe(_ => { }, () => completed++);
        Advance(10);

        Now(adapter.Dispose);
        Scheduler.Start();

        Assert.Equal(2, completed);
        Assert.True(Exchange.Socket(0).IsDisposed);
        Assert.Equal(AdapterStatus.Stopped, adapter.CurrentState.Status);
    }
}
