namespace WebsockexAdapter.Rx.Deribit;

/// <summary>An option's greeks, as its ticker reports them; each is <see langword="null"/> when not sent.</summary>
public sealed record Greeks
{
    /// <summary>Delta: the option's price change per unit of the underlying's.</summary>
    public decimal? Delta { get; init; }

    /// <summary>Gamma: delta's change per unit of the underlying's price.</summary>
    public decimal? Gamma { get; init; }

    /// <summary>Vega: the price change per point of implied volatility.</summary>
    public decimal? Vega { get; init; }

    /// <summary>Theta: the price change per day.</summary>
    public decimal? Theta { get; init; }

    /// <summary>Rho: the price change per point of the interest rate.</summary>
    public decimal? Rho { get; init; }
}
