using System.Collections.Concurrent;
using WebsockexAdapter.Rx.Simulator.Tests.Support;

namespace WebsockexAdapter.Rx.Simulator.Tests.Observability;

public sealed class ObservabilityTests
{
    [Fact]
    public async Task Connections_RecordMethodsAuthSubscriptionsAndCancelOnDisconnect()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        await client.ResultAsync("public/hello", new { client_name = "t", client_version = "1" });
        await client.AuthenticateAsync();
        await client.ResultAsync("private/subscribe", new { channels = new[] { "user.orders.BTC-PERPETUAL.raw" } });
        await client.ResultAsync("private/enable_cancel_on_disconnect");
        await client.RequestAsync("public/nope");

        var info = Assert.Single(sim.Connections);
        Assert.Equal(1, info.Id);
        Assert.True(info.IsOpen);
        Assert.Equal(["public/hello", "public/auth", "private/subscribe", "private/enable_cancel_on_disconnect", "public/nope"], info.Methods);
        Assert.True(info.IsAuthenticated);
        Assert.Equal(["user.orders.BTC-PERPETUAL.raw"], info.Subscriptions);
        Assert.Equal(new CancelOnDisconnectInfo(true, CancelOnDisconnectScope.Connection), info.CancelOnDisconnect);
    }

    [Fact]
    public async Task Counts_TrackOpenedAndAlive()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var first = await TestClient.ConnectAsync(sim);
        await using var second = await TestClient.ConnectAsync(sim);
        await sim.WaitForConnectionsAsync(2);

        await first.CloseAsync();
        var closed = await sim.WaitForConnectionClosedAsync(0);
        await sim.WaitForConnectionsAliveAsync(1);

        Assert.Equal(2, sim.ConnectionsOpened);
        Assert.NotNull(closed.ClosedAt);
        Assert.Contains("closed by the client", closed.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForMethod_OnTheSecondConnection()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var first = await TestClient.ConnectAsync(sim);
        await using var second = await TestClient.ConnectAsync(sim);
        await sim.WaitForConnectionsAsync(2);

        var waiting = sim.WaitForMethodAsync("public/subscribe", connectionIndex: 1);
        await first.ResultAsync("public/subscribe", new { channels = new[] { "ticker.BTC-PERPETUAL.100ms" } });
        Assert.False(waiting.IsCompleted);
        await second.SendRequestAsync("public/subscribe", new { channels = new[] { "ticker.BTC-PERPETUAL.100ms" } });

        var info = await waiting;
        Assert.Equal(2, info.Id);
    }

    [Fact]
    public async Task WaitForMethod_TimesOut_WithAMessage()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => sim.WaitForMethodAsync("public/auth", timeout: TimeSpan.FromMilliseconds(100)));

        Assert.Contains("public/auth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MethodCalled_IsRaisedPerRequest()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        var calls = new ConcurrentQueue<MethodCall>();
        sim.MethodCalled += (_, call) => calls.Enqueue(call);
        await using var client = await TestClient.ConnectAsync(sim);

        await client.ResultAsync("public/test");
        await client.ResultAsync("public/get_time");

        Assert.Equal([new MethodCall(1, "public/test"), new MethodCall(1, "public/get_time")], calls);
    }

    [Fact]
    public async Task MethodCalled_AThrowingHandler_DoesNotHurtTheConnection()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        sim.MethodCalled += (_, _) => throw new InvalidOperationException("test handler");
        await using var client = await TestClient.ConnectAsync(sim);

        await client.ResultAsync("public/test");
    }
}
