using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Every log line the client writes, source-generated so that a disabled level costs nothing. Event ids are stable:
/// dashboards and alerts may key on them. Every line about a connection or an attempt carries its id (the client's
/// own lines carry the client id); none carries a payload, and addresses are logged without user info or query.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "[{ConnectionId}] Connecting to {Endpoint} (attempt {Attempt})")]
    public static partial void Connecting(ILogger logger, string connectionId, string endpoint, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "[{ConnectionId}] Connected to {Endpoint}")]
    public static partial void Connected(ILogger logger, string connectionId, string endpoint);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "[{ConnectionId}] Connection attempt {Attempt} to {Endpoint} failed: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, string connectionId, int attempt, string endpoint, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "[{ConnectionId}] Connection ended: {Reason}")]
    public static partial void ConnectionEnded(ILogger logger, string connectionId, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "[{ConnectionId}] Connection closed {How}")]
    public static partial void ConnectionClosed(ILogger logger, string connectionId, string how);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "[{ConnectionId}] Reconnecting in {DelayMs} ms (retry {Attempt}{CircuitNote}) after: {Reason}")]
    public static partial void Reconnecting(ILogger logger, string? connectionId, double delayMs, int attempt, string circuitNote, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "[{ConnectionId}] Giving up on {Endpoint}: {Reason}")]
    public static partial void GaveUp(ILogger logger, string? connectionId, string endpoint, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "[{ConnectionId}] Closing with {Status}")]
    public static partial void Closing(ILogger logger, string connectionId, WebSocketCloseStatus status);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "[{ConnectionId}] Close handshake timed out after {TimeoutMs} ms; aborting")]
    public static partial void CloseTimedOut(ILogger logger, string connectionId, double timeoutMs);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "[{ConnectionId}] An observer of {Stream} threw; it is cut off (it gets nothing more), and the connection and every other observer carry on")]
    public static partial void ObserverFailed(ILogger logger, string connectionId, string stream, Exception error);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "[{ConnectionId}] Keep-alive ping sent")]
    public static partial void PingSent(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "[{ConnectionId}] Close during teardown failed: {Reason}")]
    public static partial void TeardownFailed(ILogger logger, string connectionId, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "[{ConnectionId}] The subscriber of {Stream} fell {Capacity} elements ({LagMs} ms) behind: it is ended with SlowConsumerException; its source is kept {GraceSeconds} s for a new subscriber, and the connection carries on")]
    public static partial void SlowConsumer(ILogger logger, string connectionId, string stream, int capacity, double lagMs, double graceSeconds);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "[{ConnectionId}] The subscriber of {Stream} is slow: it was handed an element {LagMs} ms after it arrived ({Waiting} waiting; policy: {Policy})")]
    public static partial void SlowSubscriber(ILogger logger, string connectionId, string stream, double lagMs, int waiting, string policy);
}
