using System.Reactive.Linq;
using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.Delivery;

/// <summary>A user's observer that throws is cut off alone: the connection, the restore and every other subscriber go on.</summary>
public sealed class ThrowingObserverTest : AdapterTest
{
    private const string Book = "book.BTC-PERPETUAL.100ms";
    private const string Ticker = "ticker.BTC-PERPETUAL.100ms";

    private static string Snapshot(long changeId) =>
        $$"""{"type":"snapshot","timestamp":1,"instrument_name":"BTC-PERPETUAL","change_id":{{changeId}},"bids":[["new",100.5,10]],"asks":[["new",101,7]]}""";

    private static string Change(long previous, long changeId) =>
        $$"""{"type":"change","timestamp":2,"instrument_name":"BTC-PERPETUAL","prev_change_id":{{previous}},"change_id":{{changeId}},"bids":[["change",100.5,12]],"asks":[]}""";

    [Fact]
    public void AStatesObserverThatThrowsOnRestoring_LeavesTheAdapterLiveOnItsFirstConnection()
    {
        var logs = new CapturingLoggerFactory();
        var adapter = Adapter(o => o.LoggerFactory = logs);
        var seen = new List<AdapterStatus>();
        Keep(adapter.States.Subscribe(s =>
        {
            if (s.Status == AdapterStatus.Restoring)
            {
                throw new InvalidOperationException("strategy bug on Restoring");
            }
        }));
        Keep(adapter.States.Subscribe(s => seen.Add(s.Status)));
        var ticks = 0;
        Keep(adapter.Subscribe(Ticker).Subscribe(_ => ticks++));

        Advance(Second * 60);
        Now(() => Exchange.Notify(Ticker, "{}"));

        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
        Assert.Single(Exchange.Transport.Sockets);
        Assert.Equal([AdapterStatus.Stopped, AdapterStatus.Connecting, AdapterStatus.Restoring, AdapterStatus.Live], seen);
        Assert.Equal(1, ticks);
        Assert.Contains(logs.Lines, l => l.Contains("strategy bug on Restoring", StringComparison.Ordinal) && l.Contains(adapter.CurrentSession!.ConnectionId, StringComparison.Ordinal));
    }

    [Fact]
    public void ABookObserverThatThrows_IsCutOffAlone_AndTheAdapterStaysLiveOnItsFirstConnection()
    {
        var adapter = Adapter();
        var calls = 0;
        Keep(adapter.SubscribeBook("BTC-PERPETUAL").Subscribe(_ =>
        {
            calls++;
            throw new InvalidOperationException("strategy bug in the book");
        }));
        var book = new List<BookUpdateKind>();
        Keep(adapter.SubscribeBook("BTC-PERPETUAL").Subscribe(u => book.Add(u.Data.Kind)));
        var ticks = 0;
        Keep(adapter.Subscribe(Ticker).Subscribe(_ => ticks++));
        Advance(10);

        Now(() => Exchange.Notify(Book, Snapshot(10)));
        Now(() => Exchange.Notify(Book, Change(10, 11)));
        Now(() => Exchange.Notify(Ticker, "{}"));
        Advance(Second * 60);

        Assert.Equal(1, calls);
        Assert.Equal([BookUpdateKind.Snapshot, BookUpdateKind.Change], book);
        Assert.Equal(1, ticks);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
        Assert.Single(Exchange.Transport.Sockets);
    }

    [Fact]
    public void AThrowingSoleSubscriber_LeavesTheChannelSubscribedAndTheAdapterLive_ForTheGrace_SoARetryFindsThemInPlace()
    {
        var logs = new CapturingLoggerFactory();
        var adapter = Adapter(o => o.LoggerFactory = logs);
        var failures = 0;
        var strategy = adapter.SubscribeBook("BTC-PERPETUAL")
            .Scan(0, (count, _) => count + 1)
            .Do(_ =>
            {
                if (failures++ == 0)
                {
                    throw new InvalidOperationException("strategy bug in the Scan chain");
                }
            });
        var subscription = strategy.Subscribe(_ => { });
        Advance(10);

        Now(() => Exchange.Notify(Book, Snapshot(10)));
        Advance(Second * 10);

        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
        Assert.Empty(Exchange.CallsOf("public/unsubscribe"));
        Assert.Contains(logs.Lines, l => l.Contains("An observer of book.BTC-PERPETUAL.100ms threw", StringComparison.Ordinal));

        // The strategy subscribes again within the grace: the channel is still subscribed, so the new subscriber joins
        // the running stream and asks for a fresh snapshot (a resubscribe), starting with it.
        subscription.Dispose();
        var book = new List<BookUpdateKind>();
        Keep(adapter.SubscribeBook("BTC-PERPETUAL").Subscribe(u => book.Add(u.Data.Kind)));
        Now(() => Exchange.Notify(Book, Change(10, 11)));
        Advance(10);
        Now(() => Exchange.Notify(Book, Snapshot(20)));
        Advance(Second * 60);

        Assert.Equal([BookUpdateKind.Snapshot], book);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
        Assert.Single(Exchange.Transport.Sockets);
        Assert.Single(Exchange.CallsOf("public/unsubscribe"));
        Assert.Equal(2, Exchange.CallsOf("public/subscribe").Count);
    }

    [Fact]
    public void AThrowingSoleSubscriber_NobodyComesBack_TheChannelIsLetGoAfterTheGrace()
    {
        var adapter = Adapter(o => o.Delivery = new DeribitDeliveryOptions { FailedSubscriberGrace = TimeSpan.FromSeconds(5) });
        Keep(adapter.SubscribeBook("BTC-PERPETUAL").Subscribe(_ => throw new InvalidOperationException("strategy bug")));
        Advance(10);

        Now(() => Exchange.Notify(Book, Snapshot(10)));
        Advance(Second * 4);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);

        Advance(Second * 2);
        Assert.Equal(AdapterStatus.Stopped, adapter.CurrentState.Status);
    }

    [Fact]
    public void HealthReconnects_CountsAReconnectCausedByAFailedRestore()
    {
        var adapter = Adapter();
        var heartbeats = 0;
        Exchange.Handlers["public/set_heartbeat"] = _ => heartbeats++ == 0 ? Answer.Error(10001, "restore step failed") : Answer.Result("\"ok\"");
        Keep(adapter.Subscribe(Ticker).Subscribe(_ => { }));

        Advance(Second * 5);

        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
        Assert.Equal(2, Exchange.Transport.Sockets.Count);
        Assert.Equal(1, adapter.Health.Reconnects);
    }
}
