using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Demo.Run;

/// <summary>
/// Keeps one resting buy on every connection, and after each reconnect asks the exchange what became of the orders
/// placed on connections that have ended: with cancel-on-disconnect, each must be <c>cancelled</c> with
/// <c>cancel_reason: cancel_on_disconnect</c>, though nobody asked for it.
/// </summary>
internal sealed class OrderDesk(DeribitAdapter adapter, string instrument, Func<decimal?> bestBid, Action<DemoEventKind, string> log)
{
    public const string Label = "websockex-demo";

    /// <summary>The contract amount: 10 USD, a multiple of every Deribit perpetual's contract size.</summary>
    private const decimal Amount = 10m;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan CheckFor = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan PriceWait = TimeSpan.FromSeconds(5);

    private readonly object _gate = new();
    private readonly List<RestingOrder> _orders = [];

    public IReadOnlyList<RestingOrder> Orders
    {
        get
        {
            lock (_gate)
            {
                return [.. _orders];
            }
        }
    }

    /// <summary>The order resting on <paramref name="epoch"/>'s connection, if any.</summary>
    public RestingOrder? On(int epoch)
    {
        lock (_gate)
        {
            return _orders.LastOrDefault(o => o.Epoch == epoch);
        }
    }

    /// <summary>Whether every order of an ended connection has been checked and this epoch has its own.</summary>
    public bool IsSettled(int epoch)
    {
        lock (_gate)
        {
            return _orders.Any(o => o.Epoch == epoch) && _orders.All(o => o.Epoch >= epoch || o.StateAfterDisconnect is not null);
        }
    }

    /// <summary>A new connection is live: check the orders of the ended ones, then rest a new one on this connection.</summary>
    /// <exception cref="JsonRpcException">The exchange refused the order.</exception>
    public async Task OnLiveAsync(DeribitSession session, CancellationToken cancellationToken)
    {
        try
        {
            await CheckEndedAsync(session.Epoch, cancellationToken);
            if (adapter.CurrentSession?.Epoch == session.Epoch)
            {
                await PlaceAsync(session, cancellationToken);
            }
        }
        catch (Exception gone) when (gone is NotConnectedException or ConnectionLostException or JsonRpcTimeoutException)
        {
            // The connection went away meanwhile; the next one does this again.
            log(DemoEventKind.Order, $"order work on epoch {session.Epoch} cut short: {gone.GetType().Name}");
        }
    }

    /// <summary>Cancels the order still resting, so a run on a real account leaves nothing behind.</summary>
    public async Task CancelRestingAsync(CancellationToken cancellationToken)
    {
        if (adapter.CurrentSession is not { } session || On(session.Epoch) is not { } order)
        {
            return;
        }

        try
        {
            await adapter.CancelAsync(order.OrderId, cancellationToken);
            log(DemoEventKind.Order, $"order {order.OrderId} cancelled at exit");
        }
        catch (Exception error) when (error is NotConnectedException or ConnectionLostException or JsonRpcException or JsonRpcTimeoutException)
        {
            log(DemoEventKind.Problem, $"order {order.OrderId} could not be cancelled at exit ({error.Message}); cancel-on-disconnect will");
        }
    }

    private async Task CheckEndedAsync(int epoch, CancellationToken cancellationToken)
    {
        foreach (var ended in Orders.Where(o => o.Epoch < epoch && o.StateAfterDisconnect is null))
        {
            var waited = TimeSpan.Zero;
            var order = await adapter.GetOrderStateAsync(ended.OrderId, cancellationToken);
            while (order.IsOpen && waited < CheckFor)
            {
                // The exchange cancels when it notices the old socket is gone, which may be a moment after we reconnected.
                await Task.Delay(Poll, cancellationToken);
                waited += Poll;
                order = await adapter.GetOrderStateAsync(ended.OrderId, cancellationToken);
            }

            var checkedOrder = ended with { StateAfterDisconnect = order.OrderState, CancelReason = order.CancelReason, CheckedOnEpoch = epoch };
            Replace(ended, checkedOrder);
            log(
                checkedOrder.CancelledOnDisconnect ? DemoEventKind.Order : DemoEventKind.Problem,
                $"order {ended.OrderId} of epoch {ended.Epoch}: {order.OrderState}{(order.CancelReason is { } reason ? $" ({reason})" : "")}");
        }
    }

    private async Task PlaceAsync(DeribitSession session, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        decimal? bid;
        while ((bid = bestBid()) is null && waited < PriceWait)
        {
            await Task.Delay(Poll, cancellationToken);
            waited += Poll;
        }

        // 2 % under the best bid, on a 0.5 tick: far enough not to fill, near enough for the exchange's price band.
        var price = Math.Max(0.5m, Math.Floor((bid ?? 1_000m) * 0.98m / 0.5m) * 0.5m);
        var result = await adapter.BuyAsync(new OrderRequest { InstrumentName = instrument, Amount = Amount, Price = price, Label = Label, PostOnly = true }, cancellationToken);
        var order = new RestingOrder(result.Order.OrderId, price, session.Epoch, session.ConnectionId);
        lock (_gate)
        {
            _orders.Add(order);
        }

        log(DemoEventKind.Order, $"order {order.OrderId} resting: buy {Amount} @ {price:0.0#} on epoch {session.Epoch} ({session.ConnectionId})");
    }

    private void Replace(RestingOrder old, RestingOrder updated)
    {
        lock (_gate)
        {
            _orders[_orders.IndexOf(old)] = updated;
        }
    }
}
