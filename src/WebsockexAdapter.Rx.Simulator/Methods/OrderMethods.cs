using System.Text.Json;
using WebsockexAdapter.Rx.Simulator.Orders;
using WebsockexAdapter.Rx.Simulator.Protocol;

namespace WebsockexAdapter.Rx.Simulator.Methods;

/// <summary><c>private/buy</c>, <c>sell</c>, <c>cancel</c>, <c>cancel_all</c>, <c>cancel_all_by_instrument</c>, <c>get_open_orders_by_instrument</c>, <c>get_order_state</c>.</summary>
internal static class OrderMethods
{
    public static RpcOutcome Buy(RequestContext context) => Place(context, "buy");

    public static RpcOutcome Sell(RequestContext context) => Place(context, "sell");

    public static RpcOutcome Cancel(RequestContext context)
    {
        var orderId = context.Params.RequiredString("order_id");
        var order = context.State.Orders.Cancel(context.ClientId, orderId);
        return order is null
            ? RpcOutcome.Fail(new RpcError(ErrorCodes.NotOpenOrder, "not_open_order", "order_id", orderId))
            : RpcOutcome.Ok(w => OrderJson.Write(w, order), () => OrderNotifier.Publish(context.State, order));
    }

    public static RpcOutcome CancelAll(RequestContext context)
    {
        var cancelled = context.State.Orders.CancelAll(context.ClientId, null);
        return RpcOutcome.Ok(w => w.WriteNumberValue(cancelled.Count), () => OrderNotifier.Publish(context.State, cancelled));
    }

    public static RpcOutcome CancelAllByInstrument(RequestContext context)
    {
        var instrument = Instrument(context);
        var cancelled = context.State.Orders.CancelAll(context.ClientId, instrument);
        return RpcOutcome.Ok(w => w.WriteNumberValue(cancelled.Count), () => OrderNotifier.Publish(context.State, cancelled));
    }

    public static RpcOutcome GetOpenOrdersByInstrument(RequestContext context)
    {
        var orders = context.State.Orders.Open(context.ClientId, Instrument(context));
        return RpcOutcome.Ok(w => OrderJson.WriteList(w, orders));
    }

    public static RpcOutcome GetOrderState(RequestContext context)
    {
        var orderId = context.Params.RequiredString("order_id");
        var order = context.State.Orders.Find(context.ClientId, orderId);
        return order is null
            ? RpcOutcome.Fail(new RpcError(ErrorCodes.OrderNotFound, "order_not_found", "order_id", orderId))
            : RpcOutcome.Ok(w => OrderJson.Write(w, order));
    }

    private static RpcOutcome Place(RequestContext context, string direction)
    {
        var p = context.Params;
        var instrument = Instrument(context);
        var amount = p.RequiredDecimal("amount");
        if (amount <= 0)
        {
            throw ParamReader.Invalid("amount", "must be positive");
        }

        var type = p.OptionalString("type") ?? "limit";
        if (type is not ("limit" or "market"))
        {
            throw ParamReader.Invalid("type", "the simulator takes limit and market orders");
        }

        var price = p.OptionalDecimal("price");
        if (type == "limit" && price is not > 0)
        {
            throw ParamReader.Invalid("price", "a limit order needs a positive price");
        }

        var label = p.OptionalString("label");
        if (label?.Length > 64)
        {
            throw ParamReader.Invalid("label", "at most 64 characters");
        }

        var order = context.State.Orders.Place(context.ClientId, context.Connection.Id, instrument, direction, type, amount, price, label);
        return RpcOutcome.Ok(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("order");
            OrderJson.Write(w, order);
            w.WriteStartArray("trades");
            if (order.FilledAmount > 0)
            {
                WriteTrade(w, order);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        },
        () => OrderNotifier.Publish(context.State, order));
    }

    private static string Instrument(RequestContext context)
    {
        var instrument = context.Params.RequiredString("instrument_name");
        return context.State.Options.Instruments.Contains(instrument)
            ? instrument
            : throw ParamReader.Invalid("instrument_name", "unknown instrument");
    }

    private static void WriteTrade(Utf8JsonWriter w, SimulatedOrder order)
    {
        w.WriteStartObject();
        w.WriteString("trade_id", order.OrderId + "-T1");
        w.WriteString("order_id", order.OrderId);
        w.WriteString("instrument_name", order.InstrumentName);
        w.WriteString("direction", order.Direction);
        w.WriteNumber("price", order.Price);
        w.WriteNumber("amount", order.FilledAmount);
        w.WriteNumber("timestamp", order.UpdatedAt.ToUnixTimeMilliseconds());
        w.WriteString("state", "filled");
        w.WriteString("order_type", order.OrderType);
        w.WriteString("liquidity", "T");
        w.WriteNumber("fee", 0m);
        w.WriteEndObject();
    }
}
