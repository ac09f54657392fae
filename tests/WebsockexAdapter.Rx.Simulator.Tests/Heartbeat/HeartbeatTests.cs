using System.Net.WebSockets;
using WebsockexAdapter.Rx.Simulator.Tests.Support;

namespace WebsockexAdapter.Rx.Simulator.Tests.Heartbeat;

public sealed class HeartbeatTests
{
    private static readonly SimulatorOptions Fast = new() { MinHeartbeatInterval = TimeSpan.FromSeconds(0.2) };

    [Fact]
    public async Task SetHeartbeat_BelowTheMinimum_Answers32602()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var error = await client.ErrorAsync("public/set_heartbeat", new { interval = 5 });

        Assert.Equal(-32602, error.Code());
        Assert.Equal("interval", error.GetProperty("data").Str("param"));
    }

    [Fact]
    public async Task SetHeartbeat_FractionalInterval_AcceptedWhenTheMinimumAllows()
    {
        await using var sim = await DeribitSimulator.StartAsync(Fast);
        await using var client = await TestClient.ConnectAsync(sim);

        var result = await client.ResultAsync("public/set_heartbeat", new { interval = 0.5 });

        Assert.Equal("ok", result.GetString());
        Assert.Equal(TimeSpan.FromSeconds(0.5), sim.Connections[0].HeartbeatInterval);
    }

    [Fact]
    public async Task Heartbeat_SendsHeartbeatsAndTestRequests_AndAnsweredConnectionStaysOpen()
    {
        await using var sim = await DeribitSimulator.StartAsync(Fast);
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/set_heartbeat", new { interval = 0.5 });

        await client.WaitForAsync(m => m.IsHeartbeat("heartbeat"));
        for (var i = 0; i < 3; i++)
        {
            await client.WaitForAsync(m => m.IsHeartbeat("test_request"));
        }

        Assert.False(client.Ended.IsCompleted);
        Assert.True(sim.Connections[0].IsOpen);
        await sim.WaitForMethodAsync("public/test", 0, occurrences: 3);
    }

    [Fact]
    public async Task UnansweredTestRequest_ClosesTheConnection()
    {
        await using var sim = await DeribitSimulator.StartAsync(Fast);
        await using var client = await TestClient.ConnectAsync(sim);
        client.AnswerTestRequests = false;
        await client.ResultAsync("public/set_heartbeat", new { interval = 0.2 });

        var (end, messages) = await client.WaitForEndAsync();

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, end.CloseStatus);
        Assert.Contains(messages, m => m.IsHeartbeat("test_request"));
        var info = await sim.WaitForConnectionClosedAsync(0);
        Assert.Contains("heartbeat", info.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeartbeatFailure_CancelsTheOrders_OfAConnectionWithCancelOnDisconnect()
    {
        await using var sim = await DeribitSimulator.StartAsync(Fast);
        await using var observer = await TestClient.ConnectAsync(sim);
        await observer.AuthenticateAsync();
        await observer.ResultAsync("private/subscribe", new { channels = new[] { "user.orders.BTC-PERPETUAL.raw" } });
        await using var trader = await TestClient.ConnectAsync(sim);
        trader.AnswerTestRequests = false;
        await trader.AuthenticateAsync();
        await trader.ResultAsync("private/enable_cancel_on_disconnect", new { scope = "connection" });
        var order = (await trader.ResultAsync("private/buy", new { instrument_name = "BTC-PERPETUAL", amount = 10, type = "limit", price = 50_000 })).GetProperty("order");
        Assert.Single(sim.GetOpenOrders());

        await trader.ResultAsync("public/set_heartbeat", new { interval = 0.2 });
        var cancelled = await observer.WaitForAsync(m => m.Channel == "user.orders.BTC-PERPETUAL.raw" && m.Data().Str("order_state") == "cancelled");

        Assert.Equal(order.Str("order_id"), cancelled.Data().Str("order_id"));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, (await trader.WaitForEndAsync()).End.CloseStatus);
        await sim.WaitForConnectionClosedAsync(1);
        Assert.Empty(sim.GetOpenOrders());
    }

    [Fact]
    public async Task HeartbeatFailure_WithoutCancelOnDisconnect_KeepsTheOrders()
    {
        await using var sim = await DeribitSimulator.StartAsync(Fast);
        await using var trader = await TestClient.ConnectAsync(sim);
        trader.AnswerTestRequests = false;
        await trader.AuthenticateAsync();
        await trader.ResultAsync("private/buy", new { instrument_name = "BTC-PERPETUAL", amount = 10, price = 50_000 });

        await trader.ResultAsync("public/set_heartbeat", new { interval = 0.2 });
        await sim.WaitForConnectionClosedAsync(0);

        Assert.Single(sim.GetOpenOrders());
    }

    [Fact]
    public async Task DisableHeartbeat_TurnsItOff()
    {
        await using var sim = await DeribitSimulator.StartAsync(Fast);
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/set_heartbeat", new { interval = 0.2 });

        var result = await client.ResultAsync("public/disable_heartbeat");

        Assert.Equal("ok", result.GetString());
        Assert.Null(sim.Connections[0].HeartbeatInterval);
    }
}
