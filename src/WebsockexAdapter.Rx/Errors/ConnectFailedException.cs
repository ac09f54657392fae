namespace WebsockexAdapter.Rx;

/// <summary>An opening handshake failed for a reason other than a timeout or an HTTP refusal (DNS, TCP, TLS...).</summary>
public sealed class ConnectFailedException : WebSocketClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="uri">The address tried.</param>
    /// <param name="innerException">The socket's error.</param>
    public ConnectFailedException(Uri uri, Exception innerException)
        : base($"Could not connect to {(uri is null ? "(no address)" : LogSafe.Endpoint(uri))}: {innerException?.Message}", innerException)
    {
    }

    private ConnectFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A TLS failure or a malformed address cannot be fixed by retrying; anything else may be.</summary>
    public override bool IsTransient => InnerException is null || TransientErrors.IsTransient(InnerException);

    /// <summary>The HTTP proxy the connection goes through could not be reached: the message names it, not the server, which was never tried.</summary>
    internal static ConnectFailedException ToProxy(Uri proxy, Exception innerException) =>
        new($"Could not connect to the proxy {LogSafe.Endpoint(proxy)}: {innerException.Message}", innerException);
}
