using System.Net.WebSockets;
using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.Restore;

/// <summary>The adapter is <c>Supervise</c> over the client's single attempts: one subscription, many connections.</summary>
public sealed class SupervisionTest : AdapterTest
{
    private const string Channel = "ticker.BTC-PERPETUAL.100ms";

    private void Tick(int socket, int timestamp) =>
        Now(() => Exchange.Notify(Channel, $$"""{"timestamp":{{timestamp}},"instrument_name":"BTC-PERPETUAL"}""", socket));

    [Fact]
    public void OneSubscription_PassesThroughThreeConnections_InOneSwitch()
    {
        var adapter = Adapter();
        var states = new List<AdapterState>();
        var ticks = new List<ChannelMessage<Ticker>>();
        var ended = false;
        Keep(adapter.States.Subscribe(states.Add));
        Keep(adapter.SubscribeTicker("BTC-PERPETUAL").Subscribe(ticks.Add, _ => ended = true, () => ended = true));
        Advance(10);
        Tick(socket: 0, timestamp: 1);

        Now(() => Exchange.Socket(0).Drop());
        Advance(10);
        Tick(socket: 1, timestamp: 2);

        // A close from the server, even a normal one, ends that connection only: the next one follows.
        Now(() => Exchange.Socket(1).Close(WebSocketCloseStatus.NormalClosure, "going away"));
        Advance(Second + 10);
        Tick(socket: 2, timestamp: 3);

        Assert.Equal(3, Exchange.Transport.Sockets.Count);
        Assert.Equal(["public/set_heartbeat", "public/auth", "private/enable_cancel_on_disconnect", "public/subscribe"], Exchange.Methods(2));
        Assert.Equal([1, 2, 3], ticks.Select(t => t.Data.Timestamp));
        Assert.Equal([1, 2, 3], ticks.Select(t => t.Epoch));
        Assert.Equal(3, ticks.Select(t => t.ConnectionId).Distinct().Count());
        Assert.False(ended);

        // Epochs are the subscription's own: had the pipeline been subscribed afresh, they would start at 1 again. It
        // never stopped in between, and every connection went Connecting -> Restoring -> Live.
        Assert.Equal([1, 2, 3], states.Where(s => s.Status == AdapterStatus.Live).Select(s => s.Epoch));
        Assert.DoesNotContain(states.Skip(1), s => s.Status == AdapterStatus.Stopped);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void Connections_ALateSubscriber_GetsTheLiveSession_AndNothingWhileTheAdapterReconnects()
    {
        var adapter = Adapter();
        RefuseHandshakes(index => index == 1);
        Keep(adapter.SubscribeTicker("BTC-PERPETUAL").Subscribe(_ => { }));
        Advance(10);

        // Joins while epoch 1 is live: gets it at once, as a client's Connections hands out the open connection.
        var joinedLive = new List<int>();
        Keep(adapter.Connections.Subscribe(s => joinedLive.Add(s.Epoch)));
        Assert.Equal([1], joinedLive);

        // Joins while the adapter waits to retry a refused handshake: the ended session is not handed out, the next is.
        Now(() => Exchange.Socket(0).Drop());
        Assert.Equal(AdapterStatus.Reconnecting, adapter.CurrentState.Status);
        var joinedReconnecting = new List<int>();
        Keep(adapter.Connections.Subscribe(s => joinedReconnecting.Add(s.Epoch)));
        Assert.Empty(joinedReconnecting);

        Advance(Second + 10);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
        Assert.Equal([2], joinedReconnecting);
        Assert.Equal([1, 2], joinedLive);
    }

    [Fact]
    public void RefusedHandshakes_WhileTheAdapterRetries_LogNoErrorAndNoGivingUp()
    {
        var logs = new CapturingLoggerFactory();
        var adapter = Adapter(o => o.LoggerFactory = logs);
        RefuseHandshakes(index => index is 1 or 2);
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);

        Now(() => Exchange.Socket(0).Drop());
        Advance((3 * Second) + 10);

        Assert.Equal(4, Exchange.Transport.Sockets.Count);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.Contains("Giving up", StringComparison.Ordinal));
    }

    [Fact]
    public void Dispose_StopsTheAdapter_AndTheReasonSaysDisposed()
    {
        var adapter = Adapter();
        var states = new List<AdapterState>();
        Keep(adapter.States.Subscribe(states.Add));
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);

        Now(adapter.Dispose);

        Assert.Equal((AdapterStatus.Stopped, "disposed"), (states[^1].Status, states[^1].Reason));
    }

    [Fact]
    public void States_CarryTheAttemptAndTheConnectionThroughout()
    {
        var adapter = Adapter();
        RefuseHandshakes(index => index == 1);
        var states = new List<AdapterState>();
        Keep(adapter.States.Subscribe(states.Add));
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);
        var first = adapter.CurrentState.ConnectionId;

        Now(() => Exchange.Socket(0).Drop());
        Advance(Second + 10);

        var live = states.Where(s => s.Status == AdapterStatus.Live).ToList();
        Assert.Equal([1, 3], live.Select(s => s.Attempt));
        Assert.Equal([1, 3], states.Where(s => s.Status == AdapterStatus.Restoring).Select(s => s.Attempt));
        var reconnecting = states.Where(s => s.Status == AdapterStatus.Reconnecting).ToList();
        Assert.Equal([2, 3], reconnecting.Select(s => s.Attempt));
        Assert.All(reconnecting, s => Assert.False(string.IsNullOrEmpty(s.ConnectionId)));
        Assert.Equal(first, reconnecting[0].ConnectionId);
    }
}
