using System.Text;
using System.Text.Json;
using WebsockexAdapter.Rx.JsonRpc;
using WebsockexAdapter.Rx.Tests.Support;

namespace WebsockexAdapter.Rx.Tests.JsonRpc;

/// <summary>
/// A session with a channel sink (the Deribit adapter's): channel messages of the usual shape go to the sink, in
/// arrival order among replies and the other notifications; every other shape still comes out of Notifications.
/// </summary>
public sealed class JsonRpcSessionChannelSinkTest : IDisposable
{
    private readonly TestScheduler _scheduler = new();
    private readonly ScriptedTransport _server;
    private readonly WebSocketClient _client;
    private readonly IDisposable _subscription;
    private readonly RecordingSink _sink = new();
    private readonly List<string> _seen;
    private readonly JsonRpcSession _session;

    public JsonRpcSessionChannelSinkTest()
    {
        _server = new ScriptedTransport(_scheduler);
        _client = ScriptedClient.Create(_scheduler, _server);
        JsonRpcSession? session = null;
        _subscription = _client.Connections.Subscribe(
            c => session = new JsonRpcSession(c, new JsonRpcOptions { Scheduler = _scheduler, RequestTimeout = TimeSpan.FromSeconds(5) }, _sink),
            _ => { });
        _scheduler.AdvanceBy(1);
        _session = session!;
        _seen = _sink.Seen;
    }

    public void Dispose()
    {
        _session.Dispose();
        _subscription.Dispose();
        _client.Dispose();
    }

    [Fact]
    public void ChannelMessages_GoToTheSink_InOrderAmongRepliesAndNotifications()
    {
        using var notifications = _session.Notifications.Subscribe(n => _seen.Add($"notification {n.Method} {n.Params.GetRawText()}"));
        var call = _session.CallAsync("public/test");
        call.ContinueWith(_ => _seen.Add("reply"), TaskContinuationOptions.ExecuteSynchronously);

        _server.Last.SendText("""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"a","data":{"n":1}}}""");
        _server.Last.SendText("""{"jsonrpc":"2.0","method":"heartbeat","params":{"type":"heartbeat"}}""");
        _server.Last.SendText("""{"jsonrpc":"2.0","id":1,"result":{}}""");
        // Declined shapes (data first, an escaped channel name) keep their old route.
        _server.Last.SendText("""{"jsonrpc":"2.0","method":"subscription","params":{"data":[2],"channel":"b"}}""");
        _server.Last.SendText("""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"\u0063","data":[3]}}""");
        _server.Last.SendText("""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"d","data":[4]}}""");

        Assert.Equal(
        [
            """sink a {"n":1}""",
            """notification heartbeat {"type":"heartbeat"}""",
            "reply",
            """notification subscription {"data":[2],"channel":"b"}""",
            """notification subscription {"channel":"\u0063","data":[3]}""",
            "sink d [4]",
        ], _seen);
        Assert.Equal(0, _session.SkippedMessages);
    }

    [Fact]
    public void TheDataHandedToTheSink_StaysValidAfterTheCall()
    {
        _server.Last.SendText("""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"a","data":{"p":1.5}}}""");
        _server.Last.SendText("""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"a","data":{"p":2.5}}}""");
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.Equal([1.5, 2.5], _sink.Data.Select(d => d.GetProperty("p").GetDouble()));
    }

    [Fact]
    public void AThrowingSink_DoesNotEndTheConnection()
    {
        _sink.Throws = true;
        var call = _session.CallAsync("public/test");

        _server.Last.SendText("""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"a","data":{}}}""");
        _server.Last.SendText("""{"jsonrpc":"2.0","id":1,"result":{}}""");

        Assert.True(call.IsCompletedSuccessfully);
        Assert.True(_client.CurrentConnection!.IsOpen);
        Assert.Equal(["sink a {}"], _seen);
    }

    [Fact]
    public void MalformedOrTooDeepChannelMessages_AreSkippedAndCounted_AsWithoutASink()
    {
        // 63 levels in data make the frame 65 deep, one over the limit.
        _server.Last.SendText("""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"a","data":{"x":}}}""");
        _server.Last.SendText("""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"a","data":""" + new string('[', 63) + new string(']', 63) + "}}");

        Assert.Empty(_seen);
        Assert.Equal(2, _session.SkippedMessages);
    }

    [Fact]
    public void ASinkThatTakesTheBytes_GetsTheDataUnparsed_AndOneThatDeclinesGetsTheElement()
    {
        _sink.TakesBytesOf = "t";

        _server.Last.SendText("""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"t","data": {"n":1} }}""");
        _server.Last.SendText("""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"e","data":{"n":2}}}""");

        Assert.Equal(["bytes t {\"n\":1}", "sink e {\"n\":2}"], _seen);
        Assert.Equal(0, _session.SkippedMessages);
    }

    private sealed class RecordingSink : IChannelSink
    {
        public List<string> Seen { get; } = [];

        public string? TakesBytesOf { get; set; }

        public bool TryTakeChannelMessage(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> data)
        {
            if (Encoding.UTF8.GetString(channel) != TakesBytesOf)
            {
                return false;
            }

            Seen.Add($"bytes {TakesBytesOf} {Encoding.UTF8.GetString(data)}");
            return true;
        }

        public List<JsonElement> Data { get; } = [];

        public bool Throws { get; set; }

        public void OnChannelMessage(ReadOnlySpan<byte> channel, JsonElement data)
        {
            Seen.Add($"sink {Encoding.UTF8.GetString(channel)} {data.GetRawText()}");
            Data.Add(data);
            if (Throws)
            {
                throw new InvalidOperationException("strategy bug");
            }
        }
    }
}
