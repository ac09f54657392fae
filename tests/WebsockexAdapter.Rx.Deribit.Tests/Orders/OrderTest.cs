using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.Orders;

public sealed class OrderTest : AdapterTest
{
    private const string OrderJson = """{"order_id":"ETH-1","order_state":"open","order_type":"limit","instrument_name":"BTC-PERPETUAL","direction":"buy","price":50000.5,"amount":10,"filled_amount":0,"average_price":0,"label":"mm","creation_timestamp":1,"last_update_timestamp":2}""";

    [Fact]
    public void BuyAsync_SendsTheOrderInTheExchangesWordsAndDecodesTheAnswer()
    {
        var adapter = LiveAdapter();
        Exchange.Handlers["private/buy"] = _ => Answer.Result($$"""{"order":{{OrderJson}},"trades":[]}""");

        Task<OrderResult>? buy = null;
        Now(() => buy = adapter.BuyAsync(new OrderRequest { InstrumentName = "BTC-PERPETUAL", Amount = 10, Price = 50000.5m, Label = "mm", PostOnly = true }));
        Advance(10);

        var sent = Exchange.CallsOf("private/buy").Single();
        Assert.Equal("BTC-PERPETUAL", sent.Text("instrument_name"));
        Assert.Equal("10", sent.Text("amount"));
        Assert.Equal("limit", sent.Text("type"));
        Assert.Equal("50000.5", sent.Text("price"));
        Assert.Equal("True", sent.Text("post_only"));
        Assert.Null(sent.Text("reduce_only"));
        var order = Completed(buy!).Order;
        Assert.Equal("ETH-1", order.OrderId);
        Assert.True(order.IsOpen);
        Assert.Equal(50000.5m, order.Price);
    }

    [Fact]
    public void SellAsync_AMarketOrder_SendsNoPrice_AndReadsAMarketPriceWord()
    {
        var adapter = LiveAdapter();
        Exchange.Handlers["private/sell"] = _ => Answer.Result(
            """{"order":{"order_id":"2","order_state":"filled","instrument_name":"BTC-PERPETUAL","direction":"sell","price":"market_price","amount":10,"filled_amount":10},"trades":[{"trade_id":"t"}]}""");

        Task<OrderResult>? sell = null;
        Now(() => sell = adapter.SellAsync(new OrderRequest { InstrumentName = "BTC-PERPETUAL", Amount = 10, Type = OrderType.Market }));
        Advance(10);

        Assert.Null(Exchange.CallsOf("private/sell").Single().Text("price"));
        var result = Completed(sell!);
        Assert.Null(result.Order.Price);
        Assert.Single(result.Trades);
    }

    [Fact]
    public void CancelAsync_CancelAllAsync_AndGetOpenOrdersAsync_UseTheirMethods()
    {
        var adapter = LiveAdapter();
        Exchange.Handlers["private/cancel"] = _ => Answer.Result(OrderJson.Replace("\"open\"", "\"cancelled\"", StringComparison.Ordinal));
        Exchange.Handlers["private/cancel_all"] = _ => Answer.Result("3");
        Exchange.Handlers["private/cancel_all_by_instrument"] = _ => Answer.Result("2");
        Exchange.Handlers["private/get_open_orders_by_instrument"] = _ => Answer.Result($"[{OrderJson}]");

        Task<Order>? cancel = null;
        Task<int>? all = null;
        Task<int>? byInstrument = null;
        Task<IReadOnlyList<Order>>? open = null;
        Now(() =>
        {
            cancel = adapter.CancelAsync("ETH-1");
            all = adapter.CancelAllAsync();
            byInstrument = adapter.CancelAllAsync("BTC-PERPETUAL");
            open = adapter.GetOpenOrdersAsync("BTC-PERPETUAL");
        });
        Advance(10);

        Assert.Equal("ETH-1", Exchange.CallsOf("private/cancel").Single().Text("order_id"));
        Assert.False(Completed(cancel!).IsOpen);
        Assert.Equal(3, Completed(all!));
        Assert.Equal(2, Completed(byInstrument!));
        Assert.Equal("ETH-1", Assert.Single(Completed(open!)).OrderId);
    }

    [Fact]
    public void GetOrderStateAsync_AsksForTheOrderById_AndReadsWhyItWasCancelled()
    {
        var adapter = LiveAdapter();
        Exchange.Handlers["private/get_order_state"] = _ => Answer.Result(
            OrderJson.Replace("\"open\"", "\"cancelled\"", StringComparison.Ordinal).Replace("\"label\"", "\"cancel_reason\":\"cancel_on_disconnect\",\"label\"", StringComparison.Ordinal));

        Task<Order>? state = null;
        Now(() => state = adapter.GetOrderStateAsync("ETH-1"));
        Advance(10);

        Assert.Equal("ETH-1", Exchange.CallsOf("private/get_order_state").Single().Text("order_id"));
        var order = Completed(state!);
        Assert.False(order.IsOpen);
        Assert.Equal("cancel_on_disconnect", order.CancelReason);
    }

    [Fact]
    public async Task AnInvalidOrder_IsRefusedBeforeAnythingIsSent()
    {
        var adapter = LiveAdapter();
        var sent = Exchange.Calls.Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => adapter.BuyAsync(new OrderRequest { InstrumentName = "", Amount = -1 }));

        Assert.Contains("InstrumentName is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("Amount must be positive", error.Message, StringComparison.Ordinal);
        Assert.Contains("limit order needs a positive Price", error.Message, StringComparison.Ordinal);
        Assert.Equal(sent, Exchange.Calls.Count);
    }

    [Fact]
    public void Orders_WhileNotLive_FailFastAndAreNeverReplayedIntoTheNextConnection()
    {
        var adapter = LiveAdapter();
        Now(() => Exchange.Socket(0).Drop());

        Task<OrderResult>? buy = null;
        Now(() => buy = adapter.BuyAsync(new OrderRequest { InstrumentName = "BTC-PERPETUAL", Amount = 10, Price = 1 }));
        Advance(Second + 10);

        Assert.IsType<NotConnectedException>(buy!.Exception!.InnerException);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
        Assert.Empty(Exchange.CallsOf("private/buy"));
    }

    [Fact]
    public void PendingCalls_FailWithConnectionLostTheMomentTheConnectionDrops()
    {
        var adapter = LiveAdapter();
        Exchange.Handlers["private/buy"] = _ => Answer.None;

        Task<OrderResult>? buy = null;
        Now(() => buy = adapter.BuyAsync(new OrderRequest { InstrumentName = "BTC-PERPETUAL", Amount = 10, Price = 1 }));
        Assert.Equal(1, adapter.Health.PendingCalls);
        Now(() => Exchange.Socket(0).Drop());

        Assert.IsType<ConnectionLostException>(buy!.Exception!.InnerException);
    }
}
