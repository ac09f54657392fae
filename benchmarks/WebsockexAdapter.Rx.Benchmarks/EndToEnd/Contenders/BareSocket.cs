using System.Net.WebSockets;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;

/// <summary>What the two bare <see cref="ClientWebSocket"/> loops share.</summary>
internal static class BareSocket
{
    public static void ThrowIfClosed(WebSocketMessageType type, int received, int messages)
    {
        if (type == WebSocketMessageType.Close)
        {
            throw new InvalidOperationException($"The server closed after {received} of {messages} messages.");
        }
    }

    public static Task CloseAsync(ClientWebSocket socket, CancellationToken cancellationToken) =>
        socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cancellationToken);
}
