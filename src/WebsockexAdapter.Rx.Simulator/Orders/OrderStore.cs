using WebsockexAdapter.Rx.Simulator.MarketData;

namespace WebsockexAdapter.Rx.Simulator.Orders;

/// <summary>
/// Every account's resting orders. No matching engine: limit orders rest until cancelled, market orders fill at
/// once at the instrument's reference price. Callers publish the changes to <c>user.orders</c> subscribers (a method
/// after its reply, cancel-on-disconnect at once) through <see cref="OrderNotifier"/>.
/// </summary>
internal sealed class OrderStore(SimulatorState state)
{
    private readonly object _gate = new();
    private readonly List<SimulatedOrder> _open = [];

    // Every order's latest state, closed ones included, so private/get_order_state can say why an order went away.
    private readonly Dictionary<string, SimulatedOrder> _byId = new(StringComparer.Ordinal);
    private long _lastId;

    public SimulatedOrder Place(string clientId, int connectionId, string instrument, string direction, string type, decimal amount, decimal? price, string? label)
    {
        var now = state.Clock.GetUtcNow();
        var spec = InstrumentSpec.For(instrument);
        var id = $"{spec.Currency}-{Interlocked.Increment(ref _lastId)}";
        var order = type == "market"
            ? new SimulatedOrder(id, clientId, connectionId, instrument, direction, type, spec.ReferencePrice, amount, amount, "filled", label, now, now)
            : new SimulatedOrder(id, clientId, connectionId, instrument, direction, type, price!.Value, amount, 0m, "open", label, now, now);
        lock (_gate)
        {
            _byId[order.OrderId] = order;
            if (order.OrderState == "open")
            {
                _open.Add(order);
            }
        }

        return order;
    }

    public SimulatedOrder? Cancel(string clientId, string orderId) =>
        CancelWhere(o => o.ClientId == clientId && o.OrderId == orderId, "user_request").FirstOrDefault();

    public IReadOnlyList<SimulatedOrder> CancelAll(string clientId, string? instrument) =>
        CancelWhere(o => o.ClientId == clientId && (instrument is null || o.InstrumentName == instrument), "user_request");

    public IReadOnlyList<SimulatedOrder> CancelByConnection(string clientId, int connectionId, string reason)
    {
        var cancelled = CancelWhere(o => o.ClientId == clientId && o.ConnectionId == connectionId, reason);
        OrderNotifier.Publish(state, cancelled);
        return cancelled;
    }

    /// <summary>The order's latest state, open or closed, if <paramref name="clientId"/> placed it.</summary>
    public SimulatedOrder? Find(string clientId, string orderId)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(orderId, out var order) && order.ClientId == clientId ? order : null;
        }
    }

    public IReadOnlyList<SimulatedOrder> Open(string? clientId, string? instrument)
    {
        lock (_gate)
        {
            return [.. _open.Where(o => (clientId is null || o.ClientId == clientId) && (instrument is null || o.InstrumentName == instrument))];
        }
    }

    private List<SimulatedOrder> CancelWhere(Predicate<SimulatedOrder> match, string reason)
    {
        var now = state.Clock.GetUtcNow();
        List<SimulatedOrder> cancelled;
        lock (_gate)
        {
            cancelled = [.. _open.Where(o => match(o)).Select(o => o with { OrderState = "cancelled", UpdatedAt = now, CancelReason = reason })];
            _open.RemoveAll(match);
            foreach (var order in cancelled)
            {
                _byId[order.OrderId] = order;
            }
        }

        return cancelled;
    }
}
