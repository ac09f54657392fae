namespace WebsockexAdapter.Rx.WebsocketClient;

/// <summary>
/// Opens each connection with Websocket.Client, for applications that already use it. Its own reconnection, its
/// no-message and error timers are switched off: the <see cref="WebSocketClient"/>'s retry operator decides when to
/// reconnect, on its scheduler, and every attempt gets a new Websocket.Client instance.
/// </summary>
/// <remarks>
/// Websocket.Client decodes text messages to strings and buffers each message whole before handing it on, so this
/// transport allocates more per message than the default one; <see cref="ClientOptions.MaxMessageSize"/> is still
/// enforced while a message is being read, so an oversized message is never buffered whole. The underlying
/// <see cref="System.Net.WebSockets.ClientWebSocket"/> answers pings and enforces the keep-alive pong timeout itself.
/// </remarks>
public sealed class WebsocketClientTransportFactory : IWebSocketTransportFactory
{
    private WebsocketClientTransportFactory()
    {
    }

    /// <summary>The one instance.</summary>
    public static WebsocketClientTransportFactory Instance { get; } = new();

    /// <inheritdoc />
    public IWebSocketTransport Create(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new WebsocketClientTransport(options);
    }
}
