using System.Collections.Concurrent;
using System.Reactive.Linq;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Gateway.Tests.Support;

namespace WebsockexAdapter.Rx.Gateway.Tests.Integration;

/// <summary>
/// Books through the gateway equal a direct adapter's. The simulator's book feed is deterministic per channel, so a
/// direct adapter's book at change id C is the book every consumer must hold at C.
/// </summary>
public sealed class BookTests
{
    private const string Instrument = "BTC-PERPETUAL";

    [Fact]
    public async Task LateJoiners_StartedAtRandomMoments_GetSnapshotThenEveryChange_BooksEqualTheDirectAdapters()
    {
        await using var rig = await GatewayRig.StartAsync();
        var direct = new ConcurrentDictionary<long, string>();
        using var directBooks = new Recorder<string>(rig.Adapter().SubscribeBook(Instrument)
            .Scan(new OrderBook(), static (book, update) => book.Apply(update.Data))
            .Where(static book => book.HasSnapshot)
            .Select(book => direct[book.ChangeId] = BookText.Of(book)));
        await directBooks.CountAsync(1, "direct snapshot");

        var random = new Random(15);
        var consumers = new List<(Recorder<ChannelMessage<BookUpdate>> Updates, Recorder<string> Books)>();
        for (var i = 0; i < 4; i++)
        {
            // A random moment, counted in the direct adapter's messages rather than in time.
            await directBooks.CountAsync(directBooks.Items.Count + random.Next(1, 40), "direct adapter moving on");
            var updates = rig.Consumer().SubscribeBook(Instrument).Publish().RefCount();
            var recorder = new Recorder<ChannelMessage<BookUpdate>>(updates);
            var books = new Recorder<string>(updates.Scan(new OrderBook(), static (book, update) => book.Apply(update.Data)).Where(static b => b.HasSnapshot).Select(BookText.Of));
            consumers.Add((recorder, books));
        }

        foreach (var (updates, books) in consumers)
        {
            await books.CountAsync(30, "consumer books");
            updates.Dispose();
            books.Dispose();
            var received = updates.Items;
            Assert.Equal(BookUpdateKind.Snapshot, received[0].Data.Kind);
            Assert.DoesNotContain(received, static m => m.Data.Kind == BookUpdateKind.Reset);
            for (var i = 1; i < received.Count; i++)
            {
                // No gap, no duplicate: each change follows the one before.
                Assert.Equal(received[i - 1].Data.ChangeId, received[i].Data.PrevChangeId);
            }

            // One snapshot: a callback already under way when the recorder was disposed can still add a book.
            var held = books.Items;
            var last = long.Parse(held[^1].Split('|')[0], System.Globalization.CultureInfo.InvariantCulture);
            await directBooks.UntilAsync(_ => direct.ContainsKey(last), $"direct adapter reaching change {last}");
            foreach (var book in held)
            {
                var changeId = long.Parse(book.Split('|')[0], System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(direct[changeId], book);
            }
        }
    }

    [Fact]
    public async Task Strategy_SameLinqCode_GivesTheSameOutputOnAnAdapterAndThroughTheGateway()
    {
        await using var rig = await GatewayRig.StartAsync();
        using var direct = new Recorder<(long ChangeId, decimal Mid)>(MidPrices(rig.Adapter()));
        await direct.CountAsync(1, "direct strategy");
        using var gateway = new Recorder<(long ChangeId, decimal Mid)>(MidPrices(rig.Consumer()));
        await gateway.CountAsync(40, "gateway strategy");

        // One snapshot of what the gateway handed out: it keeps delivering, and a later read could hold a change the
        // direct adapter had not reached when its items were taken.
        var seen = gateway.Items;
        var last = seen[^1].ChangeId;
        await direct.UntilAsync(items => items.Any(i => i.ChangeId >= last), $"direct strategy reaching change {last}");
        var expected = direct.Items.ToDictionary(static i => i.ChangeId, static i => i.Mid);
        Assert.All(seen, item => Assert.Equal(expected[item.ChangeId], item.Mid));
    }

    [Fact]
    public async Task OrderBook_ViewsThroughTheGateway_EqualTheAdaptersSharedBookAtEachChangeId()
    {
        await using var rig = await GatewayRig.StartAsync();
        using var direct = new Recorder<ChannelMessage<OrderBookView>>(((IDeribitMarketData)rig.Adapter()).SubscribeOrderBook(Instrument, depth: 5));
        await direct.CountAsync(1, "direct views");
        using var gateway = new Recorder<ChannelMessage<OrderBookView>>(((IDeribitMarketData)rig.Consumer()).SubscribeOrderBook(Instrument, depth: 5));
        await gateway.CountAsync(20, "gateway views");

        // One snapshot, as above: the gateway keeps delivering views.
        var seen = gateway.Items;
        var last = seen[^1].Data.ChangeId;
        await direct.UntilAsync(items => items.Any(i => i.Data.ChangeId >= last), $"direct views reaching change {last}");
        var expected = direct.Items.Where(static m => m.Data.HasSnapshot).ToDictionary(static m => m.Data.ChangeId, static m => m.Data);
        Assert.All(seen, view =>
        {
            Assert.True(view.Data.HasSnapshot);
            Assert.Equal(expected[view.Data.ChangeId].Bids, view.Data.Bids);
            Assert.Equal(expected[view.Data.ChangeId].Asks, view.Data.Asks);
        });
    }

    [Fact]
    public async Task TopOfBook_ThroughTheGateway_EqualsTheAdaptersTopAtEachChangeId()
    {
        await using var rig = await GatewayRig.StartAsync();
        using var direct = new Recorder<ChannelMessage<TopOfBook>>(((IDeribitMarketData)rig.Adapter()).SubscribeTopOfBook(Instrument));
        await direct.CountAsync(1, "direct tops");
        using var gateway = new Recorder<ChannelMessage<TopOfBook>>(((IDeribitMarketData)rig.Consumer()).SubscribeTopOfBook(Instrument));
        await gateway.CountAsync(10, "gateway tops");

        // One snapshot, as above. The direct stream fires only when its top changes, so the top in effect at a change id
        // is the last one it fired at or before it.
        var seen = gateway.Items;
        var last = seen[^1].Data.ChangeId;
        await direct.UntilAsync(items => items.Any(i => i.Data.ChangeId >= last), $"direct tops reaching change {last}");
        var tops = direct.Items;
        Assert.All(seen, top =>
        {
            var inEffect = tops.Last(d => d.Data.ChangeId <= top.Data.ChangeId).Data;
            Assert.Equal(inEffect with { ChangeId = top.Data.ChangeId }, top.Data);
        });
        Assert.All(seen.Zip(seen.Skip(1)), pair => Assert.NotEqual(pair.First.Data with { ChangeId = 0 }, pair.Second.Data with { ChangeId = 0 }));
    }

    [Fact]
    public async Task ExchangeDrop_UnderTheGateway_ConsumerSeesResetThenSnapshotOfANewEpoch()
    {
        await using var rig = await GatewayRig.StartAsync();
        using var updates = new Recorder<ChannelMessage<BookUpdate>>(rig.Consumer().SubscribeBook(Instrument));
        await updates.CountAsync(5, "book before the drop");
        var before = updates.Items[^1].Epoch;

        // Not DropAllConnectionsAsync: it waits for no connection alive, and the adapter's first retry after a drop is
        // at once, so its new connection may open before the old one's cleanup and the count never passes through 0.
        rig.Simulator.DropAllConnections();
        await updates.UntilAsync(items => items.Any(m => m.Data.Kind == BookUpdateKind.Snapshot && m.Epoch > before), "a snapshot of a new epoch");

        var after = updates.Items.SkipWhile(static m => m.Data.Kind != BookUpdateKind.Reset).ToList();
        Assert.NotEmpty(after);
        Assert.Equal(before, after[0].Epoch);
        var snapshot = after.First(static m => m.Data.Kind == BookUpdateKind.Snapshot);
        Assert.Equal(before + 1, snapshot.Epoch);
        Assert.DoesNotContain(after.TakeWhile(static m => m.Data.Kind != BookUpdateKind.Snapshot), static m => m.Data.Kind == BookUpdateKind.Change);
    }

    /// <summary>A strategy written once against the interface: the mid price of each book that has both sides.</summary>
    private static IObservable<(long ChangeId, decimal Mid)> MidPrices(IDeribitMarketData market) =>
        market.SubscribeBook(Instrument)
            .Scan(new OrderBook(), static (book, update) => book.Apply(update.Data))
            .Where(static book => book.IsReady)
            .Select(static book => book.Top())
            .Select(static top => (top.ChangeId, top.Mid));
}
