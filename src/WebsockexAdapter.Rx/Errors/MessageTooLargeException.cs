namespace WebsockexAdapter.Rx;

/// <summary>A message grew past <see cref="ClientOptions.MaxMessageSize"/>; it was not buffered further.</summary>
public sealed class MessageTooLargeException : WebSocketClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="receivedBytes">How many bytes had arrived when the limit was crossed.</param>
    /// <param name="limit">The limit.</param>
    public MessageTooLargeException(long receivedBytes, long limit)
        : base($"A message of at least {receivedBytes} bytes exceeds the limit of {limit} bytes.")
    {
        ReceivedBytes = receivedBytes;
        Limit = limit;
    }

    /// <summary>How many bytes had arrived when the limit was crossed.</summary>
    public long ReceivedBytes { get; }

    /// <summary>The limit.</summary>
    public long Limit { get; }
}
