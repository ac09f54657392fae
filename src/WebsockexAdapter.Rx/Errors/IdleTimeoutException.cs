namespace WebsockexAdapter.Rx;

/// <summary>No frame at all arrived within <see cref="ClientOptions.IdleTimeout"/>.</summary>
public sealed class IdleTimeoutException : WebSocketClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="timeout">The idle limit that passed.</param>
    public IdleTimeoutException(TimeSpan timeout)
        : base($"No frame arrived for {timeout.TotalSeconds:0.###} s; the connection is considered dead.")
    {
        Timeout = timeout;
    }

    /// <summary>The idle limit that passed.</summary>
    public TimeSpan Timeout { get; }
}
