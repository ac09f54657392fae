namespace WebsockexAdapter.Rx.Demo.Run;

/// <summary>A resting buy placed on one connection, and what became of it once that connection was gone.</summary>
/// <param name="OrderId">The exchange's order id.</param>
/// <param name="Price">Its limit price, below the market so it rests.</param>
/// <param name="Epoch">The connection epoch it was placed on.</param>
/// <param name="ConnectionId">The connection it was placed on.</param>
internal sealed record RestingOrder(string OrderId, decimal Price, int Epoch, string ConnectionId)
{
    /// <summary>Its state as the exchange reported it after its connection ended (<c>cancelled</c>, or still <c>open</c>).</summary>
    public string? StateAfterDisconnect { get; init; }

    /// <summary>Why the exchange cancelled it, e.g. <c>cancel_on_disconnect</c>.</summary>
    public string? CancelReason { get; init; }

    /// <summary>The epoch whose connection asked for that state.</summary>
    public int? CheckedOnEpoch { get; init; }

    public bool CancelledOnDisconnect => StateAfterDisconnect == "cancelled" && CancelReason == "cancel_on_disconnect";
}
