namespace WebsockexAdapter.Rx.Deribit;

/// <summary>The best bid and ask of a book at one moment, and what a strategy derives from them.</summary>
/// <param name="BestBid">The highest bid price.</param>
/// <param name="BestBidAmount">The amount at the best bid.</param>
/// <param name="BestAsk">The lowest ask price.</param>
/// <param name="BestAskAmount">The amount at the best ask.</param>
/// <param name="ChangeId">The change id of the last update applied.</param>
public readonly record struct TopOfBook(decimal BestBid, decimal BestBidAmount, decimal BestAsk, decimal BestAskAmount, long ChangeId)
{
    /// <summary>The mid price: halfway between the best bid and ask.</summary>
    public decimal Mid => (BestBid + BestAsk) / 2;

    /// <summary>The spread: best ask minus best bid.</summary>
    public decimal Spread => BestAsk - BestBid;
}
