namespace WebsockexAdapter.Rx;

/// <summary>The default transport: <see cref="System.Net.WebSockets.ClientWebSocket"/> with a pooled receive buffer.</summary>
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
