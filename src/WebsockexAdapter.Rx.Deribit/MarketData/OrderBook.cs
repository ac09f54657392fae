namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A local copy of one instrument's book, built from a <see cref="DeribitAdapter.SubscribeBook"/> stream: a reset
/// empties it, a snapshot replaces it, a change edits it in place. Because that stream only delivers changes that chain,
/// the copy is never a stale book with a change applied to it. Each side is a sorted array of price levels: applying a
/// change allocates nothing once the book has reached its size, and <see cref="Top"/> is two array reads. Not
/// thread-safe: feed it from the stream and read it in the same callback. <see cref="DeribitAdapter.SubscribeOrderBook"/>
/// and <see cref="DeribitAdapter.SubscribeTopOfBook"/> keep one for every subscriber of an instrument.
/// </summary>
/// <example>
/// <code>
/// var book = new OrderBook();
/// adapter.SubscribeBook("BTC-PERPETUAL").Subscribe(update =>
/// {
///     if (book.Apply(update.Data).TryGetTop(out var top))
///     {
///         Console.WriteLine($"mid {top.Mid} spread {top.Spread}");
///     }
/// });
/// </code>
/// </example>
public sealed class OrderBook
{
    private readonly BookSide _bids = new(bids: true);
    private readonly BookSide _asks = new(bids: false);

    /// <summary>Whether the book holds a snapshot (and the changes after it) and both sides have a level.</summary>
    public bool IsReady => HasSnapshot && _bids.Count > 0 && _asks.Count > 0;

    /// <summary>Whether a snapshot has been applied since the last reset.</summary>
    public bool HasSnapshot { get; private set; }

    /// <summary>The change id of the last update applied.</summary>
    public long ChangeId { get; private set; }

    /// <summary>The exchange's timestamp of the last update applied, in milliseconds since the Unix epoch.</summary>
    public long Timestamp { get; private set; }

    /// <summary>Bid levels, best (highest) first; a live view of this book.</summary>
    public IReadOnlyList<BookLevel> Bids => _bids;

    /// <summary>Ask levels, best (lowest) first; a live view of this book.</summary>
    public IReadOnlyList<BookLevel> Asks => _asks;

    /// <summary>Applies one update and returns this book (so it can be the accumulator of <c>Scan</c>).</summary>
    /// <param name="update">A reset, snapshot or change from the book stream.</param>
    public OrderBook Apply(BookUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        switch (update.Kind)
        {
            case BookUpdateKind.Reset:
                Clear();
                break;
            case BookUpdateKind.Snapshot:
                Clear();
                HasSnapshot = true;
                Edit(update);
                break;
            case BookUpdateKind.Change when HasSnapshot:
                Edit(update);
                break;
        }

        return this;
    }

    /// <summary>The best bid and ask now.</summary>
    /// <exception cref="InvalidOperationException">The book is not <see cref="IsReady"/>.</exception>
    public TopOfBook Top() => TryGetTop(out var top)
        ? top
        : throw new InvalidOperationException("The book has no snapshot yet, or one side is empty.");

    /// <summary>The best bid and ask now, if the book <see cref="IsReady"/>.</summary>
    /// <param name="top">The best bid and ask; default when the book is not ready.</param>
    public bool TryGetTop(out TopOfBook top)
    {
        if (!IsReady)
        {
            top = default;
            return false;
        }

        ref readonly var bid = ref _bids.Best;
        ref readonly var ask = ref _asks.Best;
        top = new TopOfBook(bid.Price, bid.Amount, ask.Price, ask.Amount, ChangeId);
        return true;
    }

    /// <summary>A copy of the best <paramref name="depth"/> levels of each side, which stays as it is.</summary>
    /// <param name="depth">How many levels per side, at least 1.</param>
    /// <param name="instrument">The instrument the view names.</param>
    public OrderBookView View(int depth, string instrument)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        return new OrderBookView(instrument, HasSnapshot, ChangeId, Timestamp, _bids.Top(depth), _asks.Top(depth));
    }

    private void Clear()
    {
        _bids.Clear();
        _asks.Clear();
        HasSnapshot = false;
        ChangeId = 0;
        Timestamp = 0;
    }

    private void Edit(BookUpdate update)
    {
        Edit(_bids, update.Bids);
        Edit(_asks, update.Asks);
        ChangeId = update.ChangeId;
        Timestamp = update.Timestamp;
    }

    private static void Edit(BookSide side, IReadOnlyList<BookLevelChange> changes)
    {
        // The decoder hands arrays; indexing one directly avoids the interface's enumerator.
        if (changes is BookLevelChange[] array)
        {
            foreach (var change in array)
            {
                side.Set(change.Price, change.Action == BookAction.Delete ? 0 : change.Amount);
            }

            return;
        }

        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            side.Set(change.Price, change.Action == BookAction.Delete ? 0 : change.Amount);
        }
    }
}
