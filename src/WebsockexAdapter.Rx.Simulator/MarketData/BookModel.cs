namespace WebsockexAdapter.Rx.Simulator.MarketData;

/// <summary>
/// A seeded order book that changes by small random steps: amounts change, levels appear and disappear, within
/// twenty ticks of a fixed mid price, so bids always stay below asks. Its change ids grow by 1 to 5 per change.
/// </summary>
internal sealed class BookModel
{
    private const int Band = 20;
    private readonly Random _random;
    private readonly InstrumentSpec _spec;

    public BookModel(InstrumentSpec spec, int seed)
    {
        _spec = spec;
        _random = new Random(seed);
        ChangeId = 1_000_000 + _random.Next(1_000_000);
        for (var k = 1; k <= 10; k++)
        {
            Bids[Price(-k)] = Amount();
            Asks[Price(k)] = Amount();
        }
    }

    public long ChangeId { get; private set; }

    /// <summary>Price to amount; best bid is the largest key.</summary>
    public SortedDictionary<decimal, decimal> Bids { get; } = [];

    /// <summary>Price to amount; best ask is the smallest key.</summary>
    public SortedDictionary<decimal, decimal> Asks { get; } = [];

    /// <summary>Applies one to three random steps; returns them per side and advances the change id.</summary>
    public (List<BookEntry> Bids, List<BookEntry> Asks) Step()
    {
        var bids = new List<BookEntry>();
        var asks = new List<BookEntry>();
        var steps = _random.Next(1, 4);
        for (var i = 0; i < steps; i++)
        {
            var isBid = _random.Next(2) == 0;
            var side = isBid ? Bids : Asks;
            var entries = isBid ? bids : asks;
            var price = Price(isBid ? -_random.Next(1, Band + 1) : _random.Next(1, Band + 1));
            if (entries.Exists(e => e.Price == price))
            {
                continue;
            }

            if (!side.TryGetValue(price, out _))
            {
                side[price] = Amount();
                entries.Add(new BookEntry("new", price, side[price]));
            }
            else if (side.Count > 3 && _random.Next(3) == 0)
            {
                side.Remove(price);
                entries.Add(new BookEntry("delete", price, 0m));
            }
            else
            {
                side[price] = Amount();
                entries.Add(new BookEntry("change", price, side[price]));
            }
        }

        ChangeId += _random.Next(1, 6);
        return (bids, asks);
    }

    private decimal Price(int ticks) => _spec.ReferencePrice + (ticks * _spec.TickSize);

    private decimal Amount() => _random.Next(1, 101) * 10m;
}
