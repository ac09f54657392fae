using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>The answer to <c>private/buy</c> or <c>private/sell</c>: the order, and any trades it made at once.</summary>
public sealed record OrderResult
{
    /// <summary>The order.</summary>
    public required Order Order { get; init; }

    /// <summary>The trades it made at once, in the exchange's form.</summary>
    public IReadOnlyList<JsonElement> Trades { get; init; } = [];
}
