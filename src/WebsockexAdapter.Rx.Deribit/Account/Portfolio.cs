namespace WebsockexAdapter.Rx.Deribit;

/// <summary>The account's summary in one currency (<c>user.portfolio.{currency}</c>). A number not sent is <see langword="null"/>.</summary>
public sealed record Portfolio
{
    /// <summary>The currency, e.g. <c>BTC</c>.</summary>
    public string Currency { get; init; } = string.Empty;

    /// <summary>The balance.</summary>
    public decimal? Balance { get; init; }

    /// <summary>The equity: balance plus unrealised profit and loss.</summary>
    public decimal? Equity { get; init; }

    /// <summary>The funds available for trading.</summary>
    public decimal? AvailableFunds { get; init; }

    /// <summary>The funds available for withdrawal.</summary>
    public decimal? AvailableWithdrawalFunds { get; init; }

    /// <summary>The margin balance.</summary>
    public decimal? MarginBalance { get; init; }

    /// <summary>The initial margin.</summary>
    public decimal? InitialMargin { get; init; }

    /// <summary>The maintenance margin.</summary>
    public decimal? MaintenanceMargin { get; init; }

    /// <summary>The total profit or loss.</summary>
    public decimal? TotalPl { get; init; }

    /// <summary>The session's unrealised profit or loss.</summary>
    public decimal? SessionUpl { get; init; }

    /// <summary>The session's realised profit or loss.</summary>
    public decimal? SessionRpl { get; init; }

    /// <summary>The futures' profit or loss.</summary>
    public decimal? FuturesPl { get; init; }

    /// <summary>The options' profit or loss.</summary>
    public decimal? OptionsPl { get; init; }

    /// <summary>The delta of every position together.</summary>
    public decimal? DeltaTotal { get; init; }

    /// <summary>The options' delta.</summary>
    public decimal? OptionsDelta { get; init; }

    /// <summary>The options' gamma.</summary>
    public decimal? OptionsGamma { get; init; }

    /// <summary>The options' vega.</summary>
    public decimal? OptionsVega { get; init; }

    /// <summary>The options' theta.</summary>
    public decimal? OptionsTheta { get; init; }

    /// <summary>The fee balance.</summary>
    public decimal? FeeBalance { get; init; }
}
