using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>The gateway's log lines, with stable event ids; each carries the gateway id.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "[{GatewayId}] connected to NATS at {Url}, subjects under {Prefix}")]
    public static partial void Started(ILogger logger, string gatewayId, string url, string prefix);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "[{GatewayId}] channel {Channel} wanted: subscribing at the exchange")]
    public static partial void ChannelStarted(ILogger logger, string gatewayId, string channel);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "[{GatewayId}] channel {Channel} no longer wanted: unsubscribing at the exchange")]
    public static partial void ChannelStopped(ILogger logger, string gatewayId, string channel);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "[{GatewayId}] channel {Channel} fell behind the adapter ({Reason}): resubscribed as {Source}; its consumers resynchronise")]
    public static partial void FeedRestarted(ILogger logger, string gatewayId, string channel, string reason, string source);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "[{GatewayId}] is now {Role}")]
    public static partial void RoleChanged(ILogger logger, string gatewayId, GatewayRole role);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "[{GatewayId}] could not reach the leader key: {Reason}")]
    public static partial void ElectionFailed(ILogger logger, string gatewayId, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "[{GatewayId}] refused a request on {Subject}: {Reason}")]
    public static partial void BadRequest(ILogger logger, string gatewayId, string subject, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "[{GatewayId}] a control loop on {Subject} failed and restarts: {Reason}")]
    public static partial void LoopFailed(ILogger logger, string gatewayId, string subject, string reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "[{GatewayId}] a publish failed unexpectedly after the publishing run it started in had ended; a later run carries on")]
    public static partial void PublishFailedAfterItsRun(ILogger logger, string gatewayId, Exception error);
}
