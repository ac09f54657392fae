namespace WebsockexAdapter.Rx.Gateway;

/// <summary>A consumer's request for a channel (subscribe) or its release of it (unsubscribe).</summary>
/// <param name="ConsumerId">The consumer, unique per process.</param>
/// <param name="Channel">The channel, e.g. <c>book.BTC-PERPETUAL.100ms</c>.</param>
internal sealed record DemandRequest(string ConsumerId, string Channel);
