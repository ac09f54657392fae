using System.Diagnostics;
using System.Net;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Reactive.Threading.Tasks;
using WebsockexAdapter.Rx.Simulator;

namespace WebsockexAdapter.Rx.Deribit.Tests.Integration;

public sealed class RecoveryTest : SimulatorTest
{
    private const string Instrument = "BTC-PERPETUAL";

    private static readonly string[] RestoreOrder =
    [
        "public/set_heartbeat", "public/auth", "private/enable_cancel_on_disconnect", "public/subscribe", "private/subscribe",
    ];

    [Fact]
    public async Task AKilledConnection_IsRestoredInOrder_TheExchangeCancelledItsOrders_AndEveryChannelDeliversAgain()
    {
        // The drop is a reset the socket reports at once; a reconnect of the heartbeat's own (seen on a starved machine:
        // "1008 heartbeat timeout" mid-restore) carries every wait below for epoch 2 past it, to the timeout.
        var adapter = Adapter(WithoutWallClockDeadlines);
        var sessions = Record(adapter.Connections);
        var books = Record(adapter.SubscribeBook(Instrument));
        var tickers = Record(adapter.SubscribeTicker(Instrument));
        var trades = Record(adapter.SubscribeTrades(Instrument));
        var orders = Record(adapter.SubscribeUserOrders(Instrument));

        await sessions.FirstAsync().ToTask().WaitAsync(Timeout);
        var resting = await adapter.BuyAsync(new OrderRequest { InstrumentName = Instrument, Amount = 10, Price = 1000, Label = "resting" }).WaitAsync(Timeout);
        Assert.True(resting.Order.IsOpen);
        await Task.WhenAll(
            books.FirstAsync(m => m.Data.Kind == BookUpdateKind.Change).ToTask(),
            tickers.FirstAsync().ToTask(),
            trades.FirstAsync().ToTask(),
            orders.FirstAsync(m => m.Data.OrderId == resting.Order.OrderId).ToTask()).WaitAsync(Timeout);

        Simulator.DropAllConnections();
        var second = await sessions.FirstAsync(s => s.Epoch == 2).ToTask().WaitAsync(Timeout);

        var dead = await Simulator.WaitForConnectionClosedAsync(0, Timeout);
        Assert.NotNull(dead.CloseReason);
        Assert.DoesNotContain(Simulator.GetOpenOrders(), o => o.OrderId == resting.Order.OrderId);
        Assert.Empty(await adapter.GetOpenOrdersAsync(Instrument).WaitAsync(Timeout));

        var restored = Simulator.Connections[1];
        Assert.Equal(RestoreOrder, restored.Methods.Take(RestoreOrder.Length));
        Assert.True(restored.IsAuthenticated);
        Assert.True(restored.CancelOnDisconnect.Enabled);
        Assert.Equal(
            new[] { $"book.{Instrument}.100ms", $"ticker.{Instrument}.100ms", $"trades.{Instrument}.100ms", $"user.orders.{Instrument}.raw" }.Order(),
            restored.Subscriptions.Order());
        Assert.Equal(4, second.Channels.Count);

        await Task.WhenAll(
            tickers.FirstAsync(m => m.Epoch == 2).ToTask(),
            trades.FirstAsync(m => m.Epoch == 2).ToTask(),
            books.FirstAsync(m => m.Epoch == 2 && m.Data.Kind == BookUpdateKind.Change).ToTask()).WaitAsync(Timeout);
        var next = await adapter.BuyAsync(new OrderRequest { InstrumentName = Instrument, Amount = 10, Price = 1000 }).WaitAsync(Timeout);
        await orders.FirstAsync(m => m.Epoch == 2 && m.Data.OrderId == next.Order.OrderId).ToTask().WaitAsync(Timeout);

        var kinds = await books.TakeWhile(m => !(m.Epoch == 2 && m.Data.Kind == BookUpdateKind.Change)).Select(m => (m.Epoch, m.Data.Kind)).ToList().ToTask().WaitAsync(Timeout);
        var reset = kinds.IndexOf((1, BookUpdateKind.Reset));
        Assert.True(reset > 0, $"the book stream marks the reset: {string.Join(", ", kinds)}");
        Assert.Equal([(1, BookUpdateKind.Reset), (2, BookUpdateKind.Snapshot)], kinds.Skip(reset));
        Assert.Equal(1, adapter.Health.Reconnects);
    }

    [Fact]
    public async Task HeartbeatsThatStop_AreNoticedWithinTwiceTheInterval_AndTheAdapterReconnects()
    {
        var adapter = Adapter();
        var sessions = Record(adapter.Connections);
        var states = Record(adapter.States);
        await sessions.FirstAsync().ToTask().WaitAsync(Timeout);

        Simulator.StopHeartbeats(true);
        var lost = await states.FirstAsync(s => s.Status == AdapterStatus.Reconnecting).ToTask().WaitAsync(Timeout);
        Simulator.StopHeartbeats(false);

        Assert.IsType<HeartbeatTimeoutException>(lost.Error);
        await sessions.FirstAsync(s => s.Epoch >= 2).ToTask().WaitAsync(Timeout);
    }

    [Fact]
    public async Task AStalledServer_WithTheDefaultOptions_IsNoticedWithinThreeSeconds_AndTheDataComesBack()
    {
        var adapter = Keep(new DeribitAdapter(new DeribitOptions { Url = Simulator.Uri }));
        var states = Record(adapter.States);
        var tickers = Record(adapter.SubscribeTicker(Instrument));
        await tickers.FirstAsync().ToTask().WaitAsync(Timeout);

        // The stall holds every frame the server would send, pongs included; the heartbeat alone would take 20 s.
        var clock = Stopwatch.StartNew();
        Simulator.Stall(true);
        var lost = await states.FirstAsync(s => s.Status == AdapterStatus.Reconnecting).ToTask().WaitAsync(Timeout);
        var noticedAfter = clock.Elapsed;
        Simulator.Stall(false);

        Assert.IsType<KeepAliveTimeoutException>(lost.Error);
        Assert.True(noticedAfter < TimeSpan.FromSeconds(3), $"the stall was noticed after {noticedAfter.TotalSeconds:0.00} s");
        await tickers.FirstAsync(m => m.Epoch == 2).ToTask().WaitAsync(Timeout);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(1001)]
    [InlineData(1011)]
    [InlineData(4000)]
    public async Task AServerClose_WithAnyCode_IsFollowedByARestoredConnection(int code)
    {
        // The close frame arrives at once; a heartbeat timeout mid-restore would hold epoch 2 off, or end it before its first ticker.
        var adapter = Adapter(WithoutWallClockDeadlines);
        var sessions = Record(adapter.Connections);
        var tickers = Record(adapter.SubscribeTicker(Instrument));
        await sessions.FirstAsync().ToTask().WaitAsync(Timeout);

        Simulator.CloseAllConnections(code, "maintenance");

        await sessions.FirstAsync(s => s.Epoch == 2).ToTask().WaitAsync(Timeout);
        await tickers.FirstAsync(m => m.Epoch == 2).ToTask().WaitAsync(Timeout);
    }

    [Fact]
    public async Task ARefusalWindow_IsRiddenOutWithTheBackoff()
    {
        // The drop is a reset and the refusals are 503s; a heartbeat timeout would add a connection and retries to the counts.
        var adapter = Adapter(WithoutWallClockDeadlines);
        var sessions = Record(adapter.Connections);
        var states = Record(adapter.States);
        await sessions.FirstAsync().ToTask().WaitAsync(Timeout);

        // The exchange refuses until two handshakes have been refused, then accepts again. A window of a fixed length
        // proves nothing on a loaded machine that notices the drop late: it can be over before the first retry.
        Simulator.RefuseConnections(Timeout);
        Simulator.DropAllConnections();
        var refusedTwice = await states.Where(s => s.Status == AdapterStatus.Reconnecting).Skip(2).FirstAsync().ToTask().WaitAsync(Timeout);
        Simulator.RefuseConnections(TimeSpan.Zero);

        // Attempts follow one another, and each is Connecting before its handshake is sent: only the attempt under way
        // now can still be refused, and the one after it is accepted.
        var lastThatCanBeRefused = adapter.CurrentState.Attempt;
        var back = await sessions.FirstAsync(s => s.Epoch >= 2).ToTask().WaitAsync(Timeout);
        var live = await states.FirstAsync(s => s.Status == AdapterStatus.Live && s.Epoch >= 2).ToTask().WaitAsync(Timeout);
        var retries = await states
            .TakeWhile(s => s.Status != AdapterStatus.Live || s.Epoch < 2)
            .Where(s => s.Status == AdapterStatus.Reconnecting)
            .ToList()
            .ToTask()
            .WaitAsync(Timeout);

        // The session was live, so the first retry is at once; then 50 ms doubling, capped at 1 s. Every retry after the
        // drop's was for a refused handshake, and the window is left on the first attempt after it closed.
        var delays = retries.Select(s => s.NextAttemptIn!.Value.TotalMilliseconds).ToList();
        var expected = Enumerable.Range(0, delays.Count).Select(i => i == 0 ? 0 : Math.Min(50 * Math.Pow(2, i - 1), 1_000));
        Assert.Equal(expected, delays);
        Assert.All(retries.Skip(1), s => Assert.Equal(HttpStatusCode.ServiceUnavailable, Assert.IsType<HandshakeRejectedException>(s.Error).StatusCode));
        Assert.InRange(live.Attempt, refusedTwice.Attempt, lastThatCanBeRefused + 1);
        Assert.Equal(live.Attempt - 1, retries.Count);
        Assert.Equal(2, Simulator.ConnectionsOpened);
        Assert.True(back.IsAuthenticated);
    }

    [Fact]
    public async Task WrongCredentials_StopWithAClearError()
    {
        // The refusal is a reply; a heartbeat timeout before it would open the second connection the test says never comes.
        var adapter = Adapter(o =>
        {
            WithoutWallClockDeadlines(o);
            o.Credentials = new DeribitCredentials { ClientId = SimulatorOptions.DefaultClientId, ClientSecret = "wrong", Method = AuthMethod.ClientCredentials };
        });
        var error = await adapter.Connections.Materialize().FirstAsync(n => n.Exception is not null).ToTask().WaitAsync(Timeout);

        var refused = Assert.IsType<DeribitAuthenticationException>(error.Exception);
        Assert.Equal(13004, refused.Code);
        Assert.Equal(1, Simulator.ConnectionsOpened);
        Assert.Equal(AdapterStatus.Faulted, adapter.CurrentState.Status);
    }

    [Fact]
    public async Task AnExpiredToken_MidSession_IsRenewedAndTheCallRetried()
    {
        // The expiry is an error reply; after a heartbeat's reconnect the renewal would be on a connection other than the first.
        var adapter = Adapter(WithoutWallClockDeadlines);
        var sessions = Record(adapter.Connections);
        await sessions.FirstAsync().ToTask().WaitAsync(Timeout);

        Simulator.ExpireAllTokens();
        var open = await adapter.GetOpenOrdersAsync(Instrument).WaitAsync(Timeout);

        Assert.Empty(open);
        Assert.Equal(2, Simulator.Connections[0].Methods.Count(m => m == "public/auth"));
    }

    [Fact]
    public async Task ABookGap_ResetsAndTheResubscribeBringsAFreshSnapshot()
    {
        // The gap is in the data; a heartbeat's reconnect would bring a reset of its own and move the resubscribe off the first connection.
        var adapter = Adapter(WithoutWallClockDeadlines);
        var books = Record(adapter.SubscribeBook(Instrument));
        await books.FirstAsync(m => m.Data.Kind == BookUpdateKind.Change).ToTask().WaitAsync(Timeout);

        Simulator.InjectBookGap();
        var after = await books
            .SkipWhile(m => m.Data.Kind != BookUpdateKind.Reset)
            .Take(2)
            .ToList()
            .ToTask()
            .WaitAsync(Timeout);

        Assert.StartsWith("gap", after[0].Data.ResetReason, StringComparison.Ordinal);
        Assert.Equal(BookUpdateKind.Snapshot, after[1].Data.Kind);
        Assert.Contains("public/unsubscribe", Simulator.Connections[0].Methods);
    }

    [Fact]
    public async Task TheReadmeStrategy_MidAndSpreadFromTheBook_RunsAgainstTheSimulator()
    {
        var adapter = Adapter(o =>
        {
            o.Credentials = null;
            o.CancelOnDisconnect = CancelOnDisconnectScope.Off;
        });

        var alerts = adapter.SubscribeBook(Instrument)
            .Scan(new OrderBook(), (book, update) => book.Apply(update.Data))
            .Where(book => book.IsReady)
            .Select(book => book.Top())
            .Sample(TimeSpan.FromMilliseconds(100))
            .Where(top => top.Spread > 0m);
        var first = await alerts.FirstAsync().ToTask().WaitAsync(Timeout);

        Assert.True(first.BestBid < first.BestAsk);
        Assert.Equal((first.BestBid + first.BestAsk) / 2, first.Mid);
    }

    /// <summary>Subscribes now and replays everything seen to each later query, so no await misses an element.</summary>
    private ReplaySubject<T> Record<T>(IObservable<T> source)
    {
        var replay = new ReplaySubject<T>();
        Keep(source.Subscribe(replay));
        Keep(replay);
        return replay;
    }
}
