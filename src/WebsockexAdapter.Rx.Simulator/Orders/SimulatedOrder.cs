namespace WebsockexAdapter.Rx.Simulator;

/// <summary>An order as the simulator holds it.</summary>
/// <param name="OrderId">The exchange's order id, e.g. <c>BTC-1</c>.</param>
/// <param name="ClientId">The account that placed it.</param>
/// <param name="ConnectionId">The id of the connection it was placed on (what connection-scope cancel-on-disconnect cancels).</param>
/// <param name="InstrumentName">The instrument.</param>
/// <param name="Direction"><c>buy</c> or <c>sell</c>.</param>
/// <param name="OrderType"><c>limit</c> or <c>market</c>.</param>
/// <param name="Price">The limit price (for a market order, the price it filled at).</param>
/// <param name="Amount">The amount.</param>
/// <param name="FilledAmount">How much has filled.</param>
/// <param name="OrderState"><c>open</c>, <c>filled</c> or <c>cancelled</c>.</param>
/// <param name="Label">The client's label, or null.</param>
/// <param name="CreatedAt">When it was placed.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="CancelReason">Why it was cancelled (<c>user_request</c>, <c>cancel_on_disconnect</c>), or null.</param>
public sealed record SimulatedOrder(
    string OrderId,
    string ClientId,
    int ConnectionId,
    string InstrumentName,
    string Direction,
    string OrderType,
    decimal Price,
    decimal Amount,
    decimal FilledAmount,
    string OrderState,
    string? Label,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? CancelReason = null);
