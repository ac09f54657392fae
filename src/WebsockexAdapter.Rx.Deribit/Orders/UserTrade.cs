namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// One of the account's own fills, as the answer of <c>private/buy</c>, <c>private/sell</c> or <c>private/edit</c>
/// reports it. A number the exchange did not send is <see langword="null"/>.
/// </summary>
public sealed record UserTrade
{
    /// <summary>The trade's id.</summary>
    public string TradeId { get; init; } = string.Empty;

    /// <summary>The instrument's trade sequence number.</summary>
    public long TradeSeq { get; init; }

    /// <summary>The order that filled.</summary>
    public string OrderId { get; init; } = string.Empty;

    /// <summary>The instrument.</summary>
    public string InstrumentName { get; init; } = string.Empty;

    /// <summary><c>buy</c> or <c>sell</c>: the order's side.</summary>
    public string Direction { get; init; } = string.Empty;

    /// <summary>The price.</summary>
    public decimal? Price { get; init; }

    /// <summary>The amount.</summary>
    public decimal? Amount { get; init; }

    /// <summary>The fee paid (negative for a rebate).</summary>
    public decimal? Fee { get; init; }

    /// <summary>The fee's currency, e.g. <c>BTC</c>.</summary>
    public string? FeeCurrency { get; init; }

    /// <summary><c>M</c> when the order was the maker, <c>T</c> when it was the taker.</summary>
    public string? Liquidity { get; init; }

    /// <summary>The exchange's timestamp, in milliseconds since the Unix epoch.</summary>
    public long Timestamp { get; init; }

    /// <summary>The order's label.</summary>
    public string? Label { get; init; }

    /// <summary>The order's state after this fill.</summary>
    public string? State { get; init; }

    /// <summary>The order's type.</summary>
    public string? OrderType { get; init; }

    /// <summary>The mark price at the time.</summary>
    public decimal? MarkPrice { get; init; }

    /// <summary>The index price at the time.</summary>
    public decimal? IndexPrice { get; init; }

    /// <summary>An option fill's implied volatility, in percent.</summary>
    public decimal? Iv { get; init; }

    /// <summary>The price's direction against the trades before it (0-3, see <see cref="Trade.TickDirection"/>).</summary>
    public int? TickDirection { get; init; }

    /// <summary>The fill's profit or loss.</summary>
    public decimal? ProfitLoss { get; init; }

    /// <summary>Whether the order was post-only.</summary>
    public bool? PostOnly { get; init; }

    /// <summary>Whether the order was reduce-only.</summary>
    public bool? ReduceOnly { get; init; }
}
