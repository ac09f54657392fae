using System.Net.WebSockets;

namespace WebsockexAdapter.Rx;

/// <summary>The server closed the connection with a close frame.</summary>
public sealed class ConnectionClosedException : WebSocketClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The close status the server sent.</param>
    /// <param name="description">The close reason the server sent.</param>
    public ConnectionClosedException(WebSocketCloseStatus status, string? description)
        : base($"The server closed the connection with {(int)status} ({status}){(string.IsNullOrEmpty(description) ? "" : ": " + description)}.")
    {
        CloseStatus = status;
        CloseDescription = description;
    }

    /// <summary>The close status the server sent.</summary>
    public WebSocketCloseStatus CloseStatus { get; }

    /// <summary>The close reason the server sent.</summary>
    public string? CloseDescription { get; }
}
