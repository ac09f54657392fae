namespace WebsockexAdapter.Rx.Deribit;

/// <summary>The instrument kinds of the kind- and currency-wide channels and methods.</summary>
public enum InstrumentKind
{
    /// <summary>Futures, perpetuals included (<c>future</c>).</summary>
    Future,

    /// <summary>Options (<c>option</c>).</summary>
    Option,

    /// <summary>Spot pairs (<c>spot</c>).</summary>
    Spot,

    /// <summary>Future combinations, e.g. spreads (<c>future_combo</c>).</summary>
    FutureCombo,

    /// <summary>Option combinations (<c>option_combo</c>).</summary>
    OptionCombo,

    /// <summary>Every kind (<c>any</c>).</summary>
    Any,
}
