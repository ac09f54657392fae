using System.Net;
using System.Net.WebSockets;
using WebsockexAdapter.Rx.Simulator.Tests.Support;

namespace WebsockexAdapter.Rx.Simulator.Tests.Faults;

public sealed class ConnectionFaultTests
{
    [Fact]
    public async Task Drop_AbortsWithoutACloseFrame()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/test");

        await sim.DropAllConnectionsAsync();
        var (end, _) = await client.WaitForEndAsync();

        Assert.False(end.IsCloseFrame);
        Assert.IsType<WebSocketException>(end.Error);
        Assert.Equal(0, sim.ConnectionsAlive);
        Assert.Contains("dropped", sim.Connections[0].CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_SendsTheGivenCodeAndReason()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/test");

        sim.CloseAllConnections(4000, "maintenance");
        var (end, _) = await client.WaitForEndAsync();

        Assert.Equal((WebSocketCloseStatus)4000, end.CloseStatus);
        Assert.Equal("maintenance", end.CloseDescription);
        await sim.WaitForConnectionsAliveAsync(0);
    }

    [Fact]
    public async Task Stall_HoldsReplies_UntilResumed()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/test");

        sim.Stall(true);
        var id = await client.SendRequestAsync("public/get_time");
        await Assert.ThrowsAsync<TimeoutException>(() => client.NextAsync(TimeSpan.FromMilliseconds(300)));
        sim.Stall(false);

        Assert.True((await client.NextAsync()).HasId(id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Stall_HoldsNotificationsAndHeartbeats_WithoutClosing()
    {
        await using var sim = await DeribitSimulator.StartAsync(new SimulatorOptions { MinHeartbeatInterval = TimeSpan.FromSeconds(0.1) });
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/set_heartbeat", new { interval = 0.3 });
        await client.ResultAsync("public/subscribe", new { channels = new[] { "ticker.BTC-PERPETUAL.100ms" } });
        await client.WaitForAsync(m => m.Channel is not null);

        sim.Stall(true);
        await DrainAsync(client);

        // Several heartbeat intervals pass with nothing sent and no heartbeat failure.
        await Assert.ThrowsAsync<TimeoutException>(() => client.NextAsync(TimeSpan.FromMilliseconds(500)));
        Assert.True(sim.Connections[0].IsOpen);
        sim.Stall(false);
        await client.WaitForAsync(m => m.Channel is not null);
    }

    [Fact]
    public async Task RefuseConnections_Answers503_ForAWhile()
    {
        await using var sim = await DeribitSimulator.StartAsync();

        sim.RefuseConnections(TimeSpan.FromMinutes(1));
        using var refused = new ClientWebSocket();
        refused.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(sim.Uri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.HttpStatusCode);
        Assert.Equal(0, sim.ConnectionsOpened);

        sim.RefuseConnections(TimeSpan.Zero);
        await using var accepted = await TestClient.ConnectAsync(sim);
        await accepted.ResultAsync("public/test");
    }

    [Fact]
    public async Task KillAfterMessages_DropsAfterNSent()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/test");

        sim.KillAfterMessages(3);
        await SendUntilFailureAsync(client, 6);

        var (end, messages) = await client.WaitForEndAsync();

        Assert.Equal(3, messages.Count);
        Assert.False(end.IsCloseFrame);
    }

    [Fact]
    public async Task KillAfterMessages_AppliesToNewConnections()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        sim.KillAfterMessages(1);
        await using var client = await TestClient.ConnectAsync(sim);

        await SendUntilFailureAsync(client, 3);
        var (end, messages) = await client.WaitForEndAsync();

        Assert.Single(messages);
        Assert.False(end.IsCloseFrame);
    }

    [Fact]
    public async Task Dispose_ClosesLiveConnections_Promptly()
    {
        var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/test");

        await sim.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        var (end, _) = await client.WaitForEndAsync();

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, end.CloseStatus);
    }

    [Fact]
    public async Task Dispose_WhileStalled_StillFinishes()
    {
        var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/test");
        sim.Stall(true);

        await sim.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(6));
        var (end, _) = await client.WaitForEndAsync();

        Assert.NotNull(end);
    }

    private static async Task SendUntilFailureAsync(TestClient client, int requests)
    {
        try
        {
            for (var i = 0; i < requests; i++)
            {
                await client.SendRequestAsync("public/test");
            }
        }
        catch (Exception error) when (error is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The server killed the connection while requests were still going out.
        }
    }

    private static async Task DrainAsync(TestClient client)
    {
        // Whatever was already on its way before the stall.
        try
        {
            while (true)
            {
                await client.NextAsync(TimeSpan.FromMilliseconds(150));
            }
        }
        catch (TimeoutException)
        {
        }
    }
}
