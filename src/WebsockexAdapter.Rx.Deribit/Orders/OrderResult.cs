namespace WebsockexAdapter.Rx.Deribit;

/// <summary>The answer to <c>private/buy</c>, <c>private/sell</c> or <c>private/edit</c>: the order, and any trades it made at once.</summary>
public sealed record OrderResult
{
    /// <summary>The order.</summary>
    public required Order Order { get; init; }

    /// <summary>The trades it made at once.</summary>
    public IReadOnlyList<UserTrade> Trades { get; init; } = [];
}
