using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Text;
using System.Text.Json;
using WebsockexAdapter.Rx.JsonRpc;
using WebsockexAdapter.Rx.Reliability.Tests.Support;

namespace WebsockexAdapter.Rx.Reliability.Tests.HostileInput;

/// <summary>
/// Messages the socket accepts but JSON-RPC cannot use, sent over a real socket in the middle of a call: each is
/// skipped with a log line and counted, the call still gets its own reply, the notifications on either side of it
/// arrive in order, and the connection stays open (policy: docs/hostile-input.md).
/// </summary>
public sealed class HostileJsonRpcTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static TheoryData<string, int> Garbage => new()
    {
        { "malformed JSON", 100 },
        { "a binary frame", 100 },
        { "a reply to an unknown id", 101 },
        { "a reply with no id and no method", 100 },
        { "JSON nested 10,000 deep", 100 },
        { "a JSON array", 100 },
        { "a request from the server", 100 },
        { "a reply with a string id", 100 },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task UnusableJsonRpc_IsSkippedWithALogLine_AndNothingAroundItIsLost(string garbage, int eventId)
    {
        await using var server = RawWebSocketServer.Start(async peer =>
        {
            await peer.UpgradeAsync();
            await peer.SendTextAsync(Notification("n1"));
            var (_, _, request) = await peer.ReadFrameAsync();
            var id = JsonDocument.Parse(request).RootElement.GetProperty("id").GetInt64();
            await SendAsync(peer, garbage);
            await peer.SendTextAsync(Notification("n2"));
            await peer.SendTextAsync($$"""{"jsonrpc":"2.0","id":{{id}},"result":"pong"}""");
            await peer.SendTextAsync(Notification("n3"));
            await peer.WaitForHangUpAsync();
        });
        var logs = new CapturingLoggerFactory();
        using var client = new WebSocketClient(server.Uri, new ClientOptions { ReconnectOnError = false });
        var sessions = new TaskCompletionSource<JsonRpcSession>();
        var notifications = new ConcurrentQueue<string>();
        var third = new TaskCompletionSource();
        using var connections = client.Connections.Subscribe(connection =>
        {
            var session = new JsonRpcSession(connection, new JsonRpcOptions { LoggerFactory = logs });
            session.Notifications.Subscribe(n =>
            {
                notifications.Enqueue(n.Params.GetProperty("name").GetString()!);
                if (notifications.Count == 3)
                {
                    third.TrySetResult();
                }
            });
            sessions.TrySetResult(session);
        });
        var rpc = await sessions.Task.WaitAsync(Timeout);

        var reply = await rpc.CallAsync("public/test").WaitAsync(Timeout);
        await third.Task.WaitAsync(Timeout);

        Assert.Equal("pong", reply.GetString());
        Assert.Equal(["n1", "n2", "n3"], notifications);
        Assert.Equal(1, rpc.SkippedMessages);
        Assert.True(rpc.Connection.IsOpen);
        Assert.Contains(logs.Drain(), line => line.Contains($"[{eventId}]", StringComparison.Ordinal));
        rpc.Dispose();
    }

    private static string Notification(string name) => $$$"""{"jsonrpc":"2.0","method":"subscription","params":{"name":"{{{name}}}"}}""";

    private static Task SendAsync(RawPeer peer, string garbage) => garbage switch
    {
        "malformed JSON" => peer.SendTextAsync("""{"jsonrpc":"2.0","id":"""),
        "a binary frame" => peer.SendFrameAsync(RawPeer.Binary, Encoding.UTF8.GetBytes(Notification("binary"))),
        "a reply to an unknown id" => peer.SendTextAsync("""{"jsonrpc":"2.0","id":987654321,"result":"stray"}"""),
        "a reply with no id and no method" => peer.SendTextAsync("""{"jsonrpc":"2.0","result":"orphan"}"""),
        "JSON nested 10,000 deep" => peer.SendTextAsync(new string('[', 10_000) + new string(']', 10_000)),
        "a JSON array" => peer.SendTextAsync($"[{Notification("batched")}]"),
        "a request from the server" => peer.SendTextAsync("""{"jsonrpc":"2.0","id":5,"method":"client/ping","params":{}}"""),
        "a reply with a string id" => peer.SendTextAsync("""{"jsonrpc":"2.0","id":"1","result":"wrong type"}"""),
        _ => throw new ArgumentOutOfRangeException(nameof(garbage), garbage, null),
    };
}
