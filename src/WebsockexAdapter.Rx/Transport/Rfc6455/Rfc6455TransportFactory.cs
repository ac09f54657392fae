namespace WebsockexAdapter.Rx;

/// <summary>
/// The default transport: the library's own RFC 6455 client over a TCP socket (and TLS for wss://). It does not
/// answer pings or keep the connection alive by itself, so the client does both on its scheduler: a server's ping is
/// answered and also appears on <c>Frames</c>, and the keep-alive pong timeout is testable on virtual time. Each
/// socket read takes everything that has arrived (64 KiB at least), and each message's payload is copied once, into
/// the array its frame owns. No extension (permessage-deflate) is offered. It goes through the HTTP proxy of
/// <see cref="ClientOptions.Proxy"/> (by default <see cref="HttpClient.DefaultProxy"/>) with a CONNECT tunnel.
/// </summary>
public sealed class Rfc6455TransportFactory : IWebSocketTransportFactory
{
    private Rfc6455TransportFactory()
    {
    }

    /// <summary>The one instance.</summary>
    public static Rfc6455TransportFactory Instance { get; } = new();

    /// <inheritdoc />
    public IWebSocketTransport Create(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Rfc6455Transport(options);
    }
}
