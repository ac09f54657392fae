using System.Net.WebSockets;
using Websocket.Client;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;

/// <summary>What a user would pick instead: Websocket.Client 5.5.1's <c>MessageReceived</c>, reconnection off.</summary>
internal sealed class WebsocketClientMessages : Contender
{
    public override string Name => "Websocket.Client 5.5.1 MessageReceived";

    public override string Touches => "ResponseMessage.Text (its own string decode)";

    public override async Task<long> ReceiveAsync(Uri server, int messages, RoundClock clock, CancellationToken cancellationToken)
    {
        using var client = new WebsocketClient(server)
        {
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
            ErrorReconnectTimeout = null,
        };
        var counter = new MessageCounter(messages, clock);
        using var received = client.MessageReceived.Subscribe(message => counter.Add(message.Text?.Length ?? 0));
        using var lost = client.DisconnectionHappened.Subscribe(_ => counter.Complete());
        await client.StartOrFail().ConfigureAwait(false);
        var checksum = await counter.Done.WaitAsync(cancellationToken).ConfigureAwait(false);
        await client.Stop(WebSocketCloseStatus.NormalClosure, "done").ConfigureAwait(false);
        return checksum;
    }
}
