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

    /// <summary>A TLS failure or a malformed address cannot be fixed by retrying; anything else may be.</summary>
    public override bool IsTransient => InnerException is null || TransientErrors.IsTransient(InnerException);
}
