using WebsockexAdapter.Rx.Simulator.Tests.Support;

namespace WebsockexAdapter.Rx.Simulator.Tests.Orders;

public sealed class OrderTests
{
    [Fact]
    public async Task Buy_Limit_RestsAndAnswersTheOrderShape()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.AuthenticateAsync();

        var result = await client.ResultAsync("private/buy", new { instrument_name = "BTC-PERPETUAL", amount = 10, type = "limit", price = 50_000.5m, label = "mine" });

        var order = result.GetProperty("order");
        Json.HasProperties(order, "order_id", "order_state", "instrument_name", "direction", "price", "amount", "filled_amount", "label");
        Assert.Equal("open", order.Str("order_state"));
        Assert.Equal("buy", order.Str("direction"));
        Assert.Equal(50_000.5m, order.GetProperty("price").GetDecimal());
        Assert.Equal(10m, order.GetProperty("amount").GetDecimal());
        Assert.Equal(0m, order.GetProperty("filled_amount").GetDecimal());
        Assert.Equal("mine", order.Str("label"));
        Assert.Equal(0, result.GetProperty("trades").GetArrayLength());
        var resting = Assert.Single(sim.GetOpenOrders("BTC-PERPETUAL"));
        Assert.Equal(order.Str("order_id"), resting.OrderId);
    }

    [Fact]
    public async Task Sell_Market_FillsAtOnce_WithATrade()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.AuthenticateAsync();

        var result = await client.ResultAsync("private/sell", new { instrument_name = "ETH-PERPETUAL", amount = 3, type = "market" });

        Assert.Equal("filled", result.GetProperty("order").Str("order_state"));
        Assert.Equal("sell", result.GetProperty("order").Str("direction"));
        Assert.Equal(1, result.GetProperty("trades").GetArrayLength());
        Assert.Empty(sim.GetOpenOrders());
    }

    [Theory]
    [InlineData("BTC-PERPETUAL", 10, null, "price")]
    [InlineData("NOPE-PERPETUAL", 10, 100, "instrument_name")]
    [InlineData("BTC-PERPETUAL", 0, 100, "amount")]
    public async Task Buy_BadParams_Answer32602(string instrument, int amount, int? price, string param)
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.AuthenticateAsync();

        var error = await client.ErrorAsync("private/buy", new { instrument_name = instrument, amount, type = "limit", price });

        Assert.Equal(-32602, error.Code());
        Assert.Equal(param, error.GetProperty("data").Str("param"));
    }

    [Fact]
    public async Task Cancel_AnswersTheCancelledOrder()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.AuthenticateAsync();
        var id = (await client.ResultAsync("private/buy", new { instrument_name = "BTC-PERPETUAL", amount = 10, price = 1_000 })).GetProperty("order").Str("order_id");

        var cancelled = await client.ResultAsync("private/cancel", new { order_id = id });

        Assert.Equal("cancelled", cancelled.Str("order_state"));
        Assert.Equal(id, cancelled.Str("order_id"));
        Assert.Empty(sim.GetOpenOrders());
    }

    [Fact]
    public async Task Cancel_UnknownOrder_Answers11044()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.AuthenticateAsync();

        var error = await client.ErrorAsync("private/cancel", new { order_id = "BTC-999" });

        Assert.Equal(11044, error.Code());
    }

    [Fact]
    public async Task CancelAll_AnswersTheCount()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.AuthenticateAsync();
        await client.ResultAsync("private/buy", new { instrument_name = "BTC-PERPETUAL", amount = 10, price = 1_000 });
        await client.ResultAsync("private/sell", new { instrument_name = "ETH-PERPETUAL", amount = 1, price = 9_000 });

        var count = await client.ResultAsync("private/cancel_all");

        Assert.Equal(2, count.GetInt32());
        Assert.Empty(sim.GetOpenOrders());
    }

    [Fact]
    public async Task GetOpenOrdersByInstrument_AnswersOnlyThatInstrument()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.AuthenticateAsync();
        await client.ResultAsync("private/buy", new { instrument_name = "BTC-PERPETUAL", amount = 10, price = 1_000 });
        await client.ResultAsync("private/sell", new { instrument_name = "ETH-PERPETUAL", amount = 1, price = 9_000 });

        var orders = await client.ResultAsync("private/get_open_orders_by_instrument", new { instrument_name = "ETH-PERPETUAL" });

        Assert.Equal(1, orders.GetArrayLength());
        Assert.Equal("ETH-PERPETUAL", orders[0].Str("instrument_name"));
    }

    [Fact]
    public async Task GetOrderState_AnswersAClosedOrderWithItsCancelReason_AndRefusesAnotherAccountsOrder()
    {
        await using var sim = await DeribitSimulator.StartAsync(new SimulatorOptions
        {
            Accounts = new Dictionary<string, string> { ["sim-client"] = "sim-secret", ["other"] = "other-secret" },
        });
        await using var client = await TestClient.ConnectAsync(sim);
        await client.AuthenticateAsync();
        var id = (await client.ResultAsync("private/buy", new { instrument_name = "BTC-PERPETUAL", amount = 10, price = 1_000 })).GetProperty("order").Str("order_id");
        await client.ResultAsync("private/cancel", new { order_id = id });

        var state = await client.ResultAsync("private/get_order_state", new { order_id = id });
        await using var other = await TestClient.ConnectAsync(sim);
        await other.AuthenticateAsync("other", "other-secret");
        var refused = await other.ErrorAsync("private/get_order_state", new { order_id = id });

        Assert.Equal("cancelled", state.Str("order_state"));
        Assert.Equal("user_request", state.Str("cancel_reason"));
        Assert.Equal(10004, refused.Code());
    }
}
