namespace WebsockexAdapter.Rx.Deribit;

/// <summary>One price level of a book.</summary>
/// <param name="Price">The price.</param>
/// <param name="Amount">The amount resting at that price.</param>
public readonly record struct BookLevel(decimal Price, decimal Amount);
