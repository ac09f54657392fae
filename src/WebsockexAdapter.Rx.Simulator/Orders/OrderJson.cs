using System.Text.Json;

namespace WebsockexAdapter.Rx.Simulator.Orders;

/// <summary>Writes an order in the exchange's shape.</summary>
internal static class OrderJson
{
    public static void Write(Utf8JsonWriter w, SimulatedOrder order)
    {
        w.WriteStartObject();
        w.WriteString("order_id", order.OrderId);
        w.WriteString("order_state", order.OrderState);
        w.WriteString("order_type", order.OrderType);
        w.WriteString("instrument_name", order.InstrumentName);
        w.WriteString("direction", order.Direction);
        w.WriteNumber("price", order.Price);
        w.WriteNumber("amount", order.Amount);
        w.WriteNumber("filled_amount", order.FilledAmount);
        w.WriteNumber("average_price", order.FilledAmount > 0 ? order.Price : 0m);
        w.WriteString("label", order.Label ?? string.Empty);
        w.WriteBoolean("post_only", false);
        w.WriteBoolean("reduce_only", false);
        w.WriteString("time_in_force", "good_til_cancelled");
        w.WriteNumber("creation_timestamp", order.CreatedAt.ToUnixTimeMilliseconds());
        w.WriteNumber("last_update_timestamp", order.UpdatedAt.ToUnixTimeMilliseconds());
        w.WriteBoolean("api", true);
        w.WriteBoolean("web", false);
        w.WriteBoolean("replaced", false);
        w.WriteBoolean("is_liquidation", false);
        w.WriteNumber("max_show", order.Amount);
        if (order.CancelReason is not null)
        {
            w.WriteString("cancel_reason", order.CancelReason);
        }

        w.WriteEndObject();
    }

    public static void WriteList(Utf8JsonWriter w, IEnumerable<SimulatedOrder> orders)
    {
        w.WriteStartArray();
        foreach (var order in orders)
        {
            Write(w, order);
        }

        w.WriteEndArray();
    }
}
