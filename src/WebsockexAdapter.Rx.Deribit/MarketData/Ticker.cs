namespace WebsockexAdapter.Rx.Deribit;

/// <summary>A <c>ticker.{instrument}.{interval}</c> notification (the fields a strategy uses; the raw form has them all).</summary>
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
}
