using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Text;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Reliability.Tests.Support;
using WebsockexAdapter.Rx.Simulator;

namespace WebsockexAdapter.Rx.Reliability.Tests.SendSafety;

/// <summary>
/// A send with no open connection fails at once with <see cref="NotConnectedException"/>; nothing is queued, so
/// nothing stale reaches the next connection. Shown on the client against a raw server and on the adapter against
/// the simulator (an order placed while reconnecting, and one in flight when the connection dropped).
/// </summary>
public sealed class NoStaleReplayTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task AClientSend_BeforeAnyConnection_FailsAtOnce()
    {
        using var client = new WebSocketClient(new Uri("ws://127.0.0.1:9/never"));

        var send = client.SendTextAsync("order");

        Assert.True(send.IsFaulted);
        await Assert.ThrowsAsync<NotConnectedException>(async () => await send);
    }

    [Fact]
    public async Task AClientSend_WhileReconnecting_FailsAtOnce_AndNeverReachesTheNextConnection()
    {
        var secondMayUpgrade = new TaskCompletionSource();
        var second = new ConcurrentQueue<string>();
        await using var server = RawWebSocketServer.Start(async peer =>
        {
            if (peer.Number == 1)
            {
                await peer.UpgradeAsync();
                return;
            }

            var request = await peer.ReadRequestAsync();
            await secondMayUpgrade.Task.WaitAsync(Timeout);
            await peer.WriteRawAsync(Encoding.ASCII.GetBytes(RawPeer.UpgradeResponse(request)));
            foreach (var (_, payload) in await peer.ReadUntilCloseAsync())
            {
                second.Enqueue(Encoding.UTF8.GetString(payload));
            }
        });
        using var client = new RecordingClient(server.Uri, o => o with { ConnectTimeout = TimeSpan.FromSeconds(10) });
        await client.WaitForErrorAsync(Timeout);
        await server.WaitForAcceptedAsync(2, Timeout);

        var stale = client.Client.SendTextAsync("stale order");
        Assert.True(stale.IsFaulted);
        await Assert.ThrowsAsync<NotConnectedException>(async () => await stale);

        secondMayUpgrade.TrySetResult();
        await client.Changes.WaitAsync(() => client.Client.CurrentConnection is not null, Timeout, "the second connection");
        await client.Client.SendTextAsync("fresh order");
        client.Dispose();
        await server.WaitForAliveAsync(0, Timeout);

        Assert.Contains("fresh order", second);
        Assert.DoesNotContain("stale order", second);
    }

    [Fact]
    public async Task AnOrder_WhileTheAdapterReconnects_FailsAtOnce_AndOneInFlightWhenTheSocketDropped_IsNotReplayed()
    {
        await using var simulator = await DeribitSimulator.StartAsync(new SimulatorOptions { MinHeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        using var adapter = new DeribitAdapter(new DeribitOptions
        {
            Url = simulator.Uri,
            Credentials = new DeribitCredentials { ClientId = SimulatorOptions.DefaultClientId, ClientSecret = SimulatorOptions.DefaultClientSecret },
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200), UseJitter = false, CircuitBreaker = null },
        });
        var sessions = new System.Reactive.Subjects.ReplaySubject<DeribitSession>();
        using var keep = adapter.Connections.Subscribe(sessions);
        await sessions.FirstAsync().ToTask().WaitAsync(Timeout);
        var order = new OrderRequest { InstrumentName = "BTC-PERPETUAL", Amount = 10, Price = 1000 };

        // In flight: the exchange holds its replies, and the socket drops before the answer.
        simulator.DelayReplies(TimeSpan.FromSeconds(5));
        var inFlight = adapter.BuyAsync(order);
        await simulator.WaitForMethodAsync("private/buy", 0, timeout: Timeout);
        simulator.RefuseConnections(TimeSpan.FromSeconds(30));
        simulator.DropAllConnections();
        await Assert.ThrowsAsync<ConnectionLostException>(() => inFlight.WaitAsync(Timeout));

        // While reconnecting: refused at once, nothing queued.
        var whileDown = adapter.BuyAsync(order);
        Assert.True(whileDown.IsFaulted);
        await Assert.ThrowsAsync<NotConnectedException>(() => whileDown);

        simulator.DelayReplies(TimeSpan.Zero);
        simulator.RefuseConnections(TimeSpan.Zero);
        await sessions.FirstAsync(s => s.Epoch >= 2).ToTask().WaitAsync(Timeout);
        var after = await adapter.BuyAsync(order with { Label = "after" }).WaitAsync(Timeout);

        var second = simulator.Connections[^1];
        Assert.Equal(1, second.Methods.Count(m => m == "private/buy"));
        Assert.Equal("after", after.Order.Label);
        Assert.Equal(1, simulator.Connections[0].Methods.Count(m => m == "private/buy"));
    }
}
