using System.Runtime.InteropServices;
using System.Text.Json;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>Order methods on top of <see cref="CallAsync"/>, typed both ways.</summary>
public sealed partial class DeribitAdapter
{
    /// <summary>Places a buy order (<c>private/buy</c>).</summary>
    /// <param name="order">What to buy.</param>
    /// <param name="cancellationToken">Stops waiting for the answer (the order may still have reached the exchange).</param>
    /// <exception cref="ArgumentException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="NotConnectedException">The adapter is not live; nothing was sent or queued.</exception>
    public Task<OrderResult> BuyAsync(OrderRequest order, CancellationToken cancellationToken = default) =>
        PlaceAsync("private/buy", order, cancellationToken);

    /// <summary>Places a sell order (<c>private/sell</c>).</summary>
    /// <param name="order">What to sell.</param>
    /// <param name="cancellationToken">Stops waiting for the answer (the order may still have reached the exchange).</param>
    /// <exception cref="ArgumentException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="NotConnectedException">The adapter is not live; nothing was sent or queued.</exception>
    public Task<OrderResult> SellAsync(OrderRequest order, CancellationToken cancellationToken = default) =>
        PlaceAsync("private/sell", order, cancellationToken);

    /// <summary>Cancels one order (<c>private/cancel</c>) and returns it as cancelled.</summary>
    /// <param name="orderId">The exchange's order id.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    public async Task<Order> CancelAsync(string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var result = await CallAsync("private/cancel", DeribitJson.Params(new OrderIdParams(orderId), DeribitJson.Default.OrderIdParams), cancellationToken).ConfigureAwait(false);
        return OrderReader.Read(JsonMarshal.GetRawUtf8Value(result));
    }

    /// <summary>Cancels every open order, or every open order of one instrument, and returns how many were cancelled.</summary>
    /// <param name="instrument">An instrument, or <see langword="null"/> for all (<c>private/cancel_all</c>).</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    public async Task<int> CancelAllAsync(string? instrument = null, CancellationToken cancellationToken = default)
    {
        var result = instrument is null
            ? await CallAsync("private/cancel_all", null, cancellationToken).ConfigureAwait(false)
            : await CallAsync("private/cancel_all_by_instrument", DeribitJson.Params(new InstrumentParams(instrument), DeribitJson.Default.InstrumentParams), cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Number ? result.GetInt32() : 0;
    }

    /// <summary>The account's open orders on one instrument (<c>private/get_open_orders_by_instrument</c>).</summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    public async Task<IReadOnlyList<Order>> GetOpenOrdersAsync(string instrument, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instrument);
        var result = await CallAsync("private/get_open_orders_by_instrument", DeribitJson.Params(new InstrumentParams(instrument), DeribitJson.Default.InstrumentParams), cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Array ? OrderReader.ReadOneOrMany(JsonMarshal.GetRawUtf8Value(result)) : [];
    }

    /// <summary>
    /// One order's state, open or closed (<c>private/get_order_state</c>): after a reconnect, this is how to learn
    /// whether an order placed on the old connection was filled or cancelled, and why (<see cref="Order.CancelReason"/>).
    /// </summary>
    /// <param name="orderId">The exchange's order id.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <exception cref="JsonRpcException">The exchange does not know the order (10004 <c>order_not_found</c>).</exception>
    public async Task<Order> GetOrderStateAsync(string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var result = await CallAsync("private/get_order_state", DeribitJson.Params(new OrderIdParams(orderId), DeribitJson.Default.OrderIdParams), cancellationToken).ConfigureAwait(false);
        return OrderReader.Read(JsonMarshal.GetRawUtf8Value(result));
    }

    /// <summary>Changes an open order's amount and price (<c>private/edit</c>), keeping its id and place where the exchange allows.</summary>
    /// <param name="edit">The order and its new amount and price.</param>
    /// <param name="cancellationToken">Stops waiting for the answer (the edit may still have reached the exchange).</param>
    /// <exception cref="ArgumentException">The edit is invalid; nothing was sent.</exception>
    /// <exception cref="NotConnectedException">The adapter is not live; nothing was sent or queued.</exception>
    public async Task<OrderResult> EditAsync(OrderEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var problems = edit.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The edit is invalid: {string.Join(" ", problems)}", nameof(edit));
        }

        var parameters = new EditParams(edit.OrderId, edit.Amount) { Price = edit.Price, PostOnly = edit.PostOnly, ReduceOnly = edit.ReduceOnly };
        var result = await CallAsync("private/edit", DeribitJson.Params(parameters, DeribitJson.Default.EditParams), cancellationToken).ConfigureAwait(false);
        return OrderResultReader.Read(JsonMarshal.GetRawUtf8Value(result), "private/edit");
    }

    /// <summary>The account's positions in one currency (<c>private/get_positions</c>), of one kind or all.</summary>
    /// <param name="currency">The currency, e.g. <c>BTC</c>.</param>
    /// <param name="kind">Only this kind of instrument; <see langword="null"/> (the default) for all.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    public async Task<IReadOnlyList<Position>> GetPositionsAsync(string currency, InstrumentKind? kind = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        var parameters = new PositionsParams(currency) { Kind = kind?.WireName() };
        var result = await CallAsync("private/get_positions", DeribitJson.Params(parameters, DeribitJson.Default.PositionsParams), cancellationToken).ConfigureAwait(false);
        return AccountReader.ReadPositions(JsonMarshal.GetRawUtf8Value(result));
    }

    private async Task<OrderResult> PlaceAsync(string method, OrderRequest order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var problems = order.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The order is invalid: {string.Join(" ", problems)}", nameof(order));
        }

        var parameters = new OrderParams(order.InstrumentName, order.Amount, order.Type == OrderType.Market ? "market" : "limit")
        {
            Price = order.Type == OrderType.Limit ? order.Price : null,
            Label = order.Label,
            PostOnly = order.PostOnly,
            ReduceOnly = order.ReduceOnly,
        };
        var result = await CallAsync(method, DeribitJson.Params(parameters, DeribitJson.Default.OrderParams), cancellationToken).ConfigureAwait(false);
        return OrderResultReader.Read(JsonMarshal.GetRawUtf8Value(result), method);
    }
}
