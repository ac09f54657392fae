namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A <c>ticker.{instrument}.{interval}</c> notification. Every number is <see langword="null"/> when the exchange sends
/// none, null, or a word in its place (<c>"undefined"</c> for an option that never traded, <c>"expired"</c>): absent is
/// never read as zero.
/// </summary>
public sealed record Ticker
{
    /// <summary>The exchange's timestamp, in milliseconds since the Unix epoch.</summary>
    public long Timestamp { get; init; }

    /// <summary>The instrument.</summary>
    public string InstrumentName { get; init; } = string.Empty;

    /// <summary>The instrument's state, e.g. <c>open</c>.</summary>
    public string? State { get; init; }

    /// <summary>The best bid, if any.</summary>
    public decimal? BestBidPrice { get; init; }

    /// <summary>The amount at the best bid.</summary>
    public decimal? BestBidAmount { get; init; }

    /// <summary>The best ask, if any.</summary>
    public decimal? BestAskPrice { get; init; }

    /// <summary>The amount at the best ask.</summary>
    public decimal? BestAskAmount { get; init; }

    /// <summary>The last trade's price, if any.</summary>
    public decimal? LastPrice { get; init; }

    /// <summary>The mark price.</summary>
    public decimal? MarkPrice { get; init; }

    /// <summary>The index price.</summary>
    public decimal? IndexPrice { get; init; }

    /// <summary>The open interest.</summary>
    public decimal? OpenInterest { get; init; }

    /// <summary>The lowest price an order may have now (the exchange's price band).</summary>
    public decimal? MinPrice { get; init; }

    /// <summary>The highest price an order may have now (the exchange's price band).</summary>
    public decimal? MaxPrice { get; init; }

    /// <summary>The settlement price of the last settlement (futures and options).</summary>
    public decimal? SettlementPrice { get; init; }

    /// <summary>The delivery price, once the instrument has delivered.</summary>
    public decimal? DeliveryPrice { get; init; }

    /// <summary>The estimated delivery price (the exchange writes <c>"expired"</c> after expiry: then none).</summary>
    public decimal? EstimatedDeliveryPrice { get; init; }

    /// <summary>A perpetual's current funding rate.</summary>
    public decimal? CurrentFunding { get; init; }

    /// <summary>A perpetual's funding rate over the last 8 hours.</summary>
    public decimal? Funding8h { get; init; }

    /// <summary>A perpetual's interest value.</summary>
    public decimal? InterestValue { get; init; }

    /// <summary>An option's interest rate, used for its implied volatility.</summary>
    public decimal? InterestRate { get; init; }

    /// <summary>An option's implied volatility at the mark price, in percent.</summary>
    public decimal? MarkIv { get; init; }

    /// <summary>An option's implied volatility at the best bid, in percent.</summary>
    public decimal? BidIv { get; init; }

    /// <summary>An option's implied volatility at the best ask, in percent.</summary>
    public decimal? AskIv { get; init; }

    /// <summary>An option's underlying price.</summary>
    public decimal? UnderlyingPrice { get; init; }

    /// <summary>What an option's underlying price is, e.g. <c>BTC-27DEC24</c> or <c>index_price</c>.</summary>
    public string? UnderlyingIndex { get; init; }

    /// <summary>An option's greeks; <see langword="null"/> for other instruments.</summary>
    public Greeks? Greeks { get; init; }

    /// <summary>The last 24 hours' statistics.</summary>
    public TickerStats Stats { get; init; } = TickerStats.None;
}
