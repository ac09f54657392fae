namespace WebsockexAdapter.Rx.Deribit;

/// <summary>One trade of a <c>trades.{instrument}.{interval}</c> or <c>trades.{kind}.{currency}.{interval}</c> notification.</summary>
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

    /// <summary>An option trade's implied volatility, in percent; <see langword="null"/> for other instruments.</summary>
    public decimal? Iv { get; init; }

    /// <summary>
    /// The price's direction against the trades before it: 0 plus tick, 1 zero-plus tick, 2 minus tick, 3 zero-minus
    /// tick; <see langword="null"/> when not sent.
    /// </summary>
    public int? TickDirection { get; init; }

    /// <summary>Whether the trade was a liquidation: <c>M</c> (maker side), <c>T</c> (taker side), <c>MT</c> (both), or <see langword="null"/>.</summary>
    public string? Liquidation { get; init; }

    /// <summary>The block trade it belongs to, if any.</summary>
    public string? BlockTradeId { get; init; }
}
