using System.Text.Json;
using WebsockexAdapter.Rx.JsonRpc;
using WebsockexAdapter.Rx.Tests.Client;
using WebsockexAdapter.Rx.Tests.Transport.Rfc6455;

namespace WebsockexAdapter.Rx.Tests.JsonRpc;

/// <summary>
/// A session reads its connection's messages as lent views: a channel message its sink decodes from the bytes costs
/// no copy, and what it hands out to be kept (a channel's data element, a notification's params) has bytes of its own,
/// intact while the receive buffer is reused under it.
/// </summary>
public sealed class JsonRpcSessionViewsTest
{
    private const int FewFrames = 200;
    private const int ManyFrames = 4_200;

    [Fact]
    public async Task AChannelMessageTheSinkTakes_CostsNoAllocation()
    {
        await ReceiveAsync(FewFrames); // the first run pays for what is made once

        var perFrame = (await ReceiveAsync(ManyFrames) - await ReceiveAsync(FewFrames)) / (double)(ManyFrames - FewFrames);

        Assert.True(perFrame < 16, $"{perFrame:F1} B per channel message");
    }

    [Fact]
    public async Task AChannelElementTheSinkDeclined_StaysIntact_WhenTheBufferIsReusedUnderIt()
    {
        using var server = await LendingConnection.OpenAsync();
        var sink = new Sink(take: false);
        using var session = new JsonRpcSession(server.Connection, channels: sink);
        var first = ConnectionViewsTest.Change(1);

        WriteThenHalfOfAnother(server, first);

        var data = Assert.Single(sink.Kept);
        Assert.Equal(1, data.GetProperty("change_id").GetInt32());
        Assert.Equal(JsonDocument.Parse(first).RootElement.GetProperty("params").GetProperty("data").GetRawText(), data.GetRawText());
    }

    [Fact]
    public async Task ANotificationsParams_StayIntact_WhenTheBufferIsReusedUnderIt()
    {
        using var server = await LendingConnection.OpenAsync();
        using var session = new JsonRpcSession(server.Connection);
        var kept = new List<JsonRpcNotification>();
        using var notifications = session.Notifications.Subscribe(kept.Add);
        var first = ConnectionViewsTest.Change(1);

        WriteThenHalfOfAnother(server, first);

        Assert.Equal(JsonDocument.Parse(first).RootElement.GetProperty("params").GetRawText(), Assert.Single(kept).Params.GetRawText());
    }

    /// <summary>
    /// <paramref name="message"/>, then half of another message: after the first, the receive loop moves the half to the
    /// front of its buffer, over the first message's bytes, and waits for the rest.
    /// </summary>
    private static void WriteThenHalfOfAnother(LendingConnection server, byte[] message)
    {
        var other = ServerWire.Frame(ServerWire.Text, ConnectionViewsTest.Other(message.Length));
        server.Write([.. ServerWire.Frame(ServerWire.Text, message), .. other.AsSpan(0, other.Length / 2)]);
        server.Start();
    }

    /// <summary>Receives <paramref name="count"/> book changes through a session whose sink takes them; returns what that allocated.</summary>
    private static async Task<long> ReceiveAsync(int count)
    {
        using var server = await LendingConnection.OpenAsync();
        var sink = new Sink(take: true);
        using var session = new JsonRpcSession(server.Connection, channels: sink);
        var wire = new MemoryStream();
        for (var i = 1; i <= count; i++)
        {
            wire.Write(ServerWire.Frame(ServerWire.Text, ConnectionViewsTest.Change(i)));
        }

        server.Write(wire.ToArray());
        var allocated = server.Start();

        Assert.Equal(count, sink.Taken);
        Assert.Equal(0, session.SkippedMessages);
        return allocated;
    }

    private sealed class Sink(bool take) : IChannelSink
    {
        public int Taken { get; private set; }

        public List<JsonElement> Kept { get; } = [];

        public bool TryTakeChannelMessage(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> data)
        {
            if (take && channel.SequenceEqual("book.BTC-PERPETUAL.100ms"u8) && data[0] == (byte)'{')
            {
                Taken++;
            }

            return take;
        }

        public void OnChannelMessage(ReadOnlySpan<byte> channel, JsonElement data) => Kept.Add(data);
    }
}
