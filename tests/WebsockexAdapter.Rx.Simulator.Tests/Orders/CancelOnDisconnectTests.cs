using WebsockexAdapter.Rx.Simulator.Tests.Support;

namespace WebsockexAdapter.Rx.Simulator.Tests.Orders;

public sealed class CancelOnDisconnectTests
{
    [Fact]
    public async Task EnableGetDisable_AnswerTheDocumentedShapes()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.AuthenticateAsync();

        var before = await client.ResultAsync("private/get_cancel_on_disconnect", new { scope = "connection" });
        var enabled = await client.ResultAsync("private/enable_cancel_on_disconnect", new { scope = "connection" });
        var after = await client.ResultAsync("private/get_cancel_on_disconnect", new { scope = "connection" });
        var disabled = await client.ResultAsync("private/disable_cancel_on_disconnect", new { scope = "connection" });

        Assert.Equal("connection", before.Str("scope"));
        Assert.False(before.GetProperty("enabled").GetBoolean());
        Assert.Equal("ok", enabled.GetString());
        Assert.True(after.GetProperty("enabled").GetBoolean());
        Assert.Equal("ok", disabled.GetString());
        Assert.False(sim.Connections[0].CancelOnDisconnect.Enabled);
    }

    [Fact]
    public async Task BadScope_Answers32602()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.AuthenticateAsync();

        var error = await client.ErrorAsync("private/enable_cancel_on_disconnect", new { scope = "planet" });

        Assert.Equal(-32602, error.Code());
    }

    [Fact]
    public async Task ConnectionScope_CancelsOnlyThatConnectionsOrders_WhenItCloses()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var guarded = await TestClient.ConnectAsync(sim);
        await using var plain = await TestClient.ConnectAsync(sim);
        await guarded.AuthenticateAsync();
        await plain.AuthenticateAsync();
        await guarded.ResultAsync("private/enable_cancel_on_disconnect", new { scope = "connection" });
        await guarded.ResultAsync("private/buy", new { instrument_name = "BTC-PERPETUAL", amount = 10, price = 1_000 });
        var kept = (await plain.ResultAsync("private/buy", new { instrument_name = "BTC-PERPETUAL", amount = 10, price = 1_001 })).GetProperty("order").Str("order_id");

        await guarded.CloseAsync();
        await sim.WaitForConnectionClosedAsync(0);

        Assert.Equal(kept, Assert.Single(sim.GetOpenOrders()).OrderId);
        Assert.Equal(CancelOnDisconnectScope.Connection, sim.Connections[0].CancelOnDisconnect.Scope);
        Assert.True(sim.Connections[0].CancelOnDisconnect.Enabled);
    }

    [Fact]
    public async Task ConnectionScope_DoesNotCarryOverToANewConnection()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using (var first = await TestClient.ConnectAsync(sim))
        {
            await first.AuthenticateAsync();
            await first.ResultAsync("private/enable_cancel_on_disconnect");
        }

        await using var second = await TestClient.ConnectAsync(sim);
        await second.AuthenticateAsync();
        var state = await second.ResultAsync("private/get_cancel_on_disconnect");

        Assert.False(state.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task AccountScope_AppliesToNewConnections_AndCancelsOnAbruptLoss()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using (var setup = await TestClient.ConnectAsync(sim))
        {
            await setup.AuthenticateAsync();
            await setup.ResultAsync("private/enable_cancel_on_disconnect", new { scope = "account" });
            var account = await setup.ResultAsync("private/get_cancel_on_disconnect", new { scope = "account" });
            Assert.Equal("account", account.Str("scope"));
            Assert.True(account.GetProperty("enabled").GetBoolean());
            await setup.CloseAsync();
        }

        await using var trader = await TestClient.ConnectAsync(sim);
        await trader.AuthenticateAsync();
        var effective = await trader.ResultAsync("private/get_cancel_on_disconnect");
        await trader.ResultAsync("private/buy", new { instrument_name = "ETH-PERPETUAL", amount = 1, price = 2_000 });
        Assert.True(effective.GetProperty("enabled").GetBoolean());
        Assert.Equal(CancelOnDisconnectScope.Account, sim.Connections[1].CancelOnDisconnect.Scope);

        trader.Socket.Abort();
        await sim.WaitForConnectionClosedAsync(1);

        Assert.Empty(sim.GetOpenOrders());
    }

    [Fact]
    public async Task Logout_ClosesTheConnection_WithoutCancellingOrders()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.AuthenticateAsync();
        await client.ResultAsync("private/enable_cancel_on_disconnect");
        await client.ResultAsync("private/buy", new { instrument_name = "BTC-PERPETUAL", amount = 10, price = 1_000 });

        await client.SendRequestAsync("private/logout");
        var (end, _) = await client.WaitForEndAsync();
        await sim.WaitForConnectionClosedAsync(0);

        Assert.True(end.IsCloseFrame);
        Assert.Single(sim.GetOpenOrders());
    }
}
