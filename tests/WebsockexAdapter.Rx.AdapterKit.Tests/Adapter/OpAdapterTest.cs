using System.Reactive.Linq;
using WebsockexAdapter.Rx.AdapterKit.Tests.Exchange;
using WebsockexAdapter.Rx.Testing;

namespace WebsockexAdapter.Rx.AdapterKit.Tests.Adapter;

/// <summary>The second adapter on virtual time: a scripted exchange, every delay on the <see cref="TestScheduler"/>.</summary>
public sealed class OpAdapterTest : IDisposable
{
    private const string Key = "key-1";
    private const string Secret = "secret-1";
    private const string Ticker = "tickers.BTCUSDT";
    private const string Book = "orderbook.50.BTCUSDT";
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly TestScheduler _scheduler = new();
    private readonly ScriptedTransport _transport;
    private readonly ScriptedExchange _exchange;
    private readonly List<IDisposable> _subscriptions = [];

    public OpAdapterTest()
    {
        _transport = new ScriptedTransport(_scheduler);
        _exchange = new ScriptedExchange(_transport, Key, Secret);
    }

    public void Dispose()
    {
        _subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public void Kill_IsFollowedByLoginThenResubscribe_InThatOrder_ThroughOneSubscription()
    {
        using var adapter = NewAdapter();
        var sessions = Record(adapter.Sessions);
        var tickers = Record(adapter.Subscribe(Ticker));
        var books = Record(adapter.Subscribe(Book));
        _scheduler.AdvanceBy(Second.Ticks);

        foreach (var epoch in new[] { 1, 2, 3 })
        {
            Assert.Equal(epoch, sessions.Count);
            Assert.Equal(["auth", $"subscribe:{Book},{Ticker}"], _exchange.Last.Requests.Take(2));
            _exchange.Publish(Ticker, """{"lastPrice":"100"}""");
            _exchange.Publish(Book, """{"b":[["99","1"]]}""");
            Assert.Equal(epoch, tickers[^1].Epoch);
            Assert.Equal(epoch, books[^1].Epoch);

            _transport.Last.Drop();
            _scheduler.AdvanceBy(5 * Second.Ticks);
        }

        // One subscription, one Switch, three connections, each restored: never two sockets open at once.
        Assert.Equal([1, 2, 3, 4], sessions.Select(s => s.Epoch));
        Assert.All(_exchange.RequestsPerSocket, requests => Assert.Equal("auth", requests[0]));
        Assert.Equal(1, _transport.OpenCount);
    }

    [Fact]
    public void RefusedLogin_FailsTheSubscribers_AndIsNotRetried()
    {
        using var adapter = NewAdapter(secret: "wrong");
        Exception? error = null;
        _subscriptions.Add(adapter.Subscribe(Ticker).Subscribe(_ => { }, e => error = e));

        _scheduler.AdvanceBy(60 * Second.Ticks);

        Assert.Equal("auth", Assert.IsType<OpRefusedException>(error).Op);
        Assert.Single(_transport.Sockets);
    }

    [Fact]
    public void UnansweredPings_EndTheConnection_AndTheNextOneIsRestored()
    {
        using var adapter = NewAdapter();
        var sessions = Record(adapter.Sessions);
        var tickers = Record(adapter.Subscribe(Ticker));
        _scheduler.AdvanceBy(Second.Ticks);
        _exchange.Last.Silent = true;

        // Ping at 20 s, no answer by 25 s: the connection is given up and the next one restores.
        _scheduler.AdvanceBy(30 * Second.Ticks);

        Assert.Equal([1, 2], sessions.Select(s => s.Epoch));
        Assert.Equal(2, _transport.Sockets.Count);
        Assert.NotEqual(ScriptedSocketState.Open, _transport.Sockets[0].State);
        _exchange.Publish(Ticker, """{"lastPrice":"101"}""");
        Assert.Equal(2, tickers[^1].Epoch);
    }

    [Fact]
    public void ServerPing_IsAnsweredWithPong()
    {
        using var adapter = NewAdapter();
        Record(adapter.Sessions);
        _scheduler.AdvanceBy(Second.Ticks);

        _transport.Last.SendText("""{"op":"ping"}""");
        _scheduler.AdvanceBy(Second.Ticks);

        Assert.Equal("pong", _exchange.Last.Requests[^1]);
    }

    [Fact]
    public void TopicWantedWhileLive_IsSubscribedOnTheLiveConnection_AndUnsubscribedWhenDropped()
    {
        using var adapter = NewAdapter();
        Record(adapter.Subscribe(Ticker));
        _scheduler.AdvanceBy(Second.Ticks);

        var books = adapter.Subscribe(Book).Subscribe(_ => { });
        _scheduler.AdvanceBy(Second.Ticks);
        books.Dispose();
        _scheduler.AdvanceBy(Second.Ticks);

        Assert.Equal(["auth", $"subscribe:{Ticker}", $"subscribe:{Book}", $"unsubscribe:{Book}"], _exchange.Last.Requests);
        Assert.Single(_transport.Sockets);
    }

    [Fact]
    public void ThrowingObservers_AreCutOffAlone_TheConnectionAndTheOtherObserverGoOn()
    {
        using var adapter = NewAdapter();
        _subscriptions.Add(adapter.Sessions.Subscribe(_ => throw new InvalidOperationException("a faulty dashboard")));
        var calls = 0;
        _subscriptions.Add(adapter.Subscribe(Ticker).Subscribe(_ =>
        {
            calls++;
            throw new InvalidOperationException("a faulty strategy");
        }));
        var tickers = Record(adapter.Subscribe(Ticker));
        _scheduler.AdvanceBy(Second.Ticks);

        _exchange.Publish(Ticker, """{"lastPrice":"100"}""");
        _exchange.Publish(Ticker, """{"lastPrice":"101"}""");

        Assert.Equal(1, calls);
        Assert.Equal(2, tickers.Count);
        Assert.Single(_transport.Sockets);
        Assert.Equal(ScriptedSocketState.Open, _transport.Last.State);
    }

    private OpAdapter NewAdapter(string secret = Secret) => new(new OpAdapterOptions(new Uri("wss://exchange.test/v5/private"), Key, secret)
    {
        Client = new ClientOptions { TransportFactory = _transport, Scheduler = _scheduler },
        Backoff = new BackoffOptions { InitialDelay = Second, UseJitter = false },
    });

    private List<T> Record<T>(IObservable<T> source)
    {
        var seen = new List<T>();
        _subscriptions.Add(source.Subscribe(seen.Add));
        return seen;
    }
}
