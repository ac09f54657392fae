namespace WebsockexAdapter.Rx;

/// <summary>After a keep-alive ping, neither its pong nor any other frame arrived for <see cref="KeepAliveOptions.PongTimeout"/>.</summary>
public sealed class KeepAliveTimeoutException : WebSocketClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="timeout">The pong timeout that passed.</param>
    /// <param name="innerException">The socket's own error, when the socket enforced the timeout.</param>
    public KeepAliveTimeoutException(TimeSpan timeout, Exception? innerException = null)
        : base($"Neither a pong nor any other frame arrived for {timeout.TotalSeconds:0.###} s after a keep-alive ping; the connection is dead.", innerException)
    {
        Timeout = timeout;
    }

    /// <summary>The pong timeout that passed.</summary>
    public TimeSpan Timeout { get; }
}
