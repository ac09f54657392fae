using System.Net.WebSockets;
using System.Text.Json;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.JsonRpc;
using WebsockexAdapter.Rx.Reliability.Tests.Support;

namespace WebsockexAdapter.Rx.Reliability.Tests.Restore;

/// <summary>
/// The restore's edges on virtual time, found by mutation testing: what each step logs, the scope asked for, which
/// errors re-authenticate, what ends a connection and with which error, and counters that span connections.
/// </summary>
public sealed class RestoreEdgeTest : IDisposable
{
    private const string Ticker = "ticker.BTC-PERPETUAL.100ms";
    private const string Orders = "user.orders.BTC-PERPETUAL.raw";

    private readonly ScriptedExchange _exchange = new();

    public void Dispose() => _exchange.Dispose();

    [Fact]
    public void ARestore_LogsEveryStepByName_ThenLive()
    {
        var adapter = _exchange.Adapter();
        _exchange.Keep(adapter.Subscribe(Ticker).Subscribe(_ => { }));
        _exchange.Advance(10);

        var lines = _exchange.Logs.Drain();
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
        Assert.Contains(lines, l => l.Contains("[200]", StringComparison.Ordinal) && l.Contains("Restoring epoch 1", StringComparison.Ordinal));
        foreach (var step in new[] { "public/set_heartbeat", "public/auth", "private/enable_cancel_on_disconnect", "subscribe" })
        {
            Assert.Contains(lines, l => l.Contains("[201]", StringComparison.Ordinal) && l.Contains($"Restore step {step} done", StringComparison.Ordinal));
        }

        Assert.Contains(lines, l => l.Contains("[203]", StringComparison.Ordinal) && l.Contains("Live (epoch 1, 1 channels)", StringComparison.Ordinal));
    }

    [Fact]
    public void AFailedStep_IsLoggedByName()
    {
        _exchange.Answers["public/auth"] = _ => "error:13004";
        var adapter = _exchange.Adapter();
        _exchange.Keep(adapter.Connections.Subscribe(_ => { }, _ => { }));
        _exchange.Advance(10);

        Assert.Contains(_exchange.Logs.Drain(), l => l.Contains("[202]", StringComparison.Ordinal) && l.Contains("Restore step public/auth failed", StringComparison.Ordinal));
        Assert.IsType<DeribitAuthenticationException>(adapter.CurrentState.Error);
    }

    [Theory]
    [InlineData(Deribit.CancelOnDisconnectScope.Connection, "connection")]
    [InlineData(Deribit.CancelOnDisconnectScope.Account, "account")]
    public void CancelOnDisconnect_AsksForTheConfiguredScope(Deribit.CancelOnDisconnectScope scope, string expected)
    {
        var adapter = _exchange.Adapter(o => o.CancelOnDisconnect = scope);
        _exchange.Keep(adapter.Connections.Subscribe(_ => { }));
        _exchange.Advance(10);

        var request = Assert.Single(_exchange.Requests, r => r.Method == "private/enable_cancel_on_disconnect");
        Assert.Equal(expected, request.Params.GetProperty("scope").GetString());
    }

    [Fact]
    public void APrivateCallRefusedForAnotherReason_IsNotReauthenticated()
    {
        var adapter = Live();
        _exchange.Answers["private/get_open_orders_by_instrument"] = _ => "error:11044";

        var call = _exchange.Start(() => adapter.GetOpenOrdersAsync("BTC-PERPETUAL"));
        _exchange.Advance(10);

        Assert.Equal(11044, Assert.IsType<JsonRpcException>(call.Exception!.InnerException).Code);
        Assert.Single(_exchange.Requests, r => r.Method == "public/auth");
    }

    [Fact]
    public void A13009_IsLogged_ReauthenticatedAndRetriedOnce()
    {
        var adapter = Live();
        var answered = 0;
        _exchange.Answers["private/get_open_orders_by_instrument"] = _ => answered++ == 0 ? "error:13009" : "[]";

        var call = _exchange.Start(() => adapter.GetOpenOrdersAsync("BTC-PERPETUAL"));
        _exchange.Advance(10);

        Assert.True(call.IsCompletedSuccessfully);
        Assert.Equal(2, _exchange.Requests.Count(r => r.Method == "public/auth"));
        Assert.Contains(_exchange.Logs.Drain(), l => l.Contains("[210]", StringComparison.Ordinal) && l.Contains("private/get_open_orders_by_instrument answered 13009", StringComparison.Ordinal));
    }

    [Fact]
    public void A10028_IsLogged_AndTheCallRetriedAfterTheBackOff()
    {
        var adapter = Live();
        var answered = 0;
        _exchange.Answers["private/get_open_orders_by_instrument"] = _ => answered++ == 0 ? "error:10028" : "[]";

        var call = _exchange.Start(() => adapter.GetOpenOrdersAsync("BTC-PERPETUAL"));
        _exchange.Advance(10 * ScriptedExchange.Second);

        Assert.True(call.IsCompletedSuccessfully);
        Assert.Equal(2, answered);
        Assert.Contains(_exchange.Logs.Drain(), l => l.Contains("[211]", StringComparison.Ordinal));
    }

    [Fact]
    public void SkippedMessages_AddUpAcrossConnections()
    {
        var adapter = Live();
        _exchange.Send("not json");
        Assert.Equal(1, adapter.Health.SkippedMessages);

        _exchange.Now(_exchange.Transport.Last.Drop);
        Assert.Equal(1, adapter.Health.SkippedMessages);
        _exchange.Advance(2 * ScriptedExchange.Second);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
        _exchange.Send("not json either");

        Assert.Equal(2, adapter.Health.SkippedMessages);
    }

    [Fact]
    public void WhileReconnecting_ThereIsNoSession_AndCallsFailAtOnce()
    {
        var adapter = Live(WithADelayAfterTheDrop);
        _exchange.Now(_exchange.Transport.Last.Drop);

        Assert.Equal(AdapterStatus.Reconnecting, adapter.CurrentState.Status);
        Assert.Null(adapter.CurrentSession);
        Assert.Equal(0, adapter.Health.PendingCalls);
        var call = adapter.GetOpenOrdersAsync("BTC-PERPETUAL");
        Assert.IsType<NotConnectedException>(call.Exception!.InnerException);
    }

    [Fact]
    public void ANormalCloseByTheExchange_IsReconnected_WithAClosedError()
    {
        var adapter = Live(WithADelayAfterTheDrop);
        var connection = adapter.CurrentSession!.ConnectionId;
        _exchange.Now(() => _exchange.Transport.Last.Close(WebSocketCloseStatus.NormalClosure, "bye"));

        Assert.Equal(AdapterStatus.Reconnecting, adapter.CurrentState.Status);
        var closed = Assert.IsType<ConnectionClosedException>(adapter.CurrentState.Error);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, closed.CloseStatus);
        Assert.Equal("bye", closed.CloseDescription); // the connection's own error, with the exchange's words
        Assert.Equal(connection, closed.ConnectionId);
    }

    [Fact]
    public void ALiveSubscriptionThatTimesOut_EndsTheConnection_SoTheRestoreReplaysIt()
    {
        var adapter = Live();
        var connection = adapter.CurrentSession!.ConnectionId;
        var errors = new List<Exception>();
        _exchange.Keep(adapter.States.Subscribe(s =>
        {
            if (s.Error is { } error)
            {
                errors.Add(error);
            }
        }));
        _exchange.Answers["public/subscribe"] = _ => null;

        _exchange.Keep(adapter.Subscribe("trades.BTC-PERPETUAL.100ms").Subscribe(_ => { }, _ => { }));
        _exchange.Advance(6 * ScriptedExchange.Second);

        var lost = Assert.IsType<ConnectionLostException>(errors[0]);
        Assert.StartsWith("A subscription change failed: No reply to public/subscribe", lost.Message, StringComparison.Ordinal);
        Assert.IsType<JsonRpcTimeoutException>(lost.InnerException);
        Assert.Equal(connection, lost.ConnectionId);
        Assert.Contains(_exchange.Logs.Drain(), l => l.Contains("[213]", StringComparison.Ordinal));
    }

    [Fact]
    public void ATestRequestWhoseAnswerFails_IsLogged()
    {
        Live();
        _exchange.Answers["public/test"] = _ => "error:10028";
        _exchange.Send("""{"jsonrpc":"2.0","method":"heartbeat","params":{"type":"test_request"}}""");
        _exchange.Advance(10);

        Assert.Contains(_exchange.Logs.Drain(), l => l.Contains("[207]", StringComparison.Ordinal));
    }

    [Fact]
    public void UnsubscribingAPrivateChannel_SendsAPrivateUnsubscribe_AndSubscribingAgainSubscribesAgain()
    {
        var adapter = Live();
        var orders = adapter.Subscribe(Orders).Subscribe(_ => { });
        _exchange.Advance(10);
        _exchange.Now(orders.Dispose);
        _exchange.Advance(10);
        _exchange.Keep(adapter.Subscribe(Orders).Subscribe(_ => { }));
        _exchange.Advance(10);

        var unsubscribe = Assert.Single(_exchange.Requests, r => r.Method == "private/unsubscribe");
        Assert.Equal([Orders], unsubscribe.Params.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(2, _exchange.Requests.Count(r => r.Method == "private/subscribe"));
    }

    [Fact]
    public void ASubscribeAnsweredWithoutAList_RefusesTheChannels_AndKeepsTheConnection()
    {
        var adapter = Live();
        _exchange.Answers["public/subscribe"] = _ => "\"ok\"";
        Exception? refused = null;
        _exchange.Keep(adapter.Subscribe("trades.BTC-PERPETUAL.100ms").Subscribe(_ => { }, e => refused = e));
        _exchange.Advance(10);

        var rejection = Assert.IsType<SubscriptionRejectedException>(refused);
        Assert.Contains("the exchange left it out of its answer (is the name right?)", rejection.Message, StringComparison.Ordinal);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
        Assert.Contains(_exchange.Logs.Drain(), l => l.Contains("[212]", StringComparison.Ordinal) && l.Contains("trades.BTC-PERPETUAL.100ms", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoSubscribersOfOneChannel_BothReceive_AndOneLeavingTwiceKeepsTheOther()
    {
        var adapter = Live();
        var first = new List<JsonElement>();
        var second = new List<JsonElement>();
        var one = adapter.Subscribe(Ticker).Subscribe(m => first.Add(m.Data));
        _exchange.Keep(adapter.Subscribe(Ticker).Subscribe(m => second.Add(m.Data)));
        _exchange.Advance(10);
        _exchange.Notify(Ticker, "{\"n\":1}");
        _exchange.Now(one.Dispose);
        _exchange.Now(one.Dispose);
        _exchange.Notify(Ticker, "{\"n\":2}");

        Assert.Single(first);
        Assert.Equal(2, second.Count);
        Assert.Equal(1, adapter.Health.WantedChannels);
        Assert.DoesNotContain(_exchange.Requests, r => r.Method == "public/unsubscribe");
    }

    [Fact]
    public void ANotificationForAChannelNobodyWants_IsIgnoredQuietly()
    {
        Live();
        _exchange.Notify("ticker.ETH-PERPETUAL.100ms", "{}");

        Assert.DoesNotContain(_exchange.Logs.Drain(), l => l.Contains("[104]", StringComparison.Ordinal) || l.Contains("[215]", StringComparison.Ordinal));
    }

    [Fact]
    public void AThrowingSubscriber_IsLogged_AndTheOthersStillReceive()
    {
        var adapter = Live();
        var received = 0;
        _exchange.Keep(adapter.Subscribe(Ticker).Subscribe(_ => throw new InvalidOperationException("subscriber bug")));
        _exchange.Keep(adapter.Subscribe(Ticker).Subscribe(_ => received++));
        _exchange.Advance(10);
        _exchange.Notify(Ticker, "{}");

        Assert.Equal(1, received);
        Assert.Contains(_exchange.Logs.Drain(), l => l.Contains("[10]", StringComparison.Ordinal) && l.Contains($"An observer of {Ticker} threw", StringComparison.Ordinal));
    }

    [Fact]
    public void DisposingTheAdapter_CompletesEveryChannelOnce_ForgetsThem_AndAThrowingCompletionIsLogged()
    {
        var adapter = Live();
        var completed = 0;
        _exchange.Keep(adapter.Subscribe(Ticker).Subscribe(_ => { }, () => completed++));
        _exchange.Keep(adapter.Subscribe("trades.BTC-PERPETUAL.100ms").Subscribe(_ => { }, () => throw new InvalidOperationException("completion bug")));
        _exchange.Advance(10);

        _exchange.Now(adapter.Dispose);

        Assert.Equal(1, completed);
        Assert.Equal(0, adapter.Health.WantedChannels);
        Assert.Contains(_exchange.Logs.Drain(), l => l.Contains("[10]", StringComparison.Ordinal) && l.Contains("trades.BTC-PERPETUAL.100ms", StringComparison.Ordinal) && l.Contains("completion bug", StringComparison.Ordinal));
    }

    [Fact]
    public void ARefusedChannel_WhoseSubscriberThrowsOnError_IsLogged()
    {
        var adapter = Live();
        _exchange.Answers["public/subscribe"] = _ => "error:-32602";
        _exchange.Keep(adapter.Subscribe("nonsense").Subscribe(_ => { }, _ => throw new InvalidOperationException("error bug")));
        _exchange.Advance(10);

        Assert.Contains(_exchange.Logs.Drain(), l => l.Contains("[10]", StringComparison.Ordinal) && l.Contains("An observer of nonsense threw", StringComparison.Ordinal) && l.Contains("error bug", StringComparison.Ordinal));
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    // The first retry after a healthy connection is immediate by default; these tests look at the Reconnecting state
    // itself, so they give it a duration.
    private static void WithADelayAfterTheDrop(DeribitOptions options) =>
        options.Backoff = new BackoffOptions
        {
            InitialDelay = TimeSpan.FromSeconds(1),
            FirstRetryAfterDrop = TimeSpan.FromSeconds(1),
            UseJitter = false,
            CircuitBreaker = null,
        };

    private DeribitAdapter Live(Action<DeribitOptions>? configure = null)
    {
        var adapter = _exchange.Adapter(configure);
        _exchange.Keep(adapter.Connections.Subscribe(_ => { }, _ => { }));
        _exchange.Advance(10);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
        _exchange.Logs.Drain();
        return adapter;
    }
}
