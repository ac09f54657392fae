namespace WebsockexAdapter.Rx;

/// <summary>Creates one new, unconnected socket for each connection attempt. A socket is never reused.</summary>
public interface IWebSocketTransportFactory
{
    /// <summary>Creates a socket configured from <paramref name="options"/> (headers, sub-protocols, keep-alive, limits).</summary>
    /// <param name="options">The client's validated options.</param>
    IWebSocketTransport Create(ClientOptions options);
}
