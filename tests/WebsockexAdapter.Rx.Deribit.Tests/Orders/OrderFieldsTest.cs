using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.Orders;

public sealed class OrderFieldsTest : AdapterTest
{
    // A stop-limit order as user.orders.*.raw sends it: one order object, with the fields a trader reads.
    private const string TriggerOrder = """{"web":false,"triggered":false,"trigger_price":96000.0,"trigger":"last_price","time_in_force":"good_til_cancelled","risk_reducing":false,"replaced":true,"reduce_only":true,"profit_loss":0.0,"price":95900.0,"post_only":false,"order_type":"stop_limit","order_state":"untriggered","order_id":"BTC-SLTB-1","mmp":false,"max_show":10.0,"last_update_timestamp":1735689600200,"label":"stop","is_liquidation":false,"instrument_name":"BTC-PERPETUAL","direction":"sell","creation_timestamp":1735689600100,"contracts":1.0,"commission":0.0,"average_price":0.0,"api":true,"amount":10.0}""";

    [Fact]
    public void UserOrders_ByKindAndCurrency_DecodeEveryOrderField_AndAnAbsentFilledAmountIsNoValue()
    {
        var adapter = Adapter();
        var orders = new List<Order>();
        Keep(adapter.SubscribeUserOrders(InstrumentKind.Future, "BTC").Subscribe(m => orders.Add(m.Data)));
        Advance(10);

        Now(() => Exchange.Notify("user.orders.future.BTC.raw", TriggerOrder));

        Assert.Equal(["user.orders.future.BTC.raw"], Assert.Single(Exchange.CallsOf("private/subscribe")).Channels);
        var order = Assert.Single(orders);
        Assert.Null(order.FilledAmount);
        Assert.True(order.IsOpen);
        Assert.Equal(("stop_limit", "good_til_cancelled", "last_price", 96000.0m, false), (order.OrderType, order.TimeInForce, order.Trigger, order.TriggerPrice, order.Triggered));
        Assert.Equal((true, false, true, false), (order.ReduceOnly, order.PostOnly, order.Replaced, order.IsLiquidation));
        Assert.Equal((10.0m, 0.0m, 0.0m, 1.0m), (order.MaxShow, order.Commission, order.ProfitLoss, order.Contracts));
        Assert.Equal((true, false, false, false), (order.Api, order.Web, order.Mmp, order.RiskReducing));
        Assert.Equal(("stop", 1735689600100L, 1735689600200L), (order.Label, order.CreationTimestamp, order.LastUpdateTimestamp));
    }

    [Fact]
    public void BuyAsync_DecodesTheTradesOfItsAnswer()
    {
        var adapter = LiveAdapter();
        Exchange.Handlers["private/buy"] = _ => Answer.Result("""{"trades":[{"trade_seq":30289432,"trade_id":"48079254","timestamp":1735689600123,"tick_direction":0,"state":"filled","reduce_only":false,"price":97413.5,"post_only":false,"order_type":"market","order_id":"4008965646","mark_price":97410.1,"liquidity":"T","instrument_name":"BTC-PERPETUAL","index_price":97400.2,"fee_currency":"BTC","fee":0.00000518,"direction":"buy","amount":10.0}],"order":{"time_in_force":"good_til_cancelled","reduce_only":false,"price":"market_price","post_only":false,"order_type":"market","order_state":"filled","order_id":"4008965646","max_show":10.0,"last_update_timestamp":1735689600123,"label":"","is_liquidation":false,"instrument_name":"BTC-PERPETUAL","filled_amount":10.0,"direction":"buy","creation_timestamp":1735689600123,"commission":0.00000518,"average_price":97413.5,"api":true,"amount":10.0}}""");

        Task<OrderResult>? buy = null;
        Now(() => buy = adapter.BuyAsync(new OrderRequest { InstrumentName = "BTC-PERPETUAL", Amount = 10, Type = OrderType.Market }));
        Advance(10);

        var result = Completed(buy!);
        Assert.Null(result.Order.Price);
        Assert.Equal((10.0m, 97413.5m), (result.Order.FilledAmount, result.Order.AveragePrice));
        var trade = Assert.Single(result.Trades);
        Assert.Equal(("48079254", 30289432L, "4008965646"), (trade.TradeId, trade.TradeSeq, trade.OrderId));
        Assert.Equal((0.00000518m, "BTC", "T"), (trade.Fee, trade.FeeCurrency, trade.Liquidity));
        Assert.Equal((97413.5m, 10.0m, 0, "filled"), (trade.Price, trade.Amount, trade.TickDirection, trade.State));
    }

    [Fact]
    public void EditAsync_SendsPrivateEdit_AndDecodesTheOrder()
    {
        var adapter = LiveAdapter();
        Exchange.Handlers["private/edit"] = _ => Answer.Result("""{"trades":[],"order":{"order_id":"BTC-1","order_state":"open","instrument_name":"BTC-PERPETUAL","direction":"buy","price":97000.5,"amount":20,"filled_amount":0,"replaced":true}}""");

        Task<OrderResult>? edit = null;
        Now(() => edit = adapter.EditAsync(new OrderEdit { OrderId = "BTC-1", Amount = 20, Price = 97000.5m, PostOnly = true }));
        Advance(10);

        var sent = Exchange.CallsOf("private/edit").Single();
        Assert.Equal(("BTC-1", "20", "97000.5", "True"), (sent.Text("order_id"), sent.Text("amount"), sent.Text("price"), sent.Text("post_only")));
        var order = Completed(edit!).Order;
        Assert.Equal((20m, 0m, true), (order.Amount, order.FilledAmount, order.Replaced));
    }

    [Fact]
    public void EditAsync_AnInvalidEdit_IsRefusedBeforeAnythingIsSent()
    {
        var adapter = LiveAdapter();

        var error = Assert.Throws<ArgumentException>(() => adapter.EditAsync(new OrderEdit { OrderId = " ", Amount = 0 }).GetAwaiter().GetResult());

        Assert.Contains("OrderId is required. Amount must be positive", error.Message, StringComparison.Ordinal);
        Assert.Empty(Exchange.CallsOf("private/edit"));
    }
}
