namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// An order as the exchange reports it (answers of the order methods and <c>user.orders.*</c> notifications). A number
/// or flag the exchange did not send, or sent as a word (<c>"market_price"</c>), is <see langword="null"/>, never zero.
/// </summary>
public sealed record Order
{
    /// <summary>The exchange's order id.</summary>
    public string OrderId { get; init; } = string.Empty;

    /// <summary><c>open</c>, <c>filled</c>, <c>rejected</c>, <c>cancelled</c> or <c>untriggered</c>.</summary>
    public string OrderState { get; init; } = string.Empty;

    /// <summary><c>limit</c>, <c>market</c>, ...</summary>
    public string? OrderType { get; init; }

    /// <summary>The instrument.</summary>
    public string InstrumentName { get; init; } = string.Empty;

    /// <summary><c>buy</c> or <c>sell</c>.</summary>
    public string Direction { get; init; } = string.Empty;

    /// <summary>The limit price (<see langword="null"/> for a market order the exchange reports as <c>market_price</c>).</summary>
    public decimal? Price { get; init; }

    /// <summary>The amount.</summary>
    public decimal Amount { get; init; }

    /// <summary>How much has been filled; <see langword="null"/> when the exchange did not say.</summary>
    public decimal? FilledAmount { get; init; }

    /// <summary>The average fill price.</summary>
    public decimal? AveragePrice { get; init; }

    /// <summary>The label given when it was placed.</summary>
    public string? Label { get; init; }

    /// <summary>Why it was cancelled, when it was (e.g. <c>cancel_on_disconnect</c>).</summary>
    public string? CancelReason { get; init; }

    /// <summary>When it was placed, in milliseconds since the Unix epoch.</summary>
    public long CreationTimestamp { get; init; }

    /// <summary>When it last changed, in milliseconds since the Unix epoch.</summary>
    public long LastUpdateTimestamp { get; init; }

    /// <summary>The amount in contracts, for instruments that count them.</summary>
    public decimal? Contracts { get; init; }

    /// <summary>How long it works: <c>good_til_cancelled</c>, <c>good_til_day</c>, <c>fill_or_kill</c> or <c>immediate_or_cancel</c>.</summary>
    public string? TimeInForce { get; init; }

    /// <summary>Whether it may only rest on the book (never take liquidity).</summary>
    public bool? PostOnly { get; init; }

    /// <summary>Whether it may only reduce a position.</summary>
    public bool? ReduceOnly { get; init; }

    /// <summary>For a trigger order: what triggers it (<c>index_price</c>, <c>mark_price</c> or <c>last_price</c>).</summary>
    public string? Trigger { get; init; }

    /// <summary>For a trigger order: the price that triggers it.</summary>
    public decimal? TriggerPrice { get; init; }

    /// <summary>For a trigger order: whether it has been triggered.</summary>
    public bool? Triggered { get; init; }

    /// <summary>The amount shown on the book (an iceberg shows less than <see cref="Amount"/>).</summary>
    public decimal? MaxShow { get; init; }

    /// <summary>The commission paid so far.</summary>
    public decimal? Commission { get; init; }

    /// <summary>The profit or loss of its fills.</summary>
    public decimal? ProfitLoss { get; init; }

    /// <summary>Whether it was replaced (edited) since it was placed.</summary>
    public bool? Replaced { get; init; }

    /// <summary>Whether it is a liquidation order.</summary>
    public bool? IsLiquidation { get; init; }

    /// <summary>Whether it was placed through the API.</summary>
    public bool? Api { get; init; }

    /// <summary>Whether it was placed through the web interface.</summary>
    public bool? Web { get; init; }

    /// <summary>Whether it belongs to the market maker protection group.</summary>
    public bool? Mmp { get; init; }

    /// <summary>Whether it is a risk-reducing order.</summary>
    public bool? RiskReducing { get; init; }

    /// <summary>Whether the order is still working on the book.</summary>
    public bool IsOpen => OrderState is "open" or "untriggered";
}
