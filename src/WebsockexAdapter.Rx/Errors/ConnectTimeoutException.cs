namespace WebsockexAdapter.Rx;

/// <summary>The opening handshake did not finish within <see cref="ClientOptions.ConnectTimeout"/>.</summary>
public sealed class ConnectTimeoutException : WebSocketClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="timeout">The limit that passed.</param>
    public ConnectTimeoutException(TimeSpan timeout)
        : base($"The connection was not established within {timeout.TotalSeconds:0.###} s.")
    {
        Timeout = timeout;
    }

    /// <summary>The limit that passed.</summary>
    public TimeSpan Timeout { get; }
}
