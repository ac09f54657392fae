namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// The best levels of one instrument's book at one moment: a copy, so it stays consistent however long it is kept.
/// </summary>
/// <param name="InstrumentName">The instrument.</param>
/// <param name="HasSnapshot">
/// Whether the book is whole; false after a reset (a reconnect or a gap), until the fresh snapshot arrives.
/// </param>
/// <param name="ChangeId">The change id of the last update applied.</param>
/// <param name="Timestamp">The exchange's timestamp of the last update applied.</param>
/// <param name="Bids">The best bids, best (highest) first.</param>
/// <param name="Asks">The best asks, best (lowest) first.</param>
public sealed record OrderBookView(
    string InstrumentName, bool HasSnapshot, long ChangeId, long Timestamp, IReadOnlyList<BookLevel> Bids, IReadOnlyList<BookLevel> Asks)
{
    /// <summary>The best bid and ask, if the book is whole and both sides have a level.</summary>
    public TopOfBook? Top => HasSnapshot && Bids.Count > 0 && Asks.Count > 0
        ? new TopOfBook(Bids[0].Price, Bids[0].Amount, Asks[0].Price, Asks[0].Amount, ChangeId)
        : null;
}
