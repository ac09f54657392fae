namespace WebsockexAdapter.Rx.Deribit;

/// <summary>A <c>book.*</c> notification's data as decoded, before continuity checks make it a <see cref="BookUpdate"/>.</summary>
/// <param name="IsSnapshot">A snapshot (<c>type</c> <c>snapshot</c>, or any message of a grouped book) rather than a change.</param>
/// <param name="Timestamp">The exchange's timestamp.</param>
/// <param name="InstrumentName">The instrument.</param>
/// <param name="ChangeId">This message's change id.</param>
/// <param name="PrevChangeId">The change id it follows, if sent.</param>
/// <param name="Bids">Bid entries, as sent.</param>
/// <param name="Asks">Ask entries, as sent.</param>
internal readonly record struct BookData(
    bool IsSnapshot, long Timestamp, string InstrumentName, long ChangeId, long? PrevChangeId, BookLevelChange[] Bids, BookLevelChange[] Asks);
