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
}
