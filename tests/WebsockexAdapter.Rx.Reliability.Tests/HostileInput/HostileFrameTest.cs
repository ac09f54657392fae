using System.Buffers.Binary;
using System.Collections.Concurrent;
using WebsockexAdapter.Rx.Reliability.Tests.Support;

namespace WebsockexAdapter.Rx.Reliability.Tests.HostileInput;

/// <summary>
/// Frames the socket itself must refuse, written by hand on a raw TCP server: each ends the connection with a typed
/// error, the frame before it is delivered, and the client reconnects (policy: docs/hostile-input.md).
/// </summary>
public sealed class HostileFrameTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static TheoryData<string, int> ProtocolViolations => new()
    {
        { "invalid UTF-8 in a text frame", 1007 },
        { "a close frame with code 999", 1002 },
        { "a close frame with reserved code 1005", 1002 },
        { "a close frame with code 5000", 1002 },
        { "a fragmented ping", 1002 },
        { "a ping of 200 bytes", 1002 },
        { "an unknown opcode", 1002 },
        { "reserved bits set", 1002 },
    };

    [Theory]
    [MemberData(nameof(ProtocolViolations))]
    public async Task AFrameTheProtocolForbids_EndsTheConnectionWithAProtocolViolation_AfterDeliveringWhatCameBefore(string bad, int expectedClose)
    {
        var closes = new ConcurrentQueue<int>();
        var closeRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawWebSocketServer.Start(async peer =>
        {
            await peer.UpgradeAsync();
            await peer.SendTextAsync($"before {peer.Number}");
            if (peer.Number == 1)
            {
                await SendAsync(peer, bad);
                closes.Enqueue(CloseCode(await peer.ReadUntilCloseAsync()));
                closeRead.TrySetResult();
            }

            await peer.WaitForHangUpAsync();
        });
        using var client = new RecordingClient(server.Uri);

        // The client retries at once after a connection that was up, so the second connection's first frame can
        // arrive before the first connection's server side has read the close: wait for both.
        await Task.WhenAll(client.WaitForFrameAsync("before 2", Timeout), closeRead.Task).WaitAsync(Timeout);

        Assert.Equal(["before 1", "before 2"], client.Frames);
        var error = Assert.Single(client.Errors);
        Assert.IsType<ProtocolViolationException>(error);
        Assert.True(error.Message.Length > 0 && error is WebSocketClientException { IsTransient: true });
        Assert.Equal([expectedClose], closes);
        Assert.Equal(0, server.ScriptFailures);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public async Task AMessageOverTheSizeLimit_EndsTheConnectionWithMessageTooLarge_AndTheClientReconnects(int fragments)
    {
        await using var server = RawWebSocketServer.Start(async peer =>
        {
            await peer.UpgradeAsync();
            await peer.SendTextAsync($"before {peer.Number}");
            if (peer.Number == 1)
            {
                var part = new byte[100_000 / fragments];
                for (var i = 0; i < fragments; i++)
                {
                    await peer.SendFrameAsync(i == 0 ? RawPeer.Text : RawPeer.Continuation, part, fin: i == fragments - 1);
                }
            }

            await peer.WaitForHangUpAsync();
        });
        using var client = new RecordingClient(server.Uri);

        await client.WaitForFrameAsync("before 2", Timeout);

        Assert.Equal(["before 1", "before 2"], client.Frames);
        var tooLarge = Assert.IsType<MessageTooLargeException>(Assert.Single(client.Errors));
        Assert.Equal(64 * 1024, tooLarge.Limit);
    }

    [Fact]
    public async Task AMessageJustUnderTheLimit_InManyFragments_IsDeliveredWhole()
    {
        var text = new string('x', 64 * 1024 - 10);
        await using var server = RawWebSocketServer.Start(async peer =>
        {
            await peer.UpgradeAsync();
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            for (var offset = 0; offset < bytes.Length; offset += 1000)
            {
                var last = offset + 1000 >= bytes.Length;
                await peer.SendFrameAsync(offset == 0 ? RawPeer.Text : RawPeer.Continuation, bytes.AsMemory(offset, Math.Min(1000, bytes.Length - offset)), fin: last);
                if (offset == 5000)
                {
                    // A control frame may come between the fragments of a message.
                    await peer.SendFrameAsync(RawPeer.Ping, new byte[] { 1, 2 });
                }
            }

            await peer.SendTextAsync("after");
            await peer.WaitForHangUpAsync();
        });
        using var client = new RecordingClient(server.Uri);

        await client.WaitForFrameAsync("after", Timeout);

        // The default transport leaves the ping to the client, which answers it and surfaces it before the message it
        // came in the middle of.
        Assert.Equal(["Ping(2 bytes)", text, "after"], client.Frames);
        Assert.Empty(client.Errors);
    }

    private static Task SendAsync(RawPeer peer, string bad) => bad switch
    {
        "invalid UTF-8 in a text frame" => peer.SendFrameAsync(RawPeer.Text, new byte[] { 0x7B, 0xC3, 0x28, 0x7D }),
        "a close frame with code 999" => peer.SendCloseAsync(999),
        "a close frame with reserved code 1005" => peer.SendCloseAsync(1005),
        "a close frame with code 5000" => peer.SendCloseAsync(5000),
        "a fragmented ping" => peer.SendFrameAsync(RawPeer.Ping, new byte[] { 1 }, fin: false),
        "a ping of 200 bytes" => peer.SendFrameAsync(RawPeer.Ping, new byte[200]),
        "an unknown opcode" => peer.WriteRawAsync(new byte[] { 0x83, 0x01, 0x41 }),
        "reserved bits set" => peer.WriteRawAsync(new byte[] { 0xC1, 0x01, 0x41 }),
        _ => throw new ArgumentOutOfRangeException(nameof(bad), bad, null),
    };

    private static int CloseCode(List<(byte Opcode, byte[] Payload)> messages) =>
        messages.LastOrDefault() is { Opcode: RawPeer.Close, Payload.Length: >= 2 } close ? BinaryPrimitives.ReadUInt16BigEndian(close.Payload) : 0;
}
