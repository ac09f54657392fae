using System.Net.WebSockets;

namespace WebsockexAdapter.Rx;

/// <summary>A client's lifecycle status and why it is there.</summary>
/// <param name="Status">The status.</param>
/// <param name="Timestamp">When it was entered, on the client's scheduler.</param>
public sealed record ConnectionState(ConnectionStatus Status, DateTimeOffset Timestamp)
{
    /// <summary>The connection concerned (the one opened, or the one that ended), when there is one.</summary>
    public string? ConnectionId { get; init; }

    /// <summary>
    /// The attempt number within the current series of failures: 1 for the first connection attempt, 2 for the first
    /// retry, and so on; it starts over after a connection that stayed healthy.
    /// </summary>
    public int Attempt { get; init; }

    /// <summary>For <see cref="ConnectionStatus.Reconnecting"/>: how long until the next attempt.</summary>
    public TimeSpan? NextAttemptIn { get; init; }

    /// <summary>The error that caused this state, if any.</summary>
    public Exception? Error { get; init; }

    /// <summary>The close status the server sent, when the cause was a close frame.</summary>
    public WebSocketCloseStatus? CloseStatus => (Error as ConnectionClosedException)?.CloseStatus;

    /// <summary>A one-line reason for logs and dashboards.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>The status and reason, for logs.</summary>
    public override string ToString() => string.IsNullOrEmpty(Reason) ? Status.ToString() : $"{Status}: {Reason}";
}
