using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>The consumer's log lines, with stable event ids; each carries the consumer id.</summary>
internal static partial class GatewayConsumerLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "[{ConsumerId}] no answer from a gateway for {Channel}: {Reason}; asking again")]
    public static partial void NoAnswer(ILogger logger, string consumerId, string channel, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "[{ConsumerId}] skipped a message on {Subject} that does not decode: {Reason}")]
    public static partial void Undecodable(ILogger logger, string consumerId, string subject, string reason);
}
