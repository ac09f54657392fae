using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Text;
using System.Text.Json;
using WebsockexAdapter.Rx.JsonRpc;
using WebsockexAdapter.Rx.Tests.Support;

namespace WebsockexAdapter.Rx.Tests.JsonRpc;

public sealed class JsonRpcSessionTest : IDisposable
{
    private static readonly long Second = TimeSpan.FromSeconds(1).Ticks;

    private readonly TestScheduler _scheduler = new();
    private readonly ScriptedTransport _server;
    private readonly WebSocketClient _client;
    private readonly IDisposable _subscription;
    private readonly JsonRpcSession _session;

    public JsonRpcSessionTest()
    {
        _server = new ScriptedTransport(_scheduler);
        _client = ScriptedClient.Create(_scheduler, _server);
        JsonRpcSession? session = null;
        _subscription = _client.Connections.Subscribe(
            c => session = new JsonRpcSession(c, new JsonRpcOptions { Scheduler = _scheduler, RequestTimeout = TimeSpan.FromSeconds(5) }),
            _ => { });
        _scheduler.AdvanceBy(1);
        _session = session!;
    }

    public void Dispose()
    {
        _session.Dispose();
        _subscription.Dispose();
        _client.Dispose();
    }

    private List<JsonElement> Requests => [.. _server.Last.SentTexts.Select(t => JsonDocument.Parse(t).RootElement)];

    /// <summary>
    /// Runs <paramref name="action"/> on the scheduler, as everything in these tests runs: with no synchronization
    /// context, so the continuations it triggers run inline.
    /// </summary>
    private void Now(Action action)
    {
        _scheduler.Schedule(action);
        _scheduler.AdvanceBy(1);
    }

    /// <summary>The result of a call that must have completed already (everything runs inline on virtual time).</summary>
    private static JsonElement ResultOf(Task<JsonElement> call)
    {
        Assert.True(call.IsCompletedSuccessfully, $"the call is {call.Status}: {call.Exception?.InnerException?.Message}");
        return call.GetAwaiter().GetResult();
    }

    private void Reply(long id, string result) => _server.Last.SendText($$"""{"jsonrpc":"2.0","id":{{id}},"result":{{result}}}""");

    [Fact]
    public void CallAsync_SendsAJsonRpcRequestWithANewIdAndTheParams()
    {
        _ = _session.CallAsync("public/get_time");
        _ = _session.CallAsync("private/buy", new { instrument_name = "BTC-PERPETUAL", amount = 10 });
        _ = _session.CallAsync("public/test", JsonDocument.Parse("""{"expected_result":"x"}""").RootElement);

        var requests = Requests;
        Assert.All(requests, r => Assert.Equal("2.0", r.GetProperty("jsonrpc").GetString()));
        Assert.Equal([1L, 2L, 3L], requests.Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal(["public/get_time", "private/buy", "public/test"], requests.Select(r => r.GetProperty("method").GetString()));
        Assert.Equal(JsonValueKind.Object, requests[0].GetProperty("params").ValueKind);
        Assert.Equal("BTC-PERPETUAL", requests[1].GetProperty("params").GetProperty("instrument_name").GetString());
        Assert.Equal(10, requests[1].GetProperty("params").GetProperty("amount").GetInt32());
        Assert.Equal("x", requests[2].GetProperty("params").GetProperty("expected_result").GetString());
    }

    [Fact]
    public void CallAsync_RepliesInAnyOrder_AreMatchedById()
    {
        var first = _session.CallAsync("public/get_time");
        var second = _session.CallAsync("public/test");

        Reply(2, """{"version":"1.2.26"}""");
        Reply(1, "1700000000000");

        Assert.Equal("1.2.26", ResultOf(second).GetProperty("version").GetString());
        Assert.Equal(1700000000000, ResultOf(first).GetInt64());
        Assert.Equal(0, _session.PendingCount);
    }

    [Fact]
    public void CallAsync_ErrorReply_ThrowsWithTheExchangesCodeMessageAndData()
    {
        var call = _session.CallAsync("private/buy");

        _server.Last.SendText("""{"jsonrpc":"2.0","id":1,"error":{"code":13009,"message":"unauthorized","data":{"reason":"invalid_token"}}}""");

        var error = Assert.IsType<JsonRpcException>(call.Exception!.InnerException);
        Assert.Equal(13009, error.Code);
        Assert.Equal("unauthorized", error.ErrorMessage);
        Assert.Equal("private/buy", error.Method);
        Assert.Equal("invalid_token", error.Data!.Value.GetProperty("reason").GetString());
        Assert.Equal("private/buy failed: 13009 unauthorized", error.Message);
    }

    [Fact]
    public void CallAsync_WithoutAReply_TimesOutAtItsTimeoutOnTheScheduler()
    {
        var call = _session.CallAsync("public/test");

        _scheduler.AdvanceBy((5 * Second) - 10);
        Assert.False(call.IsCompleted);
        _scheduler.AdvanceBy(20);

        var timeout = Assert.IsType<JsonRpcTimeoutException>(call.Exception!.InnerException);
        Assert.Equal("public/test", timeout.Method);
        Assert.Equal(TimeSpan.FromSeconds(5), timeout.Timeout);
        Assert.Equal(0, _session.PendingCount);
    }

    [Fact]
    public void CallAsync_AReplyAfterTheTimeout_IsSkippedAndCounted()
    {
        var call = _session.CallAsync("public/test", timeout: TimeSpan.FromSeconds(1));
        _scheduler.AdvanceBy(2 * Second);

        Reply(1, "{}");

        Assert.IsType<JsonRpcTimeoutException>(call.Exception!.InnerException);
        Assert.Equal(1, _session.SkippedMessages);
        Assert.True(_client.CurrentConnection!.IsOpen);
    }

    [Fact]
    public void CallAsync_WhenTheConnectionDrops_EveryPendingCallFailsAtOnce()
    {
        var first = _session.CallAsync("public/test");
        var second = _session.CallAsync("public/get_time");

        _server.Last.Drop();

        Assert.IsType<ConnectionLostException>(first.Exception!.InnerException);
        Assert.IsType<ConnectionLostException>(second.Exception!.InnerException);
        Assert.Contains("connection", first.Exception.InnerException!.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, _session.PendingCount);
    }

    [Fact]
    public void CallAsync_AfterTheConnectionEnded_FailsFastAndSendsNothing()
    {
        _server.Last.Drop();
        var sentBefore = _server.Last.Sent.Count;

        var call = _session.CallAsync("private/buy");

        Assert.IsType<NotConnectedException>(call.Exception!.InnerException);
        Assert.Equal(sentBefore, _server.Last.Sent.Count);
        Assert.True(_session.IsEnded);
    }

    [Fact]
    public void CallAsync_Cancelled_StopsWaitingAndForgetsTheCall()
    {
        using var cancellation = new CancellationTokenSource();
        var call = _session.CallAsync("public/test", cancellationToken: cancellation.Token);

        Now(cancellation.Cancel);

        Assert.True(call.IsCanceled);
        Assert.Equal(0, _session.PendingCount);
    }

    [Fact]
    public void Notifications_ArriveInOrderAmongReplies()
    {
        var seen = new List<string>();
        using var notifications = _session.Notifications.Subscribe(n => seen.Add($"{n.Method}:{n.Params.GetProperty("n").GetInt32()}"));
        var call = _session.CallAsync("public/test");
        call.ContinueWith(_ => seen.Add("reply"), TaskContinuationOptions.ExecuteSynchronously);

        _server.Last.SendText("""{"jsonrpc":"2.0","method":"subscription","params":{"n":1}}""");
        Reply(1, "{}");
        _server.Last.SendText("""{"jsonrpc":"2.0","method":"heartbeat","params":{"n":2}}""");

        Assert.Equal(["subscription:1", "reply", "heartbeat:2"], seen);
    }

    [Fact]
    public void Notifications_StayValidAfterDelivery()
    {
        var kept = new List<JsonRpcNotification>();
        using var notifications = _session.Notifications.Subscribe(kept.Add);

        _server.Last.SendText("""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"a","data":{"p":1.5}}}""");
        _server.Last.SendText("""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"b","data":{"p":2.5}}}""");

        Assert.Equal(1.5, kept[0].Params.GetProperty("data").GetProperty("p").GetDouble());
        Assert.Equal("b", kept[1].Params.GetProperty("channel").GetString());
    }

    [Fact]
    public void Notifications_EndAsTheConnectionEnds()
    {
        Exception? error = null;
        using var notifications = _session.Notifications.Subscribe(_ => { }, e => error = e);

        _server.Last.Drop();

        Assert.IsType<ConnectionLostException>(error);
    }

    [Fact]
    public void Notifications_AThrowingObserver_DoesNotEndTheConnection()
    {
        using var notifications = _session.Notifications.Subscribe(_ => throw new InvalidOperationException("strategy bug"));
        var call = _session.CallAsync("public/test");

        _server.Last.SendText("""{"jsonrpc":"2.0","method":"subscription","params":{}}""");
        Reply(1, "{}");

        Assert.True(call.IsCompletedSuccessfully);
        Assert.True(_client.CurrentConnection!.IsOpen);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"jsonrpc":"2.0"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":987654321,"result":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"abc","result":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1}""")]
    [InlineData("""{"jsonrpc":"2.0","id":5,"method":"server/request","params":{}}""")]
    public void UnusableMessages_AreSkippedAndLoseNothing(string text)
    {
        var call = _session.CallAsync("public/test");

        _server.Last.SendText(text);
        Reply(1, """{"ok":true}""");

        Assert.True(ResultOf(call).GetProperty("ok").GetBoolean());
        Assert.Equal(1, _session.SkippedMessages);
        Assert.True(_client.CurrentConnection!.IsOpen);
    }

    [Fact]
    public void PingsAndPongs_AreNotMessages_AndAreNotCountedAsSkipped()
    {
        var call = _session.CallAsync("public/test");

        _server.Last.Send(Frame.Ping(new byte[] { 1 }));
        _server.Last.Send(Frame.Pong());
        Reply(1, """{"ok":true}""");

        Assert.True(ResultOf(call).GetProperty("ok").GetBoolean());
        Assert.Equal(0, _session.SkippedMessages);
    }

    [Fact]
    public void ACloseFromTheServer_EndsTheSession_AndIsNotASkippedMessage()
    {
        var call = _session.CallAsync("public/test");

        _server.Last.Close(System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, "maintenance");

        Assert.IsType<ConnectionLostException>(call.Exception?.InnerException);
        Assert.Equal(0, _session.SkippedMessages);
    }

    [Fact]
    public void UnusableMessages_BinaryFramesAndDeepNesting_AreSkipped()
    {
        _server.Last.Send(Frame.FromBinary(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"result":{}}""")));
        _server.Last.SendText(new string('[', 1000) + new string(']', 1000));

        Assert.Equal(2, _session.SkippedMessages);
        Assert.True(_client.CurrentConnection!.IsOpen);
    }

    [Fact]
    public void Dispose_FailsPendingCallsAndCompletesNotifications()
    {
        var completed = false;
        using var notifications = _session.Notifications.Subscribe(_ => { }, () => completed = true);
        var call = _session.CallAsync("public/test");

        Now(_session.Dispose);

        Assert.IsType<ConnectionLostException>(call.Exception!.InnerException);
        Assert.True(completed);
    }

    [Fact]
    public void Constructor_RejectsInvalidOptionsListingEveryProblem()
    {
        var error = Assert.Throws<InvalidOptionsException>(() => new JsonRpcSession(
            _client.CurrentConnection!,
            new JsonRpcOptions { RequestTimeout = TimeSpan.Zero, Scheduler = null!, SerializerOptions = null! }));

        Assert.Equal(3, error.Errors.Count);
        Assert.Contains("RequestTimeout must be positive", error.Message, StringComparison.Ordinal);
    }
}
