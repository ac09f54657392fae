namespace WebsockexAdapter.Rx.Deribit;

/// <summary>What <see cref="DeribitAdapter.EditAsync"/> sends: an open order's new amount and price.</summary>
public sealed record OrderEdit
{
    /// <summary>The exchange's order id.</summary>
    public required string OrderId { get; init; }

    /// <summary>The new amount (the whole order's, filled part included).</summary>
    public required decimal Amount { get; init; }

    /// <summary>The new limit price; <see langword="null"/> keeps the price (a market order has none).</summary>
    public decimal? Price { get; init; }

    /// <summary>Only rest on the book; never take liquidity.</summary>
    public bool? PostOnly { get; init; }

    /// <summary>Only reduce a position.</summary>
    public bool? ReduceOnly { get; init; }

    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(OrderId))
        {
            yield return "OrderId is required.";
        }

        if (Amount <= 0)
        {
            yield return $"Amount must be positive (was {Amount}).";
        }

        if (Price is <= 0)
        {
            yield return $"Price must be positive (was {Price}).";
        }
    }
}
