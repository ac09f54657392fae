using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Every log line the adapter writes (event ids 200-299), source-generated. Each line about a connection carries its
/// id; none carries a payload, a secret, a token or a signature.
/// </summary>
internal static partial class DeribitLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "[{ConnectionId}] Restoring epoch {Epoch}")]
    public static partial void Restoring(ILogger logger, string connectionId, int epoch);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "[{ConnectionId}] Restore step {Step} done")]
    public static partial void StepDone(ILogger logger, string connectionId, string step);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "[{ConnectionId}] Restore step {Step} failed: {Reason}")]
    public static partial void StepFailed(ILogger logger, string connectionId, string step, string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "[{ConnectionId}] Live (epoch {Epoch}, {Channels} channels) after {RestoreMs} ms")]
    public static partial void Live(ILogger logger, string connectionId, int epoch, int channels, double restoreMs);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "[{ConnectionId}] Reconnecting in {DelayMs} ms (retry {Attempt}) after: {Reason}")]
    public static partial void Reconnecting(ILogger logger, string connectionId, double delayMs, int attempt, string reason);

    [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "Adapter stopped for good: {Reason}")]
    public static partial void GaveUp(ILogger logger, string reason);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "[{ConnectionId}] No heartbeat for {TimeoutMs} ms; aborting the connection")]
    public static partial void HeartbeatMissed(ILogger logger, string connectionId, double timeoutMs);

    [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "[{ConnectionId}] Answering test_request failed: {Reason}")]
    public static partial void TestRequestFailed(ILogger logger, string connectionId, string reason);

    [LoggerMessage(EventId = 208, Level = LogLevel.Information, Message = "[{ConnectionId}] Access token refreshed; it expires in {ExpiresIn} s")]
    public static partial void TokenRefreshed(ILogger logger, string connectionId, long expiresIn);

    [LoggerMessage(EventId = 209, Level = LogLevel.Warning, Message = "[{ConnectionId}] Token refresh failed ({Reason}); authenticating again")]
    public static partial void TokenRefreshFailed(ILogger logger, string connectionId, string reason);

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning, Message = "[{ConnectionId}] {Method} answered 13009; authenticating again and retrying once")]
    public static partial void Reauthenticating(ILogger logger, string connectionId, string method);

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "[{ConnectionId}] {Method} answered 10028 too_many_requests; backing off")]
    public static partial void RateLimited(ILogger logger, string connectionId, string method);

    [LoggerMessage(EventId = 212, Level = LogLevel.Warning, Message = "[{ConnectionId}] Channel {Channel} refused: {Reason}")]
    public static partial void ChannelRejected(ILogger logger, string connectionId, string channel, string reason);

    [LoggerMessage(EventId = 213, Level = LogLevel.Warning, Message = "[{ConnectionId}] Subscription update failed ({Reason}); aborting the connection so the restore replays it")]
    public static partial void SyncFailed(ILogger logger, string connectionId, string reason);

    [LoggerMessage(EventId = 214, Level = LogLevel.Warning, Message = "[{ConnectionId}] Skipped a {Channel} notification that could not be decoded: {Reason}")]
    public static partial void DecodeFailed(ILogger logger, string connectionId, string channel, string reason);

    [LoggerMessage(EventId = 215, Level = LogLevel.Warning, Message = "[{ConnectionId}] A subscriber of {Channel} threw; the adapter carries on")]
    public static partial void ObserverFailed(ILogger logger, string connectionId, string channel, Exception error);

    [LoggerMessage(EventId = 216, Level = LogLevel.Information, Message = "[{ConnectionId}] Book {Channel} reset ({Reason}); resubscribing for a fresh snapshot")]
    public static partial void BookResync(ILogger logger, string connectionId, string channel, string reason);

    [LoggerMessage(EventId = 217, Level = LogLevel.Debug, Message = "Connecting to {Endpoint} (attempt {Attempt})")]
    public static partial void Connecting(ILogger logger, string endpoint, int attempt);
}
