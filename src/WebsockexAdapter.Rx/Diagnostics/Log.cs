using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Every log line the client writes, source-generated so that a disabled level costs nothing. Event ids are stable:
/// dashboards and alerts may key on them. Every line about a connection carries its id; none carries a payload.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Connecting to {Uri} (attempt {Attempt})")]
    public static partial void Connecting(ILogger logger, Uri uri, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "[{ConnectionId}] Connected to {Uri}")]
    public static partial void Connected(ILogger logger, string connectionId, Uri uri);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Connection attempt {Attempt} to {Uri} failed: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, int attempt, Uri uri, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "[{ConnectionId}] Connection ended: {Reason}")]
    public static partial void ConnectionEnded(ILogger logger, string connectionId, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "[{ConnectionId}] Connection closed ({Status})")]
    public static partial void ConnectionClosed(ILogger logger, string connectionId, WebSocketCloseStatus? status);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Reconnecting in {DelayMs} ms (retry {Attempt}{CircuitNote}) after: {Reason}")]
    public static partial void Reconnecting(ILogger logger, double delayMs, int attempt, string circuitNote, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Giving up on {Uri}: {Reason}")]
    public static partial void GaveUp(ILogger logger, Uri uri, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "[{ConnectionId}] Closing with {Status}")]
    public static partial void Closing(ILogger logger, string connectionId, WebSocketCloseStatus status);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "[{ConnectionId}] Close handshake timed out after {TimeoutMs} ms; aborting")]
    public static partial void CloseTimedOut(ILogger logger, string connectionId, double timeoutMs);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "A state observer threw; the client carries on")]
    public static partial void ObserverFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "[{ConnectionId}] Keep-alive ping sent")]
    public static partial void PingSent(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "[{ConnectionId}] Close during teardown failed: {Reason}")]
    public static partial void TeardownFailed(ILogger logger, string connectionId, string reason);
}
