namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A local copy of one instrument's book, built from a <see cref="DeribitAdapter.SubscribeBook"/> stream: a reset
/// empties it, a snapshot replaces it, a change edits it. Because that stream only delivers changes that chain, the copy
/// is never a stale book with a change applied to it. Not thread-safe: feed it from the stream (e.g. with
/// <c>Scan</c>) and read what you need (<see cref="Top"/>) in the same callback.
/// </summary>
/// <example>
/// <code>
/// adapter.SubscribeBook("BTC-PERPETUAL")
///     .Scan(new OrderBook(), (book, update) => book.Apply(update.Data))
///     .Where(book => book.IsReady)
///     .Select(book => book.Top())
///     .Subscribe(top => Console.WriteLine($"mid {top.Mid} spread {top.Spread}"));
/// </code>
/// </example>
public sealed class OrderBook
{
    private readonly SortedDictionary<decimal, decimal> _bids = new(Comparer<decimal>.Create(static (a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, decimal> _asks = new();

    /// <summary>Whether the book holds a snapshot (and the changes after it) and both sides have a level.</summary>
    public bool IsReady => HasSnapshot && _bids.Count > 0 && _asks.Count > 0;

    /// <summary>Whether a snapshot has been applied since the last reset.</summary>
    public bool HasSnapshot { get; private set; }

    /// <summary>The change id of the last update applied.</summary>
    public long ChangeId { get; private set; }

    /// <summary>Bid levels, best (highest) first.</summary>
    public IReadOnlyDictionary<decimal, decimal> Bids => _bids;

    /// <summary>Ask levels, best (lowest) first.</summary>
    public IReadOnlyDictionary<decimal, decimal> Asks => _asks;

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
    public TopOfBook Top()
    {
        if (!IsReady)
        {
            throw new InvalidOperationException("The book has no snapshot yet, or one side is empty.");
        }

        var bid = _bids.First();
        var ask = _asks.First();
        return new TopOfBook(bid.Key, bid.Value, ask.Key, ask.Value, ChangeId);
    }

    private void Clear()
    {
        _bids.Clear();
        _asks.Clear();
        HasSnapshot = false;
        ChangeId = 0;
    }

    private void Edit(BookUpdate update)
    {
        Edit(_bids, update.Bids);
        Edit(_asks, update.Asks);
        ChangeId = update.ChangeId;
    }

    private static void Edit(SortedDictionary<decimal, decimal> side, IReadOnlyList<BookLevelChange> changes)
    {
        foreach (var change in changes)
        {
            if (change.Action == BookAction.Delete || change.Amount == 0)
            {
                side.Remove(change.Price);
            }
            else
            {
                side[change.Price] = change.Amount;
            }
        }
    }
}
