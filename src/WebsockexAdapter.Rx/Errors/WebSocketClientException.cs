namespace WebsockexAdapter.Rx;

/// <summary>The base of every error this library raises about a connection.</summary>
public class WebSocketClientException : Exception
{
    private string? _connectionId;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public WebSocketClientException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public WebSocketClientException()
        : this("The WebSocket connection failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public WebSocketClientException(string message)
        : this(message, null)
    {
    }

    /// <summary>The correlation id of the connection concerned, when there was one.</summary>
    public string? ConnectionId { get => _connectionId; init => _connectionId = value; }

    /// <summary>
    /// Whether trying again can help. <see langword="false"/> for errors such as a refused upgrade (401/403) or a bad
    /// URL: the default retry policy stops on them.
    /// </summary>
    public virtual bool IsTransient => true;

    /// <summary>Names the connection for an error raised where its id is not known (a transport's), once.</summary>
    internal void NameConnection(string id) => _connectionId ??= id;
}
