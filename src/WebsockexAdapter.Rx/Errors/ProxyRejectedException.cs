using System.Net;

namespace WebsockexAdapter.Rx;

/// <summary>
/// The HTTP proxy answered the CONNECT that opens the tunnel to the server with a status other than 2xx: 407 when it
/// wants credentials it did not get (or refused those given), 403 when its policy forbids the host, 502/503/504 when
/// it could not reach the server.
/// </summary>
public sealed class ProxyRejectedException : WebSocketClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status the proxy answered with.</param>
    /// <param name="proxy">The proxy's address (only its scheme, host and port are quoted: never its user information).</param>
    public ProxyRejectedException(HttpStatusCode statusCode, Uri proxy)
        : base($"The proxy {(proxy is null ? "(no address)" : LogSafe.Endpoint(proxy))} refused to open a tunnel with HTTP {(int)statusCode} ({statusCode}).")
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the proxy answered with.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>
    /// The rule of <see cref="HandshakeRejectedException"/>: 407, 403 and other 4xx answers (except 408 and 429) cannot be
    /// fixed by trying again; 5xx answers (502, 503, 504: the proxy could not reach the server) can.
    /// </summary>
    public override bool IsTransient => HandshakeRejectedException.IsTransientStatus(StatusCode);
}
