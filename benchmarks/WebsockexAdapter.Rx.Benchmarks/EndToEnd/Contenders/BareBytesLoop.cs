using System.Net.WebSockets;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;

/// <summary>The floor of the cost: <see cref="ClientWebSocket"/> read into one buffer, counting bytes and messages.</summary>
internal sealed class BareBytesLoop : Contender
{
    public override string Name => "ClientWebSocket loop, bytes";

    public override string Touches => "counts payload bytes";

    public override async Task<long> ReceiveAsync(Uri server, int messages, RoundClock clock, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[ClientOptions.DefaultReceiveBufferSize];
        long bytes = 0;
        var count = 0;
        while (count < messages)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            BareSocket.ThrowIfClosed(result.MessageType, count, messages);
            bytes += result.Count;
            if (result.EndOfMessage && ++count == 1)
            {
                clock.Start();
            }
        }

        clock.Stop();
        await BareSocket.CloseAsync(socket, cancellationToken).ConfigureAwait(false);
        return bytes;
    }
}
