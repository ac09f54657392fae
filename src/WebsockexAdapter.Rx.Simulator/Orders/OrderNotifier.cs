using WebsockexAdapter.Rx.Simulator.Protocol;

namespace WebsockexAdapter.Rx.Simulator.Orders;

/// <summary>Pushes an order change to every live connection of its account subscribed to <c>user.orders.{i}.*</c>.</summary>
internal static class OrderNotifier
{
    public static void Publish(SimulatorState state, IEnumerable<SimulatedOrder> orders)
    {
        foreach (var order in orders)
        {
            Publish(state, order);
        }
    }

    public static void Publish(SimulatorState state, SimulatedOrder order)
    {
        var raw = $"user.orders.{order.InstrumentName}.raw";
        var aggregated = $"user.orders.{order.InstrumentName}.100ms";
        foreach (var connection in state.Registry.Live())
        {
            if (connection.Auth?.ClientId != order.ClientId)
            {
                continue;
            }

            if (connection.Subscriptions.Contains(raw))
            {
                connection.Outbox.Enqueue(Notifications.Subscription(raw, w => OrderJson.Write(w, order)));
            }

            if (connection.Subscriptions.Contains(aggregated))
            {
                connection.Outbox.Enqueue(Notifications.Subscription(aggregated, w => OrderJson.WriteList(w, [order])));
            }
        }
    }
}
