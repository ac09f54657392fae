namespace WebsockexAdapter.Rx;

/// <summary>
/// A send found no open connection. Nothing is queued for later: a stale order replayed into a new connection is
/// worse than a failed send the caller can see.
/// </summary>
public sealed class NotConnectedException : WebSocketClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why there is no connection.</param>
    public NotConnectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the default message.</summary>
    public NotConnectedException()
        : base("No connection is open; the message was not sent.")
    {
    }
}
