using System.Net;

namespace WebsockexAdapter.Rx;

/// <summary>The server answered the opening handshake with an HTTP status other than 101.</summary>
public sealed class HandshakeRejectedException : WebSocketClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status the server answered with.</param>
    /// <param name="innerException">The socket error.</param>
    public HandshakeRejectedException(HttpStatusCode statusCode, Exception? innerException = null)
        : base($"The server refused the WebSocket upgrade with HTTP {(int)statusCode} ({statusCode}).", innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the server answered with.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>401, 403, 404 and other 4xx answers (except 408 and 429) cannot be fixed by trying again.</summary>
    public override bool IsTransient => IsTransientStatus(StatusCode);

    /// <summary>The rule above, shared with <see cref="ProxyRejectedException"/>.</summary>
    internal static bool IsTransientStatus(HttpStatusCode status) =>
        (int)status is < 400 or >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
