namespace WebsockexAdapter.Rx.Deribit.Tests.MarketData;

public sealed class OrderBookTest
{
    private static BookUpdate Snapshot(long changeId, BookLevelChange[] bids, BookLevelChange[] asks) =>
        new() { Kind = BookUpdateKind.Snapshot, InstrumentName = "BTC-PERPETUAL", ChangeId = changeId, Bids = bids, Asks = asks };

    private static BookUpdate Change(long changeId, BookLevelChange[] bids, BookLevelChange[] asks) =>
        new() { Kind = BookUpdateKind.Change, InstrumentName = "BTC-PERPETUAL", ChangeId = changeId, PrevChangeId = changeId - 1, Bids = bids, Asks = asks };

    private static BookLevelChange New(decimal price, decimal amount) => new(BookAction.New, price, amount);

    [Fact]
    public void Apply_KeepsEachSideSortedBestFirst_WhateverOrderTheLevelsCameIn()
    {
        var book = new OrderBook().Apply(Snapshot(1, [New(99, 1), New(101, 2), New(100, 3)], [New(104, 1), New(102, 2), New(103, 3)]));

        Assert.Equal([101m, 100m, 99m], book.Bids.Select(l => l.Price));
        Assert.Equal([102m, 103m, 104m], book.Asks.Select(l => l.Price));
        Assert.Equal(new BookLevel(101, 2), book.Bids[0]);
        Assert.Equal(new TopOfBook(101, 2, 102, 2, 1), book.Top());
    }

    [Fact]
    public void Apply_NewChangeAndDelete_EditTheLevelsInPlace()
    {
        var book = new OrderBook().Apply(Snapshot(1, [New(100, 1), New(99, 1)], [New(101, 1)]));

        book.Apply(Change(2, [New(100.5m, 4), new(BookAction.Change, 99, 7), new(BookAction.Delete, 100, 0)], [new(BookAction.Change, 101, 0)]));

        Assert.Equal([new BookLevel(100.5m, 4), new BookLevel(99, 7)], book.Bids);
        Assert.Empty(book.Asks);
        Assert.False(book.IsReady);
        Assert.False(book.TryGetTop(out _));
        Assert.Throws<InvalidOperationException>(() => book.Top());
        Assert.Equal(2, book.ChangeId);
    }

    [Fact]
    public void Apply_AResetEmptiesIt_AndAChangeWithoutASnapshotIsIgnored()
    {
        var book = new OrderBook().Apply(Snapshot(1, [New(100, 1)], [New(101, 1)]));

        book.Apply(new BookUpdate { Kind = BookUpdateKind.Reset, InstrumentName = "BTC-PERPETUAL" });
        book.Apply(Change(2, [New(100, 5)], []));

        Assert.False(book.HasSnapshot);
        Assert.Empty(book.Bids);
    }

    [Fact]
    public void Apply_ManyLevels_StaySorted()
    {
        var random = new Random(7);
        var book = new OrderBook().Apply(Snapshot(1, [], []));
        var expected = new SortedDictionary<decimal, decimal>();
        for (var i = 0; i < 5_000; i++)
        {
            var price = random.Next(0, 400) / 2m;
            var amount = random.Next(0, 3) == 0 ? 0 : random.Next(1, 100);
            book.Apply(Change(2 + i, [new(amount == 0 ? BookAction.Delete : BookAction.New, price, amount)], []));
            if (amount == 0)
            {
                expected.Remove(price);
            }
            else
            {
                expected[price] = amount;
            }
        }

        Assert.Equal(expected.Reverse().Select(p => new BookLevel(p.Key, p.Value)), book.Bids);
    }

    [Fact]
    public void ApplyAndTop_InSteadyState_AllocateNothing()
    {
        var book = new OrderBook().Apply(Snapshot(1, [.. Enumerable.Range(0, 100).Select(i => New(1000 - i, 1))], [.. Enumerable.Range(0, 100).Select(i => New(1001 + i, 1))]));
        var appear = Change(2, [New(999.5m, 3)], []);
        var go = Change(3, [new(BookAction.Delete, 999.5m, 0)], []);
        book.Apply(appear).Apply(go);

        var before = GC.GetAllocatedBytesForCurrentThread();
        decimal sum = 0;
        for (var i = 0; i < 1_000; i++)
        {
            sum += book.Apply(i % 2 == 0 ? appear : go).Top().Mid;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }

    [Fact]
    public void View_IsACopyThatStaysAsItWas()
    {
        var book = new OrderBook().Apply(Snapshot(1, [New(100, 1), New(99, 2), New(98, 3)], [New(101, 1)]));

        var view = book.View(2, "BTC-PERPETUAL");
        book.Apply(Change(2, [new(BookAction.Delete, 100, 0)], []));

        Assert.Equal([new BookLevel(100, 1), new BookLevel(99, 2)], view.Bids);
        Assert.Equal(new TopOfBook(100, 1, 101, 1, 1), view.Top);
    }
}
