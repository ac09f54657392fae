namespace WebsockexAdapter.Rx.Deribit;

/// <summary>A ticker's statistics over the last 24 hours; each is <see langword="null"/> when not sent.</summary>
public sealed record TickerStats
{
    // The numbers as decimals, and which were sent (see NumbersSent).
    private NumbersSent _sent;
    private decimal _volume;
    private decimal _volumeUsd;
    private decimal _high;
    private decimal _low;
    private decimal _priceChange;

    /// <summary>No statistics: what a ticker without <c>stats</c> carries.</summary>
    public static TickerStats None { get; } = new();

    /// <summary>The volume, in the instrument's base currency (contracts for some).</summary>
    public decimal? Volume { get => _sent.Get(0, _volume); init => _volume = _sent.Keep(0, value); }

    /// <summary>The volume in USD.</summary>
    public decimal? VolumeUsd { get => _sent.Get(1, _volumeUsd); init => _volumeUsd = _sent.Keep(1, value); }

    /// <summary>The highest price.</summary>
    public decimal? High { get => _sent.Get(2, _high); init => _high = _sent.Keep(2, value); }

    /// <summary>The lowest price.</summary>
    public decimal? Low { get => _sent.Get(3, _low); init => _low = _sent.Keep(3, value); }

    /// <summary>The price change, in percent.</summary>
    public decimal? PriceChange { get => _sent.Get(4, _priceChange); init => _priceChange = _sent.Keep(4, value); }
}
