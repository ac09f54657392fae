namespace WebsockexAdapter.Rx;

/// <summary>A message grew past <see cref="ClientOptions.MaxMessageSize"/>; it was not buffered further.</summary>
public sealed class MessageTooLargeException : WebSocketClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="receivedBytes">How large the message was known to be when the limit was crossed.</param>
    /// <param name="limit">The limit.</param>
    public MessageTooLargeException(long receivedBytes, long limit)
        : base($"A message of at least {receivedBytes} bytes exceeds the limit of {limit} bytes.")
    {
        ReceivedBytes = receivedBytes;
        Limit = limit;
    }

    /// <summary>
    /// How large the message was known to be when the limit was crossed: the bytes received so far, or, for a
    /// transport that reads frame headers (the RFC 6455 one), the size the headers announced, refused before any of
    /// the payload that crosses the limit was buffered.
    /// </summary>
    public long ReceivedBytes { get; }

    /// <summary>The limit.</summary>
    public long Limit { get; }
}
