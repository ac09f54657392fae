namespace WebsockexAdapter.Rx.Deribit;

/// <summary>What <see cref="DeribitAdapter.BuyAsync"/> and <see cref="DeribitAdapter.SellAsync"/> send.</summary>
public sealed record OrderRequest
{
    /// <summary>The instrument, e.g. <c>BTC-PERPETUAL</c>.</summary>
    public required string InstrumentName { get; init; }

    /// <summary>The amount (USD for inverse perpetuals, the base currency otherwise).</summary>
    public required decimal Amount { get; init; }

    /// <summary>Limit or market. The default value is <see cref="OrderType.Limit"/>.</summary>
    public OrderType Type { get; init; } = OrderType.Limit;

    /// <summary>The limit price; required for <see cref="OrderType.Limit"/>.</summary>
    public decimal? Price { get; init; }

    /// <summary>A label of your own, up to 64 characters, to find the order again.</summary>
    public string? Label { get; init; }

    /// <summary>Only rest on the book; never take liquidity.</summary>
    public bool? PostOnly { get; init; }

    /// <summary>Only reduce a position.</summary>
    public bool? ReduceOnly { get; init; }

    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(InstrumentName))
        {
            yield return "InstrumentName is required.";
        }

        if (Amount <= 0)
        {
            yield return $"Amount must be positive (was {Amount}).";
        }

        if (Type == OrderType.Limit && Price is not > 0)
        {
            yield return "A limit order needs a positive Price.";
        }

        if (Label is { Length: > 64 })
        {
            yield return "Label must be at most 64 characters.";
        }
    }
}
