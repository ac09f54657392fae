using System.Text.Json;
using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.Subscriptions;

public sealed class SubscriptionTest : AdapterTest
{
    private const string Ticker = "ticker.BTC-PERPETUAL.100ms";
    private const string Trades = "trades.BTC-PERPETUAL.100ms";

    [Fact]
    public void Subscribe_TheFirstObserverSubscribes_LaterOnesShareIt()
    {
        var adapter = Adapter();
        Keep(adapter.Subscribe(Ticker).Subscribe(_ => { }));
        Advance(10);

        Keep(adapter.Subscribe(Ticker).Subscribe(_ => { }));
        Advance(10);

        var subscribe = Assert.Single(Exchange.CallsOf("public/subscribe"));
        Assert.Equal([Ticker], subscribe.Channels);
    }

    [Fact]
    public void Subscribe_MalformedData_IsSkippedAndCounted_AndTheMessagesAroundItArrive()
    {
        var adapter = Adapter();
        var received = new List<long>();
        Keep(adapter.Subscribe(Ticker).Subscribe(m => received.Add(m.Data.GetProperty("n").GetInt64())));
        Advance(10);

        Now(() => Exchange.Notify(Ticker, """{"n":1}"""));
        Now(() => Exchange.Notify(Ticker, """{"n":2,}"""));
        Now(() => Exchange.Notify(Ticker, """{"n":3}"""));

        Assert.Equal([1, 3], received);
        Assert.Equal(1, adapter.Health.SkippedMessages);
    }

    [Fact]
    public void Subscribe_TheElementsKept_StayValidAfterLaterMessages_AndEverySubscriberGetsTheSameData()
    {
        var adapter = Adapter();
        var first = new List<JsonElement>();
        var second = new List<JsonElement>();
        Keep(adapter.Subscribe(Ticker).Subscribe(m => first.Add(m.Data)));
        Keep(adapter.Subscribe(Ticker).Subscribe(m => second.Add(m.Data)));
        Advance(10);

        for (var n = 1; n <= 3; n++)
        {
            var data = $$"""{"n":{{n}},"name":"m{{n}}"}""";
            Now(() => Exchange.Notify(Ticker, data));
        }

        Assert.Equal(["m1", "m2", "m3"], first.Select(e => e.GetProperty("name").GetString()));
        Assert.Equal([1L, 2L, 3L], second.Select(e => e.GetProperty("n").GetInt64()));
    }

    [Fact]
    public void Subscribe_WhileLive_SendsOneSubscribeForTheNewChannel()
    {
        var adapter = Adapter();
        Keep(adapter.Subscribe(Ticker).Subscribe(_ => { }));
        Advance(10);

        Keep(adapter.Subscribe(Trades).Subscribe(_ => { }));
        Advance(10);

        Assert.Equal([[Ticker], [Trades]], Exchange.CallsOf("public/subscribe").Select(c => c.Channels));
    }

    [Fact]
    public void Subscribe_TheLastObserverLeaving_Unsubscribes()
    {
        var adapter = Adapter();
        Keep(adapter.Subscribe(Trades).Subscribe(_ => { }));
        var first = adapter.Subscribe(Ticker).Subscribe(_ => { });
        var second = adapter.Subscribe(Ticker).Subscribe(_ => { });
        Advance(10);

        Now(first.Dispose);
        Assert.Empty(Exchange.CallsOf("public/unsubscribe"));

        Now(second.Dispose);
        Advance(10);
        Assert.Equal([Ticker], Assert.Single(Exchange.CallsOf("public/unsubscribe")).Channels);
    }

    [Fact]
    public void Subscriptions_ChangedWhileDisconnected_AreReplayedAsTheyAreNow()
    {
        var adapter = Adapter();
        Keep(adapter.Subscribe(Trades).Subscribe(_ => { }));
        var ticker = adapter.Subscribe(Ticker).Subscribe(_ => { });
        Advance(10);

        Now(() => Exchange.Socket(0).Drop());
        Now(ticker.Dispose);
        Now(() => Keep(adapter.Subscribe("user.orders.BTC-PERPETUAL.raw").Subscribe(_ => { })));
        Advance(Second + 10);

        Assert.Equal([Trades], Assert.Single(Exchange.CallsOf("public/subscribe", socket: 1)).Channels);
        Assert.Equal(["user.orders.BTC-PERPETUAL.raw"], Assert.Single(Exchange.CallsOf("private/subscribe", socket: 1)).Channels);
        Assert.Empty(Exchange.CallsOf("public/unsubscribe"));
    }

    [Fact]
    public void Subscriptions_AddedDuringTheRestore_AreSubscribedBeforeGoingLiveOrRightAfter()
    {
        var adapter = Adapter();
        Exchange.Latency = TimeSpan.FromMilliseconds(10);
        Keep(adapter.Subscribe(Ticker).Subscribe(_ => { }));
        Advance(5 * Millisecond);
        Assert.Equal(AdapterStatus.Restoring, adapter.CurrentState.Status);

        Now(() => Keep(adapter.Subscribe(Trades).Subscribe(_ => { })));
        Advance(100 * Millisecond);

        var subscribed = Exchange.CallsOf("public/subscribe").SelectMany(c => c.Channels).ToList();
        Assert.Equal([Ticker, Trades], subscribed.Order());
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void Notifications_CarryTheirChannelEpochAndConnection_AndSurviveReconnects()
    {
        var adapter = Adapter();
        var received = new List<ChannelMessage<JsonElement>>();
        Keep(adapter.Subscribe(Ticker).Subscribe(received.Add));
        Advance(10);
        Now(() => Exchange.Notify(Ticker, """{"n":1}"""));
        Now(() => Exchange.Socket(0).Drop());
        Advance(Second + 10);
        Now(() => Exchange.Notify(Ticker, """{"n":2}"""));

        Assert.Equal([1, 2], received.Select(m => m.Data.GetProperty("n").GetInt32()));
        Assert.Equal([1, 2], received.Select(m => m.Epoch));
        Assert.NotEqual(received[0].ConnectionId, received[1].ConnectionId);
        Assert.All(received, m => Assert.Equal(Ticker, m.Channel));
    }

    [Fact]
    public void Notifications_WithAnEscapedChannelName_StillReachTheirSubscribers()
    {
        var adapter = Adapter();
        var received = new List<ChannelMessage<JsonElement>>();
        Keep(adapter.Subscribe(Ticker).Subscribe(received.Add));
        Advance(10);

        Now(() => Exchange.Notify("ticker.BTC\\u002dPERPETUAL.100ms", "{}"));

        Assert.Equal(Ticker, Assert.Single(received).Channel);
    }

    [Fact]
    public void Notifications_OfOtherChannels_DoNotReachASubscriber()
    {
        var adapter = Adapter();
        var received = new List<ChannelMessage<JsonElement>>();
        Keep(adapter.Subscribe(Ticker).Subscribe(received.Add));
        Advance(10);

        Now(() => Exchange.Notify(Trades, "[]"));

        Assert.Empty(received);
    }

    [Fact]
    public void AThrowingSubscriber_DoesNotHurtTheOthersOrTheConnection()
    {
        var adapter = Adapter();
        var received = 0;
        Keep(adapter.Subscribe(Ticker).Subscribe(_ => throw new InvalidOperationException("strategy bug")));
        Keep(adapter.Subscribe(Ticker).Subscribe(_ => received++));
        Advance(10);

        Now(() => Exchange.Notify(Ticker, "{}"));
        Now(() => Exchange.Notify(Ticker, "{}"));

        Assert.Equal(2, received);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void AChannelTheExchangeLeavesOut_ErrorsThatStreamOnly()
    {
        var adapter = Adapter();
        Exchange.UnknownChannels.Add("ticker.NOPE.100ms");
        Exception? error = null;
        var good = 0;
        Keep(adapter.Subscribe("ticker.NOPE.100ms").Subscribe(_ => { }, e => error = e));
        Keep(adapter.Subscribe(Ticker).Subscribe(_ => good++));
        Advance(10);
        Now(() => Exchange.Notify(Ticker, "{}"));

        var rejected = Assert.IsType<SubscriptionRejectedException>(error);
        Assert.Equal("ticker.NOPE.100ms", rejected.Channel);
        Assert.Equal(1, good);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
        Assert.Equal(1, adapter.Health.WantedChannels);
    }

    [Fact]
    public void ASubscribeTheExchangeRefuses_ErrorsThoseStreamsWithTheCode()
    {
        var adapter = Adapter(o =>
        {
            o.Credentials = null;
            o.CancelOnDisconnect = CancelOnDisconnectScope.Off;
        });
        Exchange.Handlers["public/subscribe"] = _ => Answer.Error(13778, "raw_subscriptions_not_available_for_unauthorized");
        Exception? error = null;
        Keep(adapter.Connections.Subscribe(_ => { }));
        Keep(adapter.Subscribe("book.BTC-PERPETUAL.raw").Subscribe(_ => { }, e => error = e));
        Advance(10);

        Assert.Equal(13778, Assert.IsType<SubscriptionRejectedException>(error).Code);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void ALiveSubscribeThatTimesOut_EndsTheConnectionSoTheRestoreReplaysIt()
    {
        var adapter = Adapter(o => o.RequestTimeout = TimeSpan.FromSeconds(2));
        Keep(adapter.Subscribe(Ticker).Subscribe(_ => { }));
        Advance(10);
        Exchange.Handlers["public/subscribe"] = call => call.Socket == 0 ? Answer.None : Answer.Result(JsonSerializer.Serialize(call.Channels));

        Now(() => Keep(adapter.Subscribe(Trades).Subscribe(_ => { })));
        Advance(2 * Second + 10);
        Advance(Second + 10);

        Assert.Equal(2, Exchange.Transport.Sockets.Count);
        Assert.Equal([Trades, Ticker], Exchange.CallsOf("public/subscribe", socket: 1).Single().Channels.Order().Reverse());
    }
}
