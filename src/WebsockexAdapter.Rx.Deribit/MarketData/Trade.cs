namespace WebsockexAdapter.Rx.Deribit;

/// <summary>One trade of a <c>trades.{instrument}.{interval}</c> notification.</summary>
public sealed record Trade
{
    /// <summary>The trade's id.</summary>
    public string TradeId { get; init; } = string.Empty;

    /// <summary>The instrument's trade sequence number.</summary>
    public long TradeSeq { get; init; }

    /// <summary>The exchange's timestamp, in milliseconds since the Unix epoch.</summary>
    public long Timestamp { get; init; }

    /// <summary>The instrument.</summary>
    public string InstrumentName { get; init; } = string.Empty;

    /// <summary>The price.</summary>
    public decimal Price { get; init; }

    /// <summary>The amount.</summary>
    public decimal Amount { get; init; }

    /// <summary>The taker's side: <c>buy</c> or <c>sell</c>.</summary>
    public string Direction { get; init; } = string.Empty;

    /// <summary>The mark price at the time.</summary>
    public decimal? MarkPrice { get; init; }

    /// <summary>The index price at the time.</summary>
    public decimal? IndexPrice { get; init; }
}
