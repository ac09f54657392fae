namespace WebsockexAdapter.Rx;

/// <summary>
/// The transport over <see cref="System.Net.WebSockets.ClientWebSocket"/> with a pooled receive buffer. The socket
/// answers pings itself (they never appear on <c>Frames</c>) and runs the keep-alive pong timeout on its own clock.
/// The default is <see cref="Rfc6455TransportFactory"/>; choose this one to stay on the framework's WebSocket.
/// </summary>
public sealed class ClientWebSocketTransportFactory : IWebSocketTransportFactory
{
    private ClientWebSocketTransportFactory()
    {
    }

    /// <summary>The one instance.</summary>
    public static ClientWebSocketTransportFactory Instance { get; } = new();

    /// <inheritdoc />
    public IWebSocketTransport Create(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ClientWebSocketTransport(options);
    }
}
