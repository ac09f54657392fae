using BenchmarkDotNet.Attributes;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Benchmarks.Micro;

/// <summary>
/// One change applied to an <see cref="OrderBook"/> of <see cref="Levels"/> levels a side, and the top read after it,
/// in steady state: the changes cycle through a new level, an amount change and its delete near the top of the book (as
/// a live feed does), so the book keeps its size. Per operation: one change.
/// </summary>
[MemoryDiagnoser]
public class BookApplyBenchmarks
{
    private const int Changes = 64;
    private readonly OrderBook _book = new();
    private BookUpdate[] _changes = [];
    private int _next;

    [Params(10, 100, 1_000)]
    public int Levels { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var bids = Enumerable.Range(0, Levels).Select(i => new BookLevelChange(BookAction.New, 97_412.5m - i * 0.5m, 1_000m + i)).ToArray();
        var asks = Enumerable.Range(0, Levels).Select(i => new BookLevelChange(BookAction.New, 97_413.0m + i * 0.5m, 1_000m + i)).ToArray();
        _book.Apply(new BookUpdate { Kind = BookUpdateKind.Snapshot, InstrumentName = "BTC-PERPETUAL", ChangeId = 1, Bids = bids, Asks = asks });
        _changes = new BookUpdate[Changes];
        for (var i = 0; i < Changes; i++)
        {
            // A level between existing ones (a quarter tick off the grid) appears, changes, and goes again.
            var bid = i % 2 == 0;
            var depth = (i / 6) % Math.Min(Levels, 5);
            var price = bid ? 97_412.25m - depth * 0.5m : 97_413.25m + depth * 0.5m;
            var action = (i / 2 % 3) switch { 0 => BookAction.New, 1 => BookAction.Change, _ => BookAction.Delete };
            var change = new BookLevelChange(action, price, action == BookAction.Delete ? 0 : 500m + i);
            _changes[i] = new BookUpdate
            {
                Kind = BookUpdateKind.Change,
                InstrumentName = "BTC-PERPETUAL",
                ChangeId = 2 + i,
                PrevChangeId = 1 + i,
                Bids = bid ? [change] : [],
                Asks = bid ? [] : [change],
            };
        }
    }

    [Benchmark]
    public decimal ApplyAndTop()
    {
        var update = _changes[_next];
        _next = (_next + 1) % Changes;
        return _book.Apply(update).Top().Mid;
    }
}
