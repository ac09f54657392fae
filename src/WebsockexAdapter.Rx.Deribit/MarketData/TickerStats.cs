namespace WebsockexAdapter.Rx.Deribit;

/// <summary>A ticker's statistics over the last 24 hours; each is <see langword="null"/> when not sent.</summary>
public sealed record TickerStats
{
    /// <summary>No statistics: what a ticker without <c>stats</c> carries.</summary>
    public static TickerStats None { get; } = new();

    /// <summary>The volume, in the instrument's base currency (contracts for some).</summary>
    public decimal? Volume { get; init; }

    /// <summary>The volume in USD.</summary>
    public decimal? VolumeUsd { get; init; }

    /// <summary>The highest price.</summary>
    public decimal? High { get; init; }

    /// <summary>The lowest price.</summary>
    public decimal? Low { get; init; }

    /// <summary>The price change, in percent.</summary>
    public decimal? PriceChange { get; init; }
}
