using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using WebsockexAdapter.Rx.Benchmarks.Loopback;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;

/// <summary>
/// The bare loop that does what a careful user does with text: decode each whole message to a string straight from
/// the receive buffer, assembling it first only when it came in more than one read.
/// </summary>
internal sealed class BareStringLoop(Feed feed = Feed.Book) : Contender
{
    public override string Name => feed == Feed.Book ? "ClientWebSocket loop, string" : $"ClientWebSocket loop, string ({feed.ToString().ToLowerInvariant()} feed)";

    public override Feed Feed => feed;

    public override string Touches => "decodes each message to a string";

    public override async Task<long> ReceiveAsync(Uri server, int messages, RoundClock clock, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[ClientOptions.DefaultReceiveBufferSize];
        var pending = new ArrayBufferWriter<byte>();
        long characters = 0;
        var count = 0;
        while (count < messages)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            BareSocket.ThrowIfClosed(result.MessageType, count, messages);
            string text;
            if (result.EndOfMessage && pending.WrittenCount == 0)
            {
                text = Encoding.UTF8.GetString(buffer, 0, result.Count);
            }
            else
            {
                pending.Write(buffer.AsSpan(0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }

                text = Encoding.UTF8.GetString(pending.WrittenSpan);
                pending.ResetWrittenCount();
            }

            characters += text.Length;
            if (++count == 1)
            {
                clock.Start();
            }
        }

        clock.Stop();
        await BareSocket.CloseAsync(socket, cancellationToken).ConfigureAwait(false);
        return characters;
    }
}
