namespace WebsockexAdapter.Rx;

/// <summary>The connection broke without a closing handshake (reset, end of stream, network failure).</summary>
public sealed class ConnectionLostException : WebSocketClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was seen.</param>
    /// <param name="innerException">The socket error, if any.</param>
    public ConnectionLostException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
