using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using WebsockexAdapter.Rx.Benchmarks.Loopback;

namespace WebsockexAdapter.Rx.Benchmarks.Tests;

public sealed class LoopbackServerTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Blast_SendsASnapshotThenAnUnbrokenChainOfChangesAcrossBatches()
    {
        await using var server = LoopbackServer.Start();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.BlastUri(messages: 600), CancellationToken.None).WaitAsync(Timeout);

        var messages = new List<JsonElement>();
        for (var i = 0; i < 600; i++)
        {
            messages.Add(await ReceiveJsonAsync(socket));
        }

        Assert.Equal("snapshot", Data(messages[0]).GetProperty("type").GetString());
        Assert.Equal(BookNotifications.Channel, messages[0].GetProperty("params").GetProperty("channel").GetString());
        for (var i = 1; i < messages.Count; i++)
        {
            Assert.Equal("change", Data(messages[i]).GetProperty("type").GetString());
            Assert.Equal(Data(messages[i - 1]).GetProperty("change_id").GetInt64(), Data(messages[i]).GetProperty("prev_change_id").GetInt64());
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        await server.WhenIdleAsync().WaitAsync(Timeout);
        Assert.Equal(0, server.Failures);
    }

    [Fact]
    public async Task BlastAfterSubscribe_AnswersRequestsThenBlastsAfterTheSubscribeReply()
    {
        await using var server = LoopbackServer.Start();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.BlastUri(messages: 3, afterSubscribe: true), CancellationToken.None).WaitAsync(Timeout);

        await SendAsync(socket, """{"jsonrpc":"2.0","id":1,"method":"public/set_heartbeat","params":{"interval":10}}""");
        var heartbeat = await ReceiveJsonAsync(socket);
        await SendAsync(socket, """{"jsonrpc":"2.0","id":"two","method":"public/subscribe","params":{"channels":["book.BTC-PERPETUAL.100ms"]}}""");
        var subscribed = await ReceiveJsonAsync(socket);
        var notifications = new[] { await ReceiveJsonAsync(socket), await ReceiveJsonAsync(socket), await ReceiveJsonAsync(socket) };

        Assert.Equal(1, heartbeat.GetProperty("id").GetInt32());
        Assert.Equal("ok", heartbeat.GetProperty("result").GetString());
        Assert.Equal("two", subscribed.GetProperty("id").GetString());
        Assert.Equal(BookNotifications.Channel, subscribed.GetProperty("result")[0].GetString());
        Assert.All(notifications, n => Assert.Equal("subscription", n.GetProperty("method").GetString()));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(Timeout);
    }

    [Fact]
    public async Task Drop_SendsTheMessagesThenClosesWithoutAHandshake()
    {
        await using var server = LoopbackServer.Start();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.DropUri(messages: 2), CancellationToken.None).WaitAsync(Timeout);

        await ReceiveJsonAsync(socket);
        await ReceiveJsonAsync(socket);
        var error = await Assert.ThrowsAsync<WebSocketException>(() => ReceiveJsonAsync(socket));

        Assert.Equal(WebSocketError.ConnectionClosedPrematurely, error.WebSocketErrorCode);
    }

    private static JsonElement Data(JsonElement notification) => notification.GetProperty("params").GetProperty("data");

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).WaitAsync(Timeout);

    private static async Task<JsonElement> ReceiveJsonAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).AsTask().WaitAsync(Timeout);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        using var json = JsonDocument.Parse(buffer.AsMemory(0, length));
        return json.RootElement.Clone();
    }
}
