namespace WebsockexAdapter.Rx.Deribit;

/// <summary>An option's greeks, as its ticker reports them; each is <see langword="null"/> when not sent.</summary>
public sealed record Greeks
{
    // The numbers as decimals, and which were sent (see NumbersSent).
    private NumbersSent _sent;
    private decimal _delta;
    private decimal _gamma;
    private decimal _vega;
    private decimal _theta;
    private decimal _rho;

    /// <summary>Delta: the option's price change per unit of the underlying's.</summary>
    public decimal? Delta { get => _sent.Get(0, _delta); init => _delta = _sent.Keep(0, value); }

    /// <summary>Gamma: delta's change per unit of the underlying's price.</summary>
    public decimal? Gamma { get => _sent.Get(1, _gamma); init => _gamma = _sent.Keep(1, value); }

    /// <summary>Vega: the price change per point of implied volatility.</summary>
    public decimal? Vega { get => _sent.Get(2, _vega); init => _vega = _sent.Keep(2, value); }

    /// <summary>Theta: the price change per day.</summary>
    public decimal? Theta { get => _sent.Get(3, _theta); init => _theta = _sent.Keep(3, value); }

    /// <summary>Rho: the price change per point of the interest rate.</summary>
    public decimal? Rho { get => _sent.Get(4, _rho); init => _rho = _sent.Keep(4, value); }
}
