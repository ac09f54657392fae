namespace WebsockexAdapter.Rx.Deribit;

/// <summary>One of the account's positions (<c>private/get_positions</c>). A number not sent is <see langword="null"/>.</summary>
public sealed record Position
{
    /// <summary>The instrument.</summary>
    public string InstrumentName { get; init; } = string.Empty;

    /// <summary>The instrument's kind, e.g. <c>future</c> or <c>option</c>.</summary>
    public string? Kind { get; init; }

    /// <summary><c>buy</c> (long), <c>sell</c> (short) or <c>zero</c>.</summary>
    public string Direction { get; init; } = string.Empty;

    /// <summary>The size: USD for inverse futures, the base currency or contracts otherwise; negative when short.</summary>
    public decimal? Size { get; init; }

    /// <summary>The size in the instrument's currency (inverse futures).</summary>
    public decimal? SizeCurrency { get; init; }

    /// <summary>The average entry price.</summary>
    public decimal? AveragePrice { get; init; }

    /// <summary>The mark price.</summary>
    public decimal? MarkPrice { get; init; }

    /// <summary>The index price.</summary>
    public decimal? IndexPrice { get; init; }

    /// <summary>The estimated liquidation price (futures).</summary>
    public decimal? EstimatedLiquidationPrice { get; init; }

    /// <summary>The unrealised profit or loss.</summary>
    public decimal? FloatingProfitLoss { get; init; }

    /// <summary>The realised profit or loss.</summary>
    public decimal? RealizedProfitLoss { get; init; }

    /// <summary>The total profit or loss.</summary>
    public decimal? TotalProfitLoss { get; init; }

    /// <summary>The initial margin.</summary>
    public decimal? InitialMargin { get; init; }

    /// <summary>The maintenance margin.</summary>
    public decimal? MaintenanceMargin { get; init; }

    /// <summary>The leverage (futures).</summary>
    public decimal? Leverage { get; init; }

    /// <summary>Delta.</summary>
    public decimal? Delta { get; init; }

    /// <summary>Gamma (options).</summary>
    public decimal? Gamma { get; init; }

    /// <summary>Vega (options).</summary>
    public decimal? Vega { get; init; }

    /// <summary>Theta (options).</summary>
    public decimal? Theta { get; init; }

    /// <summary>The last settlement price.</summary>
    public decimal? SettlementPrice { get; init; }
}
