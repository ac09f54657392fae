using System.Collections.Concurrent;
using System.Text;
using WebsockexAdapter.Rx.Reliability.Tests.Support;

namespace WebsockexAdapter.Rx.Reliability.Tests.SendSafety;

/// <summary>
/// Many threads sending large messages on one real socket: the server reassembles every message and checks it byte
/// by byte, so one interleaved frame (two messages' fragments mixed) would fail the check.
/// </summary>
public sealed class ConcurrentSendTest
{
    private const int Senders = 8;
    private const int MessagesEach = 12;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ConcurrentSendersOfLargeMessages_NeverInterleaveAFrame()
    {
        var received = new ConcurrentQueue<(byte Opcode, byte[] Payload)>();
        var done = new TaskCompletionSource();
        await using var server = RawWebSocketServer.Start(async peer =>
        {
            await peer.UpgradeAsync();
            foreach (var message in await peer.ReadUntilCloseAsync())
            {
                received.Enqueue(message);
            }

            done.TrySetResult();
            await peer.SendCloseAsync(1000);
        });
        using var client = new WebSocketClient(server.Uri, new ClientOptions { ReconnectOnError = false });
        using var connected = new Connected(client);
        var connection = await connected.First(Timeout);

        var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            for (var seq = 0; seq < MessagesEach; seq++)
            {
                var message = Message(sender, seq);
                await connection.SendAsync(sender % 2 == 0 ? Frame.FromUtf8(message) : Frame.FromBinary(message));
            }
        })).ToArray();
        await Task.WhenAll(senders).WaitAsync(Timeout);
        await connection.CloseAsync().WaitAsync(Timeout);
        await done.Task.WaitAsync(Timeout);

        var messages = received.Where(m => m.Opcode != RawPeer.Close).ToList();
        Assert.Equal(Senders * MessagesEach, messages.Count);
        var bySender = messages.Select(m => (m.Opcode, Header: Parse(m.Payload), m.Payload)).ToList();
        foreach (var (opcode, (sender, seq), payload) in bySender)
        {
            Assert.Equal(sender % 2 == 0 ? RawPeer.Text : RawPeer.Binary, opcode);
            Assert.True(payload.AsSpan().SequenceEqual(Message(sender, seq)), $"message {sender}/{seq} arrived mixed with another");
        }

        // Each sender awaited its sends one by one, so its messages arrive in its order.
        foreach (var group in bySender.GroupBy(m => m.Header.Sender))
        {
            Assert.Equal(Enumerable.Range(0, MessagesEach), group.Select(m => m.Header.Seq));
        }
    }

    /// <summary>"sender/seq:" then 64-192 KiB of bytes that depend on both, so any mix-up shows.</summary>
    private static byte[] Message(int sender, int seq)
    {
        var header = Encoding.ASCII.GetBytes($"{sender}/{seq}:");
        var message = new byte[header.Length + (64 * 1024) + (((sender * 7) + seq) % 5 * 32 * 1024)];
        header.CopyTo(message, 0);
        for (var i = header.Length; i < message.Length; i++)
        {
            message[i] = (byte)('a' + ((sender * 31) + seq + i) % 26);
        }

        return message;
    }

    private static (int Sender, int Seq) Parse(byte[] payload)
    {
        var text = Encoding.ASCII.GetString(payload, 0, Math.Min(16, payload.Length));
        var parts = text[..text.IndexOf(':', StringComparison.Ordinal)].Split('/');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
