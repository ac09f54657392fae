using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.JsonRpc;

/// <summary>The JSON-RPC layer's log lines (event ids 100-199). None carries a payload: payloads may hold secrets.</summary>
internal static partial class JsonRpcLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "[{ConnectionId}] Skipped a message: {Problem}")]
    public static partial void Skipped(ILogger logger, string connectionId, string problem);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "[{ConnectionId}] Dropped a reply to id {Id}, which no pending call has (timed out or cancelled)")]
    public static partial void UnknownReply(ILogger logger, string connectionId, long id);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "[{ConnectionId}] {Method} (id {Id}) timed out after {TimeoutMs} ms")]
    public static partial void TimedOut(ILogger logger, string connectionId, string method, long id, double timeoutMs);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "[{ConnectionId}] Connection ended with {Count} calls pending; failing them")]
    public static partial void FailingPending(ILogger logger, string connectionId, int count);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "[{ConnectionId}] A notification observer threw; the session carries on")]
    public static partial void ObserverFailed(ILogger logger, string connectionId, Exception error);
}
