using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.Simulator;

/// <summary>Every line the simulator logs, source-generated; each line about a connection carries its id.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Simulator listening on {Uri}")]
    public static partial void Started(ILogger logger, Uri uri);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "[{ConnectionId}] Connection opened")]
    public static partial void ConnectionOpened(ILogger logger, int connectionId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "[{ConnectionId}] Connection closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, int connectionId, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "[{ConnectionId}] Handler for {Method} failed")]
    public static partial void HandlerFailed(ILogger logger, int connectionId, string method, Exception error);

    [LoggerMessage(EventId = 5, Level = LogLevel.Trace, Message = "[{ConnectionId}] Writer ended")]
    public static partial void WriterEnded(ILogger logger, int connectionId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "[{ConnectionId}] Connection failed")]
    public static partial void ConnectionFailed(ILogger logger, int connectionId, Exception error);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Fault injected: {Fault}")]
    public static partial void FaultInjected(ILogger logger, string fault);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "[{ConnectionId}] Ignored unknown channel {Channel}")]
    public static partial void UnknownChannel(ILogger logger, int connectionId, string channel);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "[{ConnectionId}] Stream for {Channel} failed")]
    public static partial void StreamFailed(ILogger logger, int connectionId, string channel, Exception error);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "A MethodCalled handler threw; the connection carries on")]
    public static partial void CallbackFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "[{ConnectionId}] Background {Work} failed; the connection carries on")]
    public static partial void BackgroundFailed(ILogger logger, int connectionId, string work, Exception error);
}
